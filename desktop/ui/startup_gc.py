"""The cyclic garbage collector rests while a window is being built, and wakes when one is shown.

Start-up creates a few hundred thousand objects that live until exit (modules, classes, Qt's Python enums, the
plan's records); the collector would walk them again and again while they are made (~25 ms of a 0.4 s start,
timed with gc.callbacks, against ~12 ms for an empty PySide6 window). Building a window makes almost no reference
cycles, so resting costs no memory worth counting. When the window is up, what was built is frozen (moved out of
the collector's way for good) and collection resumes.

`desktop/__main__.py` disables the collector before anything is imported and `mark_app_process()` notes it; the
start-up code calls `wake()` where a window goes on screen: the main window's first paint, or just before a
dialog waits for the user (sign-in, set-up, a damaged database). Only that process rests again while the main
window is built after sign-in (`rest_while_building`): a test or an embedding program keeps its collector as
it set it. (No application-wide event filter: a Python filter sees every event of every widget, and wrapping
each for Python cost ~40 ms in the first QTreeView's construction alone.)
"""

from __future__ import annotations

import gc

_state = {"app_process": False}


def mark_app_process() -> None:
    """Called once the QApplication exists: if the entry point stopped the collector, this is the app process."""
    if not gc.isenabled():
        _state["app_process"] = True


def rest_while_building() -> None:
    """The main window is about to be built after sign-in: rest again until it is shown (app process only)."""
    if _state["app_process"] and gc.isenabled():
        gc.disable()


def wake() -> None:
    """Freeze what was built and collect again; harmless when the collector is already running."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
