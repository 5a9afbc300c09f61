"""The plans a unit holds: the one its home was built from (shipped with the program) and those the office
sent in its answers. Which one is current: the plan whose years hold today, else the newest; `plan_for` is the
one rule for which plan a command, report or page shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from desktop.domain.catalog_check import version_key
from desktop.domain.errors import InputError
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
    """Every plan the home holds, oldest plan first; `current` marks the plan whose years hold today (by the
    store's clock), else the newest."""
    catalogs = UnitCatalogs(store.database, store.audit)
    received = {(c.id, c.version): c.received_at for c in catalogs.received()}
    rows: list[tuple[str, str, str, int, int]] = [
        (str(r["id"]), str(r["version"]), str(r["title"]), int(r["start_year"]), int(r["end_year"]))
        for r in catalogs.built_from()
    ]
    rows += [(c.id, c.version, c.title, c.start_year, c.end_year) for c in catalogs.received()]
    by_id: dict[str, dict[str, tuple[str, str, str, int, int]]] = {}
    for row in rows:
        by_id.setdefault(row[0], {})[row[1]] = row
    plans = []
    for cid, by_version in by_id.items():
        versions = sorted(by_version, key=version_key)
        _id, version, title, start, end = by_version[versions[-1]]
        got = [received[(cid, v)] for v in versions if (cid, v) in received]
        plans.append(HeldPlan(cid, version, title, start, end, tuple(versions), got[-1] if got else None))
    plans.sort(key=lambda p: (p.start_year, p.id))
    chosen = current_plan(plans, int(store.database.now()[:4]))
    return [
        HeldPlan(p.id, p.version, p.title, p.start_year, p.end_year, p.versions, p.received_at, p is chosen)
        for p in plans
    ]


def plan_for(store: Store, plan_id: str | None = None) -> HeldPlan:
    """The plan a command or page shows: `plan_id` when given (refused with the ids held when unknown), else
    the current plan. The one rule every caller uses."""
    plans = held_plans(store)
    if plan_id is None:
        for plan in plans:
            if plan.current:
                return plan
        raise InputError("本数据目录还没有规划目录：请先运行 planprogress init。")
    for plan in plans:
        if plan.id == plan_id:
            return plan
    held = "、".join(p.id for p in plans)
    raise InputError(f"本单位没有规划“{plan_id}”：现有的规划为 {held}（planprogress plans 列出）。")
