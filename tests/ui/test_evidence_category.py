"""Evidence category in the window: chosen when adding files, changed afterwards in 修改佐证材料 (audited and
taken back with undo), a refusal kept inside the dialog with everything typed."""

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

from .conftest import write_png


def _commit(widget: QWidget, text: str) -> None:
    """Chinese text as a Chinese input method commits it (QTest's key clicks know ASCII only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def measure_id(store: Store) -> int:
    return store.measures.add(store.plan.tasks()[0].id, "开展理想信念教育").id


def _panel(qtbot: Any, session: Session, measure_id: int) -> Any:
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    assert page.select_key((NodeKind.MEASURE, measure_id))
    return page.detail.evidence


def test_category_chosen_when_adding_and_changed_afterwards(
    qtbot: Any, store: Store, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    panel = _panel(qtbot, clerk, measure_id)
    line = panel.category.lineEdit()
    line.setFocus()
    _commit(line, "照片")
    with qtbot.waitSignal(panel.files_added, timeout=10000):
        panel.add_files([write_png(tmp_path / "现场.png")])
    record = store.evidence.find(measure_id)[0]
    assert record.category == "照片"
    assert panel.info_category.text() == "照片"

    panel.select_row(0)
    assert panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(EvidenceDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.category.currentText() == "照片" and dialog.title.text() == "现场"
    dialog.category.lineEdit().selectAll()
    _commit(dialog.category.lineEdit(), "会议记录")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert store.evidence.get(record.id).category == "会议记录"
    assert store.evidence.get(record.id).sha256 == record.sha256
    assert [e.action for e in store.audit.entries(entity="evidence", entity_uid=record.uid)] == ["insert", "update"]
    assert panel.info_category.text() == "会议记录"  # the record stays selected, shown as changed
    assert "会议记录" in panel.messages.text()

    assert clerk.undo_stack.text() == "撤销修改佐证材料“现场”"
    assert clerk.undo() is None
    assert store.evidence.get(record.id).category == "照片"


def test_an_empty_title_is_refused_inside_the_dialog(
    qtbot: Any, store: Store, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    panel = _panel(qtbot, clerk, measure_id)
    with qtbot.waitSignal(panel.files_added, timeout=10000):
        panel.add_files([write_png(tmp_path / "a.png")])
    record = store.evidence.find(measure_id)[0]
    assert record.category == ""
    panel.select_row(0)
    dialog = panel.edit_selected()
    assert dialog is not None
    dialog.title.selectAll()
    qtbot.keyClick(dialog.title, Qt.Key.Key_Delete)
    dialog.category.lineEdit().setFocus()
    _commit(dialog.category.lineEdit(), "文件")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.isVisible()  # stays open with what was typed
    assert "标题不能为空" in dialog.messages.text()
    assert dialog.category.currentText() == "文件"
    assert store.evidence.get(record.id) == record  # nothing written


def test_a_reviewer_cannot_change_a_category(
    qtbot: Any, store: Store, reviewer: Session, measure_id: int, tmp_path: Path
) -> None:
    ops.add_evidence(store, measure_id, [write_png(tmp_path / "a.png")], category="照片")
    panel = _panel(qtbot, reviewer, measure_id)
    panel.select_row(0)
    assert panel.open_button.isEnabled() and panel.info_category.text() == "照片"
    assert not panel.edit_button.isEnabled()
    assert panel.edit_selected() is None
