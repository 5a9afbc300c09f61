"""The cyclic garbage collector rests while a window is built and wakes, freezing what was built, when one is shown.

Start-up makes a few hundred thousand long-lived objects and almost no cycles, so collecting while they are made
is wasted work (docs/gui.md, "Start-up time"). `desktop/__main__.py` stops the collector first thing; `wake()` is
called where a window goes on screen. Only the app process rests: a test or an embedding program keeps its
collector as it set it.
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
