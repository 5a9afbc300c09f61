"""The program's log: one size-capped file per home, `logs/planprogress.log`, shared by the window and the CLI.

Every module logs through `logging.getLogger(__name__)`; `configure(...)` attaches the one handler to
the `desktop` logger, once per process (the CLI's entry and the window's start call it). Until the home holds
this program's database (before `init` or the set-up wizard made it) records wait in memory, so a folder that
is not a home never gets a `logs/` folder; they are written as soon as it is one, and dropped if it never
becomes one. Never log a passphrase, password, key or evidence content (tests/ui/test_logs_session.py checks).

Several processes write the same file (the window, a command typed beside it, the window's export and import
child processes) and a restore swaps the home folder: so the file is opened per record, in append mode, and
rotated by its size on disk (`planprogress.log.1` … `.5`, as RotatingFileHandler names them) rather than by
one process's open handle. Qt-free and stdlib-only: the window's start-up pays only for `logging`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

LOG_FILE = "planprogress.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
MAX_PENDING = 500  # records held before the home exists
FORMAT = "%(asctime)s %(levelname)s %(program)s[%(process)d] %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"

_ROOT = "desktop"


class OneLineFormatter(logging.Formatter):
    """One record, one line: line breaks inside a message (a name typed with one) are written as \\n, so no text
    can pass for a line of its own. A traceback, appended after the message, keeps its lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        record.message = record.message.replace("\r", "\\r").replace("\n", "\\n")
        return super().formatMessage(record)


class HomeLogHandler(logging.Handler):
    """Appends each record to `folder/planprogress.log` once `ready()` says the home exists; rotates by size."""

    def __init__(
        self,
        folder: Path,
        ready: Callable[[], bool],
        program: str,
        *,
        max_bytes: int = MAX_BYTES,
        backups: int = BACKUPS,
    ) -> None:
        super().__init__(logging.INFO)
        self.folder = folder
        self.program = program
        self._ready = ready
        self._max_bytes = max_bytes
        self._backups = backups
        self._pending: list[str] = []
        self.setFormatter(OneLineFormatter(FORMAT, DATE_FORMAT))

    @property
    def path(self) -> Path:
        return self.folder / LOG_FILE

    def writing(self) -> bool:
        """Whether records reach the file now (the home exists), rather than waiting in memory."""
        return self._ready()

    def emit(self, record: logging.LogRecord) -> None:
        record.program = self.program
        try:
            line = self.format(record) + "\n"
        except Exception:  # a bad format string in a log call must not break the action being logged
            return
        if not self._ready():
            if len(self._pending) < MAX_PENDING:
                self._pending.append(line)
            return
        text = "".join(self._pending) + line
        try:
            self._append(text.encode("utf-8", errors="replace"))
        except OSError:
            return  # a full or read-only disk: the program goes on, unlogged (nothing to tell anyone through)
        self._pending.clear()

    def _append(self, data: bytes) -> None:
        self.folder.mkdir(exist_ok=True)
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            size = 0
        if size and size + len(data) > self._max_bytes:
            self._rotate()
        with open(self.path, "ab") as handle:
            handle.write(data)

    def _rotate(self) -> None:
        """planprogress.log -> .1 -> .2 …; the oldest falls off. Another process may rotate at the same moment
        (or hold the file open on Windows): then this one just appends, the file a little over its cap."""
        try:
            for n in range(self._backups - 1, 0, -1):
                older = self.folder / f"{LOG_FILE}.{n}"
                if older.exists():
                    os.replace(older, self.folder / f"{LOG_FILE}.{n + 1}")
            os.replace(self.path, self.folder / f"{LOG_FILE}.1")
        except OSError:
            pass


def configure(folder: Path, ready: Callable[[], bool], program: str) -> HomeLogHandler:
    """Log INFO and above of every `desktop.*` module into `folder` (the home's `logs/`) whenever `ready()` (the
    home holds this program's database); replaces an earlier configuration (a test, a second home in one
    process). `program` names the writer in each line (`window`, `cli:export`)."""
    logger = logging.getLogger(_ROOT)
    for old in [h for h in logger.handlers if isinstance(h, HomeLogHandler)]:
        logger.removeHandler(old)
    handler = HomeLogHandler(folder, ready, program)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def current() -> HomeLogHandler | None:
    """The configured handler, if any (the crash message names its file)."""
    return next((h for h in logging.getLogger(_ROOT).handlers if isinstance(h, HomeLogHandler)), None)


def log_files(folder: Path) -> list[Path]:
    """The log and its rotated predecessors, newest first."""
    names = [LOG_FILE, *(f"{LOG_FILE}.{n}" for n in range(1, BACKUPS + 1))]
    return [folder / name for name in names if (folder / name).is_file()]
