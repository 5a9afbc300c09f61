"""Off-thread work: the thread-pool job and the CLI process, both reporting through signals."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from desktop.domain.errors import InputError
from desktop.store import Store
from desktop.ui.background import JobCancelledError, run_in_background
from desktop.ui.cli_process import CliProcess


def test_task_reports_progress_and_result_on_the_gui_thread(qtbot) -> None:
    gui = threading.get_ident()
    seen: list[tuple[int, int, bool]] = []

    def work(progress, cancelled) -> str:
        for done in range(1, 4):
            progress(done, 3)
        return threading.current_thread().name

    job = run_in_background(work)
    job.progress.connect(lambda _phase, done, total: seen.append((done, total, threading.get_ident() == gui)))
    with qtbot.waitSignal(job.result, timeout=5000) as result:
        pass
    assert result.args[0] != threading.main_thread().name  # it ran in the pool
    assert seen[-1] == (3, 3, True)  # the last step always arrives, delivered on the GUI thread


def test_task_failure_carries_the_users_message(qtbot) -> None:
    def work(progress, cancelled) -> None:
        raise InputError("找不到文件：请检查路径。")

    job = run_in_background(work)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        pass
    assert failed.args[0] == "找不到文件：请检查路径。"


def test_task_cancel(qtbot) -> None:
    started = threading.Event()

    def work(progress, cancelled) -> None:
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        raise JobCancelledError("已取消")

    job = run_in_background(work)
    started.wait(5)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.cancel()


def test_cli_process_parses_json_progress_lines(qtbot, tmp_path: Path) -> None:
    script = tmp_path / "fake export.py"
    script.write_text(
        "import json, sys\n"
        "for i in range(1, 4):\n"
        "    print(json.dumps({'event': 'progress', 'phase': 'encrypt', 'done': i * 100, 'total': 300}), flush=True)\n"
        "print('not json, ignored')\n"
        "result = {'event': 'result', 'path': '/media/U盘/PB-GD-GZ01-000001', 'seq': 1}\n"
        "print(json.dumps(result, ensure_ascii=False))\n",
        encoding="utf-8",
    )
    job = CliProcess(sys.executable, [str(script)])
    steps: list[tuple[str, int, int]] = []
    job.progress.connect(lambda phase, done, total: steps.append((phase, done, total)))
    with qtbot.waitSignal(job.result, timeout=15000) as result:
        job.start()
    assert steps == [("encrypt", 100, 300), ("encrypt", 200, 300), ("encrypt", 300, 300)]
    assert result.args[0]["seq"] == 1 and result.args[0]["path"].endswith("PB-GD-GZ01-000001")


def test_cli_process_reports_the_cli_error_line(qtbot, tmp_path: Path) -> None:
    job = CliProcess.planprogress(tmp_path / "没有这个目录", ["unit"])
    with qtbot.waitSignal(job.failed, timeout=30000) as failed:
        job.start()
    assert "尚未初始化" in failed.args[0]


def test_cli_process_runs_the_real_cli(qtbot, store: Store, home: Path) -> None:
    store.close()
    job = CliProcess.planprogress(home, ["unit"], user="clerk")
    lines: list[object] = []
    job.output.connect(lines.append)
    with qtbot.waitSignal(job.result, timeout=30000):
        job.start()
    assert lines and lines[0]["code"] == "GD-GZ01"  # type: ignore[index]
