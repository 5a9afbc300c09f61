"""The planprogress CLI as a child process, for work that holds the GIL (export, import, reports): its `--json`
progress lines become the same signals a thread-pool BackgroundJob has (see desktop.ui.background).

    job = CliProcess.planprogress(home, ["export", "--out", folder])
    job.progress.connect(...); job.result.connect(...); job.failed.connect(...); job.start()

Its own module so the window's start-up does not load QProcess for it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from desktop import paths
from desktop.ui.i18n import tr


class CliProcess(QObject):
    """The planprogress CLI as a child process, its `--json` progress lines turned into signals.

    The CLI's contract (docs/bundles.md, docs/reports.md): one JSON object per stdout line;
    `{"event": "progress", "phase", "done", "total"}` and a final `{"event": "result", ...}`; on failure a
    non-zero exit and a line `错误：...` on stderr.
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
    ) -> CliProcess:
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
