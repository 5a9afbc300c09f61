"""The one module that knows where shipped files live: in a checkout, an installed wheel, or a frozen build."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "planprogress"
HOME_ENV = "PLANPROGRESS_HOME"


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


def default_home() -> Path:
    """The data folder: `PLANPROGRESS_HOME` if set, else the platform's user data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
