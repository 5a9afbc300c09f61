"""Progress per reporting period, and the review state that locks a period once approved."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import msgspec

from desktop.domain.errors import InputError, LockedError, StateError
from desktop.domain.model import ProgressEntry, ReviewRecord
from desktop.domain.periods import Period, parse_period
from desktop.domain.rollup import shown_entries
from desktop.domain.status import ReviewState, Status
from desktop.store.audit import AuditLog
from desktop.store.db import Database
from desktop.store.plan import PlanRepo

log = logging.getLogger(__name__)

_COLUMNS = "id, uid, item_id, period, status, percent, note, updated_at, updated_by"


def _entry(row: dict[str, Any]) -> ProgressEntry:
    return ProgressEntry(**{**row, "status": Status(row["status"])})


def _snapshot(entry: ProgressEntry, item_uid: str) -> dict[str, Any]:
    data = msgspec.structs.asdict(entry)
    data["status"] = entry.status.value
    data["item_uid"] = item_uid
    return data


class ProgressRepo:
    def __init__(self, database: Database, audit: AuditLog, plan: PlanRepo) -> None:
        self._db = database
        self._audit = audit
        self._plan = plan

    def get(self, item_id: int, period: str) -> ProgressEntry | None:
        row = self._db.one(f"SELECT {_COLUMNS} FROM progress WHERE item_id = ? AND period = ?", (item_id, period))
        return _entry(row) if row else None

    def find(self, period: str | None = None, item_id: int | None = None) -> list[ProgressEntry]:
        sql = f"SELECT {_COLUMNS} FROM progress WHERE 1 = 1"
        params: list[object] = []
        if period is not None:
            sql += " AND period = ?"
            params.append(period)
        if item_id is not None:
            sql += " AND item_id = ?"
            params.append(item_id)
        return [_entry(r) for r in self._db.query(sql + " ORDER BY period, item_id", tuple(params))]

    def shown(self, item_id: int, period: Period) -> tuple[ProgressEntry, bool] | None:
        """The entry item `item_id` shows for `period` and whether it is carried forward from another period
        (desktop.domain.rollup's rule, as in the overview); None when it shows nothing."""
        rows = self._db.query(f"SELECT {_COLUMNS} FROM progress WHERE item_id = ?", (item_id,))
        picked = shown_entries(rows, period, item="item_id", period="period", updated="updated_at").get(item_id)
        return (_entry(picked[0]), picked[1]) if picked else None

    def periods(self) -> list[str]:
        rows = self._db.query("SELECT DISTINCT period FROM progress UNION SELECT period FROM review ORDER BY 1")
        return [str(r["period"]) for r in rows]

    def record(self, item_id: int, period: str, status: Status, percent: int, note: str = "") -> ProgressEntry:
        """Insert or replace the progress of an item in a period; refused once the period is approved."""
        period = parse_period(period).code
        if not 0 <= percent <= 100:
            raise InputError(f"完成百分比 {percent} 超出范围：请填写 0 到 100 之间的整数。")
        if status is Status.DONE and percent != 100:
            raise InputError("状态为“已完成”时完成百分比应为 100。")
        item_uid = self._plan.item_uid(item_id)
        with self._db.transaction() as conn:
            _ensure_unlocked(self._db, period)
            before = self.get(item_id, period)
            now, actor = self._db.now(), self._audit.actor
            if before is None:
                conn.execute(
                    "INSERT INTO progress (uid, item_id, period, status, percent, note, updated_at, updated_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (str(uuid.uuid4()), item_id, period, status.value, percent, note, now, actor),
                )
            else:
                conn.execute(
                    "UPDATE progress SET status = ?, percent = ?, note = ?, updated_at = ?, updated_by = ? "
                    "WHERE id = ?",
                    (status.value, percent, note, now, actor, before.id),
                )
            after = self.get(item_id, period)
            assert after is not None
            self._audit.append(
                "insert" if before is None else "update",
                "progress",
                after.uid,
                before=_snapshot(before, item_uid) if before else None,
                after=_snapshot(after, item_uid),
            )
        return after

    def delete(self, item_id: int, period: str) -> None:
        period = parse_period(period).code
        with self._db.transaction() as conn:
            _ensure_unlocked(self._db, period)
            entry = self.get(item_id, period)
            if entry is None:
                return
            conn.execute("DELETE FROM progress WHERE id = ?", (entry.id,))
            self._audit.append("delete", "progress", entry.uid, before=_snapshot(entry, self._plan.item_uid(item_id)))


def _ensure_unlocked(database: Database, period: str) -> None:
    row = database.one("SELECT state FROM review WHERE period = ?", (period,))
    if row and row["state"] == ReviewState.APPROVED.value:
        raise LockedError(
            f"报告期 {period} 已审核通过并锁定，不能再修改：如确需修改，请审核员先执行"
            f"“重新打开”（planprogress review reopen {period} --reason 原因）。"
        )


class ReviewRepo:
    """draft -> submitted -> approved; return sends a submitted period back; reopen unlocks an approved one."""

    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def get(self, period: str) -> ReviewRecord:
        period = parse_period(period).code
        row = self._db.one("SELECT * FROM review WHERE period = ?", (period,))
        if row is None:
            return ReviewRecord(period, ReviewState.DRAFT, "", "", "")
        return ReviewRecord(**{**row, "state": ReviewState(row["state"])})

    def find(self) -> list[ReviewRecord]:
        return [
            ReviewRecord(**{**r, "state": ReviewState(r["state"])})
            for r in self._db.query("SELECT * FROM review ORDER BY period")
        ]

    def is_locked(self, period: str) -> bool:
        return self.get(period).state is ReviewState.APPROVED

    def submit(self, period: str, comment: str = "") -> ReviewRecord:
        return self._move(period, "submit", {ReviewState.DRAFT}, ReviewState.SUBMITTED, comment)

    def approve(self, period: str, comment: str = "") -> ReviewRecord:
        return self._move(period, "approve", {ReviewState.SUBMITTED}, ReviewState.APPROVED, comment)

    def return_(self, period: str, comment: str) -> ReviewRecord:
        if not comment.strip():
            raise InputError("退回时请写明原因（--comment），以便填报员修改。")
        return self._move(period, "return", {ReviewState.SUBMITTED}, ReviewState.DRAFT, comment)

    def reopen(self, period: str, reason: str) -> ReviewRecord:
        if not reason.strip():
            raise InputError("重新打开已审核的报告期必须写明原因（--reason）。")
        return self._move(period, "reopen", {ReviewState.APPROVED}, ReviewState.DRAFT, reason)

    def _move(
        self, period: str, action: str, allowed: set[ReviewState], target: ReviewState, comment: str
    ) -> ReviewRecord:
        period = parse_period(period).code
        with self._db.transaction() as conn:
            before = self.get(period)
            if before.state not in allowed:
                raise StateError(_WRONG_STEP[action].format(period=period, state=before.state.label))
            conn.execute(
                "INSERT INTO review (period, state, updated_at, updated_by, comment) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (period) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by, comment = excluded.comment",
                (period, target.value, self._db.now(), self._audit.actor, comment),
            )
            after = self.get(period)
            self._audit.append(
                "update",
                "review",
                period,
                before={"state": before.state.value, "comment": before.comment},
                after={"state": after.state.value, "comment": comment, "action": action},
            )
        log.info("review %s: %s, %s -> %s, by %s", period, action, before.state.value, target.value, self._audit.actor)
        return after


_WRONG_STEP = {
    "submit": "报告期 {period} 当前为“{state}”，只有草稿可以提交审核。",
    "approve": "报告期 {period} 当前为“{state}”，只有已提交（待审核）的报告期可以审核通过：请填报员先提交。",
    "return": "报告期 {period} 当前为“{state}”，只有待审核的报告期可以退回。",
    "reopen": "报告期 {period} 当前为“{state}”，只有已审核通过的报告期需要重新打开。",
}
