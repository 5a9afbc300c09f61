"""Last line of defence in the window: an unexpected error becomes a clear message and a log entry, not a
silent traceback on a console the clerk never sees. Edits are saved as they are made, so nothing typed before
the error is lost; the home's log (desktop.logs) keeps the traceback for an administrator."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop import logs
from desktop.domain.errors import PlanProgressError
from desktop.domain.system_errors import describe
from desktop.ui.fonts import ensure_cjk_font
from desktop.ui.i18n import tr

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def write_log(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> Path | None:
    """Log the traceback; return the log file when it reached one (not before the home exists)."""
    from desktop import __version__  # the package metadata is read only when there is something to log

    log.error("unexpected error in the window (planprogress %s)", __version__, exc_info=(kind, error, tb))
    handler = logs.current()
    return handler.path if handler is not None and handler.writing() and handler.path.is_file() else None


def make_excepthook() -> ExceptHook:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        from PySide6.QtWidgets import QMessageBox  # loaded when an error comes, not at every start

        if isinstance(error, PlanProgressError):  # a user error that escaped a handler: its message is enough
            _show(QMessageBox.Icon.Warning, tr("无法完成操作"), str(error))
            return
        path = write_log(kind, error, tb)
        if isinstance(error, OSError):  # a file or stick problem: the cause and what to do, in Chinese
            _show(QMessageBox.Icon.Warning, tr("无法完成操作"), describe(error))
            return
        where = tr("错误详情已记录在 {path}，请把该文件交给管理员。").format(path=path) if path else ""
        _show(
            QMessageBox.Icon.Critical,
            tr("程序出错"),
            tr("程序遇到意外错误（{error}），刚才的操作可能没有完成。之前的修改都已保存，不受影响。").format(
                error=f"{kind.__name__}: {error}"
            )
            + where,
        )
        sys.__excepthook__(kind, error, tb)

    return hook


_open: list[QMessageBox] = []  # a parentless box lives only as long as a Python reference to it


def _show(icon: QMessageBox.Icon, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    ensure_cjk_font()  # an error before the first window must still show Chinese
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, QApplication.activeWindow())
    box.setObjectName("crashMessage")
    box.setModal(True)
    _open.append(box)
    box.finished.connect(lambda _result: _open.remove(box))
    box.show()  # not exec(): an error inside a nested event loop must not stack further loops
