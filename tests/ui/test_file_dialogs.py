"""Qt's own file dialogs speak Chinese however the app starts, and open where a clerk expects."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.ui import file_dialogs

from .conftest import when_modal

REPO = Path(__file__).resolve().parents[2]

# Start the way the app starts (desktop.ui.app.prepare_application), then list what a file dialog shows.
LABELS = """
import re, sys
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel
from desktop.ui.app import prepare_application
app = prepare_application([], sys.argv[1])
for mode in ("open", "save", "folder"):
    dialog = QFileDialog(None, "x", ".", "公钥 (*.pub)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    texts += [w.toolTip() for w in dialog.findChildren(QAbstractButton)]
    print("|".join(t for t in texts if t))
"""


def _dialog_texts(language: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", LABELS, language], capture_output=True, text=True, cwd=REPO, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_file_dialog_labels_are_chinese() -> None:
    lines = _dialog_texts("zh_CN")
    assert len(lines) == 3
    for line in lines:
        labels = re.sub(r"\(&\w\)", "", line).split("|")  # Qt 6.8 has no accelerators on these two labels
        assert "查找范围：" in labels and "文件类型：" in labels, line
        assert "Look in" not in line and "Files of" not in line
        # nothing Latin is left once the accelerators (the "(&O)" of 打开(&O)) are taken out
        english = [t for t in line.split("|") if re.search("[A-Za-z]", re.sub(r"\(&\w\)", "", t))]
        assert english == [], english


def test_the_spec_ships_the_chinese_qt_catalogue() -> None:
    spec = (REPO / "packaging" / "planprogress.spec").read_text(encoding="utf-8")
    kept = next(line for line in spec.splitlines() if line.startswith("QT_TRANSLATIONS"))
    assert "qtbase_zh_CN.qm" in kept


@pytest.fixture(autouse=True)
def _fresh_memory():
    file_dialogs.forget()
    yield
    file_dialogs.forget()


def test_start_folder_is_a_stick_when_one_is_plugged_in(tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert file_dialogs.start_folder(lambda: [SimpleNamespace(path=stick)]) == stick


def test_start_folder_without_a_stick_is_the_desktop_or_home(tmp_path: Path) -> None:
    chosen = file_dialogs.start_folder(lambda: [])
    assert chosen.is_dir() and chosen in (Path.home(), Path.home() / "Desktop", Path.home() / "桌面")
    assert chosen != Path.cwd() or Path.cwd() == Path.home()


def test_the_last_folder_used_wins_while_it_exists(tmp_path: Path) -> None:
    used = tmp_path / "材料"
    used.mkdir()
    file_dialogs.remember(used / "会议纪要.pdf")
    assert file_dialogs.start_folder(lambda: []) == used
    used.rmdir()  # the stick it was on is gone
    assert file_dialogs.start_folder(lambda: []) != used


def test_an_open_dialog_starts_in_the_last_folder(qtbot, tmp_path: Path) -> None:
    used = tmp_path / "佐证"
    used.mkdir()
    (used / "照片.png").write_bytes(b"x")
    file_dialogs.remember(used / "照片.png")
    seen: list[str] = []

    def look(dialog: QFileDialog) -> None:
        seen.append(dialog.directory().absolutePath())
        dialog.reject()

    when_modal(look, QFileDialog)
    assert file_dialogs.open_file(None, "选择佐证材料", "所有文件 (*)") == ""
    assert seen == [str(used)]
