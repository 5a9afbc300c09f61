"""Merged records of every unit at the office, keyed by (unit, uid), and the reads that status and evidence
browsing need. A bundle is merged in one transaction together with its chain step and intake log row."""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import msgspec

from desktop.domain.errors import StateError
from desktop.domain.unit_code import normalize_unit_code
from desktop.store.audit import AuditLog
from desktop.store.db import Database
from desktop.store.exports import RECORD_FIELDS
from desktop.store.office import AcceptedBundle, OfficeUnit

TABLES = {
    "measure": "unit_measure",
    "milestone": "unit_milestone",
    "progress": "unit_progress",
    "evidence": "unit_evidence",
    "review": "unit_review",
}
AUDIT_COLUMNS = ("id", "at", "user", "action", "entity", "entity_uid", "before", "after", "prev_hash", "hash")


class RecordOp(msgspec.Struct, frozen=True):
    entity: str
    op: str  # "upsert" | "delete"
    uid: str
    data: dict[str, Any] | None


class UnitFacts(msgspec.Struct, frozen=True):
    """What a bundle's manifest says about its unit, kept with the unit's row."""

    name: str
    review_in_use: bool
    catalog_id: str
    catalog_version: str


class MergeCounts(msgspec.Struct, frozen=True):
    upserts: int
    deletes: int
    audit: int
    blobs: int


def _columns(entity: str) -> list[str]:
    names = [name for name, _, _ in RECORD_FIELDS[entity]]
    return [n for n in names if n != "uid"] if entity == "review" else names


def _key(entity: str) -> str:
    return "period" if entity == "review" else "uid"


# The columns after `unit` that make a table's primary key: progress is kept in period and item order (see
# db/schema.sql); its uid, which a unit never moves to another item or period, ends the key.
_PRIMARY = {entity: ("period", "item_uid", "uid") if entity == "progress" else (_key(entity),) for entity in TABLES}


def _upsert_sql(entity: str) -> str:
    table, key, columns = TABLES[entity], _PRIMARY[entity], _columns(entity)
    names = ", ".join(["unit", *columns, "seq"])
    marks = ", ".join("?" for _ in range(len(columns) + 2))
    updates = ", ".join(f"{c} = excluded.{c}" for c in [*columns, "seq"] if c not in key)
    return (
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT (unit, {', '.join(key)}) DO UPDATE SET {updates}"
    )


def _select(entity: str, columns: Sequence[str], unit: bool = True) -> str:
    """The select list for `columns` of an entity's table, with `unit` first if asked (every column when
    `columns` is empty); a name that is not one of the entity's record fields is a programming error, never put
    into SQL."""
    if not columns:
        return "*"
    known = {name for name, _, _ in RECORD_FIELDS[entity]}
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise ValueError(f"not a column of {entity}: {unknown}")
    return ", ".join(["unit", *columns] if unit else columns)


_VALUES = {entity: operator.itemgetter(*_columns(entity)) for entity in TABLES}  # every entity has 2+ columns
_ORDER = {entity: operator.itemgetter(*_PRIMARY[entity]) for entity in TABLES}
_UPSERT = {entity: _upsert_sql(entity) for entity in TABLES}
_DELETE = {entity: f"DELETE FROM {TABLES[entity]} WHERE unit = ? AND {_key(entity)} = ?" for entity in TABLES}
_AUDIT_VALUES = operator.itemgetter(*AUDIT_COLUMNS)
_AUDIT_INSERT = f"INSERT INTO unit_audit (unit, {', '.join(AUDIT_COLUMNS)}) VALUES ({', '.join('?' * 11)})"
_BATCH = 2000


