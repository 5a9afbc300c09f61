"""The hash-chained audit trail: every change appends who, when, what, before and after."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import msgspec

from desktop.domain.model import AuditEntry
from desktop.store.db import Database

GENESIS = "0" * 64
HEAD_KEY = "audit_head"


def canonical(value: Any) -> str | None:
    """JSON with sorted keys: the same record always hashes the same."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def row_hash(
    row_id: int,
    at: str,
    user: str,
    action: str,
    entity: str,
    entity_uid: str,
    before: str | None,
    after: str | None,
    prev_hash: str,
) -> str:
    fields = [row_id, at, user, action, entity, entity_uid, before, after, prev_hash]
    if type(row_id) is int:  # msgspec writes an int, text and null byte for byte as json.dumps below does
        return hashlib.sha256(msgspec.json.encode(fields)).hexdigest()
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AuditProblem(msgspec.Struct, frozen=True):
    row_id: int
    message: str


class AuditLog:
    def __init__(self, database: Database, actor: str) -> None:
        self._db = database
        self.actor = actor

    def append(
        self,
        action: str,
        entity: str,
        entity_uid: str,
        before: Any = None,
        after: Any = None,
    ) -> None:
        """Append one row; must run inside the transaction that made the change."""
        conn = self._db.conn
        assert conn.in_transaction, "audit rows are written in the change's own transaction"
        last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        prev_hash = str(last[1]) if last else GENESIS
        row_id = (int(last[0]) if last else 0) + 1
        at = self._db.now()
        before_text, after_text = canonical(before), canonical(after)
        digest = row_hash(row_id, at, self.actor, action, entity, entity_uid, before_text, after_text, prev_hash)
        conn.execute(
            "INSERT INTO audit (id, at, user, action, entity, entity_uid, before, after, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row_id, at, self.actor, action, entity, entity_uid, before_text, after_text, prev_hash, digest),
        )
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (HEAD_KEY, f"{row_id}:{digest}"),
        )

    def entries(
        self,
        *,
        user: str | None = None,
        entity: str | None = None,
        entity_uid: str | None = None,
        since: str | None = None,
        until: str | None = None,
        after_id: int = 0,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        clauses: list[str] = ["id > ?"]
        params: list[object] = [after_id]
        for column, value, op in (
            ("user", user, "="),
            ("entity", entity, "="),
            ("entity_uid", entity_uid, "="),
            ("at", since, ">="),
            ("at", until, "<="),
        ):
            if value is not None:
                clauses.append(f"{column} {op} ?")
                params.append(value)
        sql = f"SELECT * FROM audit WHERE {' AND '.join(clauses)} ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [AuditEntry(**row) for row in self._db.query(sql, tuple(params))]

    def verify(self) -> list[AuditProblem]:
        """Walk the chain; name every row that was edited, removed or moved."""
        problems: list[AuditProblem] = []
        expected_prev = GENESIS
        expected_id = 1
        cursor = self._db.conn.execute(
            "SELECT id, at, user, action, entity, entity_uid, before, after, prev_hash, hash FROM audit ORDER BY id"
        )
        last_id, last_hash = 0, GENESIS
        for row in cursor:
            row_id, at, user, action, entity, uid, before, after, prev_hash, stored = row
            if row_id != expected_id:
                problems.append(AuditProblem(row_id, f"第 {expected_id}–{row_id - 1} 条审计记录缺失（被删除）"))
            if prev_hash != expected_prev:
                problems.append(AuditProblem(row_id, f"第 {row_id} 条审计记录与前一条不衔接（记录被删除或调换了顺序）"))
            computed = row_hash(row_id, at, user, action, entity, uid, before, after, prev_hash)
            if computed != stored:
                problems.append(AuditProblem(row_id, f"第 {row_id} 条审计记录内容被改动"))
            expected_prev, expected_id = stored, row_id + 1
            last_id, last_hash = row_id, stored
        head = self._db.meta(HEAD_KEY)
        if head is not None and head != f"{last_id}:{last_hash}":
            head_id = head.split(":", 1)[0]
            problems.append(
                AuditProblem(last_id, f"审计记录末尾缺失：最新一条应为第 {head_id} 条，现在只到第 {last_id} 条")
            )
        if head is None and last_id:
            problems.append(AuditProblem(last_id, "审计链头记录缺失（meta.audit_head 被删除）"))
        return problems

    def count(self) -> int:
        return int(self._db.conn.execute("SELECT count(*) FROM audit").fetchone()[0])
