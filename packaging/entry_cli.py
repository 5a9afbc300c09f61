"""Entry of the frozen `planprogress-cli` program: the command line only, never the window.

On Windows the main `planprogress.exe` has no console, so scripts, the office's batch jobs and the GUI's worker
process run this one; elsewhere it is the same command line under a name that says so.
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
