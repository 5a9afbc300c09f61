"""Pages that follow the session refresh at once when visible, and only when next shown when hidden."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.store import Store
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.session import Change

from .conftest import make_session


def test_hidden_page_refreshes_when_shown_and_visible_page_at_once(qtbot: QtBot, store: Store) -> None:
    session = make_session(store, "clerk")
    page = DashboardPage(session)
    qtbot.addWidget(page)
    calls: list[int] = []
    original = page.refresh

    def counting() -> None:
        calls.append(1)
        original()

    page.refresh = counting  # type: ignore[method-assign]

    session.notify(Change.PROGRESS)
    assert calls == [] and page._dirty  # hidden: nothing rebuilt yet

    page.show()
    qtbot.waitExposed(page)
    assert calls == [1] and not page._dirty  # shown: rebuilt once

    session.notify(Change.PROGRESS)
    assert calls == [1, 1]  # visible: rebuilt at once

    session.period_changed.emit("2026-Q3")
    assert len(calls) == 3
