"""Work off the GUI thread: a thread pool for code that releases the GIL (a CLI process for code that holds it is
desktop.ui.cli_process.CliProcess, with the same signals).

Both speak the same three signals: progress(phase, done, total), result(value), failed(message). A worker
never touches a widget; it only emits signals, which Qt delivers on the GUI thread.

    job = run_in_background(lambda progress, cancelled: create_backup(worker_store, out, progress))
    job.progress.connect(...); job.result.connect(...); job.failed.connect(...)
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
)

from desktop.domain.errors import PlanProgressError
from desktop.ui.i18n import tr

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
Work = Callable[[ProgressFn, CancelledFn], Any]

PROGRESS_INTERVAL = 0.05  # seconds between progress signals: enough for a smooth bar, cheap for the loop


class JobCancelledError(PlanProgressError):
    """Raised by work that noticed `cancelled()`; reported as a cancellation, not an error."""


class JobSignals(QObject):
    progress = Signal(str, int, int)  # phase, done, total
    result = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()


class BackgroundJob(QRunnable):
    """One call of `work(progress, cancelled)` in the pool. Hold the returned object to keep its signals."""

    def __init__(self, work: Work, phase: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = JobSignals()
        self.progress = self.signals.progress
        self.result = self.signals.result
        self.failed = self.signals.failed
        self.cancelled = self.signals.cancelled
        self.finished = self.signals.finished
        self._work = work
        self._phase = phase
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self.done = threading.Event()
        self.value: Any = None  # for callers that wait (wait_for) instead of connecting signals
        self.error: PlanProgressError | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_emit >= PROGRESS_INTERVAL:
            self._last_emit = now
            self.signals.progress.emit(self._phase, int(done), int(total))

    def run(self) -> None:
        try:
            value = self._work(self._report, self.is_cancelled)
            self.value = value
        except JobCancelledError as exc:
            self.error = exc
            self.signals.cancelled.emit()
        except PlanProgressError as exc:
            self.error = exc
            if self.is_cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: say so plainly instead of dying silently in a thread
            logging.getLogger(__name__).exception("unexpected error in a worker thread")
            traceback.print_exc()
            message = tr("程序内部错误（{error}）：请把此信息告诉管理员。").format(error=exc)
            self.error = PlanProgressError(message)
            self.signals.failed.emit(message)
        else:
            if self.is_cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.result.emit(value)
        finally:
            self.done.set()
            self.signals.finished.emit()
            _RUNNING.discard(self)


_RUNNING: set[BackgroundJob] = set()  # keeps tasks (and their signal objects) alive until they finish


def start_in_background(work: Work, *, phase: str = "", pool: QThreadPool | None = None) -> BackgroundJob:
    """Start `work` in the pool at once, for a caller that overlaps it with its own work and then calls
    `wait_for` (connect no signals to a job started this way: early ones may be missed)."""
    job = BackgroundJob(work, phase)
    _RUNNING.add(job)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


def wait_for(job: BackgroundJob) -> Any:
    """Keep the GUI responsive until `job` ends; return its value or raise its error."""
    while not job.done.wait(0.005):
        QCoreApplication.processEvents()
    if job.error is not None:
        raise job.error
    return job.value


def run_in_background(work: Work, *, phase: str = "", pool: QThreadPool | None = None) -> BackgroundJob:
    """Queue `work` for `pool` (default: the global pool) and return its job.

    The work starts on the next turn of the event loop, so signals connected right after this call
    never miss an early result (a queued signal reaches only the receivers connected when it is emitted).
    """
    job = BackgroundJob(work, phase)
    _RUNNING.add(job)
    target = pool or QThreadPool.globalInstance()
    QTimer.singleShot(0, lambda: target.start(job))
    return job
