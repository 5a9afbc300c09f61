"""The office's answers, office side: returned periods, notices, the recipient each unit is answered at, the
answers written, and the receipts (what the office said about each bundle) drawn from the intake log.

Returns and notices are audited when made; a return stays open until a later bundle of the unit carries the
period again (its progress, or its review record submitted or approved), see `clear_returns`.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import msgspec

from desktop.domain.errors import InputError
from desktop.store.audit import AuditLog
from desktop.store.db import Database

OUTCOMES = ("accepted", "already_imported", "held", "refused")


class ReturnComment(msgspec.Struct, frozen=True):
    target: str  # a plan task's uid (catalog/key) or a unit record's uid
    task: str  # the task as the plan shows it (1.04), or "" for a record
    text: str


class PeriodReturn(msgspec.Struct, frozen=True):
    id: str
    period: str
    reason: str
    comments: tuple[ReturnComment, ...]
    made_by: str
    made_at: str


class Notice(msgspec.Struct, frozen=True):
    id: str
    title: str
    text: str
    made_by: str
    made_at: str


class Receipt(msgspec.Struct, frozen=True):
    seq: int
    bundle_id: str | None
    outcome: str  # one of OUTCOMES
    reason: str
    at: str


class OfficeReturn(msgspec.Struct, frozen=True):
    unit: str
    entry: PeriodReturn
    cleared_at: str | None
    cleared_seq: int | None


class AnswerLog(msgspec.Struct, frozen=True):
    unit: str
    seq: int
    answer_id: str
    digest: str
    receipts: int
    returns: int
    notices: int
    path: str
    written_at: str
    written_by: str


def comments_json(comments: tuple[ReturnComment, ...]) -> str:
    return json.dumps([msgspec.structs.asdict(c) for c in comments], ensure_ascii=False)


def comments_from(text: str) -> tuple[ReturnComment, ...]:
    return tuple(ReturnComment(**c) for c in json.loads(text))


def period_return(row: dict[str, Any]) -> PeriodReturn:
    """A returned period from a row of the office's or the unit's table (the same columns at both ends)."""
    return PeriodReturn(
        str(row["id"]),
        str(row["period"]),
        str(row["reason"]),
        comments_from(str(row["comments"])),
        str(row["made_by"]),
        str(row["made_at"]),
    )


def _office_return(row: dict[str, Any]) -> OfficeReturn:
    return OfficeReturn(str(row["unit"]), period_return(row), row["cleared_at"], row["cleared_seq"])


_INTAKE_OUTCOME = {"accepted": "accepted", "already_imported": "already_imported", "gap": "held"}


class OfficeAnswers:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    # -- where a unit is answered -----------------------------------------------------------------------
    def recipient(self, code: str) -> str | None:
        row = self._db.one("SELECT recipient FROM office_unit_recipient WHERE unit = ?", (code,))
        return str(row["recipient"]) if row else None

    def note_recipient(self, code: str, recipient: str, source: str) -> None:
        with self._db.transaction() as conn:
            if self.recipient(code) == recipient:
                return
            conn.execute(
                "INSERT INTO office_unit_recipient (unit, recipient, source, noted_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (unit) DO UPDATE SET recipient = excluded.recipient, source = excluded.source, "
                "noted_at = excluded.noted_at",
                (code, recipient, source, self._db.now()),
            )
            self._audit.append(
                "event", "office_unit", code, after={"action": "answer_recipient", "recipient": recipient}
            )

    # -- returns ----------------------------------------------------------------------------------------
    def add_return(self, code: str, period: str, reason: str, comments: tuple[ReturnComment, ...]) -> OfficeReturn:
        with self._db.transaction() as conn:
            open_one = [r for r in self.returns(code) if r.entry.period == period]
            if open_one:
                raise InputError(
                    f"{code} 的 {period} 已于 {open_one[0].entry.made_at} 退回，单位尚未重报：不必重复退回。"
                )
            rid = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO office_return (id, unit, period, reason, comments, made_by, made_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (rid, code, period, reason, comments_json(comments), self._audit.actor, self._db.now()),
            )
            self._audit.append(
                "event",
                "office_return",
                rid,
                after={
                    "action": "return",
                    "unit": code,
                    "period": period,
                    "reason": reason,
                    "comments": [msgspec.structs.asdict(c) for c in comments],
                },
            )
            row = self._db.one("SELECT * FROM office_return WHERE id = ?", (rid,))
            assert row is not None
        return _office_return(row)

    def returns(self, code: str | None = None, *, open_only: bool = True) -> list[OfficeReturn]:
        where = ["1 = 1"]
        params: list[object] = []
        if code is not None:
            where.append("unit = ?")
            params.append(code)
        if open_only:
            where.append("cleared_at IS NULL")
        rows = self._db.query(
            f"SELECT * FROM office_return WHERE {' AND '.join(where)} ORDER BY made_at, rowid", tuple(params)
        )
        return [_office_return(r) for r in rows]

    def clear_returns(self, code: str, seq: int) -> list[str]:
        """Close the unit's open returns whose period bundle `seq` (just merged) carried again."""
        with self._db.transaction() as conn:
            open_returns = self.returns(code)
            if not open_returns:  # the usual case: spare the walk through the unit's progress rows
                return []
            rows = self._db.query(
                "SELECT DISTINCT period FROM unit_progress WHERE unit = ? AND seq = ? UNION "
                "SELECT period FROM unit_review WHERE unit = ? AND seq = ? AND state IN ('submitted', 'approved')",
                (code, seq, code, seq),
            )
            carried = {str(r["period"]) for r in rows}
            cleared = [r for r in open_returns if r.entry.period in carried]
            for item in cleared:
                conn.execute(
                    "UPDATE office_return SET cleared_at = ?, cleared_seq = ? WHERE id = ?",
                    (self._db.now(), seq, item.entry.id),
                )
                self._audit.append(
                    "event",
                    "office_return",
                    item.entry.id,
                    after={"action": "resubmitted", "unit": code, "period": item.entry.period, "seq": seq},
                )
        return sorted({r.entry.period for r in cleared})

    # -- notices ----------------------------------------------------------------------------------------
    def add_notice(self, title: str, text: str, units: list[str] | None) -> Notice:
        with self._db.transaction() as conn:
            nid = str(uuid.uuid4())
            now = self._db.now()
            conn.execute(
                "INSERT INTO office_notice (id, title, text, units, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?)",
                (nid, title, text, None if units is None else json.dumps(units), self._audit.actor, now),
            )
            self._audit.append(
                "event", "office_notice", nid, after={"action": "notice", "title": title, "units": units}
            )
        return Notice(nid, title, text, self._audit.actor, now)

    def notices_for(self, code: str) -> list[Notice]:
        rows = self._db.query("SELECT * FROM office_notice ORDER BY made_at, rowid")
        return [
            Notice(str(r["id"]), str(r["title"]), str(r["text"]), str(r["made_by"]), str(r["made_at"]))
            for r in rows
            if r["units"] is None or code in json.loads(str(r["units"]))
        ]

    # -- receipts ---------------------------------------------------------------------------------------
    def receipts(self, code: str) -> list[Receipt]:
        """Per bundle seq of the unit's current chain: accepted wins; otherwise the latest intake outcome."""
        out: dict[int, Receipt] = {}
        for r in self._db.query(
            "SELECT i.seq, i.outcome, i.reason, i.at FROM office_intake i WHERE i.unit = ? AND i.seq IS NOT NULL "
            "AND i.id = (SELECT max(j.id) FROM office_intake j WHERE j.unit = i.unit AND j.seq = i.seq) ORDER BY i.seq",
            (code,),
        ):
            outcome = _INTAKE_OUTCOME.get(str(r["outcome"]), "refused")
            if outcome == "accepted":
                continue  # only the chain below says accepted (an intake row may be of an earlier epoch)
            out[int(r["seq"])] = Receipt(int(r["seq"]), None, outcome, str(r["reason"]), str(r["at"]))
        for r in self._db.query(
            "SELECT b.seq, b.bundle_id, b.accepted_at FROM office_bundle b JOIN office_unit u ON u.code = b.unit "
            "WHERE b.unit = ? AND b.epoch = u.epoch ORDER BY b.seq",
            (code,),
        ):
            out[int(r["seq"])] = Receipt(int(r["seq"]), str(r["bundle_id"]), "accepted", "", str(r["accepted_at"]))
        return [out[s] for s in sorted(out)]

    # -- answers written --------------------------------------------------------------------------------
    def last_answer(self, code: str) -> AnswerLog | None:
        row = self._db.one("SELECT * FROM office_answer WHERE unit = ? ORDER BY seq DESC LIMIT 1", (code,))
        return AnswerLog(**row) if row else None

    def log_answer(self, log: AnswerLog) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO office_answer (unit, seq, answer_id, digest, receipts, returns, notices, path, "
                "written_at, written_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    log.unit,
                    log.seq,
                    log.answer_id,
                    log.digest,
                    log.receipts,
                    log.returns,
                    log.notices,
                    log.path,
                    log.written_at,
                    log.written_by,
                ),
            )
            self._audit.append(
                "event",
                "office_answer",
                log.answer_id,
                after={"action": "answer", "unit": log.unit, "seq": log.seq, "path": log.path},
            )
