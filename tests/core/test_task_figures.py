"""The office's matrix (task_figures, only the columns it reads, rows as SQLite gives them) shows each task's
project, percent and light exactly as the drill-down and the unit's `status` (tasks_from_rows, every field of
the bundle records) judge it, over random measures, milestones and shown entries."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.health import Thresholds
from desktop.domain.status import Status
from desktop.services.office.unit_view import FIGURE_COLUMNS, task_figures, tasks_from_rows

TODAY = dt.date(2026, 12, 10)
PLAN = [
    {"uid": f"t{n}", "key": f"1.0{n}", "text": f"任务{n}", "project": 1 + n // 2, "project_name": f"工程{1 + n // 2}"}
    for n in range(4)
]
DATES = [None, "2026-11-30", "2026-12-20", "2027-06-30"]  # past, due soon, later, none
STATUSES = [s.value for s in Status]

measures = st.lists(st.fixed_dictionaries({"task": st.integers(0, 3), "due": st.sampled_from(DATES)}), max_size=8).map(
    lambda ms: [{"uid": f"m{i}", "task_uid": f"t{m['task']}", "due_date": m["due"]} for i, m in enumerate(ms)]
)
milestones = st.lists(
    st.fixed_dictionaries(
        {"task": st.integers(0, 3), "due": st.sampled_from(DATES[1:]), "achieved": st.sampled_from(DATES)}
    ),
    max_size=4,
).map(
    lambda ms: [
        {"uid": f"s{i}", "task_uid": f"t{m['task']}", "due_date": m["due"], "achieved_date": m["achieved"]}
        for i, m in enumerate(ms)
    ]
)
entry = st.none() | st.tuples(st.sampled_from(STATUSES), st.integers(0, 100), st.booleans())


def full_record(row: dict[str, Any], kind: str) -> dict[str, Any]:
    """A bundle record as the unit's `status` and the drill-down read it: every field."""
    if kind == "measure":
        return {**row, "title": "措施", "department": "政治处", "person": "", "co_units": "", "start_date": None}
    return {**row, "measure_uid": None, "title": "节点", "target_value": None, "target_unit": "", "target_key": None,
            "actual_value": None}  # fmt: skip


def as_sqlite_rows(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[sqlite3.Row]:
    """Only `columns`, read by name from SQLite, as the office's store gives them."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE t ({', '.join(columns)})")
    conn.executemany(
        f"INSERT INTO t VALUES ({', '.join('?' for _ in columns)})", [[r[c] for c in columns] for r in rows]
    )
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute("SELECT * FROM t ORDER BY rowid").fetchall()


@settings(max_examples=200, deadline=None)
@given(measures=measures, milestones=milestones, shown=st.data())
def test_the_matrix_figures_are_the_drill_downs(
    measures: list[dict[str, Any]], milestones: list[dict[str, Any]], shown: st.DataObject
) -> None:
    items = [t["uid"] for t in PLAN] + [m["uid"] for m in measures]
    picked = {}
    for item in items:
        drawn = shown.draw(entry, label=item)
        if drawn is not None:
            status, percent, carried = drawn
            row = {"item_uid": item, "period": "2026-Q4", "status": status, "percent": percent, "note": "进展",
                   "updated_at": "2026-12-01T09:00:00Z"}  # fmt: skip
            picked[item] = (row, carried)
    thresholds = Thresholds(due_soon_days=30)

    rows = tasks_from_rows(
        PLAN,
        picked,
        [full_record(m, "measure") for m in measures],
        [full_record(m, "milestone") for m in milestones],
        TODAY,
        thresholds,
    )
    progress = FIGURE_COLUMNS["progress"]
    lean = {item: (as_sqlite_rows([row], progress)[0], carried) for item, (row, carried) in picked.items()}
    figures = task_figures(
        PLAN,
        lean,
        as_sqlite_rows(measures, FIGURE_COLUMNS["measure"]),
        as_sqlite_rows([{**m, "target_key": None} for m in milestones], FIGURE_COLUMNS["milestone"]),
        TODAY,
        thresholds,
    )
    assert [(f.project, f.project_name, f.percent, f.light) for f in figures] == [
        (r.project, r.project_name, r.percent, r.light) for r in rows
    ]
