"""One unit's plan as the office received it: tasks with their progress for a period, measures, milestones
and evidence counts, each with its health light. Built from the merged records (desktop.store.office_records);
plain data, no Qt, so the drill-down's worker thread and the office report judge a unit the same way."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from desktop.domain.errors import PlanProgressError
from desktop.domain.health import Light, Thresholds, due_light, progress_light, worst
from desktop.domain.periods import Period, parse_period
from desktop.domain.status import Status
from desktop.services.office.status import latest_entry
from desktop.store import Store
from desktop.store.office import OfficeRepo, OfficeUnit
from desktop.store.office_records import OfficeRecords


@dataclass(frozen=True)
class ProgressCell:
    period: str
    status: Status | None
    percent: int
    note: str
    carried: bool  # from an earlier period than the one shown


@dataclass(frozen=True)
class MeasureRow:
    uid: str
    title: str
    department: str
    person: str
    due_date: dt.date | None
    progress: ProgressCell | None
    light: Light


@dataclass(frozen=True)
class MilestoneRow:
    uid: str
    title: str
    due_date: dt.date | None
    target: str
    actual: str
    achieved_date: dt.date | None
    light: Light
    measure_uid: str = ""  # the measure it belongs to, if any


@dataclass(frozen=True)
class TaskRow:
    uid: str
    key: str
    text: str
    project: int
    project_name: str
    progress: ProgressCell | None
    percent: int
    light: Light
    measures: tuple[MeasureRow, ...]
    milestones: tuple[MilestoneRow, ...]
    evidence: int

    @property
    def milestones_done(self) -> int:
        return sum(1 for m in self.milestones if m.achieved_date is not None)


@dataclass(frozen=True)
class UnitView:
    unit: OfficeUnit
    period: str
    tasks: tuple[TaskRow, ...]


def parse_date(value: Any) -> dt.date | None:
    """A stored ISO date, or None when it is empty or not a date."""
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def parse_status(value: Any) -> Status | None:
    try:
        return Status.parse(str(value)) if value else None
    except PlanProgressError:
        return None


def number_text(value: Any, unit: str) -> str:
    return "" if value is None else f"{float(value):g}{unit}"


def _latest(rows: list[dict[str, Any]], period: Period) -> ProgressCell | None:
    row = latest_entry(rows, period)
    if row is None:
        return None
    status, carried = parse_status(row["status"]), row["period"] != period.code
    return ProgressCell(str(row["period"]), status, int(row["percent"]), str(row["note"]), carried)


def build_unit_view(store: Store, code: str, period: str, today: dt.date, thresholds: Thresholds) -> UnitView:
    when = parse_period(period)
    unit = OfficeRepo(store.database, store.audit).require_unit(code)
    records = OfficeRecords(store.database, store.audit)
    return UnitView(unit, when.code, unit_tasks(records, code, when, today, thresholds))


def unit_tasks(
    records: OfficeRecords, code: str, when: Period, today: dt.date, thresholds: Thresholds
) -> tuple[TaskRow, ...]:
    """Every plan task of unit `code` in plan order, as it stands at the end of `when`."""
    progress: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in records.rows("progress", code):
        progress[str(row["item_uid"])].append(row)
    measures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    owner_task: dict[str, str] = {}
    for row in records.rows("measure", code):
        measures[str(row["task_uid"])].append(row)
        owner_task[str(row["uid"])] = str(row["task_uid"])
    milestones: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in records.rows("milestone", code):
        milestones[str(row["task_uid"])].append(row)
        owner_task[str(row["uid"])] = str(row["task_uid"])
    evidence: dict[str, int] = defaultdict(int)
    for row in records.rows("evidence", code):
        item = str(row["item_uid"])
        evidence[owner_task.get(item, item)] += 1

    tasks = []
    for task in records.plan_tasks():
        uid = str(task["uid"])
        measure_rows = tuple(_measure(m, progress[str(m["uid"])], when, today, thresholds) for m in measures[uid])
        milestone_rows = tuple(
            _milestone(m, today, thresholds) for m in sorted(milestones[uid], key=lambda m: str(m["due_date"]))
        )
        own = _latest(progress[uid], when)
        if own is not None:
            percent = own.percent
        elif measure_rows:
            percent = round(sum(m.progress.percent if m.progress else 0 for m in measure_rows) / len(measure_rows))
        else:
            percent = 0
        lights = [progress_light(own.status if own else None, None, today, thresholds)]
        lights += [m.light for m in measure_rows] + [m.light for m in milestone_rows]
        tasks.append(
            TaskRow(
                uid=uid,
                key=str(task["key"]),
                text=str(task["text"]),
                project=int(task["project"]),
                project_name=str(task["project_name"]),
                progress=own,
                percent=percent,
                light=worst(lights) if (own or measure_rows or milestone_rows) else Light.GREY,
                measures=measure_rows,
                milestones=milestone_rows,
                evidence=evidence[uid],
            )
        )
    return tuple(tasks)


def _measure(
    row: dict[str, Any], entries: list[dict[str, Any]], when: Period, today: dt.date, thresholds: Thresholds
) -> MeasureRow:
    cell = _latest(entries, when)
    due = parse_date(row["due_date"])
    return MeasureRow(
        uid=str(row["uid"]),
        title=str(row["title"]),
        department=str(row["department"]),
        person=str(row["person"]),
        due_date=due,
        progress=cell,
        light=progress_light(cell.status if cell else None, due, today, thresholds),
    )


def _milestone(row: dict[str, Any], today: dt.date, thresholds: Thresholds) -> MilestoneRow:
    due, achieved = parse_date(row["due_date"]), parse_date(row["achieved_date"])
    unit = str(row["target_unit"] or "")
    return MilestoneRow(
        uid=str(row["uid"]),
        title=str(row["title"]),
        due_date=due,
        target=number_text(row["target_value"], unit),
        actual=number_text(row["actual_value"], unit),
        achieved_date=achieved,
        light=due_light(due, achieved is not None, today, thresholds),
        measure_uid=str(row["measure_uid"] or ""),
    )
