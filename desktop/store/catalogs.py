"""Plan catalogs the office issued (office side) and those its answers brought (unit side): each version stored
once, in its normalized JSON form, audited."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import msgspec

from desktop.domain.errors import InputError
from desktop.store.audit import AuditLog
from desktop.store.db import Database


class IssuedCatalog(msgspec.Struct, frozen=True):
    id: str
    version: str
    title: str
    start_year: int
    end_year: int
    content: dict[str, Any]
    sha256: str
    issued_at: str
    issued_by: str


def catalog_text(content: dict[str, Any]) -> str:
    """The one serialization stored, hashed and sent."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _issued(row: dict[str, Any]) -> IssuedCatalog:
    return IssuedCatalog(
        str(row["id"]),
        str(row["version"]),
        str(row["title"]),
        int(row["start_year"]),
        int(row["end_year"]),
        json.loads(str(row["content"])),
        str(row["sha256"]),
        str(row["issued_at"]),
        str(row["issued_by"]),
    )


class OfficeCatalogs:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def issued(self) -> list[IssuedCatalog]:
        rows = self._db.query("SELECT * FROM office_catalog ORDER BY start_year, id, issued_at, rowid")
        return [_issued(r) for r in rows]

    def add(self, content: dict[str, Any], changes: dict[str, Any] | None) -> IssuedCatalog:
        """Store one checked, normalized catalog; `changes` (what it rewords, adds, retires) goes to the audit."""
        text = catalog_text(content)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with self._db.transaction() as conn:
            cid, version = str(content["id"]), str(content["version"])
            if self._db.one("SELECT 1 FROM office_catalog WHERE id = ? AND version = ?", (cid, version)):
                raise InputError(f"{cid} 的版本 {version} 已经发布：修改后的规划请用更高的版本号。")
            conn.execute(
                "INSERT INTO office_catalog (id, version, title, start_year, end_year, content, sha256, issued_at, "
                "issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cid,
                    version,
                    content["title"],
                    content["start_year"],
                    content["end_year"],
                    text,
                    digest,
                    self._db.now(),
                    self._audit.actor,
                ),
            )
            self._audit.append(
                "insert",
                "office_catalog",
                f"{cid}@{version}",
                after={"id": cid, "version": version, "title": content["title"], "sha256": digest, "changes": changes},
            )
            row = self._db.one("SELECT * FROM office_catalog WHERE id = ? AND version = ?", (cid, version))
            assert row is not None
        return _issued(row)


class ReceivedCatalog(msgspec.Struct, frozen=True):
    id: str
    version: str
    title: str
    start_year: int
    end_year: int
    content: dict[str, Any]
    sha256: str
    answer_seq: int
    received_at: str


class UnitCatalogs:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def built_from(self) -> list[dict[str, Any]]:
        """The catalog versions loaded into the plan tables (the one the home was built from, shipped with the
        program, and those received and loaded): id, version, title and years."""
        return self._db.query("SELECT id, version, title, start_year, end_year FROM catalog ORDER BY id, version")

    def received(self) -> list[ReceivedCatalog]:
        rows = self._db.query("SELECT * FROM answer_catalog ORDER BY start_year, id, received_at, rowid")
        return [
            ReceivedCatalog(
                str(r["id"]),
                str(r["version"]),
                str(r["title"]),
                int(r["start_year"]),
                int(r["end_year"]),
                json.loads(str(r["content"])),
                str(r["sha256"]),
                int(r["answer_seq"]),
                str(r["received_at"]),
            )
            for r in rows
        ]

    def add_received(self, catalogs: list[dict[str, Any]], answer_seq: int) -> tuple[str, ...]:
        """Store the versions not held yet (inside the caller's transaction); a version held is never replaced.
        Returns `id 版本` of each one added."""
        added: list[str] = []
        conn = self._db.conn
        assert conn.in_transaction, "catalogs are stored in the answer's own transaction"
        for content in catalogs:
            cid, version = str(content["id"]), str(content["version"])
            if self._db.one("SELECT 1 FROM answer_catalog WHERE id = ? AND version = ?", (cid, version)):
                continue
            text = catalog_text(content)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            conn.execute(
                "INSERT INTO answer_catalog (id, version, title, start_year, end_year, content, sha256, answer_seq, "
                "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cid,
                    version,
                    content["title"],
                    content["start_year"],
                    content["end_year"],
                    text,
                    digest,
                    answer_seq,
                    self._db.now(),
                ),
            )
            self._audit.append(
                "insert",
                "answer_catalog",
                f"{cid}@{version}",
                after={"id": cid, "version": version, "title": content["title"], "sha256": digest},
            )
            added.append(f"{cid} {version}")
        return tuple(added)
