"""One unit's plan as the office received it: tasks with their progress for a period, measures, milestones
and evidence counts, each with its health light. Built from the merged records (desktop.store.office_records);
plain data, no Qt, so the drill-down's worker thread and the office report judge a unit the same way."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import msgspec

from desktop.domain.errors import PlanProgressError
from desktop.domain.health import Light, Thresholds, due_light, progress_light, worst
from desktop.domain.periods import Period, parse_period
from desktop.domain.rollup import candidate_groups, shown_entries, task_percent
from desktop.domain.status import Status
from desktop.services.office.plans import office_plan, plan_task_rows
from desktop.store import Store
from desktop.store.office import OfficeRepo, OfficeUnit
from desktop.store.office_records import OfficeRecords


# Records, not dataclasses: the office's roll-up makes one per task, measure and progress entry of every unit
# before its window's first paint, and a Struct is made several times faster than a frozen dataclass.
class ProgressCell(msgspec.Struct, frozen=True):
    period: str
    status: Status | None
    percent: int
    note: str
    carried: bool  # from an earlier period than the one shown


class MeasureRow(msgspec.Struct, frozen=True):
    uid: str
    title: str
    department: str
    person: str
    due_date: dt.date | None
    progress: ProgressCell | None
    light: Light


class MilestoneRow(msgspec.Struct, frozen=True):
    uid: str
    title: str
    due_date: dt.date | None
    target: str
    actual: str
    achieved_date: dt.date | None
    light: Light
    measure_uid: str = ""  # the measure it belongs to, if any


class TaskRow(msgspec.Struct, frozen=True):
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


class UnitView(msgspec.Struct, frozen=True):
    unit: OfficeUnit
    period: str
    tasks: tuple[TaskRow, ...]


class Record(Protocol):
    """A record read by field name: a dict in the bundle record format, or a row the store read."""

    def __getitem__(self, key: str, /) -> Any: ...


Shown = dict[str, tuple[Record, bool]]  # item uid -> the progress row shown, carried forward or not

# The fields of each record the roll-up reads (tasks_from_rows, shown_rows; the indicators read `target_key`):
# the office reads only these of its thousands of rows.
ROLLUP_COLUMNS = {
    "measure": ("uid", "task_uid", "title", "department", "person", "due_date"),
    "milestone": (
        "uid",
        "task_uid",
        "measure_uid",
        "title",
        "due_date",
        "target_value",
        "target_unit",
        "target_key",
        "actual_value",
        "achieved_date",
    ),  # fmt: skip
    "progress": ("item_uid", "period", "status", "percent", "note", "updated_at"),
}
_STATUS_BY_VALUE = {status.value: status for status in Status}


def parse_date(value: Any) -> dt.date | None:
    """A stored ISO date, or None when it is empty or not a date."""
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def parse_status(value: Any) -> Status | None:
    exact = _STATUS_BY_VALUE.get(value)  # stored rows hold the value itself: one look-up per row
    if exact is not None:
        return exact
    try:
        return Status.parse(str(value)) if value else None
    except PlanProgressError:
        return None


def number_text(value: Any, unit: str) -> str:
    return "" if value is None else f"{float(value):g}{unit}"


def _cell(shown: tuple[Record, bool] | None) -> ProgressCell | None:
    if shown is None:
        return None
    row, carried = shown
    return ProgressCell(str(row["period"]), parse_status(row["status"]), int(row["percent"]), str(row["note"]), carried)


def build_unit_view(
    store: Store, code: str, period: str, today: dt.date, thresholds: Thresholds, plan: str | None = None
) -> UnitView:
    """Unit `code`'s tasks of plan `plan` (None: the plan shown when none is chosen) for `period`."""
    when = parse_period(period)
    unit = OfficeRepo(store.database, store.audit).require_unit(code)
    records = OfficeRecords(store.database, store.audit)
    tasks = plan_task_rows(office_plan(store, plan, today.year))
    return UnitView(unit, when.code, unit_tasks(records, code, when, today, thresholds, tasks))


