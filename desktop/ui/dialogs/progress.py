"""Run one piece of work off the GUI thread behind a progress dialog, and wait for it without freezing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.domain.errors import PlanProgressError
from desktop.ui.background import Work, run_in_background
from desktop.ui.i18n import tr


class JobFailedError(PlanProgressError):
    """The work reported an error; the message is the user's."""


def run_with_progress(parent: QWidget | None, label: str, work: Work, *, cancellable: bool = False) -> Any:
    """Start `work` in the pool, show progress, keep repainting; return its result or raise JobFailedError.

    A cancelled run raises JobFailedError("已取消。"). The window stays responsive because the wait is an
    event loop, not a sleep.
    """
    dialog = QProgressDialog(label, tr("取消") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(tr("请稍候"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    job = run_in_background(work)

    def progress(_phase: str, done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(1000)
            dialog.setValue(int(1000 * done / total))

    job.progress.connect(progress)
    job.result.connect(lambda value: outcome.setdefault("result", value))
    job.failed.connect(lambda message: outcome.setdefault("error", message))
    job.cancelled.connect(lambda: outcome.setdefault("error", tr("已取消。")))
    job.finished.connect(loop.quit)
    dialog.canceled.connect(job.cancel)
    if not job.done.is_set():
        loop.exec()
    loop.processEvents()  # deliver signals queued just before `finished`
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise JobFailedError(outcome["error"])
    return outcome.get("result")
