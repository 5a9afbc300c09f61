"""Every task and measure of the unit with what it shows for one period: the rows of the period grid.

Per item: the period's own entry (if any), the entry the period shows (its own or one carried forward, by
desktop.domain.rollup's rule, as the plan tree and the office show it) and the latest entry from another period
(`earlier`, whose note a clerk may copy forward). Qt-free: the window loads it in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from desktop.domain.model import ItemKind, ProgressEntry
from desktop.domain.periods import Period
from desktop.domain.rollup import shown_entries
from desktop.services.plans import plan_for
from desktop.store import Store

Progress = Callable[[int, int], None]


class SheetRow(msgspec.Struct, frozen=True):
    item_id: int
    kind: ItemKind  # TASK or MEASURE
    project: str  # "1 监管安全" — the project the row belongs to
    label: str  # "1.2 任务内容" for a task, the measure's title for a measure
    own: ProgressEntry | None  # the period's own entry
    shown: ProgressEntry | None  # what the period shows: its own entry or one carried forward
    earlier: ProgressEntry | None  # the latest entry of another period ended by the period's end
    retired: bool = False  # the row's task was retired by a new version of the plan: read-only


def _picked(entries: list[ProgressEntry], viewed: Period) -> dict[int, ProgressEntry]:
    rows = [(e.item_id, e.period, e.updated_at, e) for e in entries]
    return {item: row[3] for item, (row, _carried) in shown_entries(rows, viewed, item=0, period=1, updated=2).items()}


def period_sheet(
    store: Store, period: Period, progress: Progress | None = None, plan: str | None = None
) -> list[SheetRow]:
    """The grid's rows of one plan (`plan`, default the current one: desktop.services.plans.plan_for) in plan
    order: each task, then its measures."""
    catalog = plan_for(store, plan).id
    entries = store.progress.find()
    shown = _picked(entries, period)
    earlier = _picked([e for e in entries if e.period != period.code], period)
    projects = {p.number: f"{p.number} {p.name}" for p in store.plan.projects(catalog)}
    measures: dict[int, list[tuple[int, str]]] = {}
    for m in store.measures.find():
        measures.setdefault(m.task_id, []).append((m.id, m.title))
    tasks = store.plan.tasks(catalog=catalog)
    rows: list[SheetRow] = []

    def row(item_id: int, kind: ItemKind, project: str, label: str, retired: bool) -> SheetRow:
        seen = shown.get(item_id)
        own = seen if seen is not None and seen.period == period.code else None
        return SheetRow(item_id, kind, project, label, own, seen, earlier.get(item_id), retired)

    for done, task in enumerate(tasks, 1):
        project = projects.get(task.project, str(task.project))
        retired = task.retired is not None
        rows.append(row(task.id, ItemKind.TASK, project, f"{task.key} {task.label}", retired))
        rows.extend(row(mid, ItemKind.MEASURE, project, title, retired) for mid, title in measures.get(task.id, ()))
        if progress is not None:
            progress(done, len(tasks))
    return rows