def unit_tasks(
    records: OfficeRecords,
    code: str,
    when: Period,
    today: dt.date,
    thresholds: Thresholds,
    plan_tasks: list[dict[str, Any]],
) -> tuple[TaskRow, ...]:
    """Every task of a plan (`plan_tasks`, desktop.services.office.plans) of unit `code` in plan order, as it
    stands at the end of `when`."""
    measures = records.rows("measure", code, ROLLUP_COLUMNS["measure"])
    milestones = records.rows("milestone", code, ROLLUP_COLUMNS["milestone"])
    owner_task = {str(r["uid"]): str(r["task_uid"]) for r in (*measures, *milestones)}
    evidence: dict[str, int] = defaultdict(int)
    for row in records.rows("evidence", code):
        item = str(row["item_uid"])
        evidence[owner_task.get(item, item)] += 1
    wanted = [str(t["uid"]) for t in plan_tasks] + [str(m["uid"]) for m in measures]
    shown = shown_progress(records, code, when, wanted)
    return tasks_from_rows(plan_tasks, shown, measures, milestones, today, thresholds, evidence)


def shown_rows(rows: Iterable[Record], when: Period) -> Shown:
    """Per item uid, the progress row (bundle record format) shown for `when` (desktop.domain.rollup)."""
    return shown_entries(rows, when, item="item_uid", period="period", updated="updated_at")


def shown_progress(
    records: OfficeRecords,
    code: str,
    when: Period,
    items: Iterable[str],
    codes: Iterable[str] | None = None,
    columns: Sequence[str] = ROLLUP_COLUMNS["progress"],
) -> Shown:
    """shown_rows over unit `code`'s merged progress of `items` (the uids the roll-up looks at), read one group
    of periods at a time from the strongest (candidate_groups) and only for the items not yet decided: years
    of monthly entries are many rows, and an item's own entry for the period decides it at once. `codes`: the
    unit's period codes (records.progress_periods), when the caller has read them already; `columns`: what is
    read of each entry (task_figures needs fewer than tasks_from_rows)."""
    undecided = set(items)
    shown: Shown = {}
    first = True
    for group in candidate_groups(records.progress_periods(code) if codes is None else codes, when):
        if not undecided:
            break
        # the strongest group is read whole (every item is undecided: no list of them to send), later ones
        # only for the items still undecided
        rows = records.progress_in(code, group, None if first else sorted(undecided), columns)
        picked = shown_rows(rows, when)
        if first:
            picked = {item: entry for item, entry in picked.items() if item in undecided}
        first = False
        shown.update(picked)
        undecided.difference_update(picked)
    return shown


def tasks_from_rows(
    plan_tasks: list[dict[str, Any]],
    shown: Shown,
    measure_rows: Iterable[Record],
    milestone_rows: Iterable[Record],
    today: dt.date,
    thresholds: Thresholds,
    evidence: dict[str, int] | None = None,
) -> tuple[TaskRow, ...]:
    """A unit's plan tasks in plan order from its records in the bundle record format (keyed by uid) and the
    progress each item shows (shown_rows, shown_progress): how the office judges every unit, and how a unit
    computes what the office shows of it (`planprogress status`). `evidence` counts evidence per task uid.
    task_figures gives the same percent and light without the rows."""
    measures, milestones = _by_task(measure_rows), _by_task(milestone_rows)
    counts = evidence or {}

    tasks = []
    for task in plan_tasks:
        uid = str(task["uid"])
        task_measures = tuple(_measure(m, _cell(shown.get(str(m["uid"]))), today, thresholds) for m in measures[uid])
        task_milestones = tuple(
            _milestone(m, today, thresholds) for m in sorted(milestones[uid], key=lambda m: str(m["due_date"]))
        )
        own = _cell(shown.get(uid))
        percent, light = _judge(
            own.status if own else None,
            own.percent if own else None,
            [m.progress.percent if m.progress else None for m in task_measures],
            [*(m.light for m in task_measures), *(m.light for m in task_milestones)],
            today,
            thresholds,
        )
        tasks.append(
            TaskRow(
                uid=uid,
                key=str(task["key"]),
                text=str(task["text"]),
                project=int(task["project"]),
                project_name=str(task["project_name"]),
                progress=own,
                percent=percent,
                light=light,
                measures=task_measures,
                milestones=task_milestones,
                evidence=counts.get(uid, 0),
            )
        )
    return tuple(tasks)


