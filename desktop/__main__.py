"""Entry point: a CLI command, or (no command) the desktop window."""

from __future__ import annotations

import gc
import signal
import sys
from collections.abc import Sequence

# Global options that take a value: their value is not a command (`planprogress --home DIR` opens the window).
VALUE_OPTIONS = frozenset({"--home", "--user", "--passphrase-file", "--lang"})


def wants_window(argv: Sequence[str]) -> bool:
    """True when argv names no command and asks for neither help nor the version."""
    args = iter(argv)
    for arg in args:
        if arg in ("-h", "--help", "--version"):
            return False
        if arg in VALUE_OPTIONS:
            next(args, None)
        elif not arg.startswith("-"):
            return False
    return True


def main() -> int:
    argv = sys.argv[1:]
    if wants_window(argv):
        gc.disable()  # rests while the window starts; desktop.ui.startup_gc wakes it at the first paint
        try:
            from desktop.ui.app import run  # imported only here: the CLI never loads Qt
        except ImportError as exc:
            gc.enable()
            if not (exc.name or "").startswith("desktop.ui"):
                # Qt itself failed to load (e.g. a system library missing): say so instead of printing usage.
                print(
                    f"错误：无法启动图形界面（{exc}）。请按《快速上手》检查系统库是否齐全；"
                    "命令行功能不受影响（planprogress --help）。",
                    file=sys.stderr,
                )
                return 1
        else:
            return int(run(argv))
    from desktop.cli import main as cli_main

    # A terminated command (the window's cancel, a shutdown) unwinds like an exception, so every
    # half-written file is cleaned up by the code that was writing it.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    return cli_main(argv)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
