"""An unexpected error in the window is logged in the home and shown as a message, not lost on a console."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.errors import LockedError
from desktop.ui.crash import LOG_NAME, make_excepthook


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
    hook = make_excepthook(tmp_path / "logs")
    _raise_and_hook(hook, ZeroDivisionError("division by zero"))
    [box] = _boxes()
    qtbot.addWidget(box)
    log = tmp_path / "logs" / LOG_NAME
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")
    assert "程序遇到意外错误" in box.text() and str(log) in box.text() and "不受影响" in box.text()
    box.close()


def test_user_error_that_escaped_a_handler_shows_its_own_message(qtbot: QtBot, tmp_path: Path) -> None:
    hook = make_excepthook(tmp_path / "logs")
    _raise_and_hook(hook, LockedError("报告期 2026-Q4 已审核通过并锁定，不能再修改。"))
    [box] = _boxes()
    qtbot.addWidget(box)
    assert box.text() == "报告期 2026-Q4 已审核通过并锁定，不能再修改。"
    assert not (tmp_path / "logs").exists()  # a user's mistake is not a program error
    box.close()
