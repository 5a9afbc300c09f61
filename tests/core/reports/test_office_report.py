"""The office summary report from a real office: unit homes with measures, milestones and progress export
real bundles, the office imports them, and `province report` renders who is late, the units × projects
matrix, the standardisation indicator against its goals and each unit's red items."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.domain.catalog import Catalog
from desktop.domain.status import Status
from desktop.services.office import registry
from desktop.services.office.indicator_lines import HEADINGS
from desktop.services.office.status import province_status
from desktop.services.reports.office_data import collect_office_report
from desktop.services.reports.office_pdf import render_office_pdf
from desktop.store import Store
from tests.core.bundle.conftest import (
    OfficeKeys,
    accept,
    enroll,
    export,
    make_office,
    make_unit,
    office_keys,  # noqa: F401 - fixture
)
from tests.core.conftest import CliResult
from tests.core.reports.conftest import ink_stddev, pdf_pages, pdffonts, render_png
from tests.core.support import assert_error

Cli = Callable[..., CliResult]
TARGET = "standardized-prison-rate"
PERIOD = "2026-Q4"
TODAY = "2026-12-01"
OFFICE_NAME = "广东省监狱管理局"
NAMES = {"GD-GZ": "广州监狱", "GD-SG": "韶关监狱", "GD-MM": "茂名监狱", "GD-ST": "汕头监狱"}


def _standardisation(unit: Store, achieved: dt.date | None) -> None:
    task = next(t for t in unit.plan.tasks() if t.key == "5.12")
    milestone = unit.milestones.add(task.id, "规范化监狱创建达标", dt.date(2023, 12, 31), target_key=TARGET)
    if achieved:
        unit.milestones.mark_done(milestone.id, achieved)


def _guangzhou(unit: Store) -> None:
    """Reported for the quarter; one measure 滞后, one milestone overdue; standardised in 2023."""
    task = unit.plan.tasks(1)[0]
    on_track = unit.measures.add(task.id, "组织全体民警开展政治轮训", department="政治处", person="张三")
    lagging = unit.measures.add(task.id, "建设监区文化长廊", department="教育科", person="李四")
    unit.progress.record(task.id, PERIOD, Status.IN_PROGRESS, 60, "本季度集中学习三次")
    unit.progress.record(on_track.id, PERIOD, Status.IN_PROGRESS, 50)
    unit.progress.record(lagging.id, PERIOD, Status.LAGGING, 10, "因场地改造推迟")
    unit.milestones.add(lagging.id, "文化长廊完工验收", dt.date(2026, 6, 30), target_value=1, target_unit="处")
    _standardisation(unit, dt.date(2023, 6, 30))


def _shaoguan(unit: Store) -> None:
    """Reported for a month of the quarter; a measure past its due date; not yet standardised (overdue)."""
    task = unit.plan.tasks(2)[0]
    measure = unit.measures.add(
        task.id, "更新周界防范设施", department="狱政科", person="王五", due_date=dt.date(2026, 9, 30)
    )
    unit.progress.record(measure.id, "2026-11", Status.IN_PROGRESS, 70, "主体完工")
    _standardisation(unit, None)


def _maoming(unit: Store) -> None:
    """Late: its last bundle carries only the previous quarter; standardised in 2024."""
    task = unit.plan.tasks(3)[0]
    unit.progress.record(task.id, "2026-Q3", Status.IN_PROGRESS, 30, "上季度进展")
    _standardisation(unit, dt.date(2024, 3, 1))


BUILDERS: dict[str, Callable[[Store], None] | None] = {
    "GD-GZ": _guangzhou,
    "GD-SG": _shaoguan,
    "GD-MM": _maoming,
    "GD-ST": None,  # enrolled, never sent a bundle
}


@pytest.fixture
def office_root(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> Path:  # noqa: F811
    """A real office home after importing real bundles from three unit homes (a fourth never sent one,
    a fifth was revoked)."""
    root = tmp_path / "省局 数据"
    with make_office(root, catalog, office_keys) as office:
        office.database.set_meta("office_name", OFFICE_NAME)
        for code, build in [*BUILDERS.items(), ("GD-XX", None)]:
            with make_unit(tmp_path / "单位" / code, catalog, code, office_keys.folder / "office.pub") as unit:
                unit.set_unit(code, NAMES.get(code, "已撤并监狱"))
                enroll(office, unit)
                if build is not None:
                    build(unit)
                    accept(office, office_keys.identity, export(unit, tmp_path / "U盘" / code).path)
        registry.revoke(office, "GD-XX", "撤并")
    return root


def _collect(root: Path, period: str = PERIOD) -> Any:
    with Store.open(root, "省局经办") as office:
        return collect_office_report(office, period, dt.date.fromisoformat(TODAY))


def test_collect_reads_the_office_database(office_root: Path) -> None:
    data = _collect(office_root)
    units = {u.code: u for u in data.units}
    assert list(units) == ["GD-GZ", "GD-MM", "GD-SG", "GD-ST"]  # the revoked unit is left out...
    assert data.revoked == ("GD-XX",)  # ...and named on the cover (by code: it never sent its name)
    assert data.office == OFFICE_NAME and data.period.code == PERIOD
    assert {u.code: u.reported for u in data.units} == {"GD-GZ": True, "GD-MM": False, "GD-SG": True, "GD-ST": False}
    assert units["GD-GZ"].name == "广州监狱" and units["GD-GZ"].last_seq == 1 and units["GD-GZ"].last_at
    assert units["GD-ST"].name == "GD-ST"  # a unit's name arrives with its first bundle
    assert units["GD-ST"].last_seq is None and units["GD-ST"].percents == (None,) * len(data.projects)
    # The matrix is province status's per-project completion, not a second computation.
    with Store.open(office_root, "省局经办") as office:
        status = province_status(office, PERIOD, dt.date.fromisoformat(TODAY))
        assert data.projects == tuple(p.name for p in office.plan.projects())
    for unit in status.units:
        if unit.code in ("GD-GZ", "GD-SG", "GD-MM"):
            assert units[unit.code].percents == tuple(p.percent for p in unit.projects)
    assert units["GD-GZ"].percents[0] == round(60 / len(_tasks_of_project(office_root, 1)))

    gz = [(r.kind, r.title, r.reason, r.responsible) for r in units["GD-GZ"].red_items]
    assert gz == [
        ("措施", "建设监区文化长廊", "滞后：因场地改造推迟", "教育科 / 李四"),
        ("时间节点", "文化长廊完工验收", "逾期未完成（到期 2026-06-30），目标 1处", "教育科 / 李四"),
    ]
    sg = [(r.task_key, r.kind, r.title, r.reason) for r in units["GD-SG"].red_items]
    assert sg[0][1:] == ("措施", "更新周界防范设施", "逾期（完成期限 2026-09-30），当前状态：推进中")
    assert sg[1] == ("5.12", "时间节点", "规范化监狱创建达标", "逾期未完成（到期 2023-12-31）")
    assert units["GD-MM"].red_items == () and units["GD-ST"].red_items == ()

    assert [line.texts() for line in data.indicators] == [
        ("规范化监狱创建达标率", "2023年底 80%", "25%", "50%", "2/4", "未达到"),
        ("规范化监狱创建达标率", "2025年底 100%", "50%", "50%", "2/4", "未达到"),
    ]


def _tasks_of_project(root: Path, number: int) -> list[Any]:
    with Store.open(root, "省局经办") as office:
        return office.plan.tasks(number)


def _json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.strip().splitlines()]


def test_province_report_pdf(office_root: Path, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "报告 输出" / "全省 汇总.pdf"
    out.parent.mkdir()
    result = cli("--json", "province", "report", "--out", str(out), "--period", PERIOD, "--today", TODAY,
                 home_dir=office_root)  # fmt: skip
    assert result.code == 0, result.err
    lines = _json_lines(result.out)
    assert {line["phase"] for line in lines[:-1]} == {"collect", "render"}
    assert all(line["event"] == "progress" and line["done"] <= line["total"] for line in lines[:-1])
    final = lines[-1]
    assert final["event"] == "result" and final["format"] == "pdf" and final["period"] == PERIOD
    assert final["out"] == str(out) and final["bytes"] == out.stat().st_size
    assert final["not_reported"] == ["GD-MM", "GD-ST"] and final["units"] == 4 and final["red_items"] == 4

    pages = pdf_pages(out)
    assert final["pages"] == len(pages) == 3  # cover, summary, then the red items of all units on one page
    text = re.sub(r"\s+", "", "".join(pages))
    for name in ("广州监狱", "韶关监狱", "茂名监狱", "GD-ST"):
        assert name in text
    for project in ("凝心聚力工程", "平安监狱工程", "公正廉洁工程", "改造提质工程", "精准保障工程"):
        assert project in text
    assert OFFICE_NAME in text and "全省推进情况汇总报告" in text
    assert "未报送：茂名监狱、GD-ST。" in text  # the late units, by name
    assert "规范化监狱创建达标率" in text and "2023年底80%" in text and "目标年底达到" in text
    assert "已吊销（不计入统计）：GD-XX" in text
    assert "广州监狱（GD-GZ）红灯事项" in text and "滞后：因场地改造推迟" in text
    assert "尚未收到数据包的单位（1个）：GD-ST。" in text and "GD-ST红灯事项" not in text
    assert "无逾期或滞后事项的单位（1个）：茂名监狱（GD-MM）（本期未报送，据最近一次数据）。" in text

    fonts = pdffonts(out)
    assert fonts and all("+WenQuanYiMicroHei" in row[0] and row[-5] == "yes" for row in fonts), fonts
    png = render_png(out, 1, tmp_path / "page", dpi=60)
    assert ink_stddev(png) > 5
    summary = render_png(out, 2, tmp_path / "summary", dpi=60)
    assert ink_stddev(summary) > 5


def test_province_report_xlsx(office_root: Path, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "全省汇总.xlsx"
    result = cli("province", "report", "--out", str(out), "--today", TODAY, "--period", PERIOD, home_dir=office_root)
    assert result.code == 0, result.err
    assert "本期未报送：茂名监狱（GD-MM）、GD-ST。" in result.out
    wb = load_workbook(out)
    assert wb.sheetnames == ["报送情况", "完成情况（%）", "全省指标", "红灯事项", "说明"]
    reporting = [[c.value for c in row] for row in wb["报送情况"].iter_rows(min_row=2)]
    assert [(r[1], r[2]) for r in reporting] == [
        ("GD-MM", "未报送"),
        ("GD-ST", "未报送"),
        ("GD-GZ", "已报送"),
        ("GD-SG", "已报送"),
    ]
    matrix = wb["完成情况（%）"]
    assert [c.value for c in matrix[1]][2] == "凝心聚力工程" and matrix.freeze_panes == "B2"
    indicators = [[c.value for c in row] for row in wb["全省指标"].iter_rows(min_row=2)]
    assert [c.value for c in wb["全省指标"][1]] == ["全省指标", "目标年份", *HEADINGS[1:5], "在用单位数", "结论"]
    assert indicators == [
        ["规范化监狱创建达标率", 2023, 80, 25.0, 50.0, 2, 4, "未达到"],
        ["规范化监狱创建达标率", 2025, 100, 50.0, 50.0, 2, 4, "未达到"],
    ]
    red = [[c.value for c in row] for row in wb["红灯事项"].iter_rows(min_row=2)]
    assert len(red) == 4 and {r[1] for r in red} == {"GD-GZ", "GD-SG"}


def test_office_without_imports(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> None:  # noqa: F811
    """No unit enrolled, then units enrolled but nothing imported: a valid report that says so."""
    root = tmp_path / "新省局"
    make_office(root, catalog, office_keys).close()
    out = tmp_path / "空.pdf"
    render_office_pdf(_collect(root), out)
    text = re.sub(r"\s+", "", "".join(pdf_pages(out)))
    assert "尚未登记任何单位，没有单位报送数据" in text and "规范化监狱创建达标率" in text

    with Store.open(root, "省局经办") as office:
        for code in ("GD-A1", "GD-A2"):
            with make_unit(tmp_path / code, catalog, code, office_keys.folder / "office.pub") as unit:
                enroll(office, unit)
    data = _collect(root)
    assert [u.reported for u in data.units] == [False, False]
    assert data.indicators[0].now == 0.0 and data.indicators[0].total == 2
    render_office_pdf(data, out)
    text = re.sub(r"\s+", "", "".join(pdf_pages(out)))
    assert "尚无单位报送本期数据" in text and "单位数：2，本期已报送0，未报送2" in text
    assert ink_stddev(render_png(out, 1, tmp_path / "empty")) > 5


def test_default_period_is_the_current_quarter(office_root: Path) -> None:
    with Store.open(office_root, "省局经办") as office:
        data = collect_office_report(office, None, dt.date(2026, 8, 15))
    assert data.period.code == "2026-Q3"
    assert {u.code for u in data.units if u.reported} == {"GD-MM"}  # only 茂名 reported for the third quarter


def test_province_report_on_a_unit_home(unit_home: Path, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "全省.pdf"
    result = cli("province", "report", "--out", str(out))
    assert_error(result, "单位的数据目录", "省局的数据目录", "planprogress report")
    assert not out.exists()


def test_province_report_refuses_a_bad_target(office_root: Path, cli: Cli, tmp_path: Path) -> None:
    assert_error(cli("province", "report", "--out", str(tmp_path), home_dir=office_root), "是文件夹")
    assert_error(cli("province", "report", "--out", str(tmp_path / "r.docx"), home_dir=office_root), "扩展名")
    assert_error(cli("province", "report", "--out", str(tmp_path / "r.pdf"), "--period", "2026-Q5",
                     home_dir=office_root))  # fmt: skip
