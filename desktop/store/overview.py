"""Read-only roll-up of a unit's plan for one reporting period: what dashboards and reports show."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import msgspec

from desktop.domain.health import Light, Thresholds, due_light, progress_light, worst
from desktop.domain.model import Measure, Milestone, ProgressEntry, Project, Task
from desktop.domain.periods import Period, parse_period
from desktop.domain.rollup import mean_percent, shown_entries, task_percent
from desktop.domain.status import Status
from desktop.store.db import Database
from desktop.store.measures import MeasureRepo
from desktop.store.milestones import MilestoneRepo
from desktop.store.plan import PlanRepo
from desktop.store.progress import ProgressRepo


class MeasureView(msgspec.Struct, frozen=True):
    measure: Measure
    progress: ProgressEntry | None
    carried: bool  # progress comes from an earlier period
    light: Light
    evidence: int


class MilestoneView(msgspec.Struct, frozen=True):
    milestone: Milestone
    light: Light
    evidence: int


class TaskView(msgspec.Struct, frozen=True):
    task: Task
    progress: ProgressEntry | None
    carried: bool
    percent: int
    light: Light
    measures: tuple[MeasureView, ...]
    milestones: tuple[MilestoneView, ...]
    evidence: int


class ProjectView(msgspec.Struct, frozen=True):
    project: Project
    tasks: tuple[TaskView, ...]
    percent: int
    lights: dict[Light, int] = msgspec.field(default_factory=dict)


class _Dates(dict[str, dt.date]):
    """ISO dates parsed once per distinct text: thousands of rows share a few dozen due dates."""

    def __missing__(self, text: str) -> dt.date:
        value = self[text] = dt.date.fromisoformat(text)
        return value


# The roll-up runs before the main window's first paint, over every measure, milestone and progress entry:
# one query per table read as plain tuples (the columns and order of the repositories' find()), not dict rows.
_PROGRESS_SQL = "SELECT id, uid, item_id, period, status, percent, note, updated_at, updated_by FROM progress"
_MEASURE_SQL = (
    "SELECT m.id, i.uid, m.task_id, m.title, m.department, m.person, m.co_units, m.start_date, m.due_date, "
    "m.created_at, m.updated_at FROM measure m JOIN item i ON i.id = m.id ORDER BY m.task_id, m.id"
)
_MILESTONE_SQL = (
    "SELECT m.id, i.uid, m.task_id, m.measure_id, m.title, m.due_date, m.target_value, m.target_unit, "
    "m.target_key, m.actual_value, m.achieved_date, m.created_at, m.updated_at "
    "FROM milestone m JOIN item i ON i.id = m.id ORDER BY m.due_date, m.id"
)
_EVIDENCE_SQL = "SELECT item_id, n FROM evidence_count"  # kept by triggers: no scan of every evidence row


Shown = tuple[ProgressEntry, bool]  # the entry an item shows for the period, and whether it is carried forward
_NOTHING: tuple[None, bool] = (None, False)


def _read_progress(database: Database, when: Period) -> dict[int, Shown]:
    """Per item, the entry shown for `when` (desktop.domain.rollup's rule). Picked while reading: a record is
    made only for the entry shown, not for every period of every item (years of monthly reporting are many rows)."""
    picked = shown_entries(database.conn.execute(_PROGRESS_SQL), when, item=2, period=3, updated=7)
    statuses = {s.value: s for s in Status}

    def entry(row: tuple[Any, ...]) -> ProgressEntry:
        pid, uid, item_id, period, status, percent, note, updated_at, updated_by = row
        kind = statuses.get(status) or Status(status)
        return ProgressEntry(pid, uid, item_id, period, kind, percent, note, updated_at, updated_by)

    return {item_id: (entry(row), carried) for item_id, (row, carried) in picked.items()}


def _read_measures(database: Database, dates: _Dates) -> dict[int, list[Measure]]:
    by_task: dict[int, list[Measure]] = defaultdict(list)
    for mid, uid, task_id, title, department, person, co_units, start, due, created, updated in database.conn.execute(
        _MEASURE_SQL
    ):  # dates are looked up inline (a call per date cost ~1 ms here): SQLite gives ISO text or NULL
        first = dates[start] if start else None
        last = dates[due] if due else None
        by_task[task_id].append(
            Measure(mid, uid, task_id, title, department, person, co_units, first, last, created, updated)
        )
    return by_task


def _read_milestones(database: Database, dates: _Dates) -> dict[int, list[Milestone]]:
    by_task: dict[int, list[Milestone]] = defaultdict(list)
    for (
        mid,
        uid,
        task_id,
        measure_id,
        title,
        due_text,
        value,
        unit,
        key,
        actual,
        achieved,
        made,
        changed,
    ) in database.conn.execute(_MILESTONE_SQL):
        due = dates[due_text]  # NOT NULL in the schema
        done = dates[achieved] if achieved else None
        by_task[task_id].append(
            Milestone(mid, uid, task_id, measure_id, title, due, value, unit, key, actual, done, made, changed)
        )
    return by_task


def build_overview(
    database: Database,
    plan: PlanRepo,
    measures: MeasureRepo,
    milestones: MilestoneRepo,
    progress: ProgressRepo,
    period: str,
    today: dt.date,
    thresholds: Thresholds,
    catalog: str | None = None,
) -> list[ProjectView]:
    """The projects of one plan (`catalog`) or of every plan held, each with its own tasks. `measures`,
    `milestones` and `progress` are read directly (see _MEASURE_SQL); the repositories stay in the signature
    so callers need not know."""
    when = parse_period(period)
    dates = _Dates()
    shown = _read_progress(database, when)
    evidence_counts: dict[int, int] = dict(database.conn.execute(_EVIDENCE_SQL).fetchall())
    measures_by_task = _read_measures(database, dates)
    milestones_by_task = _read_milestones(database, dates)

    views: list[ProjectView] = []
    tasks_by_project: dict[tuple[str, int], list[Task]] = defaultdict(list)
    for task in plan.tasks(catalog=catalog):
        tasks_by_project[(task.catalog, task.project)].append(task)
    for project in plan.projects(catalog):
        task_views = []
        for task in tasks_by_project[(project.catalog, project.number)]:
            mviews = []
            for m in measures_by_task.get(task.id, ()):
                entry, carried = shown.get(m.id, _NOTHING)
                light = progress_light(entry.status if entry else None, m.due_date, today, thresholds)
                mviews.append(MeasureView(m, entry, carried, light, evidence_counts.get(m.id, 0)))
            msviews = [
                MilestoneView(ms, due_light(ms.due_date, ms.done, today, thresholds), evidence_counts.get(ms.id, 0))
                for ms in milestones_by_task.get(task.id, ())
            ]
            task_entry, carried = shown.get(task.id, _NOTHING)
            percent = task_percent(
                task_entry.percent if task_entry else None, [v.progress.percent if v.progress else None for v in mviews]
            )
            own = progress_light(task_entry.status if task_entry else None, None, today, thresholds)
            light = worst([own, *(v.light for v in mviews), *(v.light for v in msviews)])
            evidence = (
                evidence_counts.get(task.id, 0) + sum(v.evidence for v in mviews) + sum(v.evidence for v in msviews)
            )
            task_views.append(
                TaskView(task, task_entry, carried, percent, light, tuple(mviews), tuple(msviews), evidence)
            )
        counts = {light: sum(1 for t in task_views if t.light is light) for light in Light}
        percent = mean_percent([t.percent for t in task_views])
        views.append(ProjectView(project, tuple(task_views), percent, counts))
    return views
