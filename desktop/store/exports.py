"""The unit's export log: which bundles were made, their plaintext entries, and what the office was sent.

Deltas are computed from state, not from the audit trail: every record has a digest of its last sent form,
so a record travels when its digest differs (or it never went), and a tombstone travels when a sent record
is gone. Progress held back by review is simply not marked as sent, so it travels once approved.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import msgspec

from desktop.domain.errors import NotFoundError, StateError
from desktop.store.audit import AuditLog
from desktop.store.db import Database
from desktop.store.unit_answers import UnitAnswers

ENTITIES = ("measure", "milestone", "progress", "evidence", "review")

# Field name, Python type, nullable: the record format of a bundle (records.jsonl), shared with the office.
RECORD_FIELDS: dict[str, tuple[tuple[str, type, bool], ...]] = {
    "measure": (
        ("uid", str, False),
        ("task_uid", str, False),
        ("title", str, False),
        ("department", str, False),
        ("person", str, False),
        ("co_units", str, False),
        ("start_date", str, True),
        ("due_date", str, True),
        ("created_at", str, False),
        ("updated_at", str, False),
    ),
    "milestone": (
        ("uid", str, False),
        ("task_uid", str, False),
        ("measure_uid", str, True),
        ("title", str, False),
        ("due_date", str, False),
        ("target_value", float, True),
        ("target_unit", str, False),
        ("target_key", str, True),
        ("actual_value", float, True),
        ("achieved_date", str, True),
        ("created_at", str, False),
        ("updated_at", str, False),
    ),
    "progress": (
        ("uid", str, False),
        ("item_uid", str, False),
        ("period", str, False),
        ("status", str, False),
        ("percent", int, False),
        ("note", str, False),
        ("updated_at", str, False),
        ("updated_by", str, False),
    ),
    "evidence": (
        ("uid", str, False),
        ("item_uid", str, False),
        ("sha256", str, False),
        ("title", str, False),
        ("category", str, False),
        ("original_name", str, False),
        ("size", int, False),
        ("media_type", str, False),
        ("added_by", str, False),
        ("added_at", str, False),
        ("period", str, True),
    ),
    "review": (
        ("uid", str, False),
        ("period", str, False),
        ("state", str, False),
        ("updated_at", str, False),
        ("updated_by", str, False),
        ("comment", str, False),
    ),
}

# Fields added after the first release. A record leaves them out while they are null, so its digest (and the
# line an office of an earlier release reads) stays as it was until the field is set; an office reads an
# absent one as null, which is what a bundle made by an earlier release means.
OPTIONAL_FIELDS: dict[str, frozenset[str]] = {"evidence": frozenset({"period"})}

_SNAPSHOT_SQL = {
    "measure": "SELECT i.uid, ti.uid AS task_uid, m.title, m.department, m.person, m.co_units, m.start_date, "
    "m.due_date, m.created_at, m.updated_at FROM measure m JOIN item i ON i.id = m.id "
    "JOIN item ti ON ti.id = m.task_id ORDER BY m.id",
    "milestone": "SELECT i.uid, ti.uid AS task_uid, mi.uid AS measure_uid, m.title, m.due_date, m.target_value, "
    "m.target_unit, m.target_key, m.actual_value, m.achieved_date, m.created_at, m.updated_at FROM milestone m "
    "JOIN item i ON i.id = m.id JOIN item ti ON ti.id = m.task_id LEFT JOIN item mi ON mi.id = m.measure_id "
    "ORDER BY m.id",
    "progress": "SELECT p.uid, i.uid AS item_uid, p.period, p.status, p.percent, p.note, p.updated_at, "
    "p.updated_by FROM progress p JOIN item i ON i.id = p.item_id ORDER BY p.id",
    "evidence": "SELECT e.uid, i.uid AS item_uid, e.sha256, e.title, e.category, e.original_name, e.size, "
    "e.media_type, e.added_by, e.added_at, e.period FROM evidence e JOIN item i ON i.id = e.item_id ORDER BY e.id",
    "review": "SELECT period AS uid, period, state, updated_at, updated_by, comment FROM review ORDER BY period",
}


def record_digest(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CurrentRecord(msgspec.Struct, frozen=True):
    entity: str
    uid: str
    period: str | None  # progress only: the reporting period that review may hold back
    data: dict[str, Any]
    digest: str


class SentRecord(msgspec.Struct, frozen=True):
    digest: str
    period: str | None


class ExportRecord(msgspec.Struct, frozen=True):
    seq: int
    bundle_id: str
    kind: str
    bundle_hash: str
    prev_hash: str
    audit_to: int
    records: int
    evidence: int
    payload_bytes: int
    held_periods: tuple[str, ...]
    created_at: str
    created_by: str
    destination: str


class StoredEntry(msgspec.Struct, frozen=True):
    """One plaintext tar entry of a bundle; `content` is None for evidence (read from the evidence store)."""

    name: str
    size: int
    sha256: str
    content: bytes | None


def carried_periods(sent: list[CurrentRecord]) -> set[str]:
    """Periods a bundle carries again: progress of the period, or its review record submitted or approved
    (a period sent back as a draft does not count). The office applies the same rule to what it merged."""
    periods = {r.period for r in sent if r.entity == "progress" and r.period}
    return periods | {r.uid for r in sent if r.entity == "review" and r.data.get("state") in ("submitted", "approved")}


def _export(row: dict[str, Any]) -> ExportRecord:
    return ExportRecord(**{**row, "held_periods": tuple(json.loads(row["held_periods"]))})


class ExportRepo:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def last(self) -> ExportRecord | None:
        row = self._db.one("SELECT * FROM bundle_export ORDER BY seq DESC LIMIT 1")
        return _export(row) if row else None

    def note_key_rotated(self, key_id: str) -> None:
        """The signing key was replaced: bundles made before it that the office has not received are signed with
        a key it no longer accepts, so the chain restarts with a full bundle (see `must_restart`)."""
        last = self.last()
        with self._db.transaction():
            self._db.set_meta("key_rotated_after_seq", str(last.seq if last else 0))
            self._audit.append("event", "unit", key_id, after={"action": "rotate_key", "key_id": key_id})

    def must_restart(self) -> bool:
        """Whether the next bundle must be full: nothing exported yet, or nothing since the key was replaced."""
        last = self.last()
        if last is None:
            return True
        rotated = self._db.meta("key_rotated_after_seq")
        return rotated is not None and last.seq <= int(rotated)

    def get(self, seq: int) -> ExportRecord:
        row = self._db.one("SELECT * FROM bundle_export WHERE seq = ?", (seq,))
        if row is None:
            raise NotFoundError(f"本单位没有序号为 {seq} 的数据包：用 planprogress export --list 查看已导出的数据包。")
        return _export(row)

    def find(self) -> list[ExportRecord]:
        return [_export(r) for r in self._db.query("SELECT * FROM bundle_export ORDER BY seq")]

    def entries(self, seq: int) -> list[StoredEntry]:
        rows = self._db.query(
            "SELECT name, size, sha256, content FROM bundle_export_entry WHERE seq = ? ORDER BY ord", (seq,)
        )
        return [
            StoredEntry(
                str(r["name"]),
                int(r["size"]),
                str(r["sha256"]),
                bytes(r["content"]) if r["content"] is not None else None,
            )
            for r in rows
        ]

    def current_records(self) -> Iterator[CurrentRecord]:
        """Every record of the unit as it would travel, with uids in place of local row ids."""
        for entity in ENTITIES:
            for row in self._db.query(_SNAPSHOT_SQL[entity]):
                optional = OPTIONAL_FIELDS.get(entity, frozenset())
                data = {
                    name: _typed(row[name], kind)
                    for name, kind, _ in RECORD_FIELDS[entity]
                    if name not in optional or row[name] is not None
                }
                period = str(row["period"]) if entity == "progress" else None
                yield CurrentRecord(entity, str(row["uid"]), period, data, record_digest(data))

    def sent_records(self) -> dict[tuple[str, str], SentRecord]:
        return {
            (str(r["entity"]), str(r["uid"])): SentRecord(str(r["digest"]), r["period"])
            for r in self._db.query("SELECT entity, uid, digest, period FROM bundle_sent_record")
        }

    def sent_blobs(self) -> set[str]:
        return {str(r["sha256"]) for r in self._db.query("SELECT sha256 FROM bundle_sent_blob")}

    def approved_periods(self) -> set[str]:
        return {str(r["period"]) for r in self._db.query("SELECT period FROM review WHERE state = 'approved'")}

    def blob_size(self, sha256: str) -> int | None:
        row = self._db.one("SELECT size FROM evidence_blob WHERE sha256 = ?", (sha256,))
        return int(row["size"]) if row else None

    def last_audit_id(self) -> int:
        return int(self._db.conn.execute("SELECT coalesce(max(id), 0) FROM audit").fetchone()[0])

    def audit_rows(self, after_id: int, upto_id: int, page: int = 2000) -> Iterator[dict[str, Any]]:
        """Audit rows after_id < id <= upto_id in id order, fetched in pages (keyset, no OFFSET)."""
        last = after_id
        while True:
            rows = self._db.query(
                "SELECT id, at, user, action, entity, entity_uid, before, after, prev_hash, hash FROM audit "
                "WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
                (last, upto_id, page),
            )
            if not rows:
                return
            yield from rows
            last = int(rows[-1]["id"])

    def record(
        self,
        export: ExportRecord,
        entries: list[StoredEntry],
        sent: list[CurrentRecord],
        tombstones: list[tuple[str, str]],
        blobs: list[str],
    ) -> None:
        """Log a finished export and what it carried, in one transaction (the seq advances here)."""
        with self._db.transaction() as conn:
            last = self.last()
            expected = (last.seq if last else 0) + 1
            if export.seq != expected:
                raise StateError(f"数据包序号已变（应为 {expected}）：可能另一个窗口同时在导出，请重新导出。")
            conn.execute(
                "INSERT INTO bundle_export (seq, bundle_id, kind, bundle_hash, prev_hash, audit_to, records, evidence, "
                "payload_bytes, held_periods, created_at, created_by, destination) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    export.seq,
                    export.bundle_id,
                    export.kind,
                    export.bundle_hash,
                    export.prev_hash,
                    export.audit_to,
                    export.records,
                    export.evidence,
                    export.payload_bytes,
                    json.dumps(list(export.held_periods), ensure_ascii=False),
                    export.created_at,
                    export.created_by,
                    export.destination,
                ),
            )
            conn.executemany(
                "INSERT INTO bundle_export_entry (seq, ord, name, size, sha256, content) VALUES (?, ?, ?, ?, ?, ?)",
                [(export.seq, i, e.name, e.size, e.sha256, e.content) for i, e in enumerate(entries)],
            )
            if export.kind == "full":
                conn.execute("DELETE FROM bundle_sent_record")
            conn.executemany(
                "INSERT INTO bundle_sent_record (entity, uid, digest, period, seq) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (entity, uid) DO UPDATE SET digest = excluded.digest, period = excluded.period, "
                "seq = excluded.seq",
                [(r.entity, r.uid, r.digest, r.period, export.seq) for r in sent],
            )
            conn.executemany("DELETE FROM bundle_sent_record WHERE entity = ? AND uid = ?", tombstones)
            conn.executemany(
                "INSERT OR IGNORE INTO bundle_sent_blob (sha256, seq) VALUES (?, ?)", [(b, export.seq) for b in blobs]
            )
            UnitAnswers(self._db, self._audit).resolve(carried_periods(sent), export.seq)
            self._audit.append(
                "event",
                "bundle",
                export.bundle_id,
                after={
                    "action": "export",
                    "seq": export.seq,
                    "kind": export.kind,
                    "bundle_hash": export.bundle_hash,
                    "records": export.records,
                    "evidence": export.evidence,
                    "held_periods": list(export.held_periods),
                },
            )

    def note_resend(self, export: ExportRecord, destination: str) -> None:
        """A bundle was written again (lost stick): the audit trail says so; the seq does not move."""
        with self._db.transaction():
            self._audit.append(
                "event",
                "bundle",
                export.bundle_id,
                after={"action": "resend", "seq": export.seq, "destination": destination},
            )


def _typed(value: Any, kind: type) -> Any:
    if value is None:
        return None
    if kind is float:
        return float(value)
    if kind is int:
        return int(value)
    return str(value)
