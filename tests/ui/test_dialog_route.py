"""Dialogs that edit the home save through the session's route (RecordDialog.perform_on_save): the edit is
on the undo stack, in the audit log and announced to the views, and a refusal stays in the open dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.store import Store
from desktop.ui.dialogs.records import MilestoneDialog
from desktop.ui.dialogs.users import ResetPasswordDialog, UsersDialog
from desktop.ui.models.plan_tree import NodeKind
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.session import Change, Session

from .conftest import PASSWORD, make_session, when_modal

NEW_PASSWORD = "new-secret-456"


def test_a_refused_password_stays_in_the_dialog_and_a_good_one_goes_through_the_session(qtbot, store: Store) -> None:
    admin = make_session(store, "admin")
    users = UsersDialog(admin)
    qtbot.addWidget(users)
    users.table.selectRow([u.name for u in users.model.rows()].index("clerk"))
    announced: list[tuple[Change, object]] = []
    admin.changed.connect(lambda changes, initiator: announced.append((changes, initiator)))
    seen: dict[str, object] = {}

    def fill(dialog: ResetPasswordDialog) -> None:
        qtbot.keyClicks(dialog.passwords.first, NEW_PASSWORD)
        qtbot.keyClicks(dialog.passwords.second, NEW_PASSWORD[:-1] + "7")
        dialog.submit()  # the two differ: refused inside the dialog
        seen["open"], seen["message"] = dialog.isVisible(), dialog.messages.text()
        seen["typed"] = dialog.passwords.first.text()
        seen["unchanged"] = store.users.authenticate("clerk", PASSWORD).name
        dialog.passwords.second.selectAll()
        qtbot.keyClick(dialog.passwords.second, Qt.Key.Key_Backspace)
        qtbot.keyClicks(dialog.passwords.second, NEW_PASSWORD)
        dialog.submit()

    when_modal(fill, ResetPasswordDialog)
    users.reset_password()
    assert seen == {
        "open": True,
        "message": "两次输入的密码不一致，请重新输入。",
        "typed": NEW_PASSWORD,
        "unchanged": "clerk",
    }
    assert store.users.authenticate("clerk", NEW_PASSWORD).name == "clerk"
    assert "已重设 clerk 的密码" in users.messages.text()
    assert announced == [(Change.USERS, users)]  # once, by the dialog that asked
    audit = store.audit.entries(entity="user")
    assert (audit[-1].action, audit[-1].entity_uid, audit[-1].user) == ("update", "clerk", "admin")


def test_a_milestone_added_through_its_dialog_can_be_undone(qtbot, clerk: Session, store: Store) -> None:
    task_id = store.plan.tasks()[0].id
    page = PlanPage(clerk)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    assert page.select_key((NodeKind.TASK, task_id))
    panel = page.detail.milestones

    def fill(dialog: MilestoneDialog) -> None:
        dialog.title.insert("完成第一批培训")  # typed through an input method (QTest types ASCII only)
        dialog.submit()

    when_modal(fill, MilestoneDialog)
    panel.add()
    assert [m.title for m in store.milestones.find(task_id)] == ["完成第一批培训"]
    assert panel.model.rowCount() == 1  # the views heard of it
    assert clerk.undo_stack.text() == "撤销添加时间节点“完成第一批培训”"
    assert clerk.undo() is None
    assert store.milestones.find(task_id) == []
