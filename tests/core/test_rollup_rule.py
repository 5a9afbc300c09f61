"""desktop.domain.rollup: the shown entry does not depend on the order rows come in (the unit reads SQLite
tuples, the office dict rows in its own order), and a code that is not a period is never shown."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.periods import parse_period
from desktop.domain.rollup import candidate_groups, mean_percent, shown_entries, task_percent

PERIODS = ["2025", "2025-Q4", "2025-12", "2026-Q1", "2026-03", "2026-Q4", "2026-11", "2026-12", "2026", "2027-01"]
STAMPS = ["2026-12-01T09:00:00Z", "2026-12-01T09:00:01Z", "2026-12-02T08:00:00Z"]


def plain_rule(rows: list[dict[str, str]], code: str) -> tuple[dict[str, str], bool] | None:
    own = [r for r in rows if r["period"] == code]
    if own:
        return max(own, key=lambda r: r["updated_at"]), False
    end = parse_period(code).end
    earlier = [r for r in sorted(rows, key=lambda r: r["period"]) if parse_period(r["period"]).end <= end]
    if not earlier:
        return None
    return max(earlier, key=lambda r: (parse_period(r["period"]).end, r["updated_at"])), True


entries = st.lists(
    st.fixed_dictionaries(
        {"item": st.sampled_from("ab"), "period": st.sampled_from(PERIODS), "updated_at": st.sampled_from(STAMPS)}
    ),
    max_size=12,
    unique_by=lambda r: (r["item"], r["period"]),  # one entry per item and period, as the unit's store keeps it
)


@settings(max_examples=200)
@given(rows=entries, viewed=st.sampled_from(PERIODS), order=st.randoms(use_true_random=False))
def test_any_order_gives_the_plain_rule(rows: list[dict[str, str]], viewed: str, order: random.Random) -> None:
    shuffled = list(rows)
    order.shuffle(shuffled)
    got = shown_entries(shuffled, parse_period(viewed), item="item", period="period", updated="updated_at")
    for item in "ab":
        assert got.get(item) == plain_rule([r for r in rows if r["item"] == item], viewed)


def test_a_code_that_is_not_a_period_is_never_shown() -> None:
    rows = [
        {"item": "a", "period": "2026-Q5", "updated_at": STAMPS[2]},
        {"item": "a", "period": "2026-11", "updated_at": STAMPS[0]},
    ]
    shown = shown_entries(rows, parse_period("2026-Q4"), item="item", period="period", updated="updated_at")
    assert shown == {"a": (rows[1], True)}


def test_task_and_project_completion() -> None:
    assert task_percent(40, [100, 100]) == 40  # the task's own entry wins over its measures
    assert task_percent(None, [100, None, 50]) == 50  # a measure showing nothing counts 0
    assert task_percent(None, []) == 0
    assert mean_percent([60, 0, 0]) == 20 and mean_percent([]) == 0


@settings(max_examples=200)
@given(rows=entries, viewed=st.sampled_from(PERIODS))
def test_reading_group_by_group_gives_what_reading_everything_gives(rows: list[dict[str, str]], viewed: str) -> None:
    """The office reads one group of periods at a time and stops once every item is decided."""
    when = parse_period(viewed)
    everything = shown_entries(rows, when, item="item", period="period", updated="updated_at")
    by_groups: dict[str, tuple[dict[str, str], bool]] = {}
    for group in candidate_groups([r["period"] for r in rows], when):
        batch = [r for r in rows if r["period"] in group and r["item"] not in by_groups]
        by_groups.update(shown_entries(batch, when, item="item", period="period", updated="updated_at"))
    assert by_groups == everything
