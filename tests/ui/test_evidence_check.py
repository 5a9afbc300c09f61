"""校验全部佐证材料 from the review menu of a unit's window: the same check as the office's, with the unit's
words for an intact home and for a missing or altered file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from desktop.store import Store
from desktop.ui.main_window import MainWindow
from desktop.ui.startup import build_main_window

from .conftest import make_session, when_modal, write_png


def _trigger(qtbot, window: MainWindow) -> str:
    [action] = [a for a in window.menu("review").actions() if a.text() == "校验全部佐证材料"]
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(f"{box.windowTitle()}|{box.text()}")
        box.accept()

    when_modal(read, QMessageBox)
    action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=15000)
    return seen[0]


def test_the_menu_checks_every_file_and_names_the_altered_one(qtbot, store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0]
    first = store.evidence.add(task.id, write_png(tmp_path / "现场 照片.png")).record
    store.evidence.add(task.id, write_png(tmp_path / "第二张.png", "#1565c0"))
    window = build_main_window(make_session(store, "clerk"))
    assert window is not None
    qtbot.addWidget(window)
    assert _trigger(qtbot, window) == "校验通过|全部 2 份佐证材料完好。"
    store.home.blob_path(first.sha256).write_bytes(b"changed on disk")
    assert _trigger(qtbot, window) == (
        "佐证材料校验未通过|以下材料缺失或被改动，请从备份恢复：\n现场 照片.png：文件内容被改动（哈希不符）"
    )
