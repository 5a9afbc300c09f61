"""A second program on a home a window already holds, as real processes: a second window is refused with a
clear message and touches nothing; the command line beside the window saves safely and says what the window
will not show; a restore, which would swap the folder out from under the window, is refused."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop.services.backup import create_backup
from desktop.store import Home, Store
from desktop.ui.startup import EXIT_LOCKED

REPO = Path(__file__).resolve().parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANPROGRESS_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO), **extra)
    return env


def _program(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(home), *args],
        capture_output=True,
        encoding="utf-8",
        cwd=REPO,
        env=_env(**env),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sound(home: Path) -> None:
    conn = sqlite3.connect(str(Home(home).database))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    with Store.open(home, "test") as store:
        store.audit.verify()


@pytest.fixture
def window(store: Store, home: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The first instance: the real window, waiting at sign-in with the home locked."""
    store.close()
    first = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--home", str(home)],
        cwd=REPO,
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while Home(home).window_holder() != first.pid:
            assert first.poll() is None, "the first window exited"
            assert time.monotonic() < deadline, "the first window never locked the home"
            time.sleep(0.1)
        yield first
    finally:
        first.terminate()  # killed, not closed: its lock file stays behind, held by nobody
        first.wait(30)


def test_second_window_process_is_refused_and_shows_why(
    window: subprocess.Popen[bytes], home: Path, tmp_path: Path
) -> None:
    before = _digest(Home(home).database)
    shot = tmp_path / "second.png"
    second = _program(home, PLANPROGRESS_SMOKE_EXIT_MS="300", PLANPROGRESS_SMOKE_SHOT=str(shot))
    assert second.returncode == EXIT_LOCKED, second.stderr
    assert re.search(r"^错误：planprogress 已经打开了这个数据目录：.*同一数据目录只能打开一个窗口", second.stderr, re.M)
    assert str(home) in second.stderr
    # the message was shown in a box, in the shipped font (registered just before the box: ensure_cjk_font)
    assert "planprogress-smoke: window=QMessageBox font=WenQuanYi_Micro_Hei cjk=True" in second.stdout
    image = QImage(str(shot))
    assert image.width() > 300 and image.height() > 80
    assert window.poll() is None  # the first window goes on
    assert _digest(Home(home).database) == before
    window.terminate()
    window.wait(30)
    _sound(home)


def test_command_line_beside_a_window_saves_and_warns(window: subprocess.Popen[bytes], home: Path) -> None:
    wrote = _program(
        home, "--user", "clerk", "progress", "1", "--period", "2026-11", "--status", "推进中", "--percent", "40"
    )
    assert wrote.returncode == 0, wrote.stderr
    assert f"注意：图形界面（进程 {window.pid}）正在使用这个数据目录" in wrote.stderr
    assert "注销（切换用户）" in wrote.stderr  # what to do to see the change in the window
    failed = _program(home, "progress", "1", "--period", "2026-11", "--percent", "50")  # no --status
    assert failed.returncode == 2 and "注意" not in failed.stderr  # nothing saved, so nothing claimed
    read = _program(home, "progress", "--period", "2026-11", "--list", "--json")
    assert read.returncode == 0 and read.stderr == ""  # reading says nothing
    assert '"percent": 40' in read.stdout
    window.terminate()
    window.wait(30)
    _sound(home)


def test_restore_is_refused_while_a_window_holds_the_home(
    window: subprocess.Popen[bytes], home: Path, tmp_path: Path
) -> None:
    with Store.open(home, "test") as store:
        backup = create_backup(store, tmp_path / "备份.tar").path
    before = _digest(Home(home).database)
    refused = _program(home, "restore", "--replace", str(backup))
    assert refused.returncode == 5
    assert refused.stderr.startswith(f"错误：图形界面（进程 {window.pid}）正在使用数据目录 {home}")
    assert "请先关闭该窗口" in refused.stderr and "数据目录未作改动" in refused.stderr
    assert not [p for p in home.parent.iterdir() if ".before-restore-" in p.name]
    assert _digest(Home(home).database) == before
    window.terminate()  # a killed window leaves its lock file; nobody holds it, so the restore goes ahead
    window.wait(30)
    assert Home(home).lock_file.exists() and Home(home).window_holder() is None
    restored = _program(home, "restore", "--replace", str(backup))
    assert restored.returncode == 0, restored.stderr
    _sound(home)
