"""The office applies a bundle's records in their order, however they are batched: an upsert after a delete of the
same record brings it back, a later upsert wins over an earlier one (also across batches of thousands), and a
delete of a record the office never had counts without harm."""

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.store import Store
from desktop.store.db import DB_FILENAME
from desktop.store.office import OfficeRepo
from desktop.store.office_records import AcceptedBundle, OfficeRecords, RecordOp, UnitFacts
from tests.core.bundle.conftest import enroll


def _progress(uid: str, percent: int, period: str = "2026-Q4") -> RecordOp:
    data = {
        "uid": uid,
        "item_uid": "item-1",
        "period": period,
        "status": "推进中",
        "percent": percent,
        "note": f"第{percent}",
        "updated_at": "2026-11-26T20:18:00Z",
        "updated_by": "张三",
    }
    return RecordOp("progress", "upsert", uid, data)


def _measure(uid: str, title: str) -> RecordOp:
    data = {
        "uid": uid,
        "task_uid": "task-1",
        "title": title,
        "department": "政治处",
        "person": "",
        "co_units": "",
        "start_date": None,
        "due_date": "2026-12-31",
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }
    return RecordOp("measure", "upsert", uid, data)


def _review(period: str, state: str) -> RecordOp:
    data = {
        "uid": period,
        "period": period,
        "state": state,
        "updated_at": "2026-11-26T20:18:00Z",
        "updated_by": "李四",
        "comment": "",
    }
    return RecordOp("review", "upsert", period, data)


def _delete(entity: str, uid: str) -> RecordOp:
    return RecordOp(entity, "delete", uid, None)


def _rows(office: Store, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{office.home.root / DB_FILENAME}?mode=ro", uri=True)
    try:
        return sorted(conn.execute(sql).fetchall())
    finally:
        conn.close()


def test_records_are_applied_in_order_across_kinds_and_batches(office: Store, unit: Store) -> None:
    enroll(office, unit)
    code = unit.unit().code
    many = [_progress(f"q-{i % 2100}", i % 101, "2026-11") for i in range(2500)]  # q-0..q-399 written twice
    ops = [
        _progress("p-1", 10),
        _progress("p-2", 20),
        _delete("progress", "p-1"),
        _measure("m-1", "旧名称"),
        _progress("p-1", 30),
        _measure("m-1", "新名称"),
        _progress("p-2", 25),
        _review("2026-Q4", "submitted"),
        _delete("review", "2026-Q4"),
        _review("2026-Q3", "submitted"),
        _review("2026-Q3", "approved"),
        _delete("progress", "p-never"),
        *many,
        _delete("progress", "q-5"),
    ]
    bundle = AcceptedBundle(code, 0, 1, "b-1", "h" * 64, "", "delta", "", len(ops), 0, 0, False)
    counts = OfficeRecords(office.database, office.audit).merge(
        OfficeRepo(office.database, office.audit).require_unit(code),
        bundle,
        UnitFacts(f"{code} 监狱", False, "c", "1"),
        [],
        iter(ops),
        iter([]),
        ("U盘", "PB-X", ""),
    )

    assert (counts.upserts, counts.deletes, counts.audit) == (len(ops) - 4, 4, 0)
    progress = _rows(office, "SELECT uid, period, percent, note, seq FROM unit_progress")
    expected = [("p-1", "2026-Q4", 30, "第30", 1), ("p-2", "2026-Q4", 25, "第25", 1)]
    last = {f"q-{i % 2100}": i % 101 for i in range(2500)}  # the later write of each uid
    expected += [(uid, "2026-11", pct, f"第{pct}", 1) for uid, pct in last.items() if uid != "q-5"]
    assert progress == sorted(expected)
    assert _rows(office, "SELECT uid, title FROM unit_measure") == [("m-1", "新名称")]
    assert _rows(office, "SELECT period, state FROM unit_review") == [("2026-Q3", "approved")]


def test_a_long_run_of_progress_deletes_removes_exactly_those_rows(office: Store, unit: Store) -> None:
    """Progress rows are found by uid without an index, hundreds per statement: 1,150 deletes in one run (more
    than two statements' worth, one for a row the office never had) remove those rows and no other, also of
    another item or period."""
    enroll(office, unit)
    code = unit.unit().code
    upserts = [_progress(f"p-{n}", n % 101, f"2026-{n % 12 + 1:02d}") for n in range(1200)]
    deletes = [_delete("progress", f"p-{n}") for n in range(1, 1150)] + [_delete("progress", "p-never")]
    bundle = AcceptedBundle(code, 0, 1, "b-1", "h" * 64, "", "delta", "", 2350, 0, 0, False)
    counts = OfficeRecords(office.database, office.audit).merge(
        OfficeRepo(office.database, office.audit).require_unit(code),
        bundle,
        UnitFacts(f"{code} 监狱", False, "c", "1"),
        [],
        iter([*upserts, *deletes]),
        iter([]),
        ("U盘", "PB-X", ""),
    )

    assert (counts.upserts, counts.deletes) == (1200, 1150)
    left = _rows(office, "SELECT uid, period, percent FROM unit_progress")
    assert left == sorted(
        [("p-0", "2026-01", 0)] + [(f"p-{n}", f"2026-{n % 12 + 1:02d}", n % 101) for n in range(1150, 1200)]
    )
