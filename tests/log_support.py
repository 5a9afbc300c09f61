"""Helpers for tests that read the home's log: configure it for one home, and take it down afterwards."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop import logs
from desktop.store import Home


@contextmanager
def home_log(root: Path, program: str = "test") -> Iterator[logs.HomeLogHandler]:
    """The log configured for `root` as the CLI and the window configure it; removed again at the end."""
    home = Home(root)
    handler = logs.configure(home.logs, home.database, program)
    try:
        yield handler
    finally:
        logging.getLogger("desktop").removeHandler(handler)


def log_text(*roots: Path) -> str:
    """Every log file of these homes (rotated ones too), as text."""
    return "".join(p.read_text(encoding="utf-8") for root in roots for p in logs.log_files(Home(root).logs))


def log_bytes(*roots: Path) -> bytes:
    return b"".join(p.read_bytes() for root in roots for p in sorted(Home(root).logs.glob("*")))
