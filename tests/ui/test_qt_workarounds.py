"""The app survives far more signal emits than PySide6 6.12.0's reference leak on `True` would allow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
from desktop.ui.app import prepare_application

app = prepare_application([], "zh_CN")

class Job(QObject):
    progress = Signal(str, int, int)

job = Job()
seen = []
job.progress.connect(lambda phase, done, total: seen.append(done))
for i in range(1_300_000):  # without the guard, a few thousand emits abort the interpreter
    job.progress.emit("encrypt", i, 1)
    if i % 20_000 == 0:
        app.processEvents()
print("emitted", len(seen), flush=True)
"""


def test_many_emits_do_not_abort_the_interpreter() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "emitted 1300000" in proc.stdout
