"""The Excel ledger as a clerk opens it: one sheet per project, milestones, evidence; frozen headers,
filters, widths that fit Chinese, and values Excel will not mangle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop.services.reports import ledger_layout as lay
from desktop.services.reports.ledger_xlsx import export_ledger
from desktop.services.reports.unit_data import collect_unit_report
from tests.core.reports.conftest import MEASURE_TITLE, NOW, ODD_NAMES, PERIOD, Sample

SHEETS = [
    "1 凝心聚力工程",
    "2 平安监狱工程",
    "3 公正廉洁工程",
    "4 改造提质工程",
    "5 精准保障工程",
    lay.MILESTONE_SHEET,
    lay.EVIDENCE_SHEET,
    lay.README_SHEET,
]


@pytest.fixture
def workbook_path(sample: Sample, tmp_path: Path) -> Path:
    out = tmp_path / "台账 2026-Q4.xlsx"
    rows = export_ledger(collect_unit_report(sample.store, PERIOD, NOW), out)
    assert rows == 54 + 2 + 2 + 3  # task rows + measure rows + milestones + evidence
    return out


def _headers(ws: Worksheet) -> list[str]:
    return [c.value for c in next(ws.iter_rows(max_row=1))]


def _rows(ws: Worksheet) -> list[dict[str, object]]:
    headers = _headers(ws)
    return [dict(zip(headers, values, strict=True)) for values in ws.iter_rows(min_row=2, values_only=True)]


def test_sheets_frozen_headers_and_filters(workbook_path: Path) -> None:
    wb = load_workbook(workbook_path)
    assert wb.sheetnames == SHEETS
    layouts = [lay.PROJECT_COLUMNS] * 5 + [lay.MILESTONE_COLUMNS, lay.EVIDENCE_COLUMNS]
    for name, columns in zip(SHEETS, layouts, strict=False):
        ws = wb[name]
        assert _headers(ws) == [c.header for c in columns], name
        assert ws.freeze_panes == "B2", name
        last = get_column_letter(len(columns))
        assert ws.auto_filter.ref == f"A1:{last}{max(ws.max_row, 2)}", name
        assert ws["A1"].font.b


def test_widths_fit_chinese_text(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["1 凝心聚力工程"]
    widths = {c.header: ws.column_dimensions[get_column_letter(i)].width for i, c in enumerate(lay.PROJECT_COLUMNS, 1)}
    assert widths["措施名称"] >= lay.display_width("建立“第一议题”制度")  # CJK counted as 2
    assert widths["措施名称"] <= 38 + 2  # long titles wrap instead of making a huge column
    assert widths["完成百分比"] >= lay.display_width("完成百分比")
    assert widths["规划任务"] >= 30
    assert lay.display_width("中文ab") == 6


def test_project_sheet_rows(workbook_path: Path, sample: Sample) -> None:
    rows = _rows(load_workbook(workbook_path)["1 凝心聚力工程"])
    assert [r["任务编号"] for r in rows[:3]] == ["1.01", "1.01", "1.01"]
    assert [r["层级"] for r in rows[:3]] == ["任务", "措施", "措施"]
    task_row, measure_row = rows[0], rows[1]
    assert task_row["本期状态"] == "推进中" and task_row["完成百分比"] == 60
    assert measure_row["措施名称"] == MEASURE_TITLE
    assert measure_row["责任人"] == "张三" and measure_row["协办单位"] == "各监区"
    assert measure_row["开始日期"] == dt.datetime(2026, 1, 1)
    assert measure_row["记录标识"] == sample.store.measures.get(sample.measure_id).uid
    assert measure_row["佐证材料数"] == 3
    assert rows[-1]["任务编号"] == "1.13"


def test_task_keys_stay_text(workbook_path: Path) -> None:
    ws = load_workbook(workbook_path)["1 凝心聚力工程"]
    keys = [row[0] for row in ws.iter_rows(min_row=2, max_col=1)]
    assert "1.10" in [k.value for k in keys]  # not the number 1.1
    assert all(k.number_format == "@" for k in keys)


def test_milestone_and_evidence_sheets(workbook_path: Path, sample: Sample) -> None:
    wb = load_workbook(workbook_path)
    milestones = _rows(wb[lay.MILESTONE_SHEET])
    done = next(r for r in milestones if r["时间节点"] == "完成第一期轮训")
    assert done["所属措施"] == MEASURE_TITLE
    assert (done["目标值"], done["计量单位"], done["实际值"]) == (100, "人", 98)
    assert done["完成日期"] == dt.datetime(2026, 3, 28)
    direct = next(r for r in milestones if r["时间节点"] == "规范化监狱创建达标")
    assert direct["所属措施"] is None
    evidence = _rows(wb[lay.EVIDENCE_SHEET])
    assert {r["原文件名"] for r in evidence} == set(ODD_NAMES)  # exact names, emoji included
    for row in evidence:
        record = sample.store.evidence.get(int(str(row["编号"])))
        assert row["SHA-256"] == record.sha256 and row["大小（字节）"] == record.size


def test_refuses_wrong_extension(sample: Sample, tmp_path: Path) -> None:
    from desktop.domain.errors import InputError

    with pytest.raises(InputError, match=r"\.xlsx"):
        export_ledger(collect_unit_report(sample.store, PERIOD, NOW), tmp_path / "台账.xls")
