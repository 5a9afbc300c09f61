"""Benchmark: does the window keep repainting while the export wizard writes a big bundle?

A QTimer fires every 10 ms and records how late each tick arrives (lateness = gap - 10 ms). First the idle
event loop with the wizard open (the baseline, same run), then the whole export driven through the real
wizard: the size estimate (a worker thread), the CLI child process encrypting and writing (pyrage holds the
GIL there, not here), reading back and verifying, the JSON progress lines arriving on the bar. Target: max
lateness under 100 ms during the export. Synthetic evidence of --size MiB (random bytes, files of 128 MiB).

    python bench/gui_latency_bench.py [--size 1024] [--idle 5] [--keep DIR]

Runs offscreen when there is no display (QT_QPA_PLATFORM=offscreen), or under xvfb-run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pyrage  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.domain.catalog import load_catalog  # noqa: E402
from desktop.domain.status import Role, Status  # noqa: E402
from desktop.services import keys  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.app import prepare_application  # noqa: E402
from desktop.ui.export.targets import describe  # noqa: E402
from desktop.ui.export.wizard import ExportWizard  # noqa: E402
from desktop.ui.session import Session  # noqa: E402

MiB = 1024 * 1024
FILE_SIZE = 128 * MiB
TICK_MS = 10
TARGET_MS = 100.0


class LatencyProbe:
    """A 10 ms precise timer; each tick records how much later than due it ran, in milliseconds."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.samples: list[float] = []
        self._last = 0

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self.samples.append(max(0.0, (now - self._last) / 1e6 - TICK_MS))
        self._last = now

    def start(self) -> None:
        self.samples = []
        self.clock.start()
        self._last = self.clock.nsecsElapsed()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.samples


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: object, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the wizard")
        wait(20)


def build_unit(root: Path, size_mib: int) -> Store:
    """A unit home with keys and `size_mib` of evidence added through the real store API (not timed)."""
    catalog = load_catalog(paths.catalogs_dir() / "gd-prison-14fyp.json")
    store = Store.create(root / "unit", "bench", "unit", catalog)
    store.set_unit("GD-BENCH", "广东省某某监狱")
    store.users.add("admin", Role.ADMIN, "bench-pass", "管理员")
    keys.create_unit_key(store.home, "GD-BENCH", None)
    office_pub = root / "office.pub"
    office_pub.write_text(f"{pyrage.x25519.Identity.generate().to_public()}\n", encoding="utf-8")
    keys.import_office_key(store.home, office_pub)
    tasks = store.plan.tasks()
    for n, task in enumerate(tasks):
        store.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, (n * 7) % 100, f"第 {n} 项任务的进展说明")
    remaining, n = size_mib * MiB, 0
    source = root / "incoming"
    source.mkdir()
    while remaining > 0:
        size = min(FILE_SIZE, remaining)
        path = source / f"监控录像 {n:02d}.bin"
        with open(path, "wb") as handle:
            left = size
            while left:
                chunk = min(left, 8 * MiB)
                handle.write(os.urandom(chunk))
                left -= chunk
        store.evidence.add(tasks[n % len(tasks)].id, path)
        path.unlink()
        remaining -= size
        n += 1
    return store


def summary(name: str, samples: list[float], seconds: float) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
    stats = {
        "ticks": float(len(samples)),
        "p50": statistics.median(ordered) if ordered else 0.0,
        "p99": p99,
        "max": ordered[-1] if ordered else 0.0,
        "seconds": seconds,
    }
    print(
        f"{name:<22} {stats['seconds']:7.1f} s  {len(samples):6d} ticks  "
        f"p50 {stats['p50']:6.2f} ms  p99 {stats['p99']:6.2f} ms  max {stats['max']:7.2f} ms"
    )
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1024, help="MiB of synthetic evidence (default 1024)")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle baseline (default 5)")
    parser.add_argument("--keep", type=Path, help="work here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="gui-latency-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        app = prepare_application([], "zh_CN")
        print(f"building a unit home with {args.size} MiB of evidence in {work} ...", flush=True)
        store = build_unit(work, args.size)
        stick = work / "U盘"
        stick.mkdir()
        session = Session(store, store.users.get("admin"))
        target = describe(stick, "U盘")
        assert target is not None
        wizard = ExportWizard(session, targets=lambda: [target])
        wizard.resize(820, 620)
        wizard.show()
        probe = LatencyProbe()

        started = time.monotonic()
        probe.start()  # the size estimate: the export plan built in a worker thread
        wait_until(lambda: wizard.content.preview is not None, 120)
        summary("size estimate (thread)", probe.stop(), time.monotonic() - started)
        started = time.monotonic()
        probe.start()  # baseline: the wizard open and idle
        wait(int(args.idle * 1000))
        idle = summary("idle loop (baseline)", probe.stop(), time.monotonic() - started)

        probe.start()
        started = time.monotonic()
        wizard.next()
        wait_until(lambda: wizard.target_page.isComplete(), 30)
        wizard.next()  # commit: the CLI child process starts
        wait_until(lambda: wizard.run_page.state != "running", 3600)
        seconds = time.monotonic() - started
        busy = summary("export through wizard", probe.stop(), seconds)
        if wizard.run_page.state != "done":
            raise SystemExit(f"export failed: {wizard.run_page.error}")
        result = wizard.export_result or {}
        size = int(result.get("payload_bytes", 0))
        print(
            f"bundle {result.get('path')}  {size / MiB:.0f} MiB in {len(result.get('parts', []))} part(s), "
            f"{size / MiB / seconds:.0f} MiB/s end to end, verified on read-back"
        )
        ratio = busy["max"] / idle["max"] if idle["max"] > 0 else float("inf")
        verdict = "PASS" if busy["max"] < TARGET_MS else "FAIL"
        print(
            f"max lateness during export {busy['max']:.1f} ms (target < {TARGET_MS:.0f} ms: {verdict}); "
            f"{ratio:.1f}x the idle loop's max; p99 {busy['p99']:.1f} ms vs idle {idle['p99']:.1f} ms"
        )
        wizard.close()
        store.close()
        app.processEvents()
        return 0 if verdict == "PASS" else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
