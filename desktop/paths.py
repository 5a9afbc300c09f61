"""The one module that knows where shipped files live: in a checkout, an installed wheel, or a frozen build.

Frozen (PyInstaller onedir, packaging/planprogress.spec): `sys._MEIPASS` is the `_internal` folder beside the
executable and holds `resources/`, `db/` and `planprogress-<version>.dist-info` (for `desktop.__version__`).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "planprogress"
HOME_ENV = "PLANPROGRESS_HOME"


def is_frozen() -> bool:
    """True inside a PyInstaller build."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


@cache
def _bundle_root() -> Path:
    """Folder that holds `resources/` and `db/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller unpacks data next to the executable
        return Path(frozen)
    package = Path(__file__).resolve().parent
    checkout = package.parent
    if (checkout / "db" / "schema.sql").is_file() and (checkout / "resources").is_dir():
        return checkout
    return package  # installed wheel: desktop/_resources and desktop/_db


def resources_dir() -> Path:
    root = _bundle_root()
    return root / "resources" if (root / "resources").is_dir() else root / "_resources"


def db_dir() -> Path:
    root = _bundle_root()
    return root / "db" if (root / "db").is_dir() else root / "_db"


def schema_file() -> Path:
    return db_dir() / "schema.sql"


def migrations_dir() -> Path:
    return db_dir() / "migrations"


def catalogs_dir() -> Path:
    return resources_dir() / "catalog"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def cjk_font_file() -> Path:
    return fonts_dir() / "wqy-microhei.ttc"


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def app_icon_file() -> Path:
    """The window and menu icon (PNG; Windows executables carry planprogress.ico themselves)."""
    return icons_dir() / "planprogress.png"


def cli_command() -> tuple[str, list[str], dict[str, str]]:
    """How to start our own command line as a child process: (program, leading arguments, extra environment).

    Frozen on Windows the window program has no console, so the console twin `planprogress-cli.exe` beside it
    does the work; elsewhere the frozen executable is the CLI itself. From a checkout or a wheel: this Python
    with `-m desktop`, the folder holding the `desktop` package first on PYTHONPATH whatever the working folder.
    """
    if is_frozen():
        program = Path(sys.executable)
        twin = program.with_name("planprogress-cli.exe")
        if sys.platform == "win32" and twin.is_file():
            return str(twin), [], {}
        return str(program), [], {}
    package_parent = str(Path(__file__).resolve().parent.parent)
    current = os.environ.get("PYTHONPATH", "")
    python_path = package_parent + (os.pathsep + current if current else "")
    return sys.executable, ["-m", "desktop"], {"PYTHONPATH": python_path}


def default_home() -> Path:
    """The data folder: `PLANPROGRESS_HOME` if set, else the platform's user data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # only when no home was given: keeps start-up short

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
