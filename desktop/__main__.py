"""Entry point: a CLI command, or (no command) the desktop window."""

from __future__ import annotations

import sys


def main() -> int:
    argv = sys.argv[1:]
    if not [a for a in argv if not a.startswith("-")] and not {"-h", "--help", "--version"} & set(argv):
        try:
            from desktop.ui.app import run  # imported only here: the CLI never loads Qt
        except ImportError:
            pass
        else:
            return int(run(argv))
    from desktop.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
