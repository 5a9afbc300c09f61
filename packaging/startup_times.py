"""Start-up time of the frozen build against the same code run from the checkout, measured in one run.

usage: python packaging/startup_times.py [DIST_DIR] [--runs N]
    DIST_DIR defaults to packaging/dist/planprogress (made by packaging/build.sh).
Prints medians of N runs (default 15) of `--version` (Python start + imports of the CLI) and of the GUI until its
first window is up (offscreen; the window's smoke hook prints a line then, PLANPROGRESS_SMOKE_EXIT_MS=0), on a home
made by the CLI first (so the first window is the sign-in dialog). Every run gets an `env -i`-like environment.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str], until: str | None = None) -> float:
    """Seconds from spawn to exit, or to the first stdout line starting with `until`."""
    start = time.perf_counter()
    with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if until and line.startswith(until):
                elapsed = time.perf_counter() - start
                proc.wait(timeout=60)
                return elapsed
        proc.wait(timeout=60)
    if until:
        raise RuntimeError(f"{cmd[0]} never printed {until!r}")
    return time.perf_counter() - start


def median_ms(runs: int, cmd: list[str], env: dict[str, str], until: str | None = None) -> float:
    timed(cmd, env, until)  # warm the page cache first: the figures are for a second start, as a clerk sees it
    return statistics.median(timed(cmd, env, until) for _ in range(runs)) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("dist", nargs="?", default=str(REPO / "packaging" / "dist" / "planprogress"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    frozen = [str(Path(args.dist).resolve() / "planprogress")]
    source = [sys.executable, "-m", "desktop"]
    with tempfile.TemporaryDirectory() as tmp:
        base = {"HOME": tmp}
        source_env = {**base, "PYTHONPATH": str(REPO)}
        home = str(Path(tmp) / "unit")
        subprocess.run([*frozen, "--home", home, "init", "--unit-code", "GD-T01", "--unit-name", "测试监狱"],
                       env=base, check=True, capture_output=True)  # fmt: skip
        gui = {"QT_QPA_PLATFORM": "offscreen", "PLANPROGRESS_SMOKE_EXIT_MS": "0"}
        up = "planprogress-smoke"
        rows = [
            ("--version", median_ms(args.runs, [*frozen, "--version"], base),
             median_ms(args.runs, [*source, "--version"], source_env)),
            ("GUI: first window", median_ms(args.runs, [*frozen, "--home", home], {**base, **gui}, up),
             median_ms(args.runs, [*source, "--home", home], {**source_env, **gui}, up)),
        ]  # fmt: skip
    print(f"median of {args.runs} runs (ms)   frozen   from checkout   ratio")
    for name, f, s in rows:
        print(f"{name:<26}{f:>9.0f}{s:>16.0f}{f / s:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
