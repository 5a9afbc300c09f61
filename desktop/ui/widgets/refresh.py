"""Pages that follow the session: a change refreshes a visible page at once, a hidden one when next shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from desktop.ui.session import Change

if TYPE_CHECKING:
    from desktop.ui.session import Session


class RefreshOnShow:
    """Mixin before the Qt base class (`class Page(RefreshOnShow, QWidget)`); the page's `refresh()` clears
    `_dirty`. Hidden pages thus cost nothing while the clerk edits elsewhere."""

    _dirty = True
    refresh: Callable[[], None]  # the page's own

    def watch(self, session: Session, *, period: bool = True) -> None:
        session.changed.connect(self._changed)
        if period:  # the pages that show one period show one plan too
            session.period_changed.connect(lambda _code: self._changed(Change.ALL))
            session.plan_changed.connect(lambda _plan: self._changed(Change.ALL))

    def _changed(self, _changes: Change, _initiator: object = None) -> None:
        self._dirty = True
        assert isinstance(self, QWidget)
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]  # the Qt base class after this mixin
        if self._dirty:
            self.refresh()
