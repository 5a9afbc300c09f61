"""The office's answers, unit side: answers applied (by the office's seq), what the office said about each
bundle, periods it sent back, its notices, and the log of refused answers.

An answer carries the office's whole current state for the unit, so applying one replaces the receipts,
adds returns, notices and plan versions not seen before (each plan version loaded into the plan tables), and
withdraws open returns the office no longer lists. It all happens in one transaction with an audit row per
change.
"""

from __future__ import annotations

from typing import Any

import msgspec

from desktop.domain.status import ReviewState
from desktop.store.answers import Notice, PeriodReturn, Receipt, comments_json, period_return
from desktop.store.audit import AuditLog
from desktop.store.catalogs import UnitCatalogs
from desktop.store.db import Database
from desktop.store.plan import PlanRepo


class ReceivedAnswer(msgspec.Struct, frozen=True):
    seq: int
    answer_id: str
    office_key_id: str
    created_at: str
    received_at: str
    received_by: str
    source: str


class UnitReturn(msgspec.Struct, frozen=True):
    entry: PeriodReturn
    answer_seq: int
    received_at: str
    resolved_seq: int | None  # the export that carried the period again
    withdrawn_at: str | None  # the office no longer lists it

    @property
    def open(self) -> bool:
        return self.resolved_seq is None and self.withdrawn_at is None


class UnitNotice(msgspec.Struct, frozen=True):
    notice: Notice
    received_at: str
    read_at: str | None


class ApplyCounts(msgspec.Struct, frozen=True):
    receipts: int
    new_returns: tuple[str, ...]
    unreported: tuple[str, ...]  # returned periods this unit holds no records of
    withdrawn: tuple[str, ...]
    new_notices: int
    new_catalogs: tuple[str, ...] = ()  # `id 版本` of each plan version received now


def _return(row: dict[str, Any]) -> UnitReturn:
    return UnitReturn(
        period_return(row), int(row["answer_seq"]), str(row["received_at"]), row["resolved_seq"], row["withdrawn_at"]
    )


