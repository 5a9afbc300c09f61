"""The province-wide picture from merged unit data: who reported, per-project completion, and indicators
such as the share of units whose standardisation milestone is achieved against the catalog's dated goals."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.health import Light
from desktop.domain.periods import PeriodKind, current_period, parse_period, period_span
from desktop.domain.rollup import mean_percent
from desktop.services.office.plans import office_plan, plan_target_rows, plan_task_rows
from desktop.services.office.unit_view import (
    FIGURE_COLUMNS,
    Record,
    TaskFigures,
    TaskRow,
    shown_progress,
    task_figures,
)
from desktop.services.suite import active_key_suite
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
    lights: dict[str, int] = field(default_factory=dict)  # tasks per light: grey, green, yellow, red
    returned: tuple[str, ...] = ()  # periods the office sent back, not yet reported again (已退回, 待单位重报)
    suite: str = ""  # the suite of the unit's key in use (age-x25519+minisign-ed25519 or sm2-sm3-sm4), "" without one


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
class PlanShown:
    """The plan a status is computed for."""

    id: str
    version: str
    title: str
    start_year: int
    end_year: int


@dataclass(frozen=True)
class ProvinceStatus:
    period: str
    today: dt.date
    units: tuple[UnitStatus, ...]  # the roll-up: units not revoked
    not_reported: tuple[str, ...]
    indicators: tuple[IndicatorStatus, ...]
    revoked: tuple[UnitStatus, ...] = ()  # left out of the roll-up and every count; listed apart
    plan: PlanShown | None = None


def _span(code: str) -> tuple[dt.date, dt.date]:
    """The order periods are listed in: by first day, then last day (a code that is not a period last)."""
    return period_span(code) or (dt.date.max, dt.date.max)


def _within(inner: str, start: dt.date, end: dt.date) -> bool:
    span = period_span(inner)
    return span is not None and start <= span[0] and span[1] <= end


def project_completion(tasks: Iterable[TaskRow | TaskFigures]) -> tuple[ProjectCompletion, ...]:
    """Per project (in number order), the mean of its tasks' completion."""
    percents: dict[int, list[int]] = defaultdict(list)
    names: dict[int, str] = {}
    for task in tasks:
        names[task.project] = task.project_name
        percents[task.project].append(task.percent)
    return tuple(
        ProjectCompletion(number, names[number], mean_percent(values)) for number, values in sorted(percents.items())
    )


def light_counts(tasks: Iterable[TaskRow | TaskFigures]) -> dict[str, int]:
    """How many tasks show each light (keys `grey`, `green`, `yellow`, `red`)."""
    lights = [task.light for task in tasks]
    return {light.name.lower(): lights.count(light) for light in Light}


def _suite_name(office: OfficeRepo, code: str) -> str:
    suite = active_key_suite(office.keys_of(code))
    return suite.name if suite is not None else ""


def province_status(
    store: Store, period: str | None = None, today: dt.date | None = None, plan: str | None = None
) -> ProvinceStatus:
    """Every unit's roll-up of plan `plan` (None: the plan whose years hold today, else the newest) for
    `period` (None: the quarter `today` falls in), and the plan's indicators."""
    today = today or dt.date.today()
    when = parse_period(period) if period else current_period(PeriodKind.QUARTER, today)
    catalog = office_plan(store, plan, today.year)
    office = OfficeRepo(store.database, store.audit)
    records = OfficeRecords(store.database, store.audit)
    plan_tasks = plan_task_rows(catalog)
    in_plan = {str(t["uid"]) for t in plan_tasks}
    thresholds = store.settings.thresholds()
    by_unit: dict[str, dict[str, list[Record]]] = {}
    every_milestone: Sequence[Record] = []
    for entity in ("measure", "milestone"):
        by_unit[entity] = defaultdict(list)
        rows = records.rows(entity, columns=FIGURE_COLUMNS[entity])
        if entity == "milestone":
            every_milestone = rows  # the indicators count every plan's milestones
        for row in rows:
            if str(row["task_uid"]) in in_plan:
                by_unit[entity][str(row["unit"])].append(row)
    held: dict[str, list[int]] = defaultdict(list)
    for bundle in office.held():
        held[bundle.unit].append(bundle.seq)
    returned: dict[str, list[str]] = defaultdict(list)
    for item in OfficeAnswers(store.database, store.audit).returns():
        returned[item.unit].append(item.entry.period)
    units: list[UnitStatus] = []
    first, last = when.start, when.end
    for unit in office.units():
        measures, milestones = by_unit["measure"][unit.code], by_unit["milestone"][unit.code]
        wanted = [str(t["uid"]) for t in plan_tasks] + [str(m["uid"]) for m in measures]
        codes = records.progress_periods(unit.code)
        shown = shown_progress(records, unit.code, when, wanted, codes, FIGURE_COLUMNS["progress"])
        tasks = task_figures(plan_tasks, shown, measures, milestones, today, thresholds)
        periods = sorted(codes, key=_span)
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
                reported=any(_within(p, first, last) for p in periods),
                held=tuple(held[unit.code]),
                projects=project_completion(tasks),
                lights=light_counts(tasks),
                returned=tuple(sorted(set(returned[unit.code]))),
                suite=_suite_name(office, unit.code),
            )
        )
    active = [u for u in units if not u.revoked]
    return ProvinceStatus(
        period=when.code,
        today=today,
        units=tuple(active),
        not_reported=tuple(u.code for u in active if not u.reported),
        indicators=_indicators(every_milestone, plan_target_rows(catalog), [u.code for u in active], today),
        revoked=tuple(u for u in units if u.revoked),
        plan=PlanShown(catalog.id, catalog.version, catalog.title, catalog.start_year, catalog.end_year),
    )


def _indicators(
    milestones: Sequence[Record], target_rows: list[dict[str, Any]], active: list[str], today: dt.date
) -> tuple[IndicatorStatus, ...]:
    targets: dict[str, dict[str, Any]] = {}
    for row in target_rows:
        target = targets.setdefault(str(row["key"]), {"name": row["name"], "unit": row["unit"], "goals": []})
        target["goals"].append((int(row["year"]), float(row["value"])))
    achieved_on: dict[str, dict[str, dt.date]] = defaultdict(dict)  # target key -> unit -> earliest date
    for milestone in milestones:
        key, date, code = milestone["target_key"], milestone["achieved_date"], milestone["unit"]
        if not key or not date or code not in active:
            continue
        try:
            when = dt.date.fromisoformat(str(date))
        except ValueError:
            continue
        known = achieved_on[str(key)].get(str(code))
        achieved_on[str(key)][str(code)] = min(when, known) if known else when
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
