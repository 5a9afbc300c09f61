"""The ledger's progress columns are shown, not imported, and import says so.

They do not map onto one period's progress: a task row's 完成百分比 is rolled up from its measures, a row not
reported for the ledger's period shows an earlier period's progress, and an approved period is locked. So
import reads them only to compare with what the ledger was exported with, and names every row where the clerk
changed them: typed progress is never dropped without a word.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop.services.plans import plan_for
from desktop.services.reports import ledger_layout as lay
from desktop.services.reports import ledger_read as rd
from desktop.store import Store

PROGRESS_KEYS = ("status", "percent", "note")
COLUMNS = tuple(c.header for c in lay.PROJECT_COLUMNS if c.key in PROGRESS_KEYS)
NOT_REPORTED = "未填报"
REASON = (
    "这几列只供查看：任务行的完成百分比由措施汇总算出，未填报的报告期显示的是以前报告期的进度，"
    "已审核通过的报告期也不能再改，所以导入时不读取"
)
WHAT_TO_DO = (
    "进度请在程序中填报，或用 planprogress progress 编号 --period 报告期 --status 状态 --percent 百分比"
    "（编号用 planprogress tasks 或 measure list 查看）"
)

Shown = tuple[str, float | None, str]  # status text, percent, note as the ledger showed them


@dataclass(frozen=True)
class ProgressEdit:
    """A row whose progress columns differ from what the ledger was exported with."""

    sheet: str
    row: int
    task_key: str
    title: str  # the measure's name; empty on a task's own row
    columns: tuple[str, ...]

    def __str__(self) -> str:
        what = f"任务 {self.task_key}" + (f"“{self.title}”" if self.title else "")
        return f"工作表“{self.sheet}”第 {self.row} 行（{what}）：{'、'.join(self.columns)}"

    def data(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "task": self.task_key,
            "title": self.title,
            "columns": list(self.columns),
        }


def notice() -> str:
    return f"台账的 {'、'.join(COLUMNS)} 列没有导入。{REASON}。{WHAT_TO_DO}。"


def _shown_values(store: Store, period: str | None, plan: str) -> dict[tuple[str, str], Shown]:
    """What the export wrote in the progress columns for the ledger's period (see ledger_xlsx)."""
    if period is None:
        return {}
    shown: dict[tuple[str, str], Shown] = {}
    for project in store.overview(period, dt.date.today(), plan=plan):
        for view in project.tasks:
            entry = view.progress
            status = entry.status.value if entry else NOT_REPORTED
            shown[("task", view.task.key)] = (status, float(view.percent), entry.note.strip() if entry else "")
            for mv in view.measures:
                m = mv.progress
                percent = float(m.percent) if m else None
                note = m.note.strip() if m else ""
                shown[("measure", mv.measure.uid)] = (m.status.value if m else NOT_REPORTED, percent, note)
    return shown


def _percent(value: Any) -> float | str | None:
    try:
        return rd.number(value, "完成百分比")
    except rd.CellError:
        return rd.text(value)  # not a number: differs from anything shown


def ledger_plan(store: Store, book: rd.Workbook) -> str:
    """The plan whose task numbers the ledger uses: the one its 说明 sheet names; a ledger that names none was
    exported when a home held one plan, the one it was built from."""
    return plan_for(store, book.plan or store.unit().catalog_id or None).id


def progress_edits(store: Store, book: rd.Workbook) -> list[ProgressEdit]:
    """Rows whose progress columns were changed (or filled in on a new row). Without the ledger's period (its
    说明 sheet deleted) only new rows can be checked."""
    shown = _shown_values(store, book.period, ledger_plan(store, book))
    edits: list[ProgressEdit] = []
    for sheet in book.sheets:
        if sheet.kind != "project":
            continue
        for line in sheet.rows:
            v = line.values
            try:
                key = rd.task_key(v.get("task_key"), "任务编号")
            except rd.CellError:
                continue  # reported as a problem by the import itself
            is_task = rd.text(v.get("level")) == lay.LEVEL_TASK
            uid = rd.text(v.get("uid"))
            if is_task or uid:
                known = shown.get(("task", key) if is_task else ("measure", uid))
                if known is None:
                    continue  # period unknown, or a record the import itself refuses
            else:
                known = (NOT_REPORTED, None, "")
            status = rd.text(v.get("status")) or NOT_REPORTED
            now = (status, _percent(v.get("percent")), rd.text(v.get("note")))
            changed = tuple(h for h, a, b in zip(COLUMNS, now, known, strict=True) if a != b)
            if changed:
                title = "" if is_task else rd.text(v.get("title"))
                edits.append(ProgressEdit(sheet.name, line.number, key, title, changed))
    return edits
