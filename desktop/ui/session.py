"""A signed-in user working on one open home, and the one route every edit takes.

Every edit is an operation of `desktop.services.operations` (Qt-free, shared with the command line). The
window runs it through `Session.perform` (a dialog through `RecordDialog.perform_on_save`, which calls
`Session.run` and keeps a refusal inside the dialog); that keeps its undo step and reports what changed
(`changed` signal with `Change` flags, after Anki's operation_did_execute); each view refreshes only what
concerns it. Errors a user can cause come back as messages, never as tracebacks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Flag, auto
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.domain.errors import PlanProgressError
from desktop.domain.health import Thresholds
from desktop.domain.model import User
from desktop.domain.periods import Period, PeriodKind, current_period, parse_period
from desktop.domain.status import Role
from desktop.services.operations import Change, Outcome, run_undo
from desktop.store import Store
from desktop.store.overview import ProjectView
from desktop.ui.undo import UndoStack

if TYPE_CHECKING:
    from desktop.services.plans import HeldPlan

T = TypeVar("T")


__all__ = ["Change", "Permission", "Session"]


class Permission(Flag):
    NONE = 0
    EDIT = auto()  # measures, milestones, progress, evidence; submit a period
    REVIEW = auto()  # approve, return, reopen a period
    ADMIN = auto()  # users, settings, backup and restore


ROLE_PERMISSIONS = {
    Role.CLERK: Permission.EDIT,
    Role.REVIEWER: Permission.REVIEW,
    # A small unit's administrator also fills in; approving stays with a reviewer (two pairs of eyes).
    Role.ADMIN: Permission.ADMIN | Permission.EDIT,
}


class Session(QObject):
    """Owns the GUI thread's Store connection. Workers open their own with `worker_store()`."""

    changed = Signal(object, object)  # Change, initiator (the widget that made the edit, or None)
    period_changed = Signal(str)
    plan_changed = Signal(str)  # the id of the plan the unit's views now show
    error = Signal(str)  # a refused edit's message, for a status line

    def __init__(
        self,
        store: Store,
        user: User,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.user = user
        self.today = today
        store.audit.actor = user.name
        self._period = current_period(PeriodKind.QUARTER, today())
        self._plan: str | None = None  # chosen in the plan selector; None: the current plan
        self._plans: list[HeldPlan] | None = None
        self._overview: tuple[tuple[str, str], list[ProjectView]] | None = None
        self._thresholds: Thresholds | None = None
        self.undo_stack = UndoStack(self)

    # -- who may do what -------------------------------------------------------------------------
    @property
    def permissions(self) -> Permission:
        return ROLE_PERMISSIONS[self.user.role]

    @property
    def can_edit(self) -> bool:
        return bool(self.permissions & Permission.EDIT)

    @property
    def can_review(self) -> bool:
        return bool(self.permissions & Permission.REVIEW)

    @property
    def can_admin(self) -> bool:
        return bool(self.permissions & Permission.ADMIN)

    @property
    def home_root(self) -> Path:
        return self.store.home.root

    # -- reporting period ------------------------------------------------------------------------
    @property
    def period(self) -> Period:
        return self._period

    def set_period(self, code: str) -> None:
        period = parse_period(code)
        if period != self._period:
            self._period = period
            self.period_changed.emit(period.code)

    # -- plan ------------------------------------------------------------------------------------
    def plans(self) -> list[HeldPlan]:
        """The plans the home holds (desktop.services.plans), read once per structural change."""
        if self._plans is None:
            from desktop.services.plans import held_plans  # loaded on first use: start-up stays short

            self._plans = held_plans(self.store)
        return self._plans

    @property
    def plan_id(self) -> str:
        """The plan the views show: the one chosen, else the current one (held_plans says which)."""
        plans = self.plans()
        if self._plan is not None and any(p.id == self._plan for p in plans):
            return self._plan
        return next((p.id for p in plans if p.current), plans[-1].id if plans else "")

    def set_plan(self, plan_id: str) -> None:
        if plan_id != self.plan_id:
            self._plan = plan_id
            self._overview = None
            self.plan_changed.emit(plan_id)

    def is_locked(self) -> bool:
        return self.store.reviews.is_locked(self._period.code)

    # -- cached reads ----------------------------------------------------------------------------
    def thresholds(self) -> Thresholds:
        if self._thresholds is None:
            self._thresholds = self.store.settings.thresholds()
        return self._thresholds

    def overview(self) -> list[ProjectView]:
        """The roll-up of the chosen plan for the current period, computed once per change and shared by every
        view."""
        key = (self._period.code, self.plan_id)
        if self._overview is None or self._overview[0] != key:
            views = self.store.overview(key[0], today=self.today(), thresholds=self.thresholds(), plan=key[1])
            self._overview = (key, views)
        return self._overview[1]

    # -- edits -----------------------------------------------------------------------------------
    def perform(
        self, operation: Callable[[Store], Outcome[T]], initiator: object = None
    ) -> tuple[T | None, str | None]:
        """Run one operation; return (its value, None) or (None, the user's error message)."""
        try:
            return self.run(operation, initiator), None
        except PlanProgressError as exc:
            self.error.emit(str(exc))
            return None, str(exc)

    def run(self, operation: Callable[[Store], Outcome[T]], initiator: object = None) -> T:
        """Run one operation and apply it; a refusal (PlanProgressError) is raised, for a caller that shows it
        where the person is typing (a dialog, which stays open)."""
        return self.apply(operation(self.store), initiator)

    def apply(self, outcome: Outcome[T], initiator: object = None) -> T:
        """Turn a finished operation into an undo entry and a refresh; return its value."""
        if outcome.undo is not None:
            self.undo_stack.push(outcome.undo)
        self.notify(outcome.changes, initiator)
        return outcome.value

    def notify(self, changes: Change, initiator: object = None) -> None:
        """Announce changes made elsewhere (a worker thread, a CLI job) so the views refresh."""
        if changes & (Change.STRUCTURE | Change.PROGRESS | Change.EVIDENCE | Change.SETTINGS | Change.REVIEW):
            self._overview = None
        if changes & Change.SETTINGS:
            self._thresholds = None
        if changes & Change.STRUCTURE:
            self._plans = None  # an answer may have brought a plan
        self.changed.emit(changes, initiator)

    def undo(self) -> str | None:
        """Take back the last edit; return the store's message if it refuses (the period got locked)."""
        step = self.undo_stack.pop()
        if step is None:
            return None
        error = run_undo(step, self.store)
        if error:
            self.error.emit(error)
            return error
        self.notify(step.changes, self.undo_stack)
        return None

    def worker_store(self) -> Store:
        """A second connection for a worker thread (SQLite connections stay in their own thread)."""
        return Store.open(self.home_root, self.user.name)
