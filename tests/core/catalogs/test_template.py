"""The Excel template: what the program writes, and every way a filled one is refused by `province catalog add`
with the sheet, row and column named and nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.services.catalogs.template import GUIDE, PLAN, SHEETS, TARGETS, TASKS
from tests.core.conftest import CliResult

from .conftest import fill_template, sample_plan, write_json

Cli = Callable[..., CliResult]
Snapshot = Callable[[], tuple[list[tuple[Any, ...]], int]]


def test_the_template_has_its_sheets_instructions_and_validation(cli: Cli, office_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "十五五规划模板.xlsx"
    result = cli("province", "catalog", "template", "--out", str(out), home_dir=office_home)
    assert result.code == 0, result.err
    wb = load_workbook(out)
    assert tuple(wb.sheetnames) == SHEETS
    assert "province catalog add" in str(wb[GUIDE]["A1"].value)
    assert [c.value for c in wb[TASKS][1]] == ["工程序号", "工程名称", "任务编号", "任务内容", "撤销于版本"]
    kinds = {str(dv.sqref): dv.type for dv in wb[TARGETS].data_validations.dataValidation}
    assert kinds == {"E2:E1000": "whole", "F2:F1000": "decimal"}
    assert wb[TASKS]["C2"].number_format == "@"  # a key typed as 1.10 stays text
    again = cli("province", "catalog", "template", "--out", str(out), home_dir=office_home)
    assert again.code != 0 and "已存在" in again.err


def test_a_filled_template_is_issued_and_listed(cli: Cli, office_home: Path, tmp_path: Path) -> None:
    filled = fill_template(tmp_path / "示例.xlsx", sample_plan())
    result = cli("--json", "province", "catalog", "add", str(filled), home_dir=office_home)
    assert result.code == 0, result.err
    assert result.json()["issued"] is True
    listed = cli("--json", "province", "catalog", "list", home_dir=office_home).json()
    sample = [e for e in listed if e["id"] == "sample-15fyp"]
    assert sample == [
        {
            "id": "sample-15fyp",
            "version": "1.0.0",
            "title": "示例规划（测试用）",
            "years": [2026, 2030],
            "counts": {"projects": 2, "tasks": 3, "targets": 1, "retired": 0},
            "issued_at": sample[0]["issued_at"],
            "shipped": False,
        }
    ]
    assert sample[0]["issued_at"]
    assert [e["id"] for e in listed if e["shipped"]] == ["gd-prison-14fyp"]
    # the same plan again as JSON: the same content, nothing new stored
    same = cli("province", "catalog", "add", str(write_json(tmp_path / "s.json", sample_plan())), home_dir=office_home)
    assert same.code == 0 and "已经发布过" in same.out


def _refused(cli: Cli, office_home: Path, stored: Snapshot, path: Path) -> str:
    before = stored()
    result = cli("province", "catalog", "add", str(path), "--yes", home_dir=office_home)
    assert result.code == 2, result.out + result.err
    assert "什么都没有保存" in result.err
    assert stored() == before
    return result.err


def _edit(path: Path, change: Callable[[Any], None]) -> Path:
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _percent(wb: Any) -> None:
    """A clerk types 60% into a cell Excel formats as a percentage: it stores 0.6."""
    cell = wb[TARGETS]["F2"]
    cell.value = 0.6
    cell.number_format = "0%"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda wb: setattr(wb[TASKS]["D3"], "value", None),
            "工作表“工程与任务” 第3行 D列（任务内容）：“任务内容”未填写",
        ),
        (
            lambda wb: wb[TASKS].cell(4, 3, "2.01").parent.cell(3, 3, "1.01"),
            "第3行 C列（任务编号）：任务编号 1.01 重复",
        ),
        (
            lambda wb: wb[TARGETS].cell(3, 5, 2031),
            "工作表“指标与目标” 第3行 E列（目标年份）：目标年份 2031 不在规划年份",
        ),
        (
            lambda wb: wb[TARGETS].cell(2, 6, "六十"),
            "工作表“指标与目标” 第2行 F列（目标值）：“目标值”应为数字，现为文字“六十”",
        ),
        (lambda wb: wb[PLAN].cell(5, 2, "2026年"), "工作表“规划信息” 第5行 B列（起始年份）：“起始年份”应为整数"),
        (lambda wb: wb[TASKS].cell(2, 3, 1.1), "第2行 C列（任务编号）：“任务编号”应为文字，现为数字 1.1"),
        (lambda wb: wb[TASKS].merge_cells("A2:A3"), "工作表“工程与任务” 第2行 A列：合并了单元格 A2:A3"),
        (lambda wb: setattr(wb[TASKS].row_dimensions[3], "hidden", True), "工作表“工程与任务” 第3行：这一行被隐藏"),
        (
            lambda wb: setattr(wb[TASKS], "title", "任务"),
            "缺少工作表 “工程与任务”（现有：填写说明、规划信息、任务、指标与目标）",
        ),
        (lambda wb: wb.remove(wb[TARGETS]), "缺少工作表 “指标与目标”"),
        (lambda wb: wb[TARGETS].cell(1, 6, "目标"), "工作表“指标与目标” 第1行 F列：表头应为“目标值”"),
        (lambda wb: wb[TASKS].cell(3, 2, "别的名称"), "第3行 B列（工程名称）：工程 1 的名称与前面的行"),
        (_percent, "工作表“指标与目标” 第2行 F列（目标值）：单元格是百分比格式"),
    ],
    ids=[
        "empty-task",
        "duplicate-key",
        "goal-year-outside",
        "text-in-number",
        "text-in-year",
        "key-as-number",
        "merged",
        "hidden-row",
        "sheet-renamed",
        "sheet-missing",
        "header-changed",
        "project-name-differs",
        "percent-format",
    ],
)
def test_a_bad_template_is_refused_by_sheet_row_and_column(
    cli: Cli, office_home: Path, stored: Snapshot, tmp_path: Path, change: Callable[[Any], None], expected: str
) -> None:
    filled = _edit(fill_template(tmp_path / "示例.xlsx", sample_plan()), change)
    assert expected in _refused(cli, office_home, stored, filled)


def test_every_problem_is_listed_at_once(cli: Cli, office_home: Path, stored: Snapshot, tmp_path: Path) -> None:
    def two(wb: Any) -> None:
        wb[TASKS]["D3"].value = None
        wb[TARGETS].cell(3, 5, 2035)

    err = _refused(cli, office_home, stored, _edit(fill_template(tmp_path / "示例.xlsx", sample_plan()), two))
    assert "有 2 处问题" in err and "第3行 D列" in err and "2035" in err


@pytest.mark.parametrize(
    ("name", "content"),
    [("规划.xlsx", b"just text, not a workbook"), ("规划.xls", b"\xd0\xcf\x11\xe0old excel"), ("规划.csv", b"a,b\n")],
)
def test_a_file_that_is_not_xlsx_is_refused(
    cli: Cli, office_home: Path, stored: Snapshot, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert f"{name}：不是 Excel 工作簿（.xlsx）" in _refused(cli, office_home, stored, path)
