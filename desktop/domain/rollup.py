"""Which progress entry an item shows for a viewed period, and what a task's and a project's completion are:
one rule for the unit's window, its reports, its `status`, and the office's view of every unit.

An item shows the viewed period's own entry; else the latest entry whose period ended by the end of the viewed
period (newest period end first, then newest update, then the first period code), carried forward. A task
without an entry of its own shows the mean of what its measures show (a measure showing nothing counts 0).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, TypeVar

from desktop.domain.periods import Period, period_span

Row = TypeVar("Row")


class _PeriodEnds(dict[str, dt.date | None]):
    """Last day of each period code, parsed once per code (a handful of codes, thousands of rows); None for a
    code that is not a period (such an entry is never shown)."""

    def __missing__(self, code: str) -> dt.date | None:
        span = period_span(code)
        end = self[code] = span[1] if span else None
        return end


def shown_entries(
    rows: Iterable[Row], viewed: Period, *, item: Hashable, period: Hashable, updated: Hashable
) -> dict[Any, tuple[Row, bool]]:
    """Per item, the entry shown for `viewed` and whether it is carried forward from another period.

    `rows` are any subscriptable records (SQLite tuples, dict rows); `item`, `period` and `updated` are the keys
    (indexes or column names) of the item, the period code and the update stamp. The order of `rows` does not
    matter. Written as one loop because the unit's window runs it over every entry before its first paint."""
    code, last = viewed.code, viewed.end
    ends = _PeriodEnds()
    own: dict[Any, Any] = {}
    carried: dict[Any, tuple[tuple[dt.date, Any], Any]] = {}
    for row in rows:
        record: Any = row
        key, where = record[item], record[period]
        if where == code:
            held = own.get(key)
            if held is None or record[updated] > held[updated]:
                own[key] = record
            continue
        end = ends[where]
        if end is None or end > last:
            continue
        rank = (end, record[updated])
        before = carried.get(key)
        if before is None or rank > before[0] or (rank == before[0] and where < before[1][period]):
            carried[key] = (rank, record)
    shown: dict[Any, tuple[Row, bool]] = {key: (record, True) for key, (_rank, record) in carried.items()}
    shown.update((key, (record, False)) for key, record in own.items())
    return shown


def candidate_groups(codes: Iterable[str], viewed: Period) -> list[list[str]]:
    """The period codes whose entries an item may show for `viewed`, in groups from the strongest: the viewed
    period's own code, then the codes that ended by its end grouped by that end, latest first. An entry of an
    earlier group always wins over one of a later group (shown_entries decides within a group), so a reader
    of many entries can stop at the first group that has one for each item."""
    distinct = set(codes)
    by_end: dict[dt.date, list[str]] = {}
    code_viewed, last = viewed.code, viewed.end
    for code in distinct:
        span = period_span(code)
        if code != code_viewed and span is not None and span[1] <= last:
            by_end.setdefault(span[1], []).append(code)
    groups = [[viewed.code]] if viewed.code in distinct else []
    return groups + [sorted(by_end[end]) for end in sorted(by_end, reverse=True)]


def task_percent(own: int | None, measures: Sequence[int | None]) -> int:
    """A task's completion: its own shown entry's percent; else the mean of its measures' (none shown: 0)."""
    if own is not None:
        return own
    if measures:
        return round(sum(p or 0 for p in measures) / len(measures))
    return 0


def mean_percent(percents: Sequence[int]) -> int:
    """A project's completion: the mean of its tasks' (0 for a project without tasks)."""
    return round(sum(percents) / len(percents)) if percents else 0
