"""The progress editor starts from the entry the plan tree shows for the period (the one carry-forward rule)."""

from __future__ import annotations

from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui.models.plan_tree import NodeKind
from desktop.ui.pages.plan_page import PlanPage

from .conftest import make_session


def test_a_month_ending_with_the_quarter_is_what_the_editor_offers(qtbot, store: Store) -> None:
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展理想信念教育")
    store.progress.record(measure.id, "2026-10", Status.IN_PROGRESS, 30)
    store.progress.record(measure.id, "2026-12", Status.IN_PROGRESS, 90)  # ends with 2026-Q4
    clerk = make_session(store, "clerk")
    clerk.set_period("2026-Q4")
    page = PlanPage(clerk)
    qtbot.addWidget(page)
    page.show()
    assert page.select_key((NodeKind.MEASURE, measure.id))
    [view] = [m for m in clerk.overview()[0].tasks[0].measures if m.measure.id == measure.id]
    assert view.carried and view.progress is not None and view.progress.period == "2026-12"
    editor = page.detail.progress
    assert editor.percent.value() == 90
    assert "2026-12" in editor.saved_label.text()
    assert store.progress.get(measure.id, "2026-Q4") is None  # shown, not written, until the clerk changes it
