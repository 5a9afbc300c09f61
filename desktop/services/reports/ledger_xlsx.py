"""The Excel ledger (台账): the report's facts as sheets a clerk can filter, edit and import again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.services.reports import ledger_layout as lay
from desktop.services.reports.output import atomic_output, check_target
from desktop.services.reports.unit_data import UnitReportData

Progress = Callable[[int, int], None]

_EDITABLE_FILL = PatternFill("solid", fgColor="DCE9F7")
_READONLY_FILL = PatternFill("solid", fgColor="E7E7E7")
_HEADER_FONT = Font(bold=True)
_THIN = Side(style="thin", color="A0A0A0")
_HEADER_BORDER = Border(bottom=_THIN, top=_THIN, left=_THIN, right=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_TEXT_COLUMNS = ("task_key", "uid", "sha256")  # kept as text so Excel never turns 1.10 into 1.1
_MAX_SAMPLE = 400  # rows looked at when sizing a column: enough to size it, cheap for 5,000 rows


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_sheet(ws: Worksheet, columns: Sequence[lay.Column], rows: Iterable[Sequence[Any]]) -> int:
    ws.append([c.header for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index)
        cell.font = _HEADER_FONT
        cell.fill = _EDITABLE_FILL if column.editable else _READONLY_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    widths = [lay.display_width(c.header) + 2 for c in columns]
    count = 0
    for count, row in enumerate(rows, start=1):
        ws.append(list(row))
        if count <= _MAX_SAMPLE:
            for i, value in enumerate(row):
                widths[i] = max(widths[i], lay.display_width(_cell_text(value)) + 2)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = min(max(widths[index - 1], 6), column.width + 2)
        if column.key in _TEXT_COLUMNS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "@"
        if column.wrap:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = _WRAP
        if column.key.endswith("_date"):
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "B2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(count + 1, 2)}"
    ws.row_dimensions[1].height = 20
    return count


def _project_rows(data: UnitReportData, number: int) -> list[list[Any]]:
    rows: list[list[Any]] = []
    project = data.projects[number]
    for view in project.tasks:
        entry = view.progress
        values: dict[str, Any] = {
            "task_key": view.task.key,
            "level": lay.LEVEL_TASK,
            "task_text": view.task.label,
            "status": entry.status.value if entry else "未填报",
            "percent": view.percent,
            "note": entry.note if entry else "",
            "light": view.light.label,
            "evidence": view.evidence,
        }
        rows.append([values.get(c.key) for c in lay.PROJECT_COLUMNS])
        for mv in view.measures:
            m, mentry = mv.measure, mv.progress
            values = {
                "task_key": view.task.key,
                "level": lay.LEVEL_MEASURE,
                "task_text": view.task.label,
                "title": m.title,
                "department": m.department,
                "person": m.person,
                "co_units": m.co_units,
                "start_date": m.start_date,
                "due_date": m.due_date,
                "status": mentry.status.value if mentry else "未填报",
                "percent": mentry.percent if mentry else None,
                "note": mentry.note if mentry else "",
                "light": mv.light.label,
                "evidence": mv.evidence,
                "uid": m.uid,
            }
            rows.append([values.get(c.key) for c in lay.PROJECT_COLUMNS])
    return rows


def _milestone_rows(data: UnitReportData) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for project in data.projects:
        for view in project.tasks:
            titles = {mv.measure.id: mv.measure.title for mv in view.measures}
            for msv in view.milestones:
                ms = msv.milestone
                values: dict[str, Any] = {
                    "task_key": view.task.key,
                    "task_text": view.task.label,
                    "measure": titles.get(ms.measure_id, "") if ms.measure_id else "",
                    "title": ms.title,
                    "due_date": ms.due_date,
                    "target_value": ms.target_value,
                    "target_unit": ms.target_unit,
                    "target_key": ms.target_key,
                    "actual_value": ms.actual_value,
                    "achieved_date": ms.achieved_date,
                    "light": msv.light.label,
                    "evidence": msv.evidence,
                    "uid": ms.uid,
                }
                rows.append([values.get(c.key) for c in lay.MILESTONE_COLUMNS])
    return rows


def _evidence_rows(data: UnitReportData) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for line in data.evidence:
        r = line.record
        values = {
            "id": r.id,
            "task_key": line.task_key,
            "supports": line.supports,
            "title": r.title,
            "category": r.category,
            "period": r.period,
            "original_name": r.original_name,
            "size": r.size,
            "sha256": r.sha256,
            "media_type": r.media_type,
            "added_by": r.added_by,
            "added_at": r.added_at,
        }
        rows.append([values.get(c.key) for c in lay.EVIDENCE_COLUMNS])
    return rows


def _readme(ws: Worksheet, data: UnitReportData) -> None:
    lines = [
        ("单位", f"{data.unit.name}（{data.unit.code}）"),
        ("规划", data.plan_title),
        (lay.README_PLAN, data.plan_id),
        ("报告期", f"{data.period.label}（{data.period.code}）"),
        ("生成时间", data.generated.strftime("%Y-%m-%d %H:%M")),
        ("审核状态", data.review_text),
        ("", ""),
        ("如何修改后导入", "在各工程工作表中增改措施，在“时间节点”工作表中增改时间节点，然后运行："),
        ("", "planprogress import-ledger 本文件.xlsx --dry-run   （先检查，不写入）"),
        ("", "planprogress import-ledger 本文件.xlsx             （确认后一次性导入）"),
        ("蓝色表头", "可修改的列；导入时读取。"),
        ("灰色表头", "只供查看和筛选的列（状态、进展、状态灯等）；导入时忽略，请在程序中填报进度。"),
        ("记录标识", "已有记录的编号，请勿修改；新增一行时留空即可。"),
        ("任务编号", "如 1.01，对应上面“规划”的任务；措施行和时间节点行都必须填写。"),
        ("所属措施", "时间节点挂在哪个措施下（填措施名称，须与同一任务下的措施名称一致）；留空表示直接挂在任务下。"),
        ("日期", "写成 2026-11-30 或 2026/11/30。"),
        ("删除", "导入不会删除任何记录；如需删除，请在程序中操作。"),
    ]
    for line in lines:
        ws.append(list(line))
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 100
    for (cell,) in ws.iter_rows(min_col=1, max_col=1):
        cell.font = _HEADER_FONT


def _steps(data: UnitReportData) -> int:
    return len(data.projects) + 3  # project sheets, milestones, evidence, saving


def build_workbook(data: UnitReportData, progress: Progress | None = None) -> Workbook:
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    total = _steps(data)
    for number, project in enumerate(data.projects):
        ws = wb.create_sheet(lay.project_sheet_name(project.project.number, project.project.name))
        write_sheet(ws, lay.PROJECT_COLUMNS, _project_rows(data, number))
        if progress:
            progress(number + 1, total)
    write_sheet(wb.create_sheet(lay.MILESTONE_SHEET), lay.MILESTONE_COLUMNS, _milestone_rows(data))
    write_sheet(wb.create_sheet(lay.EVIDENCE_SHEET), lay.EVIDENCE_COLUMNS, _evidence_rows(data))
    _readme(wb.create_sheet(lay.README_SHEET), data)
    if progress:
        progress(total - 1, total)
    wb.properties.title = f"{data.unit.name} {data.plan_title} {data.period.label} 规划推进台账"
    wb.properties.creator = "planprogress"
    return wb


def export_ledger(data: UnitReportData, out: Path, progress: Progress | None = None) -> int:
    """Write the ledger workbook to `out` (replaced only when complete); return the number of data rows."""
    out = check_target(out, (".xlsx",))
    wb = build_workbook(data, progress)
    rows = sum(max(int(ws.max_row) - 1, 0) for ws in wb.worksheets if ws.title != lay.README_SHEET)
    with atomic_output(out) as tmp:
        wb.save(tmp)
    if progress:
        progress(_steps(data), _steps(data))
    return rows
