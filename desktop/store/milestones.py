"""Milestones (时间节点): due dates, optional quantitative targets, and what was achieved."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import msgspec

from desktop.domain.errors import InputError, NotFoundError, StateError
from desktop.domain.model import ItemKind, Milestone
from desktop.store.audit import AuditLog
from desktop.store.db import Database
from desktop.store.plan import PlanRepo

_COLUMNS = (
    "m.id, i.uid, m.task_id, m.measure_id, m.title, m.due_date, m.target_value, m.target_unit, m.target_key, "
    "m.actual_value, m.achieved_date, m.created_at, m.updated_at"
)
EDITABLE = ("title", "due_date", "target_value", "target_unit", "target_key", "actual_value", "achieved_date")


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _milestone(row: dict[str, Any]) -> Milestone:
    due = _date(row["due_date"])
    assert due is not None
    return Milestone(**{**row, "due_date": due, "achieved_date": _date(row["achieved_date"])})


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def check_milestone(title: str) -> None:
    """A milestone's own rule, for saving and for a form re-checking what is being corrected."""
    if not title.strip():
        raise InputError("时间节点名称不能为空。")


class MilestoneRepo:
    def __init__(self, database: Database, audit: AuditLog, plan: PlanRepo) -> None:
        self._db = database
        self._audit = audit
        self._plan = plan

    def get(self, milestone_id: int) -> Milestone:
        row = self._db.one(
            f"SELECT {_COLUMNS} FROM milestone m JOIN item i ON i.id = m.id WHERE m.id = ?", (milestone_id,)
        )
        if row is None:
            raise NotFoundError(f"找不到编号为 {milestone_id} 的时间节点：用 planprogress milestone list 查看编号。")
        return _milestone(row)

    def find(self, task_id: int | None = None, measure_id: int | None = None) -> list[Milestone]:
        sql = f"SELECT {_COLUMNS} FROM milestone m JOIN item i ON i.id = m.id WHERE 1 = 1"
        params: list[object] = []
        if task_id is not None:
            sql += " AND m.task_id = ?"
            params.append(task_id)
        if measure_id is not None:
            sql += " AND m.measure_id = ?"
            params.append(measure_id)
        return [_milestone(r) for r in self._db.query(sql + " ORDER BY m.due_date, m.id", tuple(params))]

    def add(
        self,
        parent_id: int,
        title: str,
        due_date: dt.date,
        *,
        target_value: float | None = None,
        target_unit: str = "",
        target_key: str | None = None,
    ) -> Milestone:
        """Add a milestone under a task or a measure (`parent_id` may be either)."""
        kind = self._plan.item_kind(parent_id)
        if kind is ItemKind.MILESTONE:
            raise InputError(f"编号 {parent_id} 是时间节点：时间节点只能加在任务或措施下。")
        check_milestone(title)
        measure_id = parent_id if kind is ItemKind.MEASURE else None
        task_id = self._plan.task_of(parent_id)
        now = self._db.now()
        uid = str(uuid.uuid4())
        with self._db.transaction() as conn:
            item_id = conn.execute(
                "INSERT INTO item (kind, uid) VALUES ('milestone', ?) RETURNING id", (uid,)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO milestone (id, task_id, measure_id, title, due_date, target_value, target_unit, "
                "target_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item_id,
                    task_id,
                    measure_id,
                    title.strip(),
                    due_date.isoformat(),
                    target_value,
                    target_unit.strip(),
                    target_key,
                    now,
                    now,
                ),
            )
            milestone = self.get(item_id)
            self._audit.append("insert", "milestone", uid, after=self._snapshot(milestone))
        return milestone

    def mark_done(self, milestone_id: int, achieved_date: dt.date, actual_value: float | None = None) -> Milestone:
        return self.update(milestone_id, achieved_date=achieved_date, actual_value=actual_value)

    def update(self, milestone_id: int, **changes: Any) -> Milestone:
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InputError(f"时间节点没有这些字段：{', '.join(sorted(unknown))}")
        with self._db.transaction() as conn:
            before = self.get(milestone_id)
            merged = {k: changes.get(k, getattr(before, k)) for k in EDITABLE}
            check_milestone(str(merged["title"]))
            conn.execute(
                "UPDATE milestone SET title = ?, due_date = ?, target_value = ?, target_unit = ?, target_key = ?, "
                "actual_value = ?, achieved_date = ?, updated_at = ? WHERE id = ?",
                (
                    str(merged["title"]).strip(),
                    _iso(merged["due_date"]),
                    merged["target_value"],
                    merged["target_unit"],
                    merged["target_key"],
                    merged["actual_value"],
                    _iso(merged["achieved_date"]),
                    self._db.now(),
                    milestone_id,
                ),
            )
            after = self.get(milestone_id)
            self._audit.append(
                "update", "milestone", before.uid, before=self._snapshot(before), after=self._snapshot(after)
            )
        return after

    def delete(self, milestone_id: int) -> None:
        with self._db.transaction() as conn:
            milestone = self.get(milestone_id)
            evidence = conn.execute("SELECT count(*) FROM evidence WHERE item_id = ?", (milestone_id,)).fetchone()[0]
            progress = conn.execute("SELECT count(*) FROM progress WHERE item_id = ?", (milestone_id,)).fetchone()[0]
            if evidence or progress:
                raise StateError(
                    f"时间节点“{milestone.title}”下还有 {evidence} 份佐证材料、{progress} 条进度记录：请先删除它们。"
                )
            conn.execute("DELETE FROM milestone WHERE id = ?", (milestone_id,))
            conn.execute("DELETE FROM item WHERE id = ?", (milestone_id,))
            self._audit.append("delete", "milestone", milestone.uid, before=self._snapshot(milestone))

    def _snapshot(self, milestone: Milestone) -> dict[str, Any]:
        data = msgspec.structs.asdict(milestone)
        data["task_uid"] = self._plan.item_uid(milestone.task_id)
        data["measure_uid"] = self._plan.item_uid(milestone.measure_id) if milestone.measure_id else None
        return data
