"""The layout of a data folder (home): the database, evidence files, keys and backups."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import msgspec

from desktop.store.db import DB_FILENAME, has_our_header


class Home(msgspec.Struct, frozen=True):
    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def evidence_tmp(self) -> Path:
        return self.evidence / ".incoming"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def lock_file(self) -> Path:
        return self.root / "planprogress.lock"

    def blob_path(self, sha256: str) -> Path:
        return self.evidence / sha256[:2] / sha256

    def exists(self) -> bool:
        return self.database.is_file()

    def log_ready(self) -> bool:
        """Whether the log may be written here: the database is this program's. A folder that is not a home yet,
        or holds another program's file, never gets a logs/ folder; our own home does even when damaged."""
        return has_our_header(self.database)

    def window_holder(self) -> int | None:
        """The process id of a running window that holds this home's lock file, else None.

        The window takes a QLockFile (PID on its first line). The command line has no Qt, so it asks the
        operating system whether the file is still held: a lock left by a crashed window does not count.
        """
        try:
            first_line = self.lock_file.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
        except OSError:
            return None
        pid = int(first_line) if first_line.strip().isdigit() else 0
        return pid if pid and _lock_file_held(self.lock_file, pid) else None


def _lock_file_held(path: Path, pid: int) -> bool:
    """Whether the process that wrote the lock file still holds it (see QLockFile's own checks)."""
    if sys.platform == "win32":  # the holder keeps the file open without write sharing
        try:
            with open(path, "r+b"):
                return False
        except PermissionError:
            return True
        except OSError:
            return False
    if sys.platform != "darwin":  # Linux and the BSDs: Qt also holds flock() on the file
        import fcntl

        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            pass  # flock unsupported here (some network file systems): fall back to the process id
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return False
        finally:
            os.close(fd)
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # alive, someone else's
    except OSError:
        return False
    return True
