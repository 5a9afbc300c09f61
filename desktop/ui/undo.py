"""The window's undo stack: the Qt-free `UndoHistory` of operation undo steps, with a signal for the menu.

The inverses themselves come with each operation (`desktop.services.operations`); this only keeps them and
shows the top step's text, translated.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.services.operations import Undo, UndoHistory
from desktop.ui.i18n import tr


class UndoStack(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history = UndoHistory()

    def push(self, step: Undo) -> None:
        if self._history.push(step):
            self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._history)

    def text(self) -> str:
        step = self._history.top()
        return step.text(tr) if step else ""

    def pop(self) -> Undo | None:
        step = self._history.pop()
        self.changed.emit()
        return step

    def clear(self) -> None:
        self._history.clear()
        self.changed.emit()
