"""What core tests compare: a home's full state on disk, and the CLI's one-line Chinese error contract."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop.store.db import DB_FILENAME

_SQLITE_SIDE_FILES = {DB_FILENAME, DB_FILENAME + "-wal", DB_FILENAME + "-shm"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


class Outcome(Protocol):
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class HomeState:
    dump: tuple[str, ...]  # the whole database as SQL text
    files: dict[str, str]  # every other file in the home (evidence, backups...): relative path -> sha256


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def db_dump(database: Path) -> tuple[str, ...]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return tuple(conn.iterdump())
    finally:
        conn.close()


def home_state(root: Path) -> HomeState:
    """The database and every file of the home, except the log: a refused command logs that it was refused."""
    files = {
        path.relative_to(root).as_posix(): file_sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name not in _SQLITE_SIDE_FILES and path.relative_to(root).parts[0] != "logs"
    }
    return HomeState(db_dump(root / DB_FILENAME), files)


def incoming_files(root: Path) -> list[Path]:
    """Temporary copies an evidence import leaves behind (there must be none)."""
    folder = root / "evidence" / ".incoming"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def assert_error(result: Outcome, *fragments: str, code: int | None = None) -> str:
    """A failure: non-zero exit, exactly one Chinese line `错误：...` on stderr naming `fragments`."""
    assert result.code != 0, f"expected a failure, got exit 0; stdout={result.out!r}"
    if code is not None:
        assert result.code == code, result.err
    assert "Traceback" not in result.err, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{result.err}"
    line = lines[0]
    assert line.startswith("错误："), line
    assert _CJK.search(line[3:]), line
    for fragment in fragments:
        assert fragment in line, f"{fragment!r} not in {line!r}"
    return line
