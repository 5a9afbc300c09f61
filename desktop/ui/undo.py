"""Undo for the last edits: each edit that can be taken back leaves a step that restores what was before.

Steps are recorded after the edit succeeded; undoing goes through the store like any edit (so it is audited
and refused in a locked period). Consecutive saves of the same progress entry fold into one step, so typing
a narrative is undone in one go, back to what the entry was before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec
from PySide6.QtCore import QObject, Signal

from desktop.domain.errors import PlanProgressError
from desktop.domain.model import Measure, Milestone, ProgressEntry
from desktop.store import Store
from desktop.store.measures import EDITABLE as MEASURE_FIELDS
from desktop.store.milestones import EDITABLE as MILESTONE_FIELDS
from desktop.ui.i18n import tr

if TYPE_CHECKING:
    from desktop.ui.session import Change

MAX_STEPS = 50


class UndoStep(msgspec.Struct):
    text: str
    undo: Callable[[Store], object]
    changes: Change
    key: tuple[object, ...] = ()  # steps with the same key (one progress entry) fold together


def _values(record: Measure | Milestone, names: tuple[str, ...]) -> dict[str, Any]:
    known = {f.name for f in msgspec.structs.fields(record)}
    return {name: getattr(record, name) for name in names if name in known}


class UndoStack(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[UndoStep] = []

    def push(self, step: UndoStep) -> None:
        if step.key and self._steps and self._steps[-1].key == step.key:
            return  # the earlier step already restores the state before this run of edits
        self._steps.append(step)
        del self._steps[:-MAX_STEPS]
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._steps)

    def text(self) -> str:
        return self._steps[-1].text if self._steps else ""

    def pop(self) -> UndoStep | None:
        step = self._steps.pop() if self._steps else None
        self.changed.emit()
        return step

    def clear(self) -> None:
        self._steps.clear()
        self.changed.emit()

    # -- the inverse of each kind of edit -------------------------------------------------------------
    def progress_saved(self, before: ProgressEntry | None, after: ProgressEntry, changes: Change) -> None:
        item_id, period = after.item_id, after.period

        def restore(store: Store) -> object:
            if before is None:
                store.progress.delete(item_id, period)
                return None
            return store.progress.record(item_id, period, before.status, before.percent, before.note)

        self.push(UndoStep(tr("撤销进度修改"), restore, changes, ("progress", item_id, period)))

    def measure_added(self, measure: Measure, changes: Change) -> None:
        self.push(
            UndoStep(tr("撤销添加措施“{title}”").format(title=measure.title), _delete_measure(measure.id), changes)
        )

    def measure_updated(self, before: Measure, changes: Change) -> None:
        values = _values(before, MEASURE_FIELDS)
        self.push(
            UndoStep(
                tr("撤销修改措施“{title}”").format(title=before.title),
                lambda store: store.measures.update(before.id, **values),
                changes,
            )
        )

    def milestone_added(self, milestone: Milestone, changes: Change) -> None:
        self.push(
            UndoStep(
                tr("撤销添加时间节点“{title}”").format(title=milestone.title),
                lambda store: store.milestones.delete(milestone.id),
                changes,
            )
        )

    def milestone_updated(self, before: Milestone, changes: Change) -> None:
        values = _values(before, MILESTONE_FIELDS)
        self.push(
            UndoStep(
                tr("撤销修改时间节点“{title}”").format(title=before.title),
                lambda store: store.milestones.update(before.id, **values),
                changes,
            )
        )


def _delete_measure(measure_id: int) -> Callable[[Store], object]:
    return lambda store: store.measures.delete(measure_id)


def run_undo(step: UndoStep, store: Store) -> str | None:
    """Apply `step`; return the user's message when the store refuses (a locked period, a record in use)."""
    try:
        step.undo(store)
    except PlanProgressError as exc:
        return str(exc)
    return None
