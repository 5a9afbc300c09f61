"""The overview shows, per item, the chosen period's progress or the latest earlier one carried forward.

These tests hold desktop/store/overview.py to that rule written out in plain Python, over months, quarters and
years mixed, and over ties (periods that end on the same day, written in the same second).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.catalog import Catalog
from desktop.domain.model import ProgressEntry
from desktop.domain.periods import parse_period
from desktop.domain.status import Status
from desktop.store import Store

PERIODS = [
    *(f"{year}" for year in (2024, 2025, 2026)),
    *(f"{year}-Q{q}" for year in (2025, 2026) for q in (1, 2, 3, 4)),
    *(f"{year}-{month:02d}" for year in (2025, 2026) for month in (1, 3, 6, 9, 11, 12)),
]


class StepClock:
    """Each write a second later, or at the same second when `hold` is set (entries tie on updated_at)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
        self.hold = False

    def __call__(self) -> dt.datetime:
        if not self.hold:
            self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Iterator[tuple[Store, StepClock, list[int]]]:
    clock = StepClock()
    root: Path = tmp_path_factory.mktemp("overview") / "home"
    with Store.create(root, "tester", "unit", catalog, clock=clock) as store:
        task = store.plan.tasks()[0].id
        items = [task, *(store.measures.add(task, f"措施{n}").id for n in range(3))]
        yield store, clock, items


def expected(entries: list[ProgressEntry], code: str) -> tuple[int | None, bool]:
    """The rule in plain Python: this period's entry; else the latest that ended by its end (then the later
    update, then the first period code); else none."""
    for entry in entries:
        if entry.period == code:
            return entry.id, False
    end = parse_period(code).end
    earlier = [e for e in sorted(entries, key=lambda e: e.period) if parse_period(e.period).end <= end]
    if not earlier:
        return None, False
    best = max(earlier, key=lambda e: (parse_period(e.period).end, e.updated_at))
    return best.id, True


def shown(store: Store, code: str, items: list[int]) -> dict[int, tuple[int | None, bool]]:
    found: dict[int, tuple[int | None, bool]] = {}
    for project in store.overview(code, today=dt.date(2026, 11, 26)):
        for task in project.tasks:
            if task.task.id in items:
                found[task.task.id] = (task.progress.id if task.progress else None, task.carried)
            for view in task.measures:
                found[view.measure.id] = (view.progress.id if view.progress else None, view.carried)
    return found


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    writes=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(PERIODS), st.integers(0, 99), st.booleans()), max_size=14
    ),
    chosen=st.sampled_from(PERIODS),
)
def test_the_shown_entry_follows_the_rule(
    world: tuple[Store, StepClock, list[int]], writes: list[tuple[int, str, int, bool]], chosen: str
) -> None:
    store, clock, items = world
    for item in items:  # a clean slate for each example
        for entry in store.progress.find(item_id=item):
            store.progress.delete(item, entry.period)
    for index, period, percent, same_second in writes:
        clock.hold = same_second
        store.progress.record(items[index], period, Status.IN_PROGRESS, percent)
    clock.hold = False
    want = {item: expected(store.progress.find(item_id=item), chosen) for item in items}
    assert shown(store, chosen, items) == want


def test_a_month_inside_the_chosen_quarter_is_carried_and_a_later_one_is_not(
    world: tuple[Store, StepClock, list[int]],
) -> None:
    store, _clock, items = world
    measure = items[1]
    for entry in store.progress.find(item_id=measure):
        store.progress.delete(measure, entry.period)
    november = store.progress.record(measure, "2026-11", Status.IN_PROGRESS, 40)
    store.progress.record(measure, "2027-01", Status.IN_PROGRESS, 90)  # after the quarter: never shown for it
    assert shown(store, "2026-Q4", items)[measure] == (november.id, True)
    assert shown(store, "2026-10", items)[measure] == (None, False)
    quarter = store.progress.record(measure, "2026-Q4", Status.DONE, 100)
    assert shown(store, "2026-Q4", items)[measure] == (quarter.id, False)


def test_periods_ending_together_and_written_together_resolve_to_the_first_code(
    world: tuple[Store, StepClock, list[int]],
) -> None:
    """December, the fourth quarter and the year all end on 31 December: written in the same second, the
    first code ("2026") is carried, as the plain rule's order gives."""
    store, clock, items = world
    measure = items[2]
    for entry in store.progress.find(item_id=measure):
        store.progress.delete(measure, entry.period)
    clock.hold = True
    try:
        made = {
            code: store.progress.record(measure, code, Status.IN_PROGRESS, 50)
            for code in ("2026-Q4", "2026-12", "2026")
        }
    finally:
        clock.hold = False
    assert expected(store.progress.find(item_id=measure), "2027-Q1") == (made["2026"].id, True)
    assert shown(store, "2027-Q1", items)[measure] == (made["2026"].id, True)
