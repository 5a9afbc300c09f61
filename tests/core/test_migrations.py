"""Schema migrations: a v1 database, opened by this program, equals a fresh one and keeps its data.

The v1 database is built from the frozen v1 schema (tests/data/schema_v1.sql) with plain SQL, the way
an installed v1 program left it, so the test does not lean on today's store code to make old data.
While db/migrations holds no step the comparison is v1 == current; each new step makes it v1 -> vN.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.errors import LockedError, StoreError
from desktop.domain.status import ReviewState, Status
from desktop.store import Store
from desktop.store.audit import GENESIS, canonical, row_hash
from desktop.store.db import APPLICATION_ID, DB_FILENAME, create_database, migrate, migration_steps, schema_version
from desktop.store.users import hash_password
from tests.core.conftest import CliResult
from tests.core.support import db_dump

V1_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "schema_v1.sql"
PASSWORD = "v1-password"
EVIDENCE = b"%PDF v1 evidence"
AT = "2024-06-30T08:00:00Z"


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def make_v1_home(root: Path, catalog: Catalog) -> None:
    """A unit's home as the v1 program wrote it: plan, a measure, a milestone, progress in an approved
    period, a user, one evidence file, and an audit chain over the changes."""
    root.mkdir(parents=True)
    conn = _connect(root / DB_FILENAME)
    conn.executescript(V1_SCHEMA.read_text(encoding="utf-8"))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    meta = {
        "kind": "unit",
        "catalog_id": catalog.id,
        "catalog_version": catalog.version,
        "created_at": AT,
        "unit_code": "GD-V1",
        "unit_name": "旧版监狱",
    }
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
    conn.execute(
        "INSERT INTO catalog (id, version, title, start_year, end_year, loaded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (catalog.id, catalog.version, catalog.title, catalog.start_year, catalog.end_year, AT),
    )
    for project in catalog.projects:
        project_id = conn.execute(
            "INSERT INTO project (catalog_id, number, name) VALUES (?, ?, ?)",
            (catalog.id, project.number, project.name),
        ).lastrowid
        for task in project.tasks:
            item_id = conn.execute(
                "INSERT INTO item (kind, uid) VALUES ('task', ?)", (f"{catalog.id}/{task.key}",)
            ).lastrowid
            conn.execute(
                "INSERT INTO task (id, project_id, seq, key, text) VALUES (?, ?, ?, ?, ?)",
                (item_id, project_id, task.seq, task.key, task.text),
            )
    measure_id = conn.execute("INSERT INTO item (kind, uid) VALUES ('measure', 'm-uid-1')").lastrowid
    conn.execute(
        "INSERT INTO measure (id, task_id, title, department, person, created_at, updated_at) "
        "VALUES (?, 1, '旧版措施', '政治处', '张三', ?, ?)",
        (measure_id, AT, AT),
    )
    milestone_id = conn.execute("INSERT INTO item (kind, uid) VALUES ('milestone', 'ms-uid-1')").lastrowid
    conn.execute(
        "INSERT INTO milestone (id, task_id, measure_id, title, due_date, target_value, target_unit, created_at, "
        "updated_at) VALUES (?, 1, ?, '旧版节点', '2024-12-31', 80, '%', ?, ?)",
        (milestone_id, measure_id, AT, AT),
    )
    conn.execute(
        "INSERT INTO progress (uid, item_id, period, status, percent, note, updated_at, updated_by) "
        "VALUES ('p-uid-1', ?, '2024-Q2', '推进中', 60, '旧版进度', ?, 'clerk')",
        (measure_id, AT),
    )
    conn.execute(
        "INSERT INTO review (period, state, updated_at, updated_by) VALUES ('2024-Q2', 'approved', ?, 'rev')", (AT,)
    )
    conn.execute(
        "INSERT INTO user (name, role, password_hash, created_at) VALUES ('rev', '审核员', ?, ?)",
        (hash_password(PASSWORD), AT),
    )
    sha = hashlib.sha256(EVIDENCE).hexdigest()
    blob = root / "evidence" / sha[:2] / sha
    blob.parent.mkdir(parents=True)
    blob.write_bytes(EVIDENCE)
    conn.execute("INSERT INTO evidence_blob (sha256, size, stored_at) VALUES (?, ?, ?)", (sha, len(EVIDENCE), AT))
    conn.execute(
        "INSERT INTO evidence (uid, item_id, sha256, title, original_name, size, media_type, added_by, added_at) "
        "VALUES ('e-uid-1', ?, ?, '第一版 的佐证', '第一版 的佐证.pdf', ?, 'application/pdf', 'clerk', ?)",
        (milestone_id, sha, len(EVIDENCE), AT),
    )
    prev = GENESIS
    changes = [
        ("event", "catalog", f"{catalog.id}@{catalog.version}", None, {"title": catalog.title}),
        ("update", "unit", "GD-V1", {"code": "", "name": ""}, {"code": "GD-V1", "name": "旧版监狱"}),
        ("insert", "measure", "m-uid-1", None, {"title": "旧版措施"}),
        ("insert", "progress", "p-uid-1", None, {"percent": 60}),
    ]
    for row_id, (action, entity, uid, before, after) in enumerate(changes, start=1):
        b, a = canonical(before), canonical(after)
        digest = row_hash(row_id, AT, "clerk", action, entity, uid, b, a, prev)
        conn.execute(
            "INSERT INTO audit (id, at, user, action, entity, entity_uid, before, after, prev_hash, hash) "
            "VALUES (?, ?, 'clerk', ?, ?, ?, ?, ?, ?, ?)",
            (row_id, AT, action, entity, uid, b, a, prev, digest),
        )
        prev = digest
    conn.execute("INSERT INTO meta (key, value) VALUES ('audit_head', ?)", (f"{len(changes)}:{prev}",))
    conn.execute("COMMIT")
    conn.close()


def _normal_sql(sql: str | None) -> str:
    if sql is None:
        return ""
    sql = re.sub(r"--[^\n]*", " ", sql)
    sql = re.sub(r"(?i)\bIF\s+NOT\s+EXISTS\b", " ", sql)
    sql = re.sub(r"\s+", " ", sql)
    sql = re.sub(r"\s*([(),=])\s*", r"\1", sql)
    sql = re.sub(r'"(\w+)"', r"\1", sql)  # ALTER TABLE may quote names
    return sql.strip().rstrip(";")


def schema_of(path: Path) -> tuple[int, int, list[tuple[str, str, str, str]]]:
    """(user_version, application_id, sqlite_master entries normalised)."""
    conn = _connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return version, app_id, sorted((t, n, tb, _normal_sql(s)) for t, n, tb, s in rows)


def test_the_frozen_v1_schema_is_version_1() -> None:
    assert re.search(r"PRAGMA\s+user_version\s*=\s*1\s*;", V1_SCHEMA.read_text(encoding="utf-8"))
    assert schema_version() >= 1
    assert sorted(migration_steps()) == list(range(2, schema_version() + 1))


def test_a_migrated_v1_database_equals_a_fresh_one(tmp_path: Path, catalog: Catalog) -> None:
    old = tmp_path / "old"
    make_v1_home(old, catalog)
    v1_dump = db_dump(old / DB_FILENAME)
    fresh = tmp_path / "fresh.sqlite"
    create_database(fresh)

    with Store.open(old, "upgrader") as store:
        expected_from = 1 if schema_version() > 1 else None
        assert store.database.migrated_from == expected_from
    assert schema_of(old / DB_FILENAME) == schema_of(fresh)
    assert schema_of(old / DB_FILENAME)[0] == schema_version()

    copies = sorted((old / "backups").glob("before-migrate-v1-*.sqlite")) if (old / "backups").exists() else []
    if schema_version() > 1:
        [copy] = copies
        assert schema_of(copy)[0] == 1
        assert db_dump(copy) == v1_dump  # the copy is the untouched v1 database
    else:
        assert copies == []


def test_v1_data_survives_the_migration(tmp_path: Path, catalog: Catalog) -> None:
    old = tmp_path / "old"
    make_v1_home(old, catalog)
    with Store.open(old, "upgrader") as store:
        assert (store.unit().code, store.unit().name) == ("GD-V1", "旧版监狱")
        assert len(store.plan.tasks()) == 54
        [measure] = store.measures.find()
        assert (measure.title, measure.person, measure.uid) == ("旧版措施", "张三", "m-uid-1")
        [milestone] = store.milestones.find()
        assert (milestone.measure_id, milestone.target_value) == (measure.id, 80)
        entry = store.progress.get(measure.id, "2024-Q2")
        assert entry is not None and (entry.status, entry.percent) == (Status.IN_PROGRESS, 60)
        assert store.reviews.get("2024-Q2").state is ReviewState.APPROVED
        with pytest.raises(LockedError):
            store.progress.record(measure.id, "2024-Q2", Status.DONE, 100)
        assert store.users.authenticate("rev", PASSWORD).name == "rev"
        [record] = store.evidence.find()
        assert record.original_name == "第一版 的佐证.pdf"
        assert record.period is None  # files added before periods were kept belong to no period
        assert store.evidence.verify() == []
        assert store.audit.verify() == []
        store.progress.record(measure.id, "2024-Q3", Status.IN_PROGRESS, 70)  # and it takes new writes
        assert store.audit.verify() == []
    with Store.open(old, "again") as store:  # a second open does not migrate again
        assert store.database.migrated_from is None


# --- the migration mechanism, with steps written here ---------------------------------------------


def _v1_file(tmp_path: Path, catalog: Catalog) -> Path:
    make_v1_home(tmp_path / "h", catalog)
    return tmp_path / "h" / DB_FILENAME


def _step(tmp_path: Path, version: int, sql: str) -> Path:
    path = tmp_path / f"{version:04d}.sql"
    path.write_text(sql, encoding="utf-8")
    return path


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = _connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _columns(path: Path, table: str) -> list[object]:
    return [row[1] for row in _query(path, f"PRAGMA table_info({table})")]


def test_steps_run_in_order_and_step_user_version(tmp_path: Path, catalog: Catalog) -> None:
    path = _v1_file(tmp_path, catalog)
    steps = {
        2: _step(tmp_path, 2, "-- add a column\nALTER TABLE measure ADD COLUMN budget REAL;\n"),
        3: _step(tmp_path, 3, "UPDATE measure SET budget = 12.5;\nCREATE INDEX measure_budget ON measure (budget);\n"),
    }
    conn = _connect(path)
    try:
        copy = migrate(conn, path, 1, steps=steps, target=3)
    finally:
        conn.close()
    assert copy is not None and copy.is_file() and schema_of(copy)[0] == 1
    assert schema_of(path)[0] == 3
    assert "budget" in _columns(path, "measure")
    assert _query(path, "SELECT budget FROM measure") == [(12.5,)]


def test_a_failing_step_rolls_back_and_leaves_the_old_version(tmp_path: Path, catalog: Catalog) -> None:
    path = _v1_file(tmp_path, catalog)
    before = db_dump(path)
    steps = {
        2: _step(tmp_path, 2, "ALTER TABLE measure ADD COLUMN budget REAL;\nUPDATE measure SET budget = 1;\n"),
        3: _step(tmp_path, 3, "CREATE TABLE extra (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"),
    }
    conn = _connect(path)
    try:
        with pytest.raises(StoreError, match="升级到第 3 版时失败.*数据库保持原样未改动"):
            migrate(conn, path, 1, steps=steps, target=3)
        assert not conn.in_transaction
    finally:
        conn.close()
    assert schema_of(path)[0] == 1
    assert "budget" not in _columns(path, "measure")
    assert db_dump(path) == before
    assert len(list((path.parent / "backups").glob("before-migrate-v1-*.sqlite"))) == 1


def test_a_step_that_breaks_foreign_keys_is_refused(tmp_path: Path, catalog: Catalog) -> None:
    path = _v1_file(tmp_path, catalog)
    steps = {2: _step(tmp_path, 2, "UPDATE measure SET task_id = 99999;\n")}
    conn = _connect(path)
    try:
        with pytest.raises(StoreError, match="外键"):
            migrate(conn, path, 1, steps=steps, target=2)
    finally:
        conn.close()
    assert schema_of(path)[0] == 1


def test_a_missing_step_is_refused_before_anything_happens(tmp_path: Path, catalog: Catalog) -> None:
    path = _v1_file(tmp_path, catalog)
    conn = _connect(path)
    try:
        with pytest.raises(StoreError, match=r"缺少数据库升级脚本 \[3\]"):
            migrate(conn, path, 1, steps={2: _step(tmp_path, 2, "SELECT 1;")}, target=3)
    finally:
        conn.close()
    assert schema_of(path)[0] == 1
    assert not (path.parent / "backups").exists()


def test_the_offices_progress_keeps_every_row_when_it_is_rekeyed(tmp_path: Path, catalog: Catalog) -> None:
    """Version 8 keeps the office's progress in (unit, period, item) order, without a rowid: every row of a v7
    office arrives unchanged, and the table is the one a fresh database has."""
    path = _v1_file(tmp_path, catalog)
    conn = _connect(path)
    try:
        migrate(conn, path, 1, target=7)
        conn.execute("INSERT INTO office_unit (code, enrolled_at) VALUES ('GD-M1', ?), ('GD-M2', ?)", (AT, AT))
        rows = [
            (unit, f"u-{unit}-{n}", f"item-{n % 7}", f"2024-{n % 12 + 1:02d}", "推进中", n % 101, "", AT, "clerk", 1)
            for unit in ("GD-M1", "GD-M2")
            for n in range(60)
        ]
        conn.executemany("INSERT INTO unit_progress VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    finally:
        conn.close()
    with Store.open(tmp_path / "h", "upgrader") as store:
        assert store.database.migrated_from == 7
        stored = store.database.query("SELECT * FROM unit_progress ORDER BY unit, uid")
    assert [tuple(r.values()) for r in stored] == sorted(rows, key=lambda r: (r[0], r[1]))
    fresh = tmp_path / "fresh.sqlite"
    create_database(fresh)
    assert schema_of(path) == schema_of(fresh)
    assert _query(path, "SELECT sql FROM sqlite_master WHERE name = 'unit_progress'")[0][0].endswith("WITHOUT ROWID")


def test_the_command_line_says_it_is_upgrading(tmp_path: Path, catalog: Catalog, cli: Callable[..., CliResult]) -> None:
    root = tmp_path / "旧版"
    make_v1_home(root, catalog)
    first = cli("tasks", home_dir=root)
    assert first.code == 0, first.err
    assert "正在升级数据库" in first.err
    again = cli("tasks", home_dir=root)
    assert again.code == 0 and "正在升级数据库" not in again.err
