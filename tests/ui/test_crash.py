"""An unexpected error in the window is logged in the home and shown as a message, not lost on a console."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.errors import LockedError, PlanProgressError
from desktop.ui.background import start_in_background, wait_for
from desktop.ui.crash import make_excepthook
from tests.log_support import home_log, make_database


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _raise_and_hook(hook: object, error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        kind, value, tb = sys.exc_info()
        assert kind is not None and value is not None
        hook(kind, value, tb)  # type: ignore[operator]


def test_unexpected_error_is_logged_and_explained(qtbot: QtBot, tmp_path: Path) -> None:
    make_database(tmp_path)  # a home: its log is written
    with home_log(tmp_path, "window") as handler:
        _raise_and_hook(make_excepthook(), ZeroDivisionError("division by zero"))
    [box] = _boxes()
    qtbot.addWidget(box)
    text = handler.path.read_text(encoding="utf-8")
    assert "ERROR window[" in text and "unexpected error in the window" in text
    assert "Traceback (most recent call last)" in text and "ZeroDivisionError: division by zero" in text
    assert "程序遇到意外错误" in box.text() and str(handler.path) in box.text() and "不受影响" in box.text()
    box.close()


def test_an_error_before_the_home_exists_names_no_log_and_leaves_the_folder_empty(qtbot: QtBot, tmp_path: Path) -> None:
    """During set-up the folder must stay empty (set-up refuses a folder with other files in it)."""
    with home_log(tmp_path, "window"):
        _raise_and_hook(make_excepthook(), ZeroDivisionError("division by zero"))
    [box] = _boxes()
    qtbot.addWidget(box)
    assert "程序遇到意外错误" in box.text() and "错误详情已记录在" not in box.text()
    assert list(tmp_path.iterdir()) == []
    box.close()


def test_user_error_that_escaped_a_handler_shows_its_own_message(qtbot: QtBot, tmp_path: Path) -> None:
    make_database(tmp_path)
    with home_log(tmp_path, "window"):
        _raise_and_hook(make_excepthook(), LockedError("报告期 2026-Q4 已审核通过并锁定，不能再修改。"))
    [box] = _boxes()
    qtbot.addWidget(box)
    assert box.text() == "报告期 2026-Q4 已审核通过并锁定，不能再修改。"
    assert not (tmp_path / "logs").exists()  # a user's mistake is not a program error
    box.close()


def test_a_bug_in_a_worker_thread_is_logged_with_its_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    make_database(tmp_path)

    def work(_progress: object, _cancelled: object) -> float:
        return 1 / 0

    with home_log(tmp_path, "window") as handler, pytest.raises(PlanProgressError, match="程序内部错误"):
        wait_for(start_in_background(work))
    text = handler.path.read_text(encoding="utf-8")
    assert "ERROR window[" in text and "unexpected error in a worker thread" in text
    assert "ZeroDivisionError: division by zero" in text
