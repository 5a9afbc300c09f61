"""Operations on the office's answers: at the office a returned period and a notice; at a unit the receipt of
an answer stick and a notice marked read. Writing the answer folders themselves is an export, not an edit."""

from __future__ import annotations

from pathlib import Path

from desktop.services.answer import office, receive
from desktop.services.operations.base import Change, Outcome
from desktop.store import Store
from desktop.store.answers import Notice, OfficeReturn
from desktop.store.unit_answers import UnitAnswers


def return_unit_period(
    store: Store, code: str, period: str, reason: str, comments: list[str], plan: str | None = None
) -> Outcome[OfficeReturn]:
    """Send a unit's period back with a reason and comments `TASK=TEXT`, tasks of plan `plan` (None: the current
    plan) (audited; the next answer carries it)."""
    made = office.return_period(store, code, period, reason, comments, plan)
    return Outcome(made, Change.UNIT, (made.entry.id,))


def add_notice(store: Store, title: str, text: str, units: list[str] | None) -> Outcome[Notice]:
    notice = office.add_notice(store, title, text, units)
    return Outcome(notice, Change.UNIT, (notice.id,))


def receive_answers(store: Store, paths: list[Path]) -> Outcome[receive.ReceiveRun]:
    """Apply the answers for this unit found under `paths`; each answer all or nothing. A plan it brings changes
    the plan's structure (tasks added, reworded, retired)."""
    run = receive.receive_answers(store, paths)
    return Outcome(run, Change.REVIEW | Change.UNIT | Change.STRUCTURE)


def mark_notice_read(store: Store, notice_id: str) -> Outcome[None]:
    UnitAnswers(store.database, store.audit).mark_read(notice_id)
    return Outcome(None, Change.UNIT, (notice_id,))
