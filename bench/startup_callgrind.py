"""Start-up in instructions: the main thread's count from process start to the first paint, under callgrind.

usage: python bench/startup_callgrind.py --home DIR [CHECKOUT ...]
       (DIR: a store built by bench/startup_bench.py --home DIR; CHECKOUT: other checkouts to count as well)

Wall time on a shared machine moves with the load; instruction counts do not, so a before/after of a start-up
change is read here. Each side runs the start-up bench's own child (`--child empty` once, `--child app` per
checkout) under valgrind; the child's first print (the first paint) calls getppid(), which callgrind dumps
before, so the first dump counts start to first paint and the last one the rest until exit. Slow: about a
minute per side.
"""

from __future__ import annotations

import argparse
import builtins
import compileall
import os
import re
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def child(checkout: str, kind: str, home: str) -> None:
    """Inside valgrind: mark the first print, then run the checkout's bench child."""
    real_print = builtins.print

    def marked_print(*args: object, **kwargs: object) -> None:
        os.getppid()  # the marker callgrind dumps before
        real_print(*args, **kwargs)  # type: ignore[call-overload]

    builtins.print = marked_print
    bench = str(Path(checkout) / "bench" / "startup_bench.py")
    sys.argv = [bench, "--child", kind, "--home", home]
    sys.path.insert(0, checkout)
    runpy.run_path(bench, run_name="__main__")


def count(checkout: Path, kind: str, home: Path, out: Path) -> tuple[int, int]:
    """(main-thread instructions to the first paint, after it until exit)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    stem = out / f"{kind}-{abs(hash(str(checkout)))}"
    subprocess.run(
        ["valgrind", "--tool=callgrind", "--separate-threads=yes", "--dump-before=getppid",
         f"--callgrind-out-file={stem}", sys.executable, __file__, "--child", str(checkout), kind, str(home)],
        cwd=checkout, env=env, check=True, capture_output=True,
    )  # fmt: skip

    def summary(path: Path) -> int:
        return int(re.search(r"^summary: (\d+)", path.read_text(), re.MULTILINE).group(1))  # type: ignore[union-attr]

    return summary(Path(f"{stem}.1-01")), summary(Path(f"{stem}-01"))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("checkouts", type=Path, nargs="*")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="pp-callgrind-"))
    for checkout in [REPO, *args.checkouts]:
        # Bytecode as an installed build has it, as the wall bench does: with PYTHONDONTWRITEBYTECODE set the
        # children would otherwise count compiling every recently edited module.
        compileall.compile_dir(checkout / "desktop", quiet=1)
    empty_paint, empty_rest = count(REPO, "empty", args.home, out)
    print(
        f"{'empty PySide6 window':40} {empty_paint / 1e6:8,.0f} M to the first paint, {empty_rest / 1e6:,.0f} M after"
    )
    for checkout in [REPO, *args.checkouts]:
        paint, rest = count(checkout.resolve(), "app", args.home, out)
        print(
            f"{str(checkout):40} {paint / 1e6:8,.0f} M to the first paint (ratio {paint / empty_paint:.2f}), "
            f"{rest / 1e6:,.0f} M after"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
