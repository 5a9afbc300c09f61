"""Guard against a PySide6 6.12.0 bug on Python 3.11: every `Signal.emit()` made from Python drops one reference
to `True`. `True` is not immortal before Python 3.12, so after a few thousand emits (progress lines of an export,
edits) the interpreter aborts with "bool_dealloc". We give back what the emits took: a large head start on the
count at start, topped up every second. (A list of references would not do: it is freed at exit, and the count
then falls through zero during shutdown.) A no-op where there is no leak. Remove once the pinned PySide6 no
longer leaks (`emit_leaks_true()` tells)."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer, Signal

HEAD_START = 1 << 30


def _give_back(count: int) -> None:
    """Add `count` to True's reference count (CPython: ob_refcnt is the object's first field)."""
    refcount = ctypes.c_ssize_t.from_address(id(True))
    refcount.value += count


class _Probe(QObject):
    fired = Signal()


def emit_leaks_true(emits: int = 64) -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(emits):
        probe.fired.emit()
    taken = before - sys.getrefcount(True)
    if taken > 0:
        _give_back(taken)  # what the probe itself took
    return taken >= emits // 2


def guard_true_refcount(parent: QObject) -> QTimer | None:
    """Install the guard when this PySide6 leaks on this Python; returns the top-up timer (or None)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not emit_leaks_true():
        return None
    _give_back(HEAD_START)
    floor = sys.getrefcount(True)

    def top_up() -> None:  # called by Qt's timer: no Python emit, so it takes nothing itself
        missing = floor - sys.getrefcount(True)
        if missing > 0:
            _give_back(missing)

    timer = QTimer(parent)
    timer.setInterval(1000)
    timer.timeout.connect(top_up)
    timer.start()
    return timer
