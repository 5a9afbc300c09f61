"""Evidence counts per item are kept by triggers, so the overview need not count every evidence row at start-up.

Each test compares the kept counts with a fresh count of the evidence rows themselves.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.store import Store
from desktop.store.db import DB_FILENAME
from tests.core.test_migrations import make_v1_home

PERIOD = "2026-Q4"


def _kept_and_counted(database: Path) -> tuple[dict[int, int], dict[int, int]]:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        kept = dict(conn.execute("SELECT item_id, n FROM evidence_count").fetchall())
        counted = dict(conn.execute("SELECT item_id, count(*) FROM evidence GROUP BY item_id").fetchall())
    finally:
        conn.close()
    return kept, counted


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_counts_follow_adds_and_deletes_and_reach_the_overview(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "完善培训基地", due_date=dt.date(2026, 12, 31))
    milestone = store.milestones.add(measure.id, "验收", dt.date(2026, 12, 15))
    files = [_file(tmp_path, f"佐证 {n}.pdf", b"%PDF " + bytes([n]) * 10) for n in range(5)]
    on_measure = [store.evidence.add(measure.id, f).record for f in files[:3]]
    store.evidence.add(milestone.id, files[3])
    store.evidence.add(task.id, files[4])
    store.evidence.add(task.id, files[0])  # the same file again: a second record, one stored copy

    kept, counted = _kept_and_counted(store.home.database)
    assert kept == counted == {measure.id: 3, milestone.id: 1, task.id: 2}

    store.evidence.delete(on_measure[0].id)
    store.evidence.delete(on_measure[1].id)
    kept, counted = _kept_and_counted(store.home.database)
    assert kept == counted == {measure.id: 1, milestone.id: 1, task.id: 2}

    store.evidence.delete(on_measure[2].id)  # the last one: the item's row goes, no zero is left behind
    kept, counted = _kept_and_counted(store.home.database)
    assert kept == counted == {milestone.id: 1, task.id: 2}

    [view] = [t for p in store.overview(PERIOD) for t in p.tasks if t.task.id == task.id]
    assert [m.evidence for m in view.measures] == [0]
    assert [m.evidence for m in view.milestones] == [1]
    assert view.evidence == 3  # the task's own two and its milestone's one


def test_a_failed_transaction_leaves_the_counts_as_they_were(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0]
    store.evidence.add(task.id, _file(tmp_path, "a.pdf", b"%PDF a"))
    before = _kept_and_counted(store.home.database)
    with pytest.raises(RuntimeError), store.database.transaction():
        store.evidence.add(task.id, _file(tmp_path, "b.pdf", b"%PDF b"))
        raise RuntimeError("power cut")
    assert _kept_and_counted(store.home.database) == before


def test_migration_fills_the_counts_from_the_evidence_already_there(tmp_path: Path, catalog: Catalog) -> None:
    old = tmp_path / "old"
    make_v1_home(old, catalog)  # one evidence file on one measure
    with Store.open(old, "upgrader") as store:
        [record] = store.evidence.find()
        kept, counted = _kept_and_counted(old / DB_FILENAME)
        assert kept == counted == {record.item_id: 1}
        store.evidence.add(record.item_id, _file(tmp_path, "new.pdf", b"%PDF new"))
    kept, counted = _kept_and_counted(old / DB_FILENAME)
    assert kept == counted == {record.item_id: 2}
