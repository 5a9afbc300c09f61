"""Which pages a home gets, by its kind: a unit's home or the provincial office's.

A mode is a module with `install(window: MainWindow, session: Session) -> None`. It is imported only
when a home of that kind opens, so a unit PC never loads office code (and start-up stays short).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: start-up loads these while the password is checked
    from desktop.ui.main_window import MainWindow
    from desktop.ui.session import Session

MODES = {
    "unit": "desktop.ui.unit_mode",
    "office": "desktop.ui.office.mode",  # the kind `province init` and the set-up wizard give an office home
}


class ModeMissingError(Exception):
    """This build has no pages for the home's kind."""


def install_mode(kind: str, window: MainWindow, session: Session) -> None:
    module_name = MODES.get(kind)
    if module_name is None:
        raise ModeMissingError(kind)
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise ModeMissingError(kind) from exc
    module.install(window, session)
