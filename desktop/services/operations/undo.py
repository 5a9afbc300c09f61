"""The history of edits that can be taken back, without Qt: a window keeps one and shows its top step.

Steps come from operations (`Outcome.undo`); undoing runs the step's inverse, itself an operation, so it is
audited and refused in a locked period like any edit. Consecutive steps with the same key (saves of one
progress entry) fold into the first, which restores the state before the whole run of edits.
"""

from __future__ import annotations

from desktop.domain.errors import PlanProgressError
from desktop.services.operations.base import Undo
from desktop.services.operations.progress import UNDO_EDIT_EVIDENCE, UNDO_PROGRESS, UNDO_PROGRESS_MANY
from desktop.services.operations.records import (
    UNDO_ADD_MEASURE,
    UNDO_ADD_MILESTONE,
    UNDO_EDIT_MEASURE,
    UNDO_EDIT_MILESTONE,
)
from desktop.store import Store

MAX_STEPS = 50
# Every undo label an operation can produce: the window translates them, so the catalogue lists them.
UNDO_LABELS = (
    UNDO_PROGRESS,
    UNDO_ADD_MEASURE,
    UNDO_EDIT_MEASURE,
    UNDO_ADD_MILESTONE,
    UNDO_EDIT_MILESTONE,
    UNDO_EDIT_EVIDENCE,
    UNDO_PROGRESS_MANY,
)


class UndoHistory:
    def __init__(self, limit: int = MAX_STEPS) -> None:
        self._steps: list[Undo] = []
        self._limit = limit

    def push(self, step: Undo) -> bool:
        """Keep `step`; return False when it folded into the step on top (nothing new to show)."""
        if step.key and self._steps and self._steps[-1].key == step.key:
            return False
        self._steps.append(step)
        del self._steps[: -self._limit]
        return True

    def top(self) -> Undo | None:
        return self._steps[-1] if self._steps else None

    def pop(self) -> Undo | None:
        return self._steps.pop() if self._steps else None

    def clear(self) -> None:
        self._steps.clear()

    def __len__(self) -> int:
        return len(self._steps)


def run_undo(step: Undo, store: Store) -> str | None:
    """Apply `step`; return the user's message when the store refuses (a locked period, a record in use)."""
    try:
        step.apply(store)
    except PlanProgressError as exc:
        return str(exc)
    return None
