"""Crash safety: SIGKILL a writer mid-stream; every write it reported as committed is there, intact."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.status import Status
from desktop.store import Store
from desktop.store.db import DB_FILENAME
from tests.core.conftest import REPO, run_subprocess

# The writer prints one line per committed write, after the store call returned, and flushes.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop.domain.status import Status
    from desktop.store import Store

    home, scratch = Path(sys.argv[1]), Path(sys.argv[2])
    store = Store.open(home, "writer")
    tasks = [t.id for t in store.plan.tasks()]
    i = 0
    while True:
        item = tasks[i % len(tasks)]
        period = f"{2026 + i // (12 * len(tasks))}-{(i // len(tasks)) % 12 + 1:02d}"
        if i % 7 == 3:
            source = scratch / f"证明 {i}.pdf"
            source.write_bytes(b"%PDF " + str(i).encode() * 2000)
            record = store.evidence.add(item, source).record
            print("evidence", record.uid, item, record.sha256, flush=True)
        else:
            entry = store.progress.record(item, period, Status.IN_PROGRESS, i % 101, f"第 {i} 次")
            print("progress", entry.uid, item, period, i % 101, flush=True)
        i += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("seed", [1, 2])
def test_sigkill_mid_stream_loses_nothing_reported(tmp_path: Path, catalog: Catalog, seed: int) -> None:
    home, scratch = tmp_path / "home", tmp_path / "scratch"
    scratch.mkdir()
    Store.create(home, "setup", "unit", catalog).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), str(scratch)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdout is not None
    reported: list[list[str]] = []
    deadline = time.monotonic() + 60
    try:
        while len(reported) < 40 + 20 * seed and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            reported.append(line.split())
        time.sleep(random.Random(seed).uniform(0, 0.03))  # land somewhere inside a write
        os.kill(proc.pid, signal.SIGKILL)
        rest, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL, err
    reported += [line.split() for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    assert len(reported) >= 40, err

    conn = sqlite3.connect(home / DB_FILENAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    with Store.open(home, "checker") as store:
        assert store.audit.verify() == []
        assert store.evidence.verify() == []
        for kind, uid, item, *rest_fields in reported:
            if kind == "progress":
                period, percent = rest_fields
                entry = store.progress.get(int(item), period)
                assert entry is not None and entry.uid == uid
                assert (entry.status, entry.percent) == (Status.IN_PROGRESS, int(percent))
            else:
                record = store.evidence.get_by_uid(uid)
                assert (record.item_id, record.sha256) == (int(item), rest_fields[0])
        audited = {e.entity_uid for e in store.audit.entries() if e.entity in ("progress", "evidence")}
        assert {fields[1] for fields in reported} <= audited
    cli = run_subprocess("--home", str(home), "audit", "verify")
    assert cli.code == 0, cli.err
