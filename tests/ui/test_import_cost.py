"""Start-up does not pay for PySide's scan of module sources (desktop/ui/__init__.py says why).

PySide reads the source of every module imported after it, looking for `from __feature__ import`. desktop.ui
enters the answer for our modules and the standard library in PySide's feature table first, so the window's
start-up reads no source files. Run in a fresh interpreter: this test process has imported everything already.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import desktop.ui
import __feature__
scanned = []
real_scan = __feature__._mod_uses_pyside
__feature__._mod_uses_pyside = lambda module: scanned.append(module.__name__) or real_scan(module)
table = __feature__.pyside_feature_dict
before = {name: table.get(name) for name in ("desktop.ui.main_window", "desktop.store.overview", "textwrap")}
import textwrap, shutil
from desktop.ui.app import prepare_application
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.plan_page import PlanPage
print(before)
print(sorted(n for n in scanned if n.startswith("desktop") or n in ("textwrap", "shutil", "typing")))
"""


def test_our_modules_and_the_standard_library_are_not_scanned() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    before, scanned = proc.stdout.strip().splitlines()[-2:]
    # known before they are imported: a window module uses PySide (0), a store module and the stdlib are left alone
    assert before == "{'desktop.ui.main_window': 0, 'desktop.store.overview': -1, 'textwrap': -1}"
    assert scanned == "[]"
