"""The garbage collector rests while a window is built and wakes, with start-up's objects frozen, when it is shown.

Each test restores the collector as it found it: the rest of the suite runs with it on and nothing frozen.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.store import Store
from desktop.ui import startup_gc
from desktop.ui.startup import prepare_window


@pytest.fixture(autouse=True)
def _restore_collector() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()
    startup_gc._state["app_process"] = False


def test_the_main_window_wakes_the_collector_at_its_first_paint(qapp: QApplication, qtbot: QtBot, store: Store) -> None:
    gc.disable()  # what desktop/__main__.py does before importing the window
    startup_gc.mark_app_process()
    user = store.users.find()[0]
    prepared = prepare_window(store, user)
    assert prepared.window is not None
    qtbot.addWidget(prepared.window)
    assert not gc.isenabled()  # building the window does not wake it
    prepared.window.show()
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    assert gc.get_freeze_count() > 0  # start-up's objects are kept out of later collections


def test_only_the_app_process_rests_again_for_the_main_window() -> None:
    startup_gc.mark_app_process()  # collector running: a test or a program embedding the window
    startup_gc.rest_while_building()
    assert gc.isenabled()

    gc.disable()
    startup_gc.mark_app_process()  # the app process, as started by desktop/__main__.py
    startup_gc.wake()  # say the sign-in dialog is about to wait for the user
    assert gc.isenabled()
    startup_gc.rest_while_building()  # sign-in accepted: the main window is built now
    assert not gc.isenabled()
    startup_gc.wake()
    assert gc.isenabled()


def test_the_window_command_starts_with_the_collector_resting(tmp_path: Path) -> None:
    """The entry point itself: desktop.__main__ stops the collector before it imports the window (a child process,
    so this test's own collector is not touched)."""
    probe = (
        "import gc, sys\n"
        "import desktop.ui.app as app_module\n"
        "seen = []\n"
        "app_module.run = lambda argv: seen.append(gc.isenabled()) or 0\n"
        "import desktop.__main__ as entry\n"
        "sys.argv = ['planprogress', '--home', sys.argv[1]]\n"
        "entry.main()\n"
        "print('collector enabled while starting:', seen[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "home")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert "collector enabled while starting: False" in result.stdout
