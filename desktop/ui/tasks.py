"""Work off the GUI thread: a thread pool for code that releases the GIL, a CLI process for code that holds it.

Both speak the same three signals: progress(phase, done, total), result(value), failed(message). A worker
never touches a widget; it only emits signals, which Qt delivers on the GUI thread.

    task = run_task(lambda progress, cancelled: create_backup(worker_store, out, progress))
    task.progress.connect(...); task.result.connect(...); task.failed.connect(...)

    job = CliJob.planprogress(home, ["export", "--period", "2026-Q4", "--out", folder])
    job.progress.connect(...); job.result.connect(...); job.failed.connect(...); job.start()
"""

from __future__ import annotations

import json
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QProcess,
    QProcessEnvironment,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
)

from desktop import paths
from desktop.domain.errors import PlanProgressError
from desktop.ui.i18n import tr

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
Work = Callable[[ProgressFn, CancelledFn], Any]

PROGRESS_INTERVAL = 0.05  # seconds between progress signals: enough for a smooth bar, cheap for the loop


class TaskCancelledError(PlanProgressError):
    """Raised by work that noticed `cancelled()`; reported as a cancellation, not an error."""


class TaskSignals(QObject):
    progress = Signal(str, int, int)  # phase, done, total
    result = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()


class Task(QRunnable):
    """One call of `work(progress, cancelled)` in the pool. Hold the returned object to keep its signals."""

    def __init__(self, work: Work, phase: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = TaskSignals()
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
        except TaskCancelledError as exc:
            self.error = exc
            self.signals.cancelled.emit()
        except PlanProgressError as exc:
            self.error = exc
            if self.is_cancelled():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: say so plainly instead of dying silently in a thread
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


_RUNNING: set[Task] = set()  # keeps tasks (and their signal objects) alive until they finish


def start_task(work: Work, *, phase: str = "", pool: QThreadPool | None = None) -> Task:
    """Start `work` in the pool at once, for a caller that overlaps it with its own work and then calls
    `wait_for` (connect no signals to a task started this way: early ones may be missed)."""
    task = Task(work, phase)
    _RUNNING.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_for(task: Task) -> Any:
    """Keep the GUI responsive until `task` ends; return its value or raise its error."""
    while not task.done.wait(0.005):
        QCoreApplication.processEvents()
    if task.error is not None:
        raise task.error
    return task.value


def run_task(work: Work, *, phase: str = "", pool: QThreadPool | None = None) -> Task:
    """Queue `work` for `pool` (default: the global pool) and return its task.

    The work starts on the next turn of the event loop, so signals connected right after this call
    never miss an early result (a queued signal reaches only the receivers connected when it is emitted).
    """
    task = Task(work, phase)
    _RUNNING.add(task)
    target = pool or QThreadPool.globalInstance()
    QTimer.singleShot(0, lambda: target.start(task))
    return task


class CliJob(QObject):
    """The planprogress CLI as a child process, its `--json` progress lines turned into signals.

    Contract (see the helper brief): one JSON object per stdout line; `{"event": "progress", "phase",
    "done", "total"}` and a final `{"event": "result", ...}`; on failure a non-zero exit and a line
    `错误：...` on stderr.
    """

    progress = Signal(str, int, int)
    result = Signal(object)  # the result line as a dict
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()
    output = Signal(object)  # any other JSON line (lists, objects without "event")

    def __init__(
        self,
        program: str,
        arguments: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        stdin: bytes | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.program = program
        self.arguments = list(arguments)
        self._stdin = stdin
        self._stdout = b""
        self._stderr = b""
        self._result: dict[str, Any] | None = None
        self._cancelled = False
        self.process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert("PYTHONIOENCODING", "utf-8")
        environment.insert("PYTHONUNBUFFERED", "1")
        for key, value in (env or {}).items():
            environment.insert(key, value)
        self.process.setProcessEnvironment(environment)
        self.process.readyReadStandardOutput.connect(self._read_stdout)
        self.process.readyReadStandardError.connect(self._read_stderr)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)

    @classmethod
    def planprogress(
        cls,
        home: Path,
        arguments: Sequence[str],
        *,
        user: str | None = None,
        env: dict[str, str] | None = None,
        stdin: bytes | None = None,
        parent: QObject | None = None,
    ) -> CliJob:
        """`planprogress --home HOME --json [--user USER] ARGS...`, from a checkout or a frozen build."""
        program, prefix, extra_env = paths.cli_command()
        args = [*prefix, "--home", str(home), "--json"]
        if user:
            args += ["--user", user]
        return cls(program, [*args, *arguments], env={**extra_env, **(env or {})}, stdin=stdin, parent=parent)

    def start(self) -> None:
        self.process.start(self.program, self.arguments)
        if self._stdin is not None:
            self.process.write(self._stdin)
        self.process.closeWriteChannel()

    def cancel(self) -> None:
        """Stop the child. The CLI writes atomically (temporary name, then rename), so nothing half-written stays."""
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self._cancelled = True
            self.process.terminate()
            if not self.process.waitForFinished(3000):
                self.process.kill()

    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def wait(self, msecs: int = 30000) -> bool:
        return self.process.waitForFinished(msecs)

    def _read_stdout(self) -> None:
        self._stdout += bytes(self.process.readAllStandardOutput().data())
        *lines, self._stdout = self._stdout.split(b"\n")
        for raw in lines:
            self._line(raw)

    def _line(self, raw: bytes) -> None:
        text = raw.decode("utf-8", "replace").strip()
        if not text:
            return
        try:
            message = json.loads(text)
        except ValueError:
            return  # not part of the contract (a stray print); ignored rather than fatal
        if isinstance(message, dict) and message.get("event") == "progress":
            self.progress.emit(str(message.get("phase", "")), int(message.get("done", 0)), int(message.get("total", 0)))
        elif isinstance(message, dict) and message.get("event") == "result":
            self._result = message
        else:
            self.output.emit(message)

    def _read_stderr(self) -> None:
        self._stderr += bytes(self.process.readAllStandardError().data())

    def error_message(self) -> str:
        text = self._stderr.decode("utf-8", "replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for line in reversed(lines):
            if line.startswith("错误："):
                return line.removeprefix("错误：")
        return lines[-1] if lines else tr("后台程序异常退出（退出码 {code}）。").format(code=self.process.exitCode())

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._stdout:
            self._line(self._stdout)
            self._stdout = b""
        self._read_stderr()
        if self._cancelled:
            self.cancelled.emit()
        elif status == QProcess.ExitStatus.NormalExit and code == 0:
            self.result.emit(self._result if self._result is not None else {})
        else:
            self.failed.emit(self.error_message())
        self.finished.emit()

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self.failed.emit(
                tr("无法启动后台程序 {program}：安装可能不完整，请重新安装。").format(program=self.program)
            )
            self.finished.emit()
