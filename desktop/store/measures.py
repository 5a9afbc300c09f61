"""The unit's measures (分解措施) under plan tasks."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import msgspec

from desktop.domain.errors import InputError, NotFoundError, StateError
from desktop.domain.model import ItemKind, Measure
from desktop.store.audit import AuditLog
from desktop.store.db import Database
from desktop.store.plan import PlanRepo

_COLUMNS = "m.id, i.uid, m.task_id, m.title, m.department, m.person, m.co_units, m.start_date, m.due_date, "
_COLUMNS += "m.created_at, m.updated_at"
EDITABLE = ("title", "department", "person", "co_units", "start_date", "due_date")


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _measure(row: dict[str, Any]) -> Measure:
    return Measure(**{**row, "start_date": _date(row["start_date"]), "due_date": _date(row["due_date"])})


def check_dates(start: dt.date | None, due: dt.date | None) -> None:
    if start and due and start > due:
        raise InputError(f"开始日期 {start} 晚于完成期限 {due}：请检查日期。")


def check_measure(title: str, start: dt.date | None, due: dt.date | None) -> None:
    """A measure's own rules, for saving and for a form re-checking what is being corrected."""
    if not title.strip():
        raise InputError("措施名称不能为空。")
    check_dates(start, due)


class MeasureRepo:
    def __init__(self, database: Database, audit: AuditLog, plan: PlanRepo) -> None:
        self._db = database
        self._audit = audit
        self._plan = plan

    def get(self, measure_id: int) -> Measure:
        row = self._db.one(f"SELECT {_COLUMNS} FROM measure m JOIN item i ON i.id = m.id WHERE m.id = ?", (measure_id,))
        if row is None:
            raise NotFoundError(f"找不到编号为 {measure_id} 的措施：用 planprogress measure list 查看编号。")
        return _measure(row)

    def find(self, task_id: int | None = None) -> list[Measure]:
        sql = f"SELECT {_COLUMNS} FROM measure m JOIN item i ON i.id = m.id"
        params: tuple[object, ...] = ()
        if task_id is not None:
            sql += " WHERE m.task_id = ?"
            params = (task_id,)
        return [_measure(r) for r in self._db.query(sql + " ORDER BY m.task_id, m.id", params)]

    def add(
        self,
        task_id: int,
        title: str,
        *,
        department: str = "",
        person: str = "",
        co_units: str = "",
        start_date: dt.date | None = None,
        due_date: dt.date | None = None,
    ) -> Measure:
        if self._plan.item_kind(task_id) is not ItemKind.TASK:
            raise InputError(f"编号 {task_id} 不是规划任务：措施只能加在任务下（用 planprogress tasks 查看）。")
        check_measure(title, start_date, due_date)
        now = self._db.now()
        uid = str(uuid.uuid4())
        with self._db.transaction() as conn:
            item_id = conn.execute(
                "INSERT INTO item (kind, uid) VALUES ('measure', ?) RETURNING id", (uid,)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO measure (id, task_id, title, department, person, co_units, start_date, due_date, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item_id,
                    task_id,
                    title.strip(),
                    department.strip(),
                    person.strip(),
                    co_units.strip(),
                    start_date.isoformat() if start_date else None,
                    due_date.isoformat() if due_date else None,
                    now,
                    now,
                ),
            )
            measure = self.get(item_id)
            self._audit.append("insert", "measure", uid, after=self._snapshot(measure))
        return measure

    def update(self, measure_id: int, **changes: Any) -> Measure:
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InputError(f"措施没有这些字段：{', '.join(sorted(unknown))}")
        with self._db.transaction() as conn:
            before = self.get(measure_id)
            merged = {k: changes.get(k, getattr(before, k)) for k in EDITABLE}
            check_measure(str(merged["title"]), merged["start_date"], merged["due_date"])
            conn.execute(
                "UPDATE measure SET title = ?, department = ?, person = ?, co_units = ?, start_date = ?, "
                "due_date = ?, updated_at = ? WHERE id = ?",
                (
                    str(merged["title"]).strip(),
                    merged["department"],
                    merged["person"],
                    merged["co_units"],
                    merged["start_date"].isoformat() if merged["start_date"] else None,
                    merged["due_date"].isoformat() if merged["due_date"] else None,
                    self._db.now(),
                    measure_id,
                ),
            )
            after = self.get(measure_id)
            self._audit.append(
                "update", "measure", before.uid, before=self._snapshot(before), after=self._snapshot(after)
            )
        return after

    def delete(self, measure_id: int) -> None:
        with self._db.transaction() as conn:
            measure = self.get(measure_id)
            uses = {
                "时间节点": "SELECT count(*) FROM milestone WHERE measure_id = ?",
                "佐证材料": "SELECT count(*) FROM evidence WHERE item_id = ?",
                "进度记录": "SELECT count(*) FROM progress WHERE item_id = ?",
            }
            held = [
                f"{n} 条{what}" for what, sql in uses.items() if (n := conn.execute(sql, (measure_id,)).fetchone()[0])
            ]
            if held:
                raise StateError(f"措施“{measure.title}”下还有 {'、'.join(held)}：请先删除或移走它们，再删除措施。")
            conn.execute("DELETE FROM measure WHERE id = ?", (measure_id,))
            conn.execute("DELETE FROM item WHERE id = ?", (measure_id,))
            self._audit.append("delete", "measure", measure.uid, before=self._snapshot(measure))

    def _snapshot(self, measure: Measure) -> dict[str, Any]:
        data = msgspec.structs.asdict(measure)
        data["task_uid"] = self._plan.item_uid(measure.task_id)
        return data
