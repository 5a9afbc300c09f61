"""The audit trail: every change appends a hash-chained row, and `audit verify` names any tampering."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.domain.status import Role, Status
from desktop.store import Store
from desktop.store.db import DB_FILENAME
from tests.core.conftest import CliResult
from tests.core.support import assert_error

Cli = Callable[..., CliResult]


def _tables(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows except the audit trail itself (and the chain head that meta keeps for it)."""
    conn = store.database.conn
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    tables = {
        n: conn.execute(f"SELECT * FROM {n} ORDER BY {_order(conn, n, sql)}").fetchall()
        for n, sql in found
        if n not in {"audit", "meta", "sqlite_sequence"}
    }
    tables["meta"] = conn.execute("SELECT * FROM meta WHERE key != 'audit_head' ORDER BY key").fetchall()
    return tables


def _order(conn: sqlite3.Connection, table: str, sql: str) -> str:
    """rowid, or the primary key of a table without one (the office's progress)."""
    if "WITHOUT ROWID" not in sql.upper():
        return "rowid"
    key = sorted((r[5], r[1]) for r in conn.execute(f"PRAGMA table_info({table})") if r[5])
    return ", ".join(name for _, name in key)


def test_every_change_including_deletions_appends_a_row(store: Store, tmp_path: Path) -> None:
    evidence_file = tmp_path / "通知 原件.pdf"
    evidence_file.write_bytes(b"%PDF audit me")
    ids: dict[str, int] = {}

    def add_measure() -> None:
        ids["measure"] = store.measures.add(1, "制定工作方案", department="政治处", due_date=dt.date(2026, 12, 31)).id

    def add_milestone() -> None:
        ids["milestone"] = store.milestones.add(ids["measure"], "方案印发", dt.date(2026, 6, 30)).id

    def add_evidence() -> None:
        ids["evidence"] = store.evidence.add(ids["milestone"], evidence_file).record.id

    steps: list[tuple[str, str, Callable[[], object]]] = [
        ("update", "unit", lambda: store.set_unit("GD-T02", "另一监狱")),
        ("insert", "measure", add_measure),
        ("update", "measure", lambda: store.measures.update(ids["measure"], person="李四")),
        ("insert", "milestone", add_milestone),
        ("update", "milestone", lambda: store.milestones.mark_done(ids["milestone"], dt.date(2026, 6, 1), 1.0)),
        ("insert", "progress", lambda: store.progress.record(1, "2026-Q2", Status.IN_PROGRESS, 40, "推进中")),
        ("update", "progress", lambda: store.progress.record(1, "2026-Q2", Status.IN_PROGRESS, 60, "加快")),
        ("insert", "evidence", add_evidence),
        ("insert", "user", lambda: store.users.add("reviewer", Role.REVIEWER, "secret-1")),
        ("update", "user", lambda: store.users.set_role("reviewer", Role.ADMIN)),
        ("update", "user", lambda: store.users.set_active("reviewer", False)),
        ("update", "review", lambda: store.reviews.submit("2026-Q2")),
        ("update", "review", lambda: store.reviews.return_("2026-Q2", "请补充说明")),
        ("delete", "progress", lambda: store.progress.delete(1, "2026-Q2")),
        ("delete", "evidence", lambda: store.evidence.delete(ids["evidence"])),
        ("delete", "milestone", lambda: store.milestones.delete(ids["milestone"])),
        ("delete", "measure", lambda: store.measures.delete(ids["measure"])),
    ]
    for action, entity, step in steps:
        rows_before, tables_before = store.audit.count(), _tables(store)
        step()
        assert _tables(store) != tables_before, f"{action} {entity} changed nothing"
        new = store.audit.entries(after_id=rows_before)
        assert [(e.action, e.entity) for e in new] == [(action, entity)]
        assert new[0].user == "tester"
        if action == "delete":
            assert new[0].before is not None and new[0].after is None
        if action == "insert":
            assert new[0].before is None and new[0].after is not None
    assert store.audit.verify() == []


