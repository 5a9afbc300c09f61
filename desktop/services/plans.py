"""The plans a unit holds: the one its home was built from (shipped with the program) and those the office
sent in its answers. Which one is current: the plan whose years hold today, else the newest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from desktop.domain.catalog_check import version_key
from desktop.store import Store
from desktop.store.catalogs import UnitCatalogs


@dataclass(frozen=True)
class HeldPlan:
    id: str
    version: str  # the latest version held
    title: str
    start_year: int
    end_year: int
    versions: tuple[str, ...]
    received_at: str | None  # None: the plan the home was built from
    current: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "years": [self.start_year, self.end_year],
            "current": self.current,
            "versions": list(self.versions),
            "received_at": self.received_at,
        }


class _Years(Protocol):
    @property
    def start_year(self) -> int: ...
    @property
    def end_year(self) -> int: ...


Plan = TypeVar("Plan", bound=_Years)


def current_plan(plans: Sequence[Plan], year: int) -> Plan | None:
    """The plan shown when none is chosen, at a unit and at the office: of `plans` (oldest first) the last one
    whose years hold `year`, else the newest."""
    running = [p for p in plans if p.start_year <= year <= p.end_year]
    return (running or list(plans))[-1] if plans else None


def held_plans(store: Store) -> list[HeldPlan]:
    catalogs = UnitCatalogs(store.database, store.audit)
    rows: list[tuple[str, str, str, int, int, str | None]] = [
        (str(r["id"]), str(r["version"]), str(r["title"]), int(r["start_year"]), int(r["end_year"]), None)
        for r in catalogs.built_from()
    ]
    rows += [(c.id, c.version, c.title, c.start_year, c.end_year, c.received_at) for c in catalogs.received()]
    by_id: dict[str, list[tuple[str, str, str, int, int, str | None]]] = {}
    for row in rows:
        by_id.setdefault(row[0], []).append(row)
    plans = []
    for cid, versions in by_id.items():
        versions.sort(key=lambda r: version_key(r[1]))
        _id, version, title, start, end, received = versions[-1]
        plans.append(HeldPlan(cid, version, title, start, end, tuple(v[1] for v in versions), received))
    plans.sort(key=lambda p: (p.start_year, p.id))
    chosen = current_plan(plans, int(store.database.now()[:4]))
    return [
        HeldPlan(p.id, p.version, p.title, p.start_year, p.end_year, p.versions, p.received_at, p is chosen)
        for p in plans
    ]
