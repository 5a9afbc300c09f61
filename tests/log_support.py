"""Helpers for tests that read the home's log: configure it for one home, and take it down afterwards."""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop import logs
from desktop.store import Home
from desktop.store.db import create_database


@contextmanager
def home_log(root: Path, program: str = "test") -> Iterator[logs.HomeLogHandler]:
    """The log configured for `root` as the CLI and the window configure it; removed again at the end."""
    home = Home(root)
    handler = logs.configure(home.logs, home.log_ready, program)
    try:
        yield handler
    finally:
        logging.getLogger("desktop").removeHandler(handler)


def make_database(root: Path) -> None:
    """The home's database file, as init makes it: from then on the log is written."""
    root.mkdir(parents=True, exist_ok=True)
    create_database(Home(root).database)


def log_text(*roots: Path) -> str:
    """Every log file of these homes (rotated ones too), as text."""
    return "".join(p.read_text(encoding="utf-8") for root in roots for p in logs.log_files(Home(root).logs))


def log_bytes(*roots: Path) -> bytes:
    return b"".join(p.read_bytes() for root in roots for p in sorted(Home(root).logs.glob("*")))


def key_secrets(root: Path) -> list[bytes]:
    """The text of every private key file, line by line, and the bytes its base64 lines stand for."""
    found: list[bytes] = []
    for path in Home(root).keys.iterdir():
        if path.name.endswith(".pub") or ".pub." in path.name:
            continue
        for line in path.read_bytes().splitlines():
            if len(line) >= 20 and not line.startswith((b"untrusted comment", b"#")):
                found.append(line)
                if re.fullmatch(rb"[A-Za-z0-9+/=]+", line):
                    raw = base64.b64decode(line + b"=" * (-len(line) % 4))
                    found += [raw[i : i + 16] for i in range(0, len(raw) - 15, 16)]
    assert found, f"no private key in {root}"
    return found
