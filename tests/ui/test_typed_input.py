"""What a clerk types is taken whole or refused visibly: numbers out of range or not numbers, whole typed dates,
and messages that go away once the field is put right. Typed with the keyboard, as a person does."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui.dialogs.records import MarkDoneDialog, MeasureDialog, MilestoneDialog, RecordDialog
from desktop.ui.dialogs.settings import SettingsDialog
from desktop.ui.models.plan_tree import NodeKind
from desktop.ui.pages.audit import AuditPage
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window
from desktop.ui.widgets.fields import to_qdate

from .conftest import TODAY, make_session, when_modal

SELECT_ALL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def task_id(store: Store) -> int:
    return store.plan.tasks()[0].id


@pytest.fixture
def measure_id(store: Store, task_id: int) -> int:
    return store.measures.add(task_id, "开展理想信念教育", department="政治处").id


def type_into(qtbot, field: QWidget, text: str) -> None:
    """Click into the field and type."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, text)


def retype(qtbot, field: QWidget, text: str) -> None:
    """Click into the field, select everything (Ctrl+A) and type over it."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, SELECT_ALL)
    qtbot.keyClicks(field, text)


def _activate(qtbot, window: QWidget) -> None:
    """Focus moves with Tab only in the active window, as on a desktop."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _save(qtbot, dialog: RecordDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _editor(qtbot, session: Session, measure_id: int):
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    assert page.select_key((NodeKind.MEASURE, measure_id))
    _activate(qtbot, page)
    return page.detail.progress


# -- 完成百分比 ----------------------------------------------------------------------------------------------------
def test_a_percent_over_100_is_refused_visibly_and_kept_as_typed(qtbot, clerk: Session, measure_id: int) -> None:
    editor = _editor(qtbot, clerk, measure_id)
    editor.status.setCurrentIndex(list(Status).index(Status.DONE))
    assert clerk.store.progress.get(measure_id, "2026-Q4").percent == 100
    retype(qtbot, editor.percent, "150")
    qtbot.keyClick(editor.percent, Qt.Key.Key_Return)
    assert editor.percent.text() == "150"  # all three digits stay in the field
    assert editor.messages.isVisible() and "超出范围" in editor.messages.text()
    assert "0 到 100 之间的整数" in editor.messages.text()
    saved = clerk.store.progress.get(measure_id, "2026-Q4")
    assert (saved.percent, saved.status) == (100, Status.DONE)  # nothing saved, the status untouched
    assert editor.status.currentData() is Status.DONE

    retype(qtbot, editor.percent, "60")
    assert not editor.messages.isVisible()  # the message goes once the text is right
    qtbot.keyClick(editor.percent, Qt.Key.Key_Tab)
    saved = clerk.store.progress.get(measure_id, "2026-Q4")
    assert (saved.percent, saved.status) == (60, Status.IN_PROGRESS)


def test_letters_in_the_percent_stay_and_are_refused(qtbot, clerk: Session, measure_id: int) -> None:
    editor = _editor(qtbot, clerk, measure_id)
    retype(qtbot, editor.percent, "5o")
    qtbot.keyClick(editor.percent, Qt.Key.Key_Tab)
    assert editor.percent.text() == "5o"
    assert "“5o”不是数字" in editor.messages.text()
    assert clerk.store.progress.get(measure_id, "2026-Q4") is None


# -- number fields of the record dialogs -------------------------------------------------------------------------
def test_text_in_a_target_value_is_kept_and_told(qtbot, store: Store, task_id: int) -> None:
    dialog = MilestoneDialog("任务", None, store.plan.targets(), TODAY)
    qtbot.addWidget(dialog)
    dialog.save = lambda: store.milestones.add(task_id, **dialog.values())
    dialog.show()
    _activate(qtbot, dialog)
    dialog.title.insert("完成第一期轮训")  # as an input method commits it
    type_into(qtbot, dialog.target_value, "5x")
    assert dialog.target_value.text() == "5x"  # not a silently shortened "5"
    qtbot.keyClick(dialog.target_value, Qt.Key.Key_Tab)
    assert "目标值“5x”不是数字" in dialog.messages.text()
    _save(qtbot, dialog)
    assert dialog.isVisible() and store.milestones.find() == []  # nothing written
    retype(qtbot, dialog.target_value, "5")
    assert not dialog.messages.isVisible()
    _save(qtbot, dialog)
    assert [m.target_value for m in store.milestones.find()] == [5]


def test_an_actual_value_out_of_the_mark_done_dialog_is_refused(qtbot, store: Store, task_id: int) -> None:
    milestone = store.milestones.add(task_id, "节点", dt.date(2026, 12, 1))
    dialog = MarkDoneDialog(milestone, TODAY)
    qtbot.addWidget(dialog)
    dialog.save = lambda: store.milestones.mark_done(milestone.id, dialog.achieved.value(), dialog.actual_value.value())
    dialog.show()
    _activate(qtbot, dialog)
    type_into(qtbot, dialog.actual_value, "1,5")
    _save(qtbot, dialog)
    assert "“1,5”不是数字" in dialog.messages.text()
    assert not store.milestones.get(milestone.id).done


def test_the_due_soon_days_are_refused_beyond_a_year(qtbot, store: Store) -> None:
    admin = make_session(store, "admin")
    dialog = SettingsDialog(admin)
    qtbot.addWidget(dialog)
    dialog.show()
    _activate(qtbot, dialog)
    retype(qtbot, dialog.due_soon, "500")
    assert dialog.due_soon.text() == "500"
    _save(qtbot, dialog)
    assert "超出范围" in dialog.messages.text() and "1 到 365 之间的整数" in dialog.messages.text()
    assert store.settings.thresholds().due_soon_days != 500
    retype(qtbot, dialog.due_soon, "90")
    assert not dialog.messages.isVisible()
    _save(qtbot, dialog)
    assert store.settings.thresholds().due_soon_days == 90


