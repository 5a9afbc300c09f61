"""What the dashboard shows, computed from the overview without Qt (so it is easy to test and reuse)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain.health import Thresholds
from desktop.domain.model import Target, Task
from desktop.store.overview import MilestoneView, ProjectView


@dataclass(frozen=True)
class DueRow:
    task: Task
    view: MilestoneView
    days: int  # days until due (negative: overdue)


@dataclass(frozen=True)
class TargetRow:
    target: Target
    goals: str
    current_goal: float | None
    actual: float | None
    milestones: int
    reached: bool | None  # None: nothing reported yet


@dataclass(frozen=True)
class DashboardData:
    overdue: list[DueRow]
    upcoming: list[DueRow]
    gaps: list[DueRow]  # done milestones without evidence
    targets: list[TargetRow]


def _milestones(overview: list[ProjectView]) -> list[tuple[Task, MilestoneView]]:
    return [(tv.task, mv) for pv in overview for tv in pv.tasks for mv in tv.milestones]


def build_dashboard(
    overview: list[ProjectView], targets: list[Target], today: dt.date, thresholds: Thresholds
) -> DashboardData:
    overdue: list[DueRow] = []
    upcoming: list[DueRow] = []
    gaps: list[DueRow] = []
    pairs = _milestones(overview)
    for task, mv in pairs:
        m = mv.milestone
        days = (m.due_date - today).days
        row = DueRow(task, mv, days)
        if m.done:
            if mv.evidence == 0:
                gaps.append(row)
        elif days < 0:
            overdue.append(row)
        elif days <= thresholds.due_soon_days:
            upcoming.append(row)
    target_rows = []
    for target in targets:
        linked = [mv.milestone for _task, mv in pairs if mv.milestone.target_key == target.key]
        achieved = sorted(
            (m for m in linked if m.actual_value is not None),
            key=lambda m: (m.achieved_date or dt.date.min, m.updated_at),
        )
        actual = achieved[-1].actual_value if achieved else None
        due = [value for year, value in target.goals if year <= today.year]
        current = due[-1] if due else (target.goals[0][1] if target.goals else None)
        final = target.goals[-1][1] if target.goals else None
        goals = "；".join(f"{year}年 {value:g}{target.unit}" for year, value in target.goals)
        reached = None if actual is None or final is None else actual >= final
        target_rows.append(TargetRow(target, goals, current, actual, len(linked), reached))
    overdue.sort(key=lambda r: r.days)
    upcoming.sort(key=lambda r: r.days)
    gaps.sort(key=lambda r: r.view.milestone.achieved_date or dt.date.min, reverse=True)
    return DashboardData(overdue, upcoming, gaps, target_rows)
