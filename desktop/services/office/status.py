"""The province-wide picture from merged unit data: who reported, per-project completion, and indicators
such as the share of units whose standardisation milestone is achieved against the catalog's dated goals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from desktop.domain.errors import InputError
from desktop.domain.periods import Period, PeriodKind, current_period, parse_period
from desktop.store import Store
from desktop.store.answers import OfficeAnswers
from desktop.store.office import OfficeRepo
from desktop.store.office_records import OfficeRecords


@dataclass(frozen=True)
class ProjectCompletion:
    number: int
    name: str
    percent: int


@dataclass(frozen=True)
class UnitStatus:
    code: str
    name: str
    revoked: bool
    last_seq: int
    last_at: str | None
    resync_pending: bool
    review_in_use: bool
    periods: tuple[str, ...]
    reported: bool
    held: tuple[int, ...]
    projects: tuple[ProjectCompletion, ...]
    returned: tuple[str, ...] = ()  # periods the office sent back, not yet reported again (已退回, 待单位重报)


@dataclass(frozen=True)
class GoalStatus:
    year: int
    value: float
    share: float  # share of units achieved by the end of that year (or today, for a year not over)
    met: bool
    final: bool  # the year is over: the result will not change


@dataclass(frozen=True)
class IndicatorStatus:
    key: str
    name: str
    unit: str
    achieved: tuple[str, ...]
    total: int
    share: float
    goals: tuple[GoalStatus, ...]


@dataclass(frozen=True)
class ProvinceStatus:
    period: str
    today: dt.date
    units: tuple[UnitStatus, ...]
    not_reported: tuple[str, ...]
    indicators: tuple[IndicatorStatus, ...]


def _within(inner: str, outer: Period) -> bool:
    try:
        period = parse_period(inner)
    except InputError:
        return False
    return outer.start <= period.start and period.end <= outer.end


def latest_entry(entries: list[dict[str, Any]], period: Period) -> dict[str, Any] | None:
    """The entry for the period, else the latest whose period ended before its end (carried forward)."""
    usable = []
    for entry in entries:
        try:
            end = parse_period(str(entry["period"])).end
        except InputError:
            continue
        if end <= period.end:
            usable.append((end, str(entry["updated_at"]), entry))
    return max(usable, key=lambda item: (item[0], item[1]))[2] if usable else None


def _projects(
    tasks: list[dict[str, Any]],
    progress: list[dict[str, Any]],
    measures: list[dict[str, Any]],
    period: Period,
) -> tuple[ProjectCompletion, ...]:
    by_item: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in progress:
        by_item[str(row["item_uid"])].append(row)
    measures_of: dict[str, list[str]] = defaultdict(list)
    for row in measures:
        measures_of[str(row["task_uid"])].append(str(row["uid"]))
    percents: dict[int, list[int]] = defaultdict(list)
    names: dict[int, str] = {}
    for task in tasks:
        number = int(task["project"])
        names[number] = str(task["project_name"])
        own = latest_entry(by_item[str(task["uid"])], period)
        if own is not None:
            percent = int(own["percent"])
        elif measures_of[str(task["uid"])]:
            values = [latest_entry(by_item[m], period) for m in measures_of[str(task["uid"])]]
            percent = round(sum(int(v["percent"]) if v else 0 for v in values) / len(values))
        else:
            percent = 0
        percents[number].append(percent)
    return tuple(
        ProjectCompletion(number, names[number], round(sum(values) / len(values)))
        for number, values in sorted(percents.items())
    )


def province_status(store: Store, period: str | None = None, today: dt.date | None = None) -> ProvinceStatus:
    today = today or dt.date.today()
    when = parse_period(period) if period else current_period(PeriodKind.QUARTER, today)
    office = OfficeRepo(store.database, store.audit)
    records = OfficeRecords(store.database, store.audit)
    tasks = records.plan_tasks()
    progress_by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in records.rows("progress"):
        progress_by_unit[str(row["unit"])].append(row)
    measures_by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in records.rows("measure"):
        measures_by_unit[str(row["unit"])].append(row)
    held: dict[str, list[int]] = defaultdict(list)
    for bundle in office.held():
        held[bundle.unit].append(bundle.seq)
    returned: dict[str, list[str]] = defaultdict(list)
    for item in OfficeAnswers(store.database, store.audit).returns():
        returned[item.unit].append(item.entry.period)
    units: list[UnitStatus] = []
    for unit in office.units():
        rows = progress_by_unit[unit.code]
        periods = sorted({str(r["period"]) for r in rows}, key=lambda p: (parse_period(p).start, parse_period(p).end))
        units.append(
            UnitStatus(
                code=unit.code,
                name=unit.name,
                revoked=unit.revoked,
                last_seq=unit.last_seq,
                last_at=unit.last_at,
                resync_pending=unit.resync,
                review_in_use=unit.review_in_use,
                periods=tuple(periods),
                reported=any(_within(p, when) for p in periods),
                held=tuple(held[unit.code]),
                projects=_projects(tasks, rows, measures_by_unit[unit.code], when),
                returned=tuple(sorted(set(returned[unit.code]))),
            )
        )
    active = [u for u in units if not u.revoked]
    return ProvinceStatus(
        period=when.code,
        today=today,
        units=tuple(units),
        not_reported=tuple(u.code for u in active if not u.reported),
        indicators=_indicators(records, [u.code for u in active], today),
    )


def _indicators(records: OfficeRecords, active: list[str], today: dt.date) -> tuple[IndicatorStatus, ...]:
    targets: dict[str, dict[str, Any]] = {}
    for row in records.targets():
        target = targets.setdefault(str(row["key"]), {"name": row["name"], "unit": row["unit"], "goals": []})
        target["goals"].append((int(row["year"]), float(row["value"])))
    achieved_on: dict[str, dict[str, dt.date]] = defaultdict(dict)  # target key -> unit -> earliest date
    for row in records.rows("milestone"):
        key, date = row["target_key"], row["achieved_date"]
        if not key or not date or row["unit"] not in active:
            continue
        try:
            when = dt.date.fromisoformat(str(date))
        except ValueError:
            continue
        known = achieved_on[str(key)].get(str(row["unit"]))
        achieved_on[str(key)][str(row["unit"])] = min(when, known) if known else when
    out: list[IndicatorStatus] = []
    total = len(active)
    for key, target in targets.items():
        dates = achieved_on.get(key, {})

        def share_at(day: dt.date, dates: dict[str, dt.date] = dates) -> float:
            return round(100 * sum(1 for d in dates.values() if d <= day) / total, 1) if total else 0.0

        goals = []
        for year, value in target["goals"]:
            final = today > dt.date(year, 12, 31)
            share = share_at(dt.date(year, 12, 31) if final else today)
            goals.append(GoalStatus(year, value, share, share >= value, final))
        out.append(
            IndicatorStatus(
                key=key,
                name=str(target["name"]),
                unit=str(target["unit"]),
                achieved=tuple(sorted(u for u, d in dates.items() if d <= today)),
                total=total,
                share=share_at(today),
                goals=tuple(goals),
            )
        )
    return tuple(out)
