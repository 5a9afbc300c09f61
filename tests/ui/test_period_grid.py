"""逐项填报: a whole period typed with the keyboard row by row, refused input kept and told, copy-forward of last
period's notes, a locked period read-only, and the table model checked by qtmodeltester."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.domain.status import Status
from desktop.services import operations as ops
from desktop.store import Store
from desktop.ui.models.period_grid import Col
from desktop.ui.pages.period_grid import PeriodGridPage
from desktop.ui.session import Session

PERIOD = "2026-Q4"  # the session's period on TODAY (2026-11-26)
EARLIER = "2026-Q3"


def _page(qtbot: Any, session: Session) -> PeriodGridPage:
    page = PeriodGridPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    return page


def _type(qtbot: Any, text: str) -> None:
    """Type into the focused widget as a person does: ASCII key by key, Chinese as a Chinese input method
    delivers it — the pinyin being composed (pre-edit), then the character committed (QTest's key clicks know
    ASCII only)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(QApplication.focusWidget(), char)
            continue
        QApplication.sendEvent(QApplication.focusWidget(), QInputMethodEvent("pin", []))
        commit = QInputMethodEvent("", [])
        commit.setCommitString(char)
        QApplication.sendEvent(QApplication.focusWidget(), commit)


def _type_row(qtbot: Any, page: PeriodGridPage, status_key: str, percent: str, note: str) -> None:
    """Status by its number key, Tab, percent, Tab, note, Enter: the next row's status cell is then current."""
    view = page.view
    qtbot.keyClicks(view, status_key)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), percent)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    _type(qtbot, note)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_the_first_rows_typed_with_the_keyboard(qtbot: Any, store: Store, clerk: Session) -> None:
    page = _page(qtbot, clerk)
    first = page.model.row(0)
    _type_row(qtbot, page, "2", "60", "完成第一阶段")
    entry = store.progress.get(first.item_id, PERIOD)
    assert entry is not None
    assert (entry.status, entry.percent, entry.note) == (Status.IN_PROGRESS, 60, "完成第一阶段")


@pytest.fixture
def measures(store: Store) -> list[int]:
    """Two measures under the first task, so the grid has both kinds of rows."""
    task = store.plan.tasks()[0].id
    return [ops.add_measure(store, task, title).value.id for title in ("开展全员轮训", "修订考核办法")]


def test_a_whole_period_typed_row_by_row_is_in_the_store(
    qtbot: Any, store: Store, clerk: Session, measures: list[int]
) -> None:
    page = _page(qtbot, clerk)
    rows = page.model.rows()
    assert [r.item_id for r in rows[1:3]] == measures  # each task, then its measures
    for n, _row in enumerate(rows):
        assert page.view.currentIndex().row() == n and page.view.currentIndex().column() == Col.STATUS
        _type_row(qtbot, page, "2", str(n % 99 + 1), f"第{n + 1}项进展 ok")
    for n, row in enumerate(rows):
        entry = store.progress.get(row.item_id, PERIOD)
        assert entry is not None, row.label
        assert (entry.status, entry.percent, entry.note) == (Status.IN_PROGRESS, n % 99 + 1, f"第{n + 1}项进展 ok")
    assert page.count_label.text() == f"本期已填 {len(rows)} / {len(rows)} 项"
    # Each committed cell went through the progress operation: an audited write, taken back with undo.
    assert clerk.undo_stack.text() == "撤销进度修改"
    assert clerk.undo() is None
    assert store.progress.get(rows[-1].item_id, PERIOD) is None
    qtbot.waitUntil(lambda: page.model.row(len(rows) - 1).own is None)  # the grid shows the undo


