"""Errors a user can cause. Each carries a Chinese message that says what happened and what to do."""

from __future__ import annotations


class PlanProgressError(Exception):
    """Base for every error shown to a user. `str(err)` is the message for the clerk."""

    exit_code = 1


class InputError(PlanProgressError):
    """A value the user typed is malformed (date, period, percent, id...)."""

    exit_code = 2


class NotFoundError(PlanProgressError):
    """An id or name that does not exist."""

    exit_code = 3


class LockedError(PlanProgressError):
    """The reporting period is approved and therefore read-only."""

    exit_code = 4


class StateError(PlanProgressError):
    """The action does not fit the current state (second init, wrong review step...)."""

    exit_code = 5


class StoreError(PlanProgressError):
    """The data folder or database cannot be used (not SQLite, newer than the program, busy...)."""

    exit_code = 6


class IntegrityError(PlanProgressError):
    """A verification found missing or altered data."""

    exit_code = 7
