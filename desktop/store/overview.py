"""Read-only roll-up of a unit's plan for one reporting period: what dashboards and reports show."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from desktop.domain.health import Light, Thresholds, due_light, progress_light, worst
from desktop.domain.model import Measure, Milestone, ProgressEntry, Project, Task
from desktop.domain.periods import Period, parse_period
from desktop.store.db import Database
from desktop.store.measures import MeasureRepo
from desktop.store.milestones import MilestoneRepo
from desktop.store.plan import PlanRepo
from desktop.store.progress import ProgressRepo


@dataclass(frozen=True)
class MeasureView:
    measure: Measure
    progress: ProgressEntry | None
    carried: bool  # progress comes from an earlier period
    light: Light
    evidence: int


@dataclass(frozen=True)
class MilestoneView:
    milestone: Milestone
    light: Light
    evidence: int


@dataclass(frozen=True)
class TaskView:
    task: Task
    progress: ProgressEntry | None
    carried: bool
    percent: int
    light: Light
    measures: tuple[MeasureView, ...]
    milestones: tuple[MilestoneView, ...]
    evidence: int


@dataclass(frozen=True)
class ProjectView:
    project: Project
    tasks: tuple[TaskView, ...]
    percent: int
    lights: dict[Light, int] = field(default_factory=dict)


def _latest(entries: list[ProgressEntry], period: Period) -> tuple[ProgressEntry | None, bool]:
    """The entry for `period`, else the latest one whose period ended before it (carried forward)."""
    exact = [e for e in entries if e.period == period.code]
    if exact:
        return exact[0], False
    earlier = [e for e in entries if parse_period(e.period).end <= period.end]
    if not earlier:
        return None, False
    return max(earlier, key=lambda e: (parse_period(e.period).end, e.updated_at)), True


def build_overview(
    database: Database,
    plan: PlanRepo,
    measures: MeasureRepo,
    milestones: MilestoneRepo,
    progress: ProgressRepo,
    period: str,
    today: dt.date,
    thresholds: Thresholds,
) -> list[ProjectView]:
    when = parse_period(period)
    by_item: dict[int, list[ProgressEntry]] = defaultdict(list)
    for recorded in progress.find():
        by_item[recorded.item_id].append(recorded)
    evidence_counts = {
        int(r["item_id"]): int(r["n"])
        for r in database.query("SELECT item_id, count(*) AS n FROM evidence GROUP BY item_id")
    }
    measures_by_task: dict[int, list[Measure]] = defaultdict(list)
    for m in measures.find():
        measures_by_task[m.task_id].append(m)
    milestones_by_task: dict[int, list[Milestone]] = defaultdict(list)
    for ms in milestones.find():
        milestones_by_task[ms.task_id].append(ms)

    views: list[ProjectView] = []
    tasks_by_project: dict[int, list[Task]] = defaultdict(list)
    for task in plan.tasks():
        tasks_by_project[task.project].append(task)
    for project in plan.projects():
        task_views = []
        for task in tasks_by_project[project.number]:
            mviews = []
            for m in measures_by_task[task.id]:
                entry, carried = _latest(by_item[m.id], when)
                light = progress_light(entry.status if entry else None, m.due_date, today, thresholds)
                mviews.append(MeasureView(m, entry, carried, light, evidence_counts.get(m.id, 0)))
            msviews = [
                MilestoneView(ms, due_light(ms.due_date, ms.done, today, thresholds), evidence_counts.get(ms.id, 0))
                for ms in milestones_by_task[task.id]
            ]
            task_entry, carried = _latest(by_item[task.id], when)
            if task_entry is not None:
                percent = task_entry.percent
            elif mviews:
                percent = round(sum(v.progress.percent if v.progress else 0 for v in mviews) / len(mviews))
            else:
                percent = 0
            own = progress_light(task_entry.status if task_entry else None, None, today, thresholds)
            light = worst([own, *(v.light for v in mviews), *(v.light for v in msviews)])
            evidence = (
                evidence_counts.get(task.id, 0) + sum(v.evidence for v in mviews) + sum(v.evidence for v in msviews)
            )
            task_views.append(
                TaskView(task, task_entry, carried, percent, light, tuple(mviews), tuple(msviews), evidence)
            )
        counts = {light: sum(1 for t in task_views if t.light is light) for light in Light}
        percent = round(sum(t.percent for t in task_views) / len(task_views)) if task_views else 0
        views.append(ProjectView(project, tuple(task_views), percent, counts))
    return views