def test_done_by_key_gives_100_and_a_lower_percent_makes_it_in_progress(
    qtbot: Any, store: Store, clerk: Session
) -> None:
    page = _page(qtbot, clerk)
    item = page.model.row(0).item_id
    qtbot.keyClicks(page.view, "3")  # 3 已完成
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    entry = store.progress.get(item, PERIOD)
    assert entry is not None and (entry.status, entry.percent) == (Status.DONE, 100)
    assert page.model.index(0, Col.PERCENT).data() == "100 %"
    qtbot.keyClicks(QApplication.focusWidget(), "90")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    entry = store.progress.get(item, PERIOD)
    assert entry is not None and (entry.status, entry.percent) == (Status.IN_PROGRESS, 90)
    assert page.model.index(0, Col.STATUS).data() == "推进中"


@pytest.mark.parametrize(
    ("typed", "message"),
    [("150", "完成百分比“150”超出范围：请填写 0 到 100 之间的整数。"), ("abc", "完成百分比“abc”不是数字")],
)
def test_a_wrong_percent_is_refused_kept_and_nothing_saved(
    qtbot: Any, store: Store, clerk: Session, typed: str, message: str
) -> None:
    page = _page(qtbot, clerk)
    item = page.model.row(0).item_id
    page.view.setCurrentIndex(page.model.index(0, Col.PERCENT))
    page.view.setFocus()
    _type(qtbot, typed)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert store.progress.get(item, PERIOD) is None  # nothing saved
    assert message in page.messages.text()
    cell = page.model.index(0, Col.PERCENT)
    assert cell.data() == typed  # the cell keeps what was typed
    assert message in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    # Back to the cell: the editor opens with what was typed, to be corrected.
    page.view.setCurrentIndex(cell)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == typed
    qtbot.keyClicks(editor, "80")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    entry = store.progress.get(item, PERIOD)
    assert entry is not None and entry.percent == 80
    assert page.model.index(0, Col.PERCENT).data() == "80 %"
    assert page.messages.kind != "error"


def test_a_locked_period_is_read_only_with_the_reason(
    qtbot: Any, store: Store, clerk: Session, measures: list[int]
) -> None:
    ops.record_progress(store, measures[0], PERIOD, Status.IN_PROGRESS, 40, "已报")
    store.reviews.submit(PERIOD)
    store.audit.actor = "reviewer"
    store.reviews.approve(PERIOD)
    page = _page(qtbot, clerk)
    assert "已审核通过并锁定" in page.lock_note.text() and page.lock_note.isVisible()
    cell = page.model.index(1, Col.PERCENT)
    assert not cell.flags() & Qt.ItemFlag.ItemIsEditable
    page.view.setCurrentIndex(cell)
    page.view.setFocus()
    _type(qtbot, "99")
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert page.view.state() is not page.view.State.EditingState
    assert store.progress.get(measures[0], PERIOD).percent == 40  # type: ignore[union-attr]
    assert not page.copy_all_button.isEnabled() and not page.copy_row_button.isEnabled()


