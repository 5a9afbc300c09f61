"""File dialogs that open where a clerk expects: the folder used last, else a plugged-in stick, else the desktop
(or the home folder). Qt's static dialogs start in the program's working folder when given no folder, which
on an installed PC is the program's own directory.

    start_folder()                      -> the folder to open in
    open_file / open_files / save_file / choose_folder   -> the chosen path(s), remembered for next time
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_last: list[Path] = []  # the folder of the last file or folder chosen in this run of the program


def remember(path: Path | str) -> None:
    """Open the next dialog where this one ended (the folder of a file, the folder itself)."""
    chosen = Path(path)
    folder = chosen if chosen.is_dir() else chosen.parent
    _last[:] = [folder]


def forget() -> None:
    _last.clear()


def _desktop_or_home() -> Path:
    desktop = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DesktopLocation)
    if desktop and Path(desktop).is_dir():
        return Path(desktop)
    return Path.home()


def _plugged_sticks() -> Sequence[Any]:
    from desktop.ui.export.targets import list_targets  # reads the mount table: only when a dialog opens

    return list_targets()


def start_folder(sticks: Callable[[], Sequence[Any]] = _plugged_sticks) -> Path:
    """The last folder used (if it is still there), else the first plugged-in stick (`sticks()` lists them,
    each with a `path`), else desktop or home."""
    if _last and _last[0].is_dir():
        return _last[0]
    plugged = sticks()
    if plugged:
        return Path(plugged[0].path)
    return _desktop_or_home()


def _start(suggested: str = "") -> str:
    """`suggested` may be a bare file name (put in the start folder) or a whole path (kept)."""
    if suggested and Path(suggested).is_absolute():
        return suggested
    folder = start_folder()
    return str(folder / suggested) if suggested else str(folder)


def open_file(parent: QWidget | None, title: str, filters: str = "") -> str:
    name, _ = QFileDialog.getOpenFileName(parent, title, _start(), filters)
    if name:
        remember(name)
    return name


def open_files(parent: QWidget | None, title: str, filters: str = "") -> list[str]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, _start(), filters)
    if names:
        remember(names[0])
    return list(names)


def save_file(parent: QWidget | None, title: str, suggested: str = "", filters: str = "") -> str:
    """`suggested`: a file name to offer in the start folder, or a whole path to offer as it is."""
    name, _ = QFileDialog.getSaveFileName(parent, title, _start(suggested), filters)
    if name:
        remember(name)
    return name


def choose_folder(parent: QWidget | None, title: str, start: Path | None = None) -> str:
    name = QFileDialog.getExistingDirectory(parent, title, str(start) if start else _start())
    if name:
        remember(name)
    return name