class UnitAnswers:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def last(self) -> ReceivedAnswer | None:
        row = self._db.one("SELECT * FROM answer_received ORDER BY seq DESC LIMIT 1")
        return ReceivedAnswer(**row) if row else None

    def by_id(self, answer_id: str) -> ReceivedAnswer | None:
        row = self._db.one("SELECT * FROM answer_received WHERE answer_id = ?", (answer_id,))
        return ReceivedAnswer(**row) if row else None

    def receipts(self) -> dict[int, Receipt]:
        return {
            int(r["seq"]): Receipt(int(r["seq"]), r["bundle_id"], str(r["outcome"]), str(r["reason"]), str(r["at"]))
            for r in self._db.query(
                "SELECT seq, bundle_id, outcome, reason, confirmed_at AS at FROM answer_receipt ORDER BY seq"
            )
        }

    def returns(self, *, open_only: bool = True) -> list[UnitReturn]:
        rows = self._db.query("SELECT * FROM answer_return ORDER BY period, made_at")
        found = [_return(r) for r in rows]
        return [r for r in found if r.open] if open_only else found

    def notices(self, *, unread_only: bool = False) -> list[UnitNotice]:
        rows = self._db.query("SELECT * FROM answer_notice ORDER BY made_at, rowid")
        out = [
            UnitNotice(
                Notice(str(r["id"]), str(r["title"]), str(r["text"]), str(r["made_by"]), str(r["made_at"])),
                str(r["received_at"]),
                r["read_at"],
            )
            for r in rows
        ]
        return [n for n in out if n.read_at is None] if unread_only else out

    def mark_read(self, notice_id: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE answer_notice SET read_at = ?, read_by = ? WHERE id = ? AND read_at IS NULL",
                (self._db.now(), self._audit.actor, notice_id),
            )
            self._audit.append("event", "notice", notice_id, after={"action": "read"})

    def log_refused(self, source: str, name: str, seq: int | None, reason: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO answer_refused (at, actor, source, name, seq, reason) VALUES (?, ?, ?, ?, ?, ?)",
                (self._db.now(), self._audit.actor, source, name, seq, reason),
            )

    def refused(self, limit: int = 200) -> list[dict[str, Any]]:
        return self._db.query("SELECT * FROM answer_refused ORDER BY id DESC LIMIT ?", (limit,))

    def apply(
        self,
        answer: ReceivedAnswer,
        receipts: list[Receipt],
        returns: list[PeriodReturn],
        notices: list[Notice],
        catalogs: list[dict[str, Any]] | None = None,
    ) -> ApplyCounts:
        """Apply one verified answer in one transaction (see the module docstring)."""
        now = self._db.now()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO answer_received (seq, answer_id, office_key_id, created_at, received_at, received_by, "
                "source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    answer.seq,
                    answer.answer_id,
                    answer.office_key_id,
                    answer.created_at,
                    now,
                    self._audit.actor,
                    answer.source,
                ),  # fmt: skip
            )
            conn.execute("DELETE FROM answer_receipt")
            conn.executemany(
                "INSERT INTO answer_receipt (seq, bundle_id, outcome, reason, confirmed_at, answer_seq) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(r.seq, r.bundle_id, r.outcome, r.reason, r.at, answer.seq) for r in receipts],
            )
            known = {r.entry.id: r for r in self.returns(open_only=False)}
            new_returns: list[str] = []
            unreported: list[str] = []
            for item in returns:
                if item.id in known:
                    continue
                conn.execute(
                    "INSERT INTO answer_return (id, period, reason, comments, made_by, made_at, answer_seq, "
                    "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        item.id,
                        item.period,
                        item.reason,
                        comments_json(item.comments),
                        item.made_by,
                        item.made_at,
                        answer.seq,
                        now,
                    ),  # fmt: skip
                )
                new_returns.append(item.period)
                if not self._holds_period(item.period):
                    unreported.append(item.period)
                self._reopen(item)
            listed = {r.id for r in returns}
            withdrawn: list[str] = []
            for old in known.values():
                if old.open and old.entry.id not in listed:
                    conn.execute("UPDATE answer_return SET withdrawn_at = ? WHERE id = ?", (now, old.entry.id))
                    withdrawn.append(old.entry.period)
            seen = {str(r["id"]) for r in self._db.query("SELECT id FROM answer_notice")}
            fresh = [n for n in notices if n.id not in seen]
            conn.executemany(
                "INSERT INTO answer_notice (id, title, text, made_by, made_at, answer_seq, received_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(n.id, n.title, n.text, n.made_by, n.made_at, answer.seq, now) for n in fresh],
            )
            new_catalogs = UnitCatalogs(self._db, self._audit).add_received(catalogs or [], answer.seq)
            PlanRepo(self._db, self._audit).load_received()  # a received plan is workable at once
            self._audit.append(
                "event",
                "answer",
                answer.answer_id,
                after={
                    "action": "receive",
                    "seq": answer.seq,
                    "receipts": len(receipts),
                    "returns": new_returns,
                    "withdrawn": withdrawn,
                    "notices": [n.id for n in fresh],
                },
            )
        return ApplyCounts(
            len(receipts), tuple(new_returns), tuple(unreported), tuple(withdrawn), len(fresh), new_catalogs
        )

    def _holds_period(self, period: str) -> bool:
        row = self._db.one(
            "SELECT (SELECT count(*) FROM progress WHERE period = ?) + (SELECT count(*) FROM review WHERE period = ?) "
            "AS n",
            (period, period),
        )
        return bool(row and row["n"])

    def _reopen(self, item: PeriodReturn) -> None:
        """A returned period goes back to draft (unlocked if it was approved), audited like a reviewer's return."""
        row = self._db.one("SELECT state, comment FROM review WHERE period = ?", (item.period,))
        if row is None or row["state"] == ReviewState.DRAFT.value:
            return
        comment = f"省局退回：{item.reason}"
        self._db.conn.execute(
            "UPDATE review SET state = ?, updated_at = ?, updated_by = ?, comment = ? WHERE period = ?",
            (ReviewState.DRAFT.value, self._db.now(), self._audit.actor, comment, item.period),
        )
        self._audit.append(
            "update",
            "review",
            item.period,
            before={"state": row["state"], "comment": row["comment"]},
            after={"state": ReviewState.DRAFT.value, "comment": comment, "action": "office_return"},
        )

    def resolve(self, periods: set[str], seq: int) -> None:
        """Called inside the export log's transaction: returns whose period this export carried are resolved."""
        for period in sorted(periods):
            self._db.conn.execute(
                "UPDATE answer_return SET resolved_seq = ? WHERE period = ? AND resolved_seq IS NULL "
                "AND withdrawn_at IS NULL",
                (seq, period),
            )
