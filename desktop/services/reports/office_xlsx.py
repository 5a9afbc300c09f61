"""The office summary as a workbook the office can filter and sort: the same facts as the PDF, one table
per sheet, written with the ledger's sheet writer (frozen headers, filters, widths for Chinese text)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from desktop.services.office.indicator_lines import BY_YEAR_END, GOAL, INDICATOR, NOW, UNITS_NOW, VERDICT
from desktop.services.reports.ledger_layout import Column
from desktop.services.reports.ledger_xlsx import write_sheet
from desktop.services.reports.office_pdf import OfficeReportData
from desktop.services.reports.output import atomic_output, check_target

Progress = Callable[[int, int], None]

_STEPS = 5  # four tables and saving

_REPORTING = (
    Column("name", "单位", 24),
    Column("code", "代码", 12),
    Column("reported", "本期", 8),
    Column("seq", "最近数据包序号", 14),
    Column("at", "接收时间", 18),
)
_INDICATORS = (  # the headings of the window and the PDF; numbers as numbers, so a clerk can filter
    Column("name", INDICATOR, 28),
    Column("year", "目标年份", 10),
    Column("goal", GOAL, 10),
    Column("by_year_end", BY_YEAR_END, 12),
    Column("now", NOW, 10),
    Column("achieved", UNITS_NOW, 12),
    Column("total", "在用单位数", 10),
    Column("verdict", VERDICT, 20),
)
_RED = (
    Column("name", "单位", 24),
    Column("code", "代码", 12),
    Column("task_key", "任务编号", 10),
    Column("kind", "类别", 10),
    Column("title", "事项", 48, wrap=True),
    Column("responsible", "责任部门 / 责任人", 20),
    Column("reason", "原因", 40, wrap=True),
)


def _matrix_columns(data: OfficeReportData) -> tuple[Column, ...]:
    projects = tuple(Column(f"p{n}", name, 14) for n, name in enumerate(data.projects))
    return (Column("name", "单位", 24), Column("code", "代码", 12), *projects, Column("average", "平均", 8))


def _average(values: tuple[int | None, ...]) -> int | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known)) if known else None


def _indicator_rows(data: OfficeReportData) -> list[list[Any]]:
    return [
        [
            line.name,
            line.goal_year,
            line.goal_value,
            line.by_year_end,
            line.now,
            len(line.achieved),
            line.total,
            line.texts()[-1],
        ]
        for line in data.indicators
    ]


def build_office_workbook(data: OfficeReportData, progress: Progress | None = None) -> Workbook:
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    units = sorted(data.units, key=lambda u: u.code)
    reporting = [
        [u.name, u.code, "已报送" if u.reported else "未报送", u.last_seq, u.last_at or None]
        for u in sorted(units, key=lambda u: (u.reported, u.code))
    ]
    write_sheet(wb.create_sheet("报送情况"), _REPORTING, reporting)
    if progress:
        progress(1, _STEPS)
    matrix = [[u.name, u.code, *u.percents, _average(u.percents)] for u in units]
    write_sheet(wb.create_sheet("完成情况（%）"), _matrix_columns(data), matrix)
    if progress:
        progress(2, _STEPS)
    write_sheet(wb.create_sheet("全省指标"), _INDICATORS, _indicator_rows(data))
    if progress:
        progress(3, _STEPS)
    red = [[u.name, u.code, r.task_key, r.kind, r.title, r.responsible, r.reason] for u in units for r in u.red_items]
    write_sheet(wb.create_sheet("红灯事项"), _RED, red)
    notes = wb.create_sheet("说明")
    for line in (
        ("报告", f"{data.office} {data.plan_title} 全省推进情况汇总"),
        ("报告期", f"{data.period.label}（{data.period.code}）"),
        ("生成时间", data.generated.strftime("%Y-%m-%d %H:%M")),
        ("单位数", f"{len(data.units)}，本期未报送 {sum(1 for u in data.units if not u.reported)}"),
        ("已吊销（不计入统计）", "、".join(data.revoked) or "无"),
        ("空白", "完成情况中空白表示尚未收到该单位的数据包。"),
    ):
        notes.append(list(line))
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 80
    for (cell,) in notes.iter_rows(min_col=1, max_col=1):
        cell.font = Font(bold=True)
    if progress:
        progress(4, _STEPS)
    wb.properties.title = f"{data.office} {data.period.label} 全省推进情况汇总"
    wb.properties.creator = "planprogress"
    return wb


def export_office_workbook(data: OfficeReportData, out: Path, progress: Progress | None = None) -> int:
    """Write the summary workbook to `out` (replaced only when complete); return the number of data rows."""
    out = check_target(out, (".xlsx",))
    wb = build_office_workbook(data, progress)
    rows = sum(max(int(ws.max_row) - 1, 0) for ws in wb.worksheets if ws.title != "说明")
    with atomic_output(out) as tmp:
        wb.save(tmp)
    if progress:
        progress(_STEPS, _STEPS)
    return rows
