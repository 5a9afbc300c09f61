"""The Excel ledger's layout, defined once: export writes these headers and import reads them back.

Import finds columns by header text (order and extra columns do not matter) and sheets by their headers
(a renamed sheet still works). Columns marked `editable=False` are written for reading and filtering only.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int  # the widest a column grows, in Excel character units
    editable: bool = False
    wrap: bool = False


def _columns(*columns: Column) -> tuple[Column, ...]:
    return columns


# One sheet per project: a row per plan task (层级 任务), then a row per measure under it (层级 措施).
PROJECT_COLUMNS = _columns(
    Column("task_key", "任务编号", 10, editable=True),
    Column("level", "层级", 6),
    Column("task_text", "规划任务", 40, wrap=True),
    Column("title", "措施名称", 36, editable=True, wrap=True),
    Column("department", "责任部门", 16, editable=True),
    Column("person", "责任人", 12, editable=True),
    Column("co_units", "协办单位", 16, editable=True),
    Column("start_date", "开始日期", 12, editable=True),
    Column("due_date", "完成期限", 12, editable=True),
    Column("status", "本期状态", 10),
    Column("percent", "完成百分比", 10),
    Column("note", "进展说明", 48, wrap=True),
    Column("light", "状态灯", 10),
    Column("evidence", "佐证材料数", 10),
    Column("uid", "记录标识", 38, editable=True),
)

MILESTONE_SHEET = "时间节点"
MILESTONE_COLUMNS = _columns(
    Column("task_key", "任务编号", 10, editable=True),
    Column("task_text", "规划任务", 36, wrap=True),
    Column("measure", "所属措施", 30, editable=True, wrap=True),
    Column("title", "时间节点", 36, editable=True, wrap=True),
    Column("due_date", "到期日期", 12, editable=True),
    Column("target_value", "目标值", 10, editable=True),
    Column("target_unit", "计量单位", 10, editable=True),
    Column("target_key", "对应指标", 26, editable=True),
    Column("actual_value", "实际值", 10, editable=True),
    Column("achieved_date", "完成日期", 12, editable=True),
    Column("light", "状态灯", 10),
    Column("evidence", "佐证材料数", 10),
    Column("uid", "记录标识", 38, editable=True),
)

EVIDENCE_SHEET = "佐证材料"
EVIDENCE_COLUMNS = _columns(
    Column("id", "编号", 8),
    Column("task_key", "任务编号", 10),
    Column("supports", "佐证对象", 40, wrap=True),
    Column("title", "标题", 30, wrap=True),
    Column("category", "类别", 12),
    Column("period", "所属期", 14),
    Column("original_name", "原文件名", 40, wrap=True),
    Column("size", "大小（字节）", 14),
    Column("sha256", "SHA-256", 66),
    Column("media_type", "文件类型", 18),
    Column("added_by", "添加人", 12),
    Column("added_at", "添加时间", 22),
)

README_SHEET = "说明"
README_PLAN = (
    "规划目录"  # the 说明 line naming the plan (catalog id) the ledger is of: its task numbers are that plan's
)

# A sheet is a project sheet when row 1 holds these headers, a milestone sheet when it holds those.
PROJECT_REQUIRED = ("任务编号", "措施名称")
MILESTONE_REQUIRED = ("任务编号", "时间节点", "到期日期")

LEVEL_TASK = "任务"
LEVEL_MEASURE = "措施"


def header_map(columns: tuple[Column, ...]) -> dict[str, Column]:
    return {c.header: c for c in columns}


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and other wide characters count as 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def project_sheet_name(number: int, name: str) -> str:
    """`1 凝心聚力工程`: unique by number, within Excel's 31 characters, without characters Excel forbids."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'")
    return f"{number} {cleaned}"[:31]
