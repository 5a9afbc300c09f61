"""import-ledger: measures and milestones from an edited ledger workbook.

Two steps. `plan_ledger_import` reads and checks every row against the store without writing anything
(the dry run) and lists each unreadable row with its sheet and row number. `apply_ledger_import` then
writes the whole plan in one transaction, or nothing. A row is matched to an existing record by its
记录标识, else by the same name under the same task, so importing the same workbook twice adds nothing.
Import never deletes and never moves a record to another task or measure. The progress columns are not
imported; the plan lists the rows where they were changed (ledger_progress).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.domain.errors import InputError, PlanProgressError
from desktop.domain.model import Measure, Milestone, Task
from desktop.services.reports import ledger_layout as lay
from desktop.services.reports import ledger_read as rd
from desktop.services.reports.ledger_progress import ProgressEdit, ledger_plan, progress_edits
from desktop.store import Store

Progress = Callable[[int, int], None]
MEASURE_FIELDS = ("title", "department", "person", "co_units", "start_date", "due_date")
MILESTONE_FIELDS = ("title", "due_date", "target_value", "target_unit", "target_key", "actual_value", "achieved_date")
_SHOWN_PROBLEMS = 200


@dataclass(frozen=True)
class RowProblem:
    sheet: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"工作表“{self.sheet}”第 {self.row} 行：{self.message}"


@dataclass
class MeasureChange:
    sheet: str
    row: int
    task: Task
    fields: dict[str, Any]
    existing: Measure | None  # None: a new measure
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class MilestoneChange:
    sheet: str
    row: int
    task: Task
    parent: Measure | MeasureChange | None  # None: directly under the task
    fields: dict[str, Any]
    existing: Milestone | None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class LedgerPlan:
    source: Path
    new_measures: list[MeasureChange] = field(default_factory=list)
    changed_measures: list[MeasureChange] = field(default_factory=list)
    new_milestones: list[MilestoneChange] = field(default_factory=list)
    changed_milestones: list[MilestoneChange] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)
    progress_edits: list[ProgressEdit] = field(default_factory=list)  # changed progress cells: not imported

    @property
    def change_count(self) -> int:
        return (
            len(self.new_measures)
            + len(self.changed_measures)
            + len(self.new_milestones)
            + len(self.changed_milestones)
        )

    def summary(self) -> str:
        return (
            f"新增措施 {len(self.new_measures)} 条、修改措施 {len(self.changed_measures)} 条、"
            f"新增时间节点 {len(self.new_milestones)} 条、修改时间节点 {len(self.changed_milestones)} 条；"
            f"{self.unchanged} 条与现有数据相同"
        )

    def details(self) -> list[str]:
        def where(c: MeasureChange | MilestoneChange) -> str:
            return f"任务 {c.task.key}“{c.fields['title']}”"

        def fields(c: MeasureChange | MilestoneChange) -> str:
            return f"的 {'、'.join(_LABELS[k] for k in c.changes)}（{c.sheet} 第 {c.row} 行）"

        lines = [f"新增措施：{where(c)}（{c.sheet} 第 {c.row} 行）" for c in self.new_measures]
        lines += [f"修改措施：{where(c)}{fields(c)}" for c in self.changed_measures]
        lines += [f"新增时间节点：{where(c)}（{c.sheet} 第 {c.row} 行）" for c in self.new_milestones]
        lines += [f"修改时间节点：{where(c)}{fields(c)}" for c in self.changed_milestones]
        return lines

    def problem_text(self) -> str:
        shown = [str(p) for p in self.problems[:_SHOWN_PROBLEMS]]
        if len(self.problems) > _SHOWN_PROBLEMS:
            shown.append(f"……另有 {len(self.problems) - _SHOWN_PROBLEMS} 行问题未列出")
        return "\n".join(shown)


_LABELS = {
    "title": "名称",
    "department": "责任部门",
    "person": "责任人",
    "co_units": "协办单位",
    "start_date": "开始日期",
    "due_date": "日期",
    "target_value": "目标值",
    "target_unit": "计量单位",
    "target_key": "对应指标",
    "actual_value": "实际值",
    "achieved_date": "完成日期",
}


class LedgerProblemsError(InputError):
    """The workbook has rows that cannot be read: nothing was imported."""

    def __init__(self, plan: LedgerPlan) -> None:
        self.plan = plan
        super().__init__(
            f"台账中有 {len(plan.problems)} 行无法读取，没有导入任何内容。请按下列位置修改后重新导入：\n"
            + plan.problem_text()
        )


class _Planner:
    def __init__(self, store: Store, plan: LedgerPlan, catalog: str) -> None:
        self.plan = plan
        self.tasks = {t.key: t for t in store.plan.tasks(catalog=catalog)}
        self.targets = {t.key for t in store.plan.targets(catalog)}
        measures = store.measures.find()
        self.measure_by_uid = {m.uid: m for m in measures}
        self.measures_by_title: dict[tuple[int, str], list[Measure]] = defaultdict(list)
        for m in measures:
            self.measures_by_title[(m.task_id, m.title)].append(m)
        milestones = store.milestones.find()
        self.milestone_by_uid = {m.uid: m for m in milestones}
        self.milestones_by_title: dict[tuple[int, str], list[Milestone]] = defaultdict(list)
        for ms in milestones:
            self.milestones_by_title[(ms.task_id, ms.title)].append(ms)
        self.claimed: dict[str, tuple[str, int]] = {}  # uid or (task, title) -> where it was first seen
        # What a milestone's 所属措施 may name: a measure's stored title or its title in this workbook.
        self.parents: dict[tuple[int, str], set[int | str]] = defaultdict(set)
        self.parent_of: dict[int | str, Measure | MeasureChange] = {}
        for m in measures:
            self.parents[(m.task_id, m.title)].add(m.id)
            self.parent_of[m.id] = m

    def problem(self, sheet: str, row: int, message: str) -> None:
        self.plan.problems.append(RowProblem(sheet, row, message))

    def _task(self, value: Any) -> Task:
        key = rd.task_key(value, "任务编号")
        if not key:
            raise rd.CellError("任务编号为空：措施和时间节点行都要写明所属任务，如 1.01。")
        if key not in self.tasks:
            raise rd.CellError(f"任务编号“{key}”不存在：请对照规划任务编号（1.01 至 5.12 等）。")
        return self.tasks[key]

    def _claim(self, key: str, sheet: str, row: int, what: str) -> None:
        if key in self.claimed:
            first_sheet, first_row = self.claimed[key]
            raise rd.CellError(f"与工作表“{first_sheet}”第 {first_row} 行是同一条{what}，请删去重复的一行。")
        self.claimed[key] = (sheet, row)

    def measure_row(self, sheet: str, line: rd.SheetRow) -> None:
        v = line.values
        if rd.text(v.get("level")) == lay.LEVEL_TASK:
            return  # the task's own row: read-only
        uid = rd.text(v.get("uid"))
        fields: dict[str, Any] = {
            "title": rd.text(v.get("title")),
            "department": rd.text(v.get("department")),
            "person": rd.text(v.get("person")),
            "co_units": rd.text(v.get("co_units")),
            "start_date": rd.date(v.get("start_date"), "开始日期"),
            "due_date": rd.date(v.get("due_date"), "完成期限"),
        }
        if not fields["title"] and not uid:
            if any(fields.values()):
                raise rd.CellError("措施名称为空：请填写措施名称（只有任务行可以不填）。")
            return  # a task row whose 层级 was cleared
        task = self._task(v.get("task_key"))
        if not fields["title"]:
            raise rd.CellError("措施名称为空：台账导入不会删除措施；如需删除，请在程序中操作。")
        if fields["start_date"] and fields["due_date"] and fields["start_date"] > fields["due_date"]:
            raise rd.CellError(f"开始日期 {fields['start_date']} 晚于完成期限 {fields['due_date']}。")
        existing = self._existing(uid, task, fields["title"], self.measure_by_uid, self.measures_by_title, "措施")
        self._claim(existing.uid if existing else f"measure:{task.id}:{fields['title']}", sheet, line.number, "措施")
        change = MeasureChange(sheet, line.number, task, fields, existing)
        if existing is None:
            self.plan.new_measures.append(change)
        else:
            change.changes = {k: fields[k] for k in MEASURE_FIELDS if getattr(existing, k) != fields[k]}
            if change.changes:
                self.plan.changed_measures.append(change)
            else:
                self.plan.unchanged += 1
        ref: int | str = existing.id if existing else f"new:{len(self.plan.new_measures)}"
        self.parents[(task.id, fields["title"])].add(ref)
        self.parent_of.setdefault(ref, change if existing is None else existing)

    def _existing(
        self, uid: str, task: Task, title: str, by_uid: dict[str, Any], by_title: dict[Any, list[Any]], what: str
    ) -> Any:
        if uid:
            found = by_uid.get(uid)
            if found is None:
                raise rd.CellError(f"记录标识“{uid}”在本单位数据中找不到：新增的{what}请把“记录标识”留空。")
            if found.task_id != task.id:
                shown = next((k for k, t in self.tasks.items() if t.id == found.task_id), "?")
                raise rd.CellError(
                    f"该{what}属于任务 {shown}，不能通过台账改到任务 {task.key}：请改回任务编号，或在程序中调整。"
                )
            return found
        same = by_title.get((task.id, title), [])
        if len(same) > 1:
            raise rd.CellError(f"任务 {task.key} 下有 {len(same)} 条同名{what}“{title}”：请填写“记录标识”以区分。")
        return same[0] if same else None

    def milestone_row(self, sheet: str, line: rd.SheetRow) -> None:
        v = line.values
        task = self._task(v.get("task_key"))
        uid = rd.text(v.get("uid"))
        target_key = rd.text(v.get("target_key")) or None
        if target_key and target_key not in self.targets:
            raise rd.CellError(
                f"对应指标“{target_key}”不是规划中的指标：请留空，或填写 {'、'.join(sorted(self.targets))}。"
            )
        fields: dict[str, Any] = {
            "title": rd.text(v.get("title")),
            "due_date": rd.date(v.get("due_date"), "到期日期"),
            "target_value": rd.number(v.get("target_value"), "目标值"),
            "target_unit": rd.text(v.get("target_unit")),
            "target_key": target_key,
            "actual_value": rd.number(v.get("actual_value"), "实际值"),
            "achieved_date": rd.date(v.get("achieved_date"), "完成日期"),
        }
        if not fields["title"]:
            raise rd.CellError("时间节点名称为空：台账导入不会删除时间节点；如需删除，请在程序中操作。")
        if fields["due_date"] is None:
            raise rd.CellError("到期日期为空：每个时间节点都要有到期日期，如 2026-11-30。")
        parent = self._parent(task, rd.text(v.get("measure")))
        existing = self._existing(
            uid, task, fields["title"], self.milestone_by_uid, self.milestones_by_title, "时间节点"
        )
        self._claim(
            existing.uid if existing else f"milestone:{task.id}:{fields['title']}", sheet, line.number, "时间节点"
        )
        change = MilestoneChange(sheet, line.number, task, parent, fields, existing)
        if existing is None:
            self.plan.new_milestones.append(change)
            return
        now_parent = parent.id if isinstance(parent, Measure) else (None if parent is None else "new")
        if existing.measure_id != now_parent:
            raise rd.CellError("“所属措施”与该时间节点现在所属的措施不同：台账导入不能移动时间节点，请改回原措施名称。")
        change.changes = {k: fields[k] for k in MILESTONE_FIELDS if getattr(existing, k) != fields[k]}
        if change.changes:
            self.plan.changed_milestones.append(change)
        else:
            self.plan.unchanged += 1

    def _parent(self, task: Task, name: str) -> Measure | MeasureChange | None:
        if not name:
            return None
        refs = self.parents.get((task.id, name), set())
        if not refs:
            raise rd.CellError(f"所属措施“{name}”在任务 {task.key} 下找不到：请填写该任务下措施的名称，或留空。")
        if len(refs) > 1:
            raise rd.CellError(f"任务 {task.key} 下有多条措施名为“{name}”：请先在程序中把措施改成不同的名称。")
        return self.parent_of[next(iter(refs))]


def plan_ledger_import(store: Store, path: Path, progress: Progress | None = None) -> LedgerPlan:
    """The dry run: read and check every row; write nothing."""
    book = rd.read_ledger_workbook(path)
    plan = LedgerPlan(path, sheets=[s.name for s in book.sheets], skipped_sheets=list(book.skipped))
    plan.problems.extend(RowProblem(sheet, row, message) for sheet, row, message in book.problems)
    if not book.sheets and not book.problems:
        raise InputError(
            f"“{path.name}”中没有台账格式的工作表（表头须含“任务编号”“措施名称”或“时间节点”“到期日期”）："
            "请用 planprogress report --format xlsx 导出的台账作为模板。"
        )
    planner = _Planner(store, plan, ledger_plan(store, book))
    ordered = [s for s in book.sheets if s.kind == "project"] + [s for s in book.sheets if s.kind == "milestone"]
    total = sum(len(s.rows) for s in ordered)
    done = 0
    for sheet in ordered:
        handle = planner.measure_row if sheet.kind == "project" else planner.milestone_row
        for line in sheet.rows:
            try:
                handle(sheet.name, line)
            except rd.CellError as exc:
                planner.problem(sheet.name, line.number, str(exc))
            done += 1
            if progress and (done % 200 == 0 or done == total):
                progress(done, total)
    plan.progress_edits = progress_edits(store, book)
    plan.problems.sort(key=lambda p: (plan.sheets.index(p.sheet) if p.sheet in plan.sheets else -1, p.row))
    return plan


@dataclass(frozen=True)
class LedgerResult:
    added_measures: int
    updated_measures: int
    added_milestones: int
    updated_milestones: int


def apply_ledger_import(store: Store, plan: LedgerPlan, progress: Progress | None = None) -> LedgerResult:
    """Write the whole plan in one transaction; on any error nothing is written."""
    if plan.problems:
        raise LedgerProblemsError(plan)
    total, done = plan.change_count, 0
    created: dict[int, int] = {}  # id(MeasureChange) -> new measure id
    current: MeasureChange | MilestoneChange | None = None

    def step() -> None:
        nonlocal done
        done += 1
        if progress and (done % 100 == 0 or done == total):
            progress(done, total)

    try:
        with store.database.transaction():
            for current in plan.new_measures:
                measure = store.measures.add(current.task.id, **current.fields)
                created[id(current)] = measure.id
                step()
            for current in plan.changed_measures:
                assert current.existing is not None
                store.measures.update(current.existing.id, **current.changes)
                step()
            for current in plan.new_milestones:
                _add_milestone(store, current, created)
                step()
            for current in plan.changed_milestones:
                assert current.existing is not None
                store.milestones.update(current.existing.id, **current.changes)
                step()
    except PlanProgressError as exc:
        where = f"工作表“{current.sheet}”第 {current.row} 行：" if current is not None else ""
        raise type(exc)(f"{where}{exc}（没有导入任何内容）") from exc
    return LedgerResult(
        len(plan.new_measures), len(plan.changed_measures), len(plan.new_milestones), len(plan.changed_milestones)
    )


def _add_milestone(store: Store, change: MilestoneChange, created: dict[int, int]) -> None:
    f = change.fields
    if isinstance(change.parent, Measure):
        parent_id = change.parent.id
    elif isinstance(change.parent, MeasureChange):
        parent_id = created[id(change.parent)]
    else:
        parent_id = change.task.id
    due: dt.date = f["due_date"]
    milestone = store.milestones.add(
        parent_id,
        f["title"],
        due,
        target_value=f["target_value"],
        target_unit=f["target_unit"],
        target_key=f["target_key"],
    )
    if f["actual_value"] is not None or f["achieved_date"] is not None:
        store.milestones.update(milestone.id, actual_value=f["actual_value"], achieved_date=f["achieved_date"])
