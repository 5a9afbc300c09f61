"""Why progress cannot be edited here: the period is approved and locked, or the user's role only reads."""

from __future__ import annotations

from desktop.ui.format import period_label
from desktop.ui.i18n import tr
from desktop.ui.session import Session
from desktop.ui.widgets.message_bar import MessageBar


def show_edit_lock(note: MessageBar, session: Session, locked: bool) -> None:
    """Say in `note` why the period's progress is read-only, or clear it when it can be edited."""
    if locked:
        note.warning(
            tr("{period}已审核通过并锁定，进度只能查看。如确需修改，请审核员在“审核”页重新打开该报告期。").format(
                period=period_label(session.period)
            )
        )
    elif not session.can_edit:
        note.info(tr("您的角色（{role}）只能查看进度，由填报员填写。").format(role=tr(session.user.role.value)))
    else:
        note.clear()