# -- dates --------------------------------------------------------------------------------------------------------
def test_a_whole_typed_date_is_taken_whole(qtbot, store: Store, task_id: int) -> None:
    dialog = MilestoneDialog("任务", None, [], TODAY)
    qtbot.addWidget(dialog)
    dialog.save = lambda: store.milestones.add(task_id, **dialog.values())
    dialog.show()
    _activate(qtbot, dialog)
    dialog.title.insert("年中检查")  # as an input method commits it
    retype(qtbot, dialog.due, "2027-06-30")
    _save(qtbot, dialog)
    assert [m.due_date for m in store.milestones.find()] == [dt.date(2027, 6, 30)]


def test_a_typed_measure_date_is_taken_whole_and_a_wrong_one_refused(qtbot, store: Store, task_id: int) -> None:
    dialog = MeasureDialog("任务", None, TODAY)
    qtbot.addWidget(dialog)
    dialog.save = lambda: store.measures.add(task_id, **dialog.values())
    dialog.show()
    _activate(qtbot, dialog)
    dialog.title.insert("全员轮训")  # as an input method commits it
    qtbot.mouseClick(dialog.due.check, Qt.MouseButton.LeftButton)
    retype(qtbot, dialog.due.edit, "2027-13-01")
    qtbot.keyClick(dialog.due.edit, Qt.Key.Key_Tab)
    assert "完成期限“2027-13-01”格式不正确" in dialog.messages.text()
    _save(qtbot, dialog)
    assert store.measures.find() == []
    retype(qtbot, dialog.due.edit, "2027/6/30")
    assert not dialog.messages.isVisible()
    _save(qtbot, dialog)
    assert [m.due_date for m in store.measures.find()] == [dt.date(2027, 6, 30)]


def test_the_calendar_button_sets_the_date(qtbot) -> None:
    dialog = MilestoneDialog("任务", None, [], TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    _activate(qtbot, dialog)
    dialog.due.show_calendar()
    assert dialog.due.calendar.selectedDate() == to_qdate(TODAY)  # opens on the date in the field
    dialog.due.calendar.clicked.emit(to_qdate(dt.date(2027, 1, 15)))
    assert dialog.due.text() == "2027-01-15" and dialog.due.value() == dt.date(2027, 1, 15)


# -- messages go once the field is right --------------------------------------------------------------------------
def test_the_empty_name_message_goes_once_a_name_is_typed(qtbot, store: Store, task_id: int) -> None:
    dialog = MeasureDialog("任务", None, TODAY)
    qtbot.addWidget(dialog)
    dialog.save = lambda: store.measures.add(task_id, **dialog.values())
    dialog.show()
    _activate(qtbot, dialog)
    _save(qtbot, dialog)
    assert "措施名称不能为空" in dialog.messages.text()
    dialog.title.insert("全员轮训")  # as an input method commits it
    assert not dialog.messages.isVisible()
    assert store.measures.find() == []  # correcting the form saves nothing by itself
    _save(qtbot, dialog)
    assert [m.title for m in store.measures.find()] == ["全员轮训"]


def test_a_message_changes_to_the_next_problem_rather_than_staying(qtbot, store: Store, task_id: int) -> None:
    dialog = MeasureDialog("任务", None, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    _activate(qtbot, dialog)
    qtbot.mouseClick(dialog.start.check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.due.check, Qt.MouseButton.LeftButton)
    retype(qtbot, dialog.start.edit, "2027-01-01")
    retype(qtbot, dialog.due.edit, "2026-12-01")
    _save(qtbot, dialog)
    assert "措施名称不能为空" in dialog.messages.text()
    dialog.title.insert("轮训")  # as an input method commits it
    assert "晚于完成期限" in dialog.messages.text()  # the name is right now; the dates are not
    retype(qtbot, dialog.due.edit, "2027-12-01")
    assert not dialog.messages.isVisible()


def test_a_wrong_date_in_the_audit_filter_is_told_not_a_crash(qtbot, store: Store) -> None:
    admin = make_session(store, "admin")
    page = AuditPage(admin)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    _activate(qtbot, page)
    page.apply()
    page.model.fetch_all()
    shown = page.model.rowCount()
    assert shown > 0
    qtbot.mouseClick(page.since.check, Qt.MouseButton.LeftButton)
    retype(qtbot, page.since.edit, "2026-11-31")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert "起始日期“2026-11-31”格式不正确" in page.messages.text()
    assert page.since.edit.text() == "2026-11-31" and page.model.rowCount() == shown
    retype(qtbot, page.since.edit, "2026-11-01")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert not page.messages.isVisible()


# -- each error once --------------------------------------------------------------------------------------------
def test_a_refused_edit_is_told_once_beside_it_not_again_in_the_status_bar(
    qtbot, store: Store, clerk: Session, task_id: int, measure_id: int
) -> None:
    window = build_main_window(clerk)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    page = window.show_page("plan")
    assert page.select_key((NodeKind.TASK, task_id))
    panel = page.detail.measures
    panel.select_id(measure_id)
    store.measures.delete(measure_id)  # gone meanwhile (the command line, another window)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click(), QMessageBox)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "找不到编号为" in panel.messages.text()
    assert window.statusBar().currentMessage() == ""