def test_rows_carry_before_and_after_values(store: Store) -> None:
    store.progress.record(1, "2026-11", Status.NOT_STARTED, 0)
    store.progress.record(1, "2026-11", Status.LAGGING, 10, "人员不足")
    last = store.audit.entries()[-1]
    assert last.before is not None and last.after is not None
    before, after = json.loads(last.before), json.loads(last.after)
    assert (before["status"], before["percent"]) == ("未启动", 0)
    assert (after["status"], after["percent"], after["note"]) == ("滞后", 10, "人员不足")
    assert after["item_uid"].endswith("/1.01")


# --- tampering with the SQLite file directly ------------------------------------------------------


@pytest.fixture
def chained(store: Store) -> Iterator[Path]:
    """A closed home whose audit trail has 8 rows."""
    for percent in (10, 20, 30, 40, 50):
        store.progress.record(1, "2026-11", Status.IN_PROGRESS, percent)
    store.measures.add(2, "第二项措施")
    assert store.audit.count() == 8
    store.close()
    yield store.home.root


def _tamper(home: Path, *statements: str) -> None:
    conn = sqlite3.connect(home / DB_FILENAME)
    try:
        with conn:
            for sql in statements:
                conn.execute(sql)
    finally:
        conn.close()


def _verify(cli: Cli, home: Path) -> tuple[set[int], str]:
    result = cli("--json", "audit", "verify", home_dir=home)
    assert_error(result, "审计记录校验发现")
    report = result.json()
    assert isinstance(report, dict) and report["ok"] is False
    text = " ".join(p["problem"] for p in report["problems"])
    return {p["row"] for p in report["problems"]}, text


def test_untouched_chain_verifies(cli: Cli, chained: Path) -> None:
    result = cli("audit", "verify", home_dir=chained)
    assert result.code == 0, result.err
    assert "共 8 条" in result.out


def test_detects_an_edited_row(cli: Cli, chained: Path) -> None:
    _tamper(chained, "UPDATE audit SET after = replace(after, '\"percent\":30', '\"percent\":90') WHERE id = 5")
    rows, text = _verify(cli, chained)
    assert rows == {5}
    assert "第 5 条审计记录内容被改动" in text


def test_detects_an_edited_user_or_time(cli: Cli, chained: Path) -> None:
    _tamper(
        chained,
        "UPDATE audit SET user = '别人' WHERE id = 3",
        "UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE id = 6",
    )
    rows, _text = _verify(cli, chained)
    assert rows == {3, 6}


def test_detects_a_removed_middle_row(cli: Cli, chained: Path) -> None:
    _tamper(chained, "DELETE FROM audit WHERE id = 4")
    rows, text = _verify(cli, chained)
    assert rows == {5}
    assert "第 4–4 条审计记录缺失" in text


def test_detects_a_removed_last_row(cli: Cli, chained: Path) -> None:
    _tamper(chained, "DELETE FROM audit WHERE id = 8")
    rows, text = _verify(cli, chained)
    assert rows == {7}
    assert "最新一条应为第 8 条" in text


def test_detects_swapped_rows(cli: Cli, chained: Path) -> None:
    """Rows 4 and 6 trade places (ids kept in order, contents exchanged)."""
    _tamper(
        chained,
        "UPDATE audit SET id = -4 WHERE id = 4",
        "UPDATE audit SET id = 4 WHERE id = 6",
        "UPDATE audit SET id = 6 WHERE id = -4",
    )
    rows, text = _verify(cli, chained)
    assert {4, 6} <= rows
    assert "第 4 条" in text and "第 6 条" in text


def test_detects_a_row_moved_to_the_end(cli: Cli, chained: Path) -> None:
    _tamper(chained, "UPDATE audit SET id = 9 WHERE id = 3")
    rows, text = _verify(cli, chained)
    assert {4, 9} <= rows
    assert "第 3–3 条审计记录缺失" in text


def test_detects_a_deleted_chain_head(cli: Cli, chained: Path) -> None:
    _tamper(chained, "DELETE FROM meta WHERE key = 'audit_head'")
    rows, text = _verify(cli, chained)
    assert rows == {8}
    assert "链头" in text


def test_cli_prints_problems_as_text_too(cli: Cli, chained: Path) -> None:
    _tamper(chained, "DELETE FROM audit WHERE id = 2")
    result = cli("audit", "verify", home_dir=chained)
    assert result.code != 0
    assert "第 2–2 条审计记录缺失" in result.out
