"""The cyclic garbage collector rests while a window is being built, and wakes when one is painted.

Start-up creates a few hundred thousand objects that live until exit (modules, classes, Qt's Python enums, the
plan's records); the collector would walk them again and again while they are made (~25 ms of a 0.4 s start,
timed with gc.callbacks, against ~12 ms for an empty PySide6 window). Building a window makes almost no reference
cycles, so resting costs no memory worth counting. When the first window is on screen, what was built is frozen
(moved out of the collector's way for good) and collection resumes.

`desktop/__main__.py` disables the collector before anything is imported; `watch(app)` then wakes it at the
first painted window. Only a process started that way rests again while the main window is built after sign-in
(`rest_while_building`): a test or an embedding program keeps its collector as it set it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class _WakeOnFirstPaint(QObject):
    """An application-wide event filter, installed only while the collector rests."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.isWindow():
            wake()
        return False


_state: dict[str, _WakeOnFirstPaint | bool | None] = {"filter": None, "app_process": False}


def watch(app: QApplication) -> None:
    """Called once the QApplication exists: if the entry point stopped the collector, wake it at the first paint."""
    if not gc.isenabled():
        _state["app_process"] = True
        _install(app)


def rest_while_building() -> None:
    """The main window is about to be built after sign-in: rest again until it is painted (app process only)."""
    app = QApplication.instance()
    if _state["app_process"] and isinstance(app, QApplication) and gc.isenabled():
        gc.disable()
        _install(app)


def wake() -> None:
    """Freeze what was built and collect again; harmless when the collector is already running."""
    watcher = _state["filter"]
    if isinstance(watcher, _WakeOnFirstPaint):
        _state["filter"] = None
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(watcher)
        watcher.deleteLater()
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _install(app: QApplication) -> None:
    if _state["filter"] is None:
        watcher = _WakeOnFirstPaint()
        app.installEventFilter(watcher)
        _state["filter"] = watcher