def _runs(records: Iterable[RecordOp]) -> Iterator[tuple[tuple[str, str], list[Any]]]:
    """Consecutive records of the same entity and operation, at most _BATCH at a time, in their order: each
    run is one executemany, and applying the runs in turn gives the rows applying each record in turn gives.
    A run holds the records' data (upserts) or uids (deletes)."""
    kind: tuple[str, str] | None = None
    run: list[Any] = []
    for op in records:
        if (op.entity, op.op) != kind or len(run) >= _BATCH:
            if kind is not None:
                yield kind, run
            kind, run = (op.entity, op.op), []
        run.append(op.uid if op.data is None else op.data)
    if kind is not None:
        yield kind, run


def _delete(conn: sqlite3.Connection, entity: str, code: str, uids: list[str]) -> None:
    """Delete a run of records by uid. Progress has no uid index (see db/schema.sql): its deletes go by
    hundreds, each batch one pass over the unit's rows, instead of one pass per record."""
    if entity != "progress":
        conn.executemany(_DELETE[entity], [(code, uid) for uid in uids])
        return
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        conn.execute(f"DELETE FROM unit_progress WHERE unit = ? AND uid IN ({marks})", (code, *chunk))


def _chunks(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= _BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class OfficeRecords:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def known_blobs(self, shas: Iterable[str]) -> set[str]:
        found: set[str] = set()
        wanted = list(shas)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            found |= {
                str(r["sha256"])
                for r in self._db.query(f"SELECT sha256 FROM office_blob WHERE sha256 IN ({marks})", tuple(chunk))
            }
        return found

    def audit_head(self, code: str) -> tuple[int, str] | None:
        row = self._db.one("SELECT id, hash FROM unit_audit WHERE unit = ? ORDER BY id DESC LIMIT 1", (code,))
        return (int(row["id"]), str(row["hash"])) if row else None

    def merge(
        self,
        expected: OfficeUnit,
        bundle: AcceptedBundle,
        facts: UnitFacts,
        blobs: list[tuple[str, int]],
        records: Iterable[RecordOp],
        audit_rows: Iterable[dict[str, Any]],
        intake: tuple[str, str, str],
    ) -> MergeCounts:
        """Apply one verified bundle: chain step, blobs, records, audit rows and the intake log, atomically.

        `expected` is the unit's row as seen when the chain was checked; if another import moved the chain
        meanwhile, nothing is written. `records` and `audit_rows` may be generators that raise on bad
        content: the transaction then rolls back as a whole.
        """
        upserts = deletes = audit_count = 0
        with self._db.transaction() as conn:
            row = self._db.one(
                "SELECT epoch, last_seq, last_hash, resync, revoked_at FROM office_unit WHERE code = ?",
                (expected.code,),
            )
            if row is None or (row["epoch"], row["last_seq"], row["last_hash"], bool(row["resync"])) != (
                expected.epoch,
                expected.last_seq,
                expected.last_hash,
                expected.resync,
            ):
                raise StateError(
                    f"单位 {expected.code} 的数据包链在导入过程中发生了变化（可能同时运行了两次导入）：请重新导入。"
                )
            if row["revoked_at"] is not None:
                raise StateError(f"单位 {expected.code} 已被吊销：数据包不予接收。")
            now = self._db.now()
            conn.executemany(
                "INSERT OR IGNORE INTO office_blob (sha256, size, stored_at) VALUES (?, ?, ?)",
                [(sha, size, now) for sha, size in blobs],
            )
            if bundle.kind == "full":
                for table in (*TABLES.values(), "unit_audit"):
                    conn.execute(f"DELETE FROM {table} WHERE unit = ?", (expected.code,))
            for (entity, op), run in _runs(records):
                if op == "delete":
                    _delete(conn, entity, expected.code, run)
                    deletes += len(run)
                else:
                    # in key order, so that each page is visited once; a stable sort keeps the later of two
                    # records of one row after the earlier, so the later still wins
                    run.sort(key=_ORDER[entity])
                    values = _VALUES[entity]
                    rows = [(expected.code, *values(data), bundle.seq) for data in run]
                    conn.executemany(_UPSERT[entity], rows)
                    upserts += len(rows)
            for chunk in _chunks(audit_rows):
                conn.executemany(_AUDIT_INSERT, [(expected.code, *_AUDIT_VALUES(r)) for r in chunk])
                audit_count += len(chunk)
            conn.execute(
                "INSERT INTO office_bundle (unit, epoch, seq, bundle_id, bundle_hash, prev_hash, kind, accepted_at, "
                "records, evidence, payload_bytes, resync) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    bundle.unit,
                    bundle.epoch,
                    bundle.seq,
                    bundle.bundle_id,
                    bundle.bundle_hash,
                    bundle.prev_hash,
                    bundle.kind,
                    now,
                    bundle.records,
                    bundle.evidence,
                    bundle.payload_bytes,
                    int(bundle.resync),
                ),
            )
            conn.execute(
                "UPDATE office_unit SET epoch = ?, last_seq = ?, last_hash = ?, last_at = ?, resync = 0, name = ?, "
                "review_in_use = ?, catalog_id = ?, catalog_version = ? WHERE code = ?",
                (
                    bundle.epoch,
                    bundle.seq,
                    bundle.bundle_hash,
                    now,
                    facts.name,
                    int(facts.review_in_use),
                    facts.catalog_id,
                    facts.catalog_version,
                    expected.code,
                ),
            )
            source, name, reason = intake
            conn.execute(
                "INSERT INTO office_intake (at, actor, source, name, unit, seq, outcome, reason) "
                "VALUES (?, ?, ?, ?, ?, ?, 'accepted', ?)",
                (now, self._audit.actor, source, name, expected.code, bundle.seq, reason),
            )
            self._audit.append(
                "event",
                "office_bundle",
                bundle.bundle_id,
                after={"unit": bundle.unit, "seq": bundle.seq, "kind": bundle.kind, "resync": bundle.resync},
            )
        return MergeCounts(upserts, deletes, audit_count, len(blobs))

    # -- reads for status and evidence browsing ---------------------------------------------------------
    def rows(self, entity: str, code: str | None = None, columns: Sequence[str] = ()) -> list[sqlite3.Row]:
        """All merged rows of one entity (optionally one unit's), as the bundle record format plus `unit`, read
        by column name; with `columns`, only those (and `unit`): the roll-up reads a few of many columns of
        thousands of rows, and every value read costs."""
        table = TABLES[entity]
        sql = f"SELECT {_select(entity, columns)} FROM {table}"
        params: tuple[object, ...] = ()
        if code is not None:
            sql += " WHERE unit = ?"
            params = (normalize_unit_code(code),)
        return self._db.records(sql + f" ORDER BY unit, {_key(entity)}", params)

    def progress_periods(self, code: str) -> list[str]:
        """The period codes unit `code` has progress for: one seek per code in the (unit, period) index, not a
        step through every entry (years of monthly entries are many rows, a few dozen codes)."""
        sql = (
            "WITH RECURSIVE codes(period) AS (SELECT min(period) FROM unit_progress WHERE unit = :unit "
            "UNION ALL SELECT (SELECT min(period) FROM unit_progress WHERE unit = :unit AND period > codes.period) "
            "FROM codes WHERE codes.period IS NOT NULL) SELECT period FROM codes WHERE period IS NOT NULL"
        )
        return [str(row[0]) for row in self._db.conn.execute(sql, {"unit": code})]

    def progress_in(
        self, code: str, periods: Sequence[str], items: Sequence[str] | None, columns: Sequence[str] = ()
    ) -> list[sqlite3.Row]:
        """Unit `code`'s progress rows of `periods` for `items` (None: every item), in the bundle record format
        plus `unit`, `seq`; with `columns`, only those, without `unit` (the roll-up reads thousands of rows, and
        each value read costs)."""
        periods_in = ", ".join("?" for _ in periods)
        selected = _select("progress", columns, unit=False)
        sql = f"SELECT {selected} FROM unit_progress WHERE unit = ? AND period IN ({periods_in})"
        if items is None:
            return self._db.records(sql, (code, *periods))
        rows: list[sqlite3.Row] = []
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            items_in = ", ".join("?" for _ in chunk)
            rows += self._db.records(f"{sql} AND item_uid IN ({items_in})", (code, *periods, *chunk))
        return rows

    def audit_rows(self, code: str) -> list[dict[str, Any]]:
        code = normalize_unit_code(code)
        return self._db.query(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM unit_audit WHERE unit = ? ORDER BY id", (code,))

    def evidence(
        self,
        *,
        unit: str | None = None,
        task_uid: str | None = None,
        milestone_uid: str | None = None,
        after: int = 0,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Evidence with the task it belongs to (directly, or through a measure or milestone), paged by rowid."""
        sql = (
            "SELECT * FROM (SELECT e.rowid AS id, e.unit, e.uid, e.item_uid, e.sha256, e.title, e.category, "
            "e.original_name, e.size, e.media_type, e.added_by, e.added_at, e.period, "
            "CASE WHEN m.uid IS NOT NULL THEN 'measure' WHEN ms.uid IS NOT NULL THEN 'milestone' ELSE 'task' END "
            "AS item_kind, coalesce(m.title, ms.title, t.text, '') AS item_title, "
            "coalesce(m.task_uid, ms.task_uid, e.item_uid) AS task_uid, tt.key AS task_key "
            "FROM unit_evidence e "
            "LEFT JOIN unit_measure m ON m.unit = e.unit AND m.uid = e.item_uid "
            "LEFT JOIN unit_milestone ms ON ms.unit = e.unit AND ms.uid = e.item_uid "
            "LEFT JOIN item ti ON ti.uid = e.item_uid LEFT JOIN task t ON t.id = ti.id "
            "LEFT JOIN item tu ON tu.uid = coalesce(m.task_uid, ms.task_uid, e.item_uid) "
            "LEFT JOIN task tt ON tt.id = tu.id) WHERE id > ?"
        )
        params: list[object] = [after]
        unit = normalize_unit_code(unit) if unit is not None else None
        for column, value in (("unit", unit), ("task_uid", task_uid), ("item_uid", milestone_uid)):
            if value is not None:
                sql += f" AND {column} = ?"
                params.append(value)
        sql += " ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._db.query(sql, tuple(params))

    def evidence_by_id(self, rowid: int) -> dict[str, Any] | None:
        rows = self._db.query(
            "SELECT rowid AS id, unit, uid, item_uid, sha256, title, original_name, size, media_type "
            "FROM unit_evidence WHERE rowid = ?",
            (rowid,),
        )
        return rows[0] if rows else None

    def blob_count(self) -> int:
        return int(self._db.conn.execute("SELECT count(*) FROM office_blob").fetchone()[0])

    def blobs(self) -> list[tuple[str, int]]:
        return [(str(r["sha256"]), int(r["size"])) for r in self._db.query("SELECT sha256, size FROM office_blob")]

    def counts(self, code: str) -> dict[str, int]:
        code = normalize_unit_code(code)
        return {
            entity: int(self._db.conn.execute(f"SELECT count(*) FROM {table} WHERE unit = ?", (code,)).fetchone()[0])
            for entity, table in TABLES.items()
        } | {
            "audit": int(self._db.conn.execute("SELECT count(*) FROM unit_audit WHERE unit = ?", (code,)).fetchone()[0])
        }

    def targets(self) -> list[dict[str, Any]]:
        """The plan's dated targets with goals (from the catalog tables: nothing is hard-coded)."""
        return self._db.query(
            "SELECT t.key, t.name, t.unit, g.year, g.value FROM target t JOIN target_goal g ON g.target_id = t.id "
            "ORDER BY t.id, g.year"
        )

    def plan_tasks(self) -> list[dict[str, Any]]:
        return self._db.query(
            "SELECT i.uid, t.key, t.text, p.number AS project, p.name AS project_name FROM task t "
            "JOIN item i ON i.id = t.id JOIN project p ON p.id = t.project_id ORDER BY p.number, t.seq"
        )