class TaskFigures(msgspec.Struct, frozen=True):
    """What the province-wide matrix shows of a task: its project, completion and light."""

    project: int
    project_name: str
    percent: int
    light: Light


# What task_figures reads of each record: the office's matrix reads only these of every unit's rows.
FIGURE_COLUMNS = {
    "measure": ("uid", "task_uid", "due_date"),
    "milestone": ("uid", "task_uid", "due_date", "achieved_date", "target_key"),  # the indicators read target_key
    "progress": ("item_uid", "period", "status", "percent", "updated_at"),
}


def task_figures(
    plan_tasks: list[dict[str, Any]],
    shown: Shown,
    measure_rows: Iterable[Record],
    milestone_rows: Iterable[Record],
    today: dt.date,
    thresholds: Thresholds,
) -> tuple[TaskFigures, ...]:
    """tasks_from_rows's project, percent and light of every task (the same helpers judge both), without the
    rows the drill-down shows: the office works these out for every unit before its window's first paint, and
    reads only FIGURE_COLUMNS for them."""
    measures, milestones = _by_task(measure_rows), _by_task(milestone_rows)
    figures = []
    for task in plan_tasks:
        uid = str(task["uid"])
        percents: list[int | None] = []
        lights: list[Light] = []
        for row in measures[uid]:
            status, percent = _shown_figures(shown.get(str(row["uid"])))
            percents.append(percent)
            lights.append(_measure_light(row, status, today, thresholds)[1])
        lights += [_milestone_light(row, today, thresholds)[2] for row in milestones[uid]]
        status, own = _shown_figures(shown.get(uid))
        percent, light = _judge(status, own, percents, lights, today, thresholds)
        figures.append(TaskFigures(int(task["project"]), str(task["project_name"]), percent, light))
    return tuple(figures)


def _by_task(rows: Iterable[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = defaultdict(list)
    for row in rows:
        grouped[str(row["task_uid"])].append(row)
    return grouped


def _judge(
    status: Status | None,
    own: int | None,
    measure_percents: list[int | None],
    lights: list[Light],
    today: dt.date,
    thresholds: Thresholds,
) -> tuple[int, Light]:
    """A task's percent (desktop.domain.rollup.task_percent) and light: the worst of its own entry's (no due
    date) and its measures' and milestones' `lights`."""
    percent = task_percent(own, measure_percents)
    return percent, worst([progress_light(status, None, today, thresholds), *lights])


def _shown_figures(shown: tuple[Record, bool] | None) -> tuple[Status | None, int | None]:
    """The status and percent of the entry an item shows (as _cell reads them), (None, None) for none."""
    if shown is None:
        return None, None
    row = shown[0]
    return parse_status(row["status"]), int(row["percent"])


def _measure_light(
    row: Record, status: Status | None, today: dt.date, thresholds: Thresholds
) -> tuple[dt.date | None, Light]:
    due = parse_date(row["due_date"])
    return due, progress_light(status, due, today, thresholds)


def _milestone_light(
    row: Record, today: dt.date, thresholds: Thresholds
) -> tuple[dt.date | None, dt.date | None, Light]:
    due, achieved = parse_date(row["due_date"]), parse_date(row["achieved_date"])
    return due, achieved, due_light(due, achieved is not None, today, thresholds)


def _measure(row: Record, cell: ProgressCell | None, today: dt.date, thresholds: Thresholds) -> MeasureRow:
    due, light = _measure_light(row, cell.status if cell else None, today, thresholds)
    return MeasureRow(
        uid=str(row["uid"]),
        title=str(row["title"]),
        department=str(row["department"]),
        person=str(row["person"]),
        due_date=due,
        progress=cell,
        light=light,
    )


def _milestone(row: Record, today: dt.date, thresholds: Thresholds) -> MilestoneRow:
    due, achieved, light = _milestone_light(row, today, thresholds)
    unit = str(row["target_unit"] or "")
    return MilestoneRow(
        uid=str(row["uid"]),
        title=str(row["title"]),
        due_date=due,
        target=number_text(row["target_value"], unit),
        actual=number_text(row["actual_value"], unit),
        achieved_date=achieved,
        light=light,
        measure_uid=str(row["measure_uid"] or ""),
    )
