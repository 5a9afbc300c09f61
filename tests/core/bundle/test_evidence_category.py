"""An evidence category changed after the file was sent reaches the office with the next delta bundle: the
record travels again, the file does not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.services import operations as ops
from desktop.store import Store
from desktop.store.db import DB_FILENAME
from tests.core.bundle.conftest import OfficeKeys, accept, add_work, enroll, export, only_bundle


def _office_categories(office: Store) -> list[str]:
    conn = sqlite3.connect(f"file:{office.home.root / DB_FILENAME}?mode=ro", uri=True)
    try:
        return [str(r[0]) for r in conn.execute("SELECT category FROM unit_evidence ORDER BY uid")]
    finally:
        conn.close()


def test_changed_category_travels_in_the_next_delta(
    unit: Store, office: Store, office_keys: OfficeKeys, stick: Path, tmp_path: Path
) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path)
    export(unit, stick / "1")
    accept(office, office_keys.identity, only_bundle(stick / "1"))
    assert _office_categories(office) == ["照片"]

    record = unit.evidence.find()[0]
    ops.update_evidence(unit, record.id, category="会议记录")
    second = export(unit, stick / "2")
    assert (second.kind, second.upserts, second.evidence) == ("delta", 1, 0)  # the record, not the file again
    accept(office, office_keys.identity, only_bundle(stick / "2"))
    assert _office_categories(office) == ["会议记录"]
