"""One named, Qt-free operation per kind of edit; the window and the command line both call these.

Each operation validates (through the store), writes in one transaction with its audit row and returns an
`Outcome`: the value written, the kinds of data that changed (`Change`), the ids touched, and an `Undo` step
when the edit can be taken back. The window turns an outcome into a refresh and an undo entry
(`desktop.ui.session.Session.apply`); the command line prints it. See docs/operations.md.
"""

from __future__ import annotations

from desktop.services.operations.base import Change, Outcome, Undo
from desktop.services.operations.progress import (
    add_evidence,
    approve_period,
    delete_evidence,
    delete_progress,
    record_progress,
    record_progress_many,
    reopen_period,
    return_period,
    submit_period,
    update_evidence,
)
from desktop.services.operations.records import (
    add_measure,
    add_milestone,
    delete_measure,
    delete_milestone,
    mark_milestone_done,
    update_measure,
    update_milestone,
)
from desktop.services.operations.undo import UndoHistory, run_undo
from desktop.services.operations.users import (
    add_user,
    new_recovery_code,
    record_sign_in,
    reset_with_recovery_code,
    set_active,
    set_password,
    set_role,
    set_thresholds,
    set_unit,
    set_up_office,
)

__all__ = [
    "Change",
    "Outcome",
    "Undo",
    "UndoHistory",
    "add_evidence",
    "add_measure",
    "add_milestone",
    "add_user",
    "approve_period",
    "delete_evidence",
    "delete_measure",
    "delete_milestone",
    "delete_progress",
    "mark_milestone_done",
    "new_recovery_code",
    "record_progress",
    "record_progress_many",
    "record_sign_in",
    "reopen_period",
    "reset_with_recovery_code",
    "return_period",
    "run_undo",
    "set_active",
    "set_password",
    "set_role",
    "set_thresholds",
    "set_unit",
    "set_up_office",
    "submit_period",
    "update_evidence",
    "update_measure",
    "update_milestone",
]
