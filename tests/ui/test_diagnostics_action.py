"""帮助 → 导出诊断信息 in both modes: the file dialog, the zip written in a worker, the message after it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMessageBox

from desktop.store import Store
from desktop.ui.diagnostics import export_diagnostics
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .bundle_support import OFFICE_ADMIN, make_office
from .conftest import PASSWORD, TODAY, make_session, when_modal


def _window(qtbot: Any, session: Session) -> MainWindow:
    window = build_main_window(session)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    return window


def _help_action(window: MainWindow) -> QAction:
    [action] = [a for a in window.menu("help").actions() if a.text() == "导出诊断信息…"]
    return action


def _run_from_the_menu(qtbot: Any, window: MainWindow, target: Path) -> str:
    """Choose the file in the save dialog as a person would, and read the message that follows."""
    said: list[str] = []

    def choose(dialog: QFileDialog) -> None:
        # type the whole path into the file-name box, as a person does (Qt may still be putting its offered
        # name there while it fills the folder view, so the box is what counts, not selectFile)
        box = dialog.findChild(QLineEdit, "fileNameEdit")
        assert box is not None
        box.setText(str(target))
        when_modal(lambda box: (said.append(box.text()), box.accept()), QMessageBox, timeout_ms=60000)
        dialog.accept()

    when_modal(choose, QFileDialog)
    _help_action(window).trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=60000)
    return said[0]


def test_a_unit_exports_its_diagnostics_from_the_help_menu(qtbot: Any, store: Store, tmp_path: Path) -> None:
    window = _window(qtbot, make_session(store, "clerk"))  # any role may: it is what support asks for
    target = tmp_path / "U盘" / "诊断.zip"
    target.parent.mkdir()
    said = _run_from_the_menu(qtbot, window, target)
    assert f"已写入 {target}" in said and "各项校验均通过" in said
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        versions = json.loads(archive.read("versions.json"))
    assert {"versions.json", "checks.json", "home.json", "exports.json", "诊断信息.txt"} <= names
    assert versions["qt"] == qVersion() and versions["qt_source"] == "window"
    assert [p.name for p in target.parent.iterdir()] == ["诊断.zip"]


def test_the_office_exports_its_diagnostics_with_the_intake_records(qtbot: Any, tmp_path: Path) -> None:
    root = make_office(tmp_path / "省局", PASSWORD)
    with Store.open(root, OFFICE_ADMIN) as office:
        window = _window(qtbot, Session(office, office.users.get(OFFICE_ADMIN), today=lambda: TODAY))
        target = tmp_path / "省局诊断.zip"
        said = _run_from_the_menu(qtbot, window, target)
    assert "已写入" in said
    with zipfile.ZipFile(target) as archive:
        assert "intake.json" in archive.namelist() and "exports.json" not in archive.namelist()
        assert json.loads(archive.read("home.json"))["kind"] == "office"


def test_a_missing_stick_is_said_in_chinese_and_nothing_is_written(qtbot: Any, store: Store, tmp_path: Path) -> None:
    session = make_session(store, "admin")
    window = _window(qtbot, session)
    said: list[str] = []
    when_modal(lambda box: (said.append(box.text()), box.accept()), QMessageBox, timeout_ms=60000)
    assert export_diagnostics(window, session, tmp_path / "已拔出的U盘" / "诊断.zip") is None
    assert said and "不存在：请插好U盘" in said[0]
    assert not (tmp_path / "已拔出的U盘").exists()