def test_last_periods_note_copied_forward_for_one_row_and_for_all(
    qtbot: Any, store: Store, clerk: Session, measures: list[int]
) -> None:
    ops.record_progress(store, measures[0], EARLIER, Status.IN_PROGRESS, 30, "三季度：完成方案")
    ops.record_progress(store, measures[1], EARLIER, Status.LAGGING, 10, "三季度：经费未到位")
    ops.record_progress(store, measures[1], "2026-06", Status.IN_PROGRESS, 5, "六月的旧说明")
    page = _page(qtbot, clerk)
    assert page.model.index(1, Col.EARLIER).data() == "三季度：完成方案"
    assert page.model.index(2, Col.EARLIER).data() == "三季度：经费未到位"  # the latest, not June's
    assert page.model.index(1, Col.NOTE).data() == ""  # nothing reported for the period yet
    assert page.model.index(1, Col.PERCENT).data() == "30 %"  # carried forward, as the plan tree shows it

    page.view.setCurrentIndex(page.model.index(1, Col.NOTE))
    qtbot.keyClick(page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    entry = store.progress.get(measures[0], PERIOD)
    assert entry is not None
    assert (entry.status, entry.percent, entry.note) == (Status.IN_PROGRESS, 30, "三季度：完成方案")
    assert page.model.index(1, Col.NOTE).data() == "三季度：完成方案"

    page.copy_all_button.click()
    second = store.progress.get(measures[1], PERIOD)
    assert second is not None and (second.status, second.percent, second.note) == (
        Status.LAGGING,
        10,
        "三季度：经费未到位",
    )
    assert "1 行" in page.messages.text()
    assert not page.copy_all_button.isEnabled()  # nothing left to copy
    assert clerk.undo_stack.text() == "撤销填报 1 条进度"
    assert clerk.undo() is None  # the copy into every row is one step
    assert store.progress.get(measures[1], PERIOD) is None
    assert store.progress.get(measures[0], PERIOD) is not None


def test_the_grid_follows_the_period_selector(qtbot: Any, store: Store, clerk: Session, measures: list[int]) -> None:
    ops.record_progress(store, measures[0], "2026-11", Status.IN_PROGRESS, 55, "十一月")
    page = _page(qtbot, clerk)
    assert "2026年第四季度" in page.heading.text()
    clerk.set_period("2026-11")
    qtbot.waitUntil(lambda: page.model.index(1, Col.NOTE).data() == "十一月", timeout=10000)
    assert "2026年11月" in page.heading.text()
    page.view.setCurrentIndex(page.model.index(1, Col.PERCENT))
    _type(qtbot, "65")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert store.progress.get(measures[0], "2026-11").percent == 65  # type: ignore[union-attr]
    assert store.progress.get(measures[0], PERIOD) is None


def test_reviewer_sees_the_grid_read_only(qtbot: Any, reviewer: Session) -> None:
    page = _page(qtbot, reviewer)
    assert "只能查看" in page.lock_note.text()
    assert not page.model.index(0, Col.STATUS).flags() & Qt.ItemFlag.ItemIsEditable


def test_model_passes_qtmodeltester(qtmodeltester: Any, qtbot: Any, clerk: Session, measures: list[int]) -> None:
    page = _page(qtbot, clerk)
    qtmodeltester.check(page.model, force_py=True)


def test_reachable_from_the_unit_window(qtbot: Any, clerk: Session) -> None:
    from desktop.ui.startup import build_main_window

    window = build_main_window(clerk)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    grid = next(a for a in window.menu("view").actions() if a.text() == "逐项填报")
    assert grid.shortcut().toString() == "Ctrl+5"
    grid.trigger()
    assert window.current_page_key() == "grid"
    page = window.page("grid")
    assert isinstance(page, PeriodGridPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)


def test_a_note_still_being_typed_is_saved_when_the_period_changes(
    qtbot: Any, store: Store, clerk: Session, measures: list[int]
) -> None:
    from desktop.ui.startup import build_main_window

    window = build_main_window(clerk)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("grid")
    assert isinstance(page, PeriodGridPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    page.view.setCurrentIndex(page.model.index(1, Col.NOTE))
    page.view.setFocus()
    _type(qtbot, "未按回车的说明")
    assert page.view.state() is page.view.State.EditingState
    selector = next(w for w in window.findChildren(QWidget) if type(w).__name__ == "PeriodSelector")
    selector.select("2026-11")  # as choosing it in the toolbar does
    entry = store.progress.get(measures[0], PERIOD)
    assert entry is not None and entry.note == "未按回车的说明"  # saved in the period it was typed in
    assert clerk.period.code == "2026-11"
    qtbot.waitUntil(lambda: "2026年11月" in page.heading.text())
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.model.index(1, Col.NOTE).data() == "", timeout=10000)


def test_text_committed_at_once_by_an_input_method_is_not_lost(qtbot: Any, store: Store, clerk: Session) -> None:
    page = _page(qtbot, clerk)
    item = page.model.row(0).item_id
    page.view.setCurrentIndex(page.model.index(0, Col.NOTE))
    page.view.setFocus()
    commit = QInputMethodEvent("", [])
    commit.setCommitString("手写输入的说明")  # handwriting input commits a phrase without composing first
    QApplication.sendEvent(page.view, commit)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    entry = store.progress.get(item, PERIOD)
    assert entry is not None and entry.note == "手写输入的说明"
