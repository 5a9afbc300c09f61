"""The period grid's Qt-free parts: the rows of a period (by the one carry-forward rule), the batch write of
copied notes with one undo step, and status and percent kept consistent."""

from __future__ import annotations

import pytest

from desktop.domain.errors import LockedError
from desktop.domain.model import ItemKind
from desktop.domain.periods import parse_period
from desktop.domain.status import Status, coupled
from desktop.services import operations as ops
from desktop.services.operations import UndoHistory, run_undo
from desktop.services.operations.undo import UNDO_LABELS
from desktop.services.period_sheet import period_sheet
from desktop.store import Store


def test_rows_are_tasks_then_their_measures_with_own_shown_and_earlier(store: Store) -> None:
    task = store.plan.tasks()[0]
    measure = ops.add_measure(store, task.id, "开展全员轮训").value
    ops.record_progress(store, measure.id, "2026-Q3", Status.IN_PROGRESS, 30, "三季度说明")
    ops.record_progress(store, task.id, "2026-Q4", Status.IN_PROGRESS, 50, "四季度说明")
    rows = period_sheet(store, parse_period("2026-Q4"))
    assert len(rows) == len(store.plan.tasks()) + 1
    first, second = rows[0], rows[1]
    assert (first.kind, first.item_id, second.kind, second.item_id) == (
        ItemKind.TASK,
        task.id,
        ItemKind.MEASURE,
        measure.id,
    )
    assert first.label.startswith(task.key) and first.own is not None and first.own.note == "四季度说明"
    assert first.earlier is None
    assert second.own is None  # nothing of its own for the quarter
    assert second.shown is not None and second.shown.period == "2026-Q3"  # carried forward
    assert second.earlier is not None and second.earlier.note == "三季度说明"
    # The same entry the overview shows for the period (desktop.domain.rollup's rule).
    view = store.overview("2026-Q4")[0].tasks[0].measures[0]
    assert view.progress == second.shown and view.carried


def test_earlier_is_the_latest_other_period_even_with_an_own_entry(store: Store) -> None:
    item = store.plan.tasks()[0].id
    ops.record_progress(store, item, "2026-06", Status.IN_PROGRESS, 10, "六月")
    ops.record_progress(store, item, "2026-Q3", Status.IN_PROGRESS, 20, "三季度")
    ops.record_progress(store, item, "2026-Q4", Status.IN_PROGRESS, 30, "四季度")
    ops.record_progress(store, item, "2027-01", Status.IN_PROGRESS, 40, "明年")  # after the period: never offered
    row = period_sheet(store, parse_period("2026-Q4"))[0]
    assert row.own is not None and row.own.note == "四季度"
    assert row.earlier is not None and row.earlier.note == "三季度"


def test_record_progress_many_is_one_undo_step(store: Store) -> None:
    a, b = (t.id for t in store.plan.tasks()[:2])
    ops.record_progress(store, a, "2026-Q4", Status.LAGGING, 15, "原说明")
    outcome = ops.record_progress_many(
        store, "2026-Q4", [(a, Status.LAGGING, 15, "沿用"), (b, Status.IN_PROGRESS, 20, "沿用")]
    )
    assert [e.note for e in outcome.value] == ["沿用", "沿用"]
    assert outcome.undo is not None and outcome.undo.text() == "撤销填报 2 条进度"
    assert outcome.undo.label in UNDO_LABELS
    history = UndoHistory()
    history.push(outcome.undo)
    step = history.pop()
    assert step is not None and run_undo(step, store) is None
    assert store.progress.get(a, "2026-Q4").note == "原说明"  # type: ignore[union-attr]
    assert store.progress.get(b, "2026-Q4") is None


def test_record_progress_many_in_a_locked_period_writes_nothing(store: Store) -> None:
    a, b = (t.id for t in store.plan.tasks()[:2])
    store.reviews.submit("2026-Q4")
    store.reviews.approve("2026-Q4")
    rows = store.audit.count()
    with pytest.raises(LockedError):
        ops.record_progress_many(store, "2026-Q4", [(a, Status.IN_PROGRESS, 10, ""), (b, Status.IN_PROGRESS, 10, "")])
    assert store.progress.find(period="2026-Q4") == [] and store.audit.count() == rows


@pytest.mark.parametrize(
    ("status", "percent", "chosen", "expected"),
    [
        (Status.DONE, 40, True, (Status.DONE, 100)),
        (Status.NOT_STARTED, 40, True, (Status.NOT_STARTED, 0)),
        (Status.LAGGING, 40, True, (Status.LAGGING, 40)),
        (Status.DONE, 90, False, (Status.IN_PROGRESS, 90)),
        (Status.NOT_STARTED, 5, False, (Status.IN_PROGRESS, 5)),
        (Status.LAGGING, 5, False, (Status.LAGGING, 5)),
        (Status.DONE, 100, False, (Status.DONE, 100)),
    ],
)
def test_status_and_percent_kept_consistent(
    status: Status, percent: int, chosen: bool, expected: tuple[Status, int]
) -> None:
    assert coupled(status, percent, status_chosen=chosen) == expected
