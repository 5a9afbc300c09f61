"""Columns of the drill-down tables: tasks, measures, milestones and evidence of one unit."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.services.office.evidence import OfficeEvidence
from desktop.services.office.unit_view import MeasureRow, MilestoneRow, ProgressCell, TaskRow
from desktop.ui.format import date_text, local_time, period_code_label, size_text
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.models.table import CENTER, RIGHT, Column
from desktop.ui.widgets.lights import light_icon

ITEM_KINDS = {"task": tr_noop("任务"), "measure": tr_noop("措施"), "milestone": tr_noop("时间节点")}


def progress_text(cell: ProgressCell | None) -> str:
    if cell is None:
        return tr("未填报")
    status = tr(cell.status.value) if cell.status else ""
    return tr("{status}（沿用 {period}）").format(status=status, period=cell.period) if cell.carried else status


def task_state(task: TaskRow) -> str:
    if task.progress is None and any(m.progress for m in task.measures):
        return tr("按措施汇总")
    return progress_text(task.progress)


def task_columns() -> list[Column[TaskRow]]:
    return [
        Column(
            tr("序号"),
            lambda t: t.key,
            icon=lambda t: light_icon(t.light),
            tooltip=lambda t: f"{t.project}. {t.project_name}　{tr(t.light.label)}",
            sort_key=lambda t: (t.project, t.key),
        ),
        Column(tr("任务"), lambda t: t.text, tooltip=lambda t: t.text),
        Column(tr("状态"), task_state),
        Column(tr("完成"), lambda t: f"{t.percent}%", RIGHT, sort_key=lambda t: t.percent),
        Column(
            tr("时间节点"),
            lambda t: f"{t.milestones_done}/{len(t.milestones)}" if t.milestones else "",
            CENTER,
            tooltip=lambda t: tr("已完成/全部"),
        ),
        Column(tr("材料"), lambda t: str(t.evidence) if t.evidence else "", RIGHT, sort_key=lambda t: t.evidence),
    ]


def measure_columns() -> list[Column[MeasureRow]]:
    return [
        Column(tr("措施"), lambda m: m.title, icon=lambda m: light_icon(m.light), tooltip=lambda m: tr(m.light.label)),
        Column(tr("责任部门"), lambda m: m.department),
        Column(tr("责任人"), lambda m: m.person),
        Column(tr("完成期限"), lambda m: date_text(m.due_date)),
        Column(tr("状态"), lambda m: progress_text(m.progress)),
        Column(tr("完成"), lambda m: f"{m.progress.percent}%" if m.progress else "", RIGHT),
        Column(
            tr("进展说明"),
            lambda m: m.progress.note if m.progress else "",
            tooltip=lambda m: m.progress.note if m.progress else "",
        ),
    ]


def milestone_columns() -> list[Column[MilestoneRow]]:
    return [
        Column(
            tr("时间节点"), lambda m: m.title, icon=lambda m: light_icon(m.light), tooltip=lambda m: tr(m.light.label)
        ),
        Column(tr("期限"), lambda m: date_text(m.due_date)),
        Column(tr("目标"), lambda m: m.target, RIGHT),
        Column(tr("实际"), lambda m: m.actual, RIGHT),
        Column(tr("完成日期"), lambda m: date_text(m.achieved_date) or tr("未完成")),
    ]


def owner_text(record: OfficeEvidence) -> str:
    return f"{tr(ITEM_KINDS.get(record.item_kind, record.item_kind))}：{record.item_title}"


def evidence_columns() -> list[Column[OfficeEvidence]]:
    """What a reviewer scans a unit's files by: title, what it proves, the period it belongs to, when it was
    added. File name, size and hash are in the title's tooltip and under the preview, so the list fits beside
    the preview without scrolling sideways."""
    return [
        Column(
            tr("标题"),
            lambda e: e.title,
            tooltip=lambda e: (
                e.title + "\n" + tr("{name}（{size}）").format(name=e.original_name, size=size_text(e.size))
            ),
        ),
        Column(tr("归属"), owner_text, tooltip=owner_text),
        Column(tr("所属期"), lambda e: period_code_label(e.period) if e.period else ""),
        Column(
            tr("添加时间"),
            lambda e: local_time(e.added_at),
            tooltip=lambda e: tr("添加人：{who}").format(who=e.added_by),
        ),
    ]


EVIDENCE_OWNER = 1  # the column that takes the spare width
TITLE_SAMPLE = "专题教育实施方案"  # a usual title: longer ones elide, the tooltip has them whole
PERIOD_SAMPLE = "2026年第四季度"  # the longest period label
STAMP_SAMPLE = "2026-11-26T10:00:00Z"


def size_evidence_table(table: QTableView) -> None:
    """Widths from the table's font, never from the rows (the list is lazy: sizing to contents would only
    see the first page, and columns would jump as pages arrive): the title and time as wide as a usual
    value, 归属 takes the rest and elides."""
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    air = metrics.horizontalAdvance("空白")
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(EVIDENCE_OWNER, QHeaderView.ResizeMode.Stretch)
    for column, sample in ((0, TITLE_SAMPLE), (2, PERIOD_SAMPLE), (3, local_time(STAMP_SAMPLE))):
        header.resizeSection(column, max(header.sectionSizeHint(column), metrics.horizontalAdvance(sample) + air))
    table.setWordWrap(False)  # one line per row, cut with an ellipsis
