"""The period an evidence file belongs to (所属期) in the window: offered as the window's period when adding,
typed over or cleared by the clerk, changed afterwards in 修改佐证材料, shown in the list; a malformed period is
refused where it was typed, with the text kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services import operations as ops
from desktop.store import Store
from desktop.ui.dialogs.evidence import EvidenceDialog
from desktop.ui.models.plan_tree import NodeKind
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.session import Session
from desktop.ui.widgets.evidence_panel import PANEL_HIDDEN, PERIOD_COLUMN

from .conftest import write_png


def _commit(widget: QWidget, text: str) -> None:
    """Chinese text as a Chinese input method commits it (QTest's key clicks know ASCII only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _retype(qtbot: Any, edit: Any, text: str) -> None:
    """Select what the field holds and type over it, key by key."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


@pytest.fixture
def measure_id(store: Store) -> int:
    return store.measures.add(store.plan.tasks()[0].id, "开展理想信念教育").id


def _panel(qtbot: Any, session: Session, measure_id: int) -> Any:
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    assert page.select_key((NodeKind.MEASURE, measure_id))
    page.detail.tabs.setCurrentWidget(page.detail.evidence)
    return page.detail.evidence


def _shown_period(panel: Any, row: int = 0) -> str:
    return str(panel.model.index(row, PERIOD_COLUMN).data())


def _add(qtbot: Any, panel: Any, path: Path) -> None:
    with qtbot.waitSignal(panel.files_added, timeout=10000):
        assert panel.add_files([path]) is not None


def test_the_window_period_is_offered_and_a_typed_one_is_stored_and_listed(
    qtbot: Any, store: Store, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    panel = _panel(qtbot, clerk, measure_id)
    assert panel.period.isVisible() and panel.period.text() == "2026-Q4"  # the window's period (today's quarter)
    assert PERIOD_COLUMN not in PANEL_HIDDEN and not panel.table.isColumnHidden(PERIOD_COLUMN)
    assert panel.model.headerData(PERIOD_COLUMN, Qt.Orientation.Horizontal) == "所属期"

    _add(qtbot, panel, write_png(tmp_path / "默认.png"))
    assert store.evidence.find(measure_id)[0].period == "2026-Q4"
    assert _shown_period(panel) == "2026年第四季度"

    _retype(qtbot, panel.period, "2026-11")
    _add(qtbot, panel, write_png(tmp_path / "十一月.png"))
    second = store.evidence.find(measure_id)[1]
    assert second.period == "2026-11"
    assert _shown_period(panel, 1) == "2026年11月"
    assert panel.info_period.text() == "2026年11月"  # the new file is selected, its period beside the preview
    assert panel.period.text() == "2026-11"  # kept for the next files


def test_the_offered_period_follows_the_window_until_the_clerk_types(
    qtbot: Any, clerk: Session, measure_id: int
) -> None:
    panel = _panel(qtbot, clerk, measure_id)
    clerk.set_period("2026-10")
    assert panel.period.text() == "2026-10"
    _retype(qtbot, panel.period, "2026")
    clerk.set_period("2026-09")
    assert panel.period.text() == "2026"  # what the clerk typed is never replaced


def test_a_cleared_period_adds_files_without_one(
    qtbot: Any, store: Store, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    panel = _panel(qtbot, clerk, measure_id)
    panel.period.setFocus()
    qtbot.keyClick(panel.period, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.period, Qt.Key.Key_Backspace)
    _add(qtbot, panel, write_png(tmp_path / "不限.png"))
    assert store.evidence.find(measure_id)[0].period is None
    assert _shown_period(panel) == ""
    assert panel.info_period.text() == "（未指定）"
    clerk.set_period("2026-10")
    assert panel.period.text() == ""  # emptied by the clerk: stays empty


@pytest.mark.parametrize("typed", ["2026-13", "2026Q5", "明年"])
def test_a_malformed_period_is_refused_visibly_and_kept(
    qtbot: Any, store: Store, clerk: Session, measure_id: int, tmp_path: Path, typed: str
) -> None:
    panel = _panel(qtbot, clerk, measure_id)
    if typed.isascii():
        _retype(qtbot, panel.period, typed)
    else:
        _retype(qtbot, panel.period, "")
        _commit(panel.period, typed)
    panel.table.setFocus()  # files dropped while the clerk was in the list
    assert panel.add_files([write_png(tmp_path / "a.png")]) is None
    assert panel.messages.isVisible()
    assert f"所属期“{typed}”格式不正确" in panel.messages.text() and "2026-Q4" in panel.messages.text()
    assert panel.period.text() == typed  # the clerk's text stays, to be corrected
    assert panel.window().focusWidget() is panel.period  # the cursor is put back where the error is
    assert store.evidence.count() == 0
    _retype(qtbot, panel.period, "2026-Q3")
    assert panel.messages.text() == ""  # the message goes once the period is right
    _add(qtbot, panel, write_png(tmp_path / "b.png"))
    assert store.evidence.find(measure_id)[0].period == "2026-Q3"


def test_the_edit_dialog_changes_the_period_and_undo_takes_it_back(
    qtbot: Any, store: Store, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    ops.add_evidence(store, measure_id, [write_png(tmp_path / "现场.png")], period="2026-Q4")
    panel = _panel(qtbot, clerk, measure_id)
    record = store.evidence.find(measure_id)[0]
    panel.select_row(0)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(EvidenceDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.period.text() == "2026-Q4"
    _retype(qtbot, dialog.period, "2026-10")
    qtbot.keyClick(dialog.period, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert store.evidence.get(record.id).period == "2026-10"
    assert _shown_period(panel) == "2026年10月"
    assert "所属期 2026年10月" in panel.messages.text()
    entries = store.audit.entries(entity="evidence", entity_uid=record.uid)
    assert [e.action for e in entries] == ["insert", "update"]

    assert clerk.undo_stack.text() == "撤销修改佐证材料“现场”"
    assert clerk.undo() is None
    assert store.evidence.get(record.id).period == "2026-Q4"


def test_the_edit_dialog_clears_the_period(
    qtbot: Any, store: Store, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    ops.add_evidence(store, measure_id, [write_png(tmp_path / "现场.png")], period="2026")
    panel = _panel(qtbot, clerk, measure_id)
    panel.select_row(0)
    dialog = panel.edit_selected()
    assert dialog is not None
    _retype(qtbot, dialog.period, "")
    qtbot.keyClick(dialog.period, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert store.evidence.find(measure_id)[0].period is None
    assert _shown_period(panel) == ""


def test_a_malformed_period_is_refused_inside_the_dialog(
    qtbot: Any, store: Store, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    ops.add_evidence(store, measure_id, [write_png(tmp_path / "a.png")], period="2026-Q4")
    record = store.evidence.find(measure_id)[0]
    panel = _panel(qtbot, clerk, measure_id)
    panel.select_row(0)
    dialog = panel.edit_selected()
    assert dialog is not None
    _commit(dialog.category.lineEdit(), "照片")
    _retype(qtbot, dialog.period, "2026Q5")
    qtbot.keyClick(dialog.period, Qt.Key.Key_Return)
    assert dialog.isVisible()  # stays open with what was typed
    assert "所属期“2026Q5”格式不正确" in dialog.messages.text()
    assert dialog.period.text() == "2026Q5" and dialog.category.currentText() == "照片"
    assert store.evidence.get(record.id) == record  # nothing written, not even the category
    _retype(qtbot, dialog.period, "2026-Q1")
    assert dialog.messages.text() == ""  # fixed: the message goes
    qtbot.keyClick(dialog.period, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert store.evidence.get(record.id).period == "2026-Q1"
    assert store.evidence.get(record.id).category == "照片"
