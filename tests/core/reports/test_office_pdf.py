"""The office summary report's renderer, fed plain per-unit data (the office database feeds it later)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from desktop.domain.periods import parse_period
from desktop.services.office.indicator_lines import IndicatorLine, Outcome
from desktop.services.reports.office_pdf import (
    OfficeReportData,
    OfficeUnitRow,
    RedItem,
    render_office_pdf,
)
from tests.core.reports.conftest import NOW, ink_stddev, pdf_pages, pdffonts, render_png

PROJECTS = ("凝心聚力工程", "平安监狱工程", "公正廉洁工程", "改造提质工程", "精准保障工程")


def _units(count: int) -> tuple[OfficeUnitRow, ...]:
    units = []
    for n in range(count):
        reds = tuple(
            RedItem(
                f"2.0{k % 8 + 1}",
                "措施",
                f"第{k + 1}项逾期措施：完善监控设备",
                f"逾期（到期 2026-0{k % 9 + 1}-15）",
                "狱政科",
            )
            for k in range(n % 4 * 12)
        )
        units.append(
            OfficeUnitRow(
                code=f"GD-{n + 1:02d}",
                name=f"广东省第{n + 1}监狱",
                reported=n % 5 != 3,
                last_seq=n + 1 if n % 7 else None,
                last_at="2026-11-20 10:00" if n % 7 else "",
                percents=tuple((n * 13 + k * 17) % 101 if n % 6 else None for k in range(len(PROJECTS))),
                red_items=reds,
            )
        )
    return tuple(units)


def _data(count: int = 30) -> OfficeReportData:
    achieved = tuple(f"GD-{n:02d}" for n in range(24))
    indicators = (
        IndicatorLine("规范化监狱创建达标率", "%", 2023, 80, 80.0, 80.0, achieved, 30, Outcome.MET),
        IndicatorLine("规范化监狱创建达标率", "%", 2027, 100, None, 80.0, achieved, 30, Outcome.NOT_YET),
    )
    return OfficeReportData(
        "广东省监狱管理局",
        "广东省监狱工作发展“十四五”规划",
        parse_period("2026-Q4"),
        NOW,
        PROJECTS,
        _units(count),
        indicators,
    )


def test_office_report_content(tmp_path: Path) -> None:
    out = tmp_path / "全省汇总.pdf"
    pages = render_office_pdf(_data(), out)
    texts = pdf_pages(out)
    assert pages == len(texts) >= 3
    text = re.sub(r"\s+", "", "".join(texts))
    assert "全省推进情况汇总报告" in text and "广东省监狱管理局" in text
    for name in PROJECTS:
        assert name in text
    assert "未报送：广东省第4监狱、" in text  # who is late, by name
    assert "规范化监狱创建达标率" in text and "2023年底80%" in text and "2027年底100%" in text
    assert "目标年底达到" in text and "目前达到" in text and "目前达标单位" in text and "24/30" in text
    assert "年度未结束" in text and "尚未达到" in text
    assert "全省平均" in text
    for n in (2, 16, 31):  # units with red items get a section each
        assert (f"广东省第{n}监狱（GD-{n:02d}）红灯事项" in text) == (n <= 30), n
    assert "无逾期或滞后事项的单位（6个）：广东省第5监狱（GD-05）" in text and "第36项逾期措施" in text
    assert "尚未收到数据包的单位（5个）：广东省第1监狱（GD-01）" in text
    assert "广东省第5监狱（GD-05）红灯事项" not in text
    assert all(row[-5] == "yes" for row in pdffonts(out))
    assert ink_stddev(render_png(out, 2, tmp_path / "p")) > 5


def test_units_without_red_items_share_one_line_not_a_page_each(tmp_path: Path) -> None:
    calm = OfficeReportData(
        "广东省监狱管理局",
        "规划",
        parse_period("2026-Q4"),
        NOW,
        PROJECTS,
        tuple(replace(u, red_items=(), last_seq=1) for u in _units(30)),
    )
    out = tmp_path / "全省汇总.pdf"
    pages = render_office_pdf(calm, out)
    texts = [re.sub(r"\s+", "", t) for t in pdf_pages(out)]
    section = next(i for i, t in enumerate(texts) if "四、各单位红灯事项" in t)
    assert section == pages - 1  # the whole section is its one page
    assert "无逾期或滞后事项的单位（30个）：广东省第1监狱（GD-01）、" in texts[-1]
    assert "红灯事项共" not in texts[-1] and "（GD-30）红灯事项" not in texts[-1]


def test_office_report_without_units(tmp_path: Path) -> None:
    out = tmp_path / "空.pdf"
    data = OfficeReportData("广东省监狱管理局", "规划", parse_period("2026"), NOW, PROJECTS, ())
    assert render_office_pdf(data, out) >= 2
    text = "".join(pdf_pages(out))
    assert "尚未登记任何单位" in text and "规划目录中没有量化指标" in text
