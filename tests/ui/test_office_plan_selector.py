"""The office's 全省汇总 page follows the plan chosen in its selector: the plans the office issued and the
shipped one, the current plan first; choosing another shows that plan's projects and indicators, computed in a
worker. The sample plan (tests/data/sample-plan-15.json) is a sample, named so."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.domain.catalog import parse_catalog
from desktop.domain.catalog_check import normalize
from desktop.domain.status import Status
from desktop.services import keys
from desktop.services.office import registry
from desktop.store import Store
from desktop.store.catalogs import OfficeCatalogs
from desktop.store.plan import task_uid
from desktop.ui.office.drilldown import UnitDetailPage
from desktop.ui.office.overview_page import OverviewPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .bundle_support import OFFICE_ADMIN, OFFICE_PASSPHRASE, copy_office, make_office, make_unit, planprogress
from .conftest import PASSWORD

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-plan-15.json"
TODAY = dt.date(2027, 4, 10)  # inside the sample plan's years: it is the current plan


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_office(tmp_path_factory.mktemp("template") / "office", PASSWORD)


@pytest.fixture
def office(tmp_path: Path, office_template: Path, catalog) -> Iterator[Session]:
    root = copy_office(office_template, tmp_path / "省局 数据")
    plan = normalize(json.loads(SAMPLE.read_text(encoding="utf-8")))
    with make_unit(
        tmp_path / "广州", "GD-GZ01", "广州监狱", catalog, root / "keys" / keys.OFFICE_PUBLIC, PASSWORD
    ) as unit:
        unit.plan.load_catalog(parse_catalog(plan))
        tasks = {t.uid: t.id for t in unit.plan.tasks()}
        unit.progress.record(tasks[task_uid("sample-15fyp", "2.01")], "2027-Q1", Status.IN_PROGRESS, 70, "示例")
        unit.progress.record(tasks[task_uid("gd-prison-14fyp", "1.01")], "2027-Q1", Status.IN_PROGRESS, 30, "")
        unit_pub = unit.home.keys / keys.UNIT_PUBLIC
    with Store.open(root, OFFICE_ADMIN) as store:
        registry.enroll(store, unit_pub, "GD-GZ01")
        OfficeCatalogs(store.database, store.audit).add(plan, None)
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert planprogress(tmp_path / "广州", "export", "--out", str(stick)).code == 0
    imported = planprogress(root, "province", "import", str(stick), passphrase=OFFICE_PASSPHRASE)
    assert imported.code == 0, imported.err
    with Store.open(root, OFFICE_ADMIN) as store:
        yield Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)


def _headers(page: OverviewPage) -> list[str]:
    model = page.matrix
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3, model.columnCount())]


def test_choosing_a_plan_shows_its_projects(qtbot, office: Session, tmp_path: Path) -> None:
    office.set_period("2027-Q1")
    page = OverviewPage(office)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    combo = page.plan
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "广东省监狱工作发展“十四五”规划（2021–2025）",
        "示例规划（测试用）（2026–2030）",
    ]
    assert combo.isEnabled() and combo.currentData() == "sample-15fyp"  # the plan whose years hold today
    assert "当前规划" in combo.itemData(1, Qt.ItemDataRole.ToolTipRole)
    assert "随程序附带" in combo.itemData(0, Qt.ItemDataRole.ToolTipRole)
    assert _headers(page) == ["1. 示例工程甲（测试用）", "2. 示例工程乙（测试用）", "平均"]
    row = page.matrix.row_of("GD-GZ01")
    assert [page.matrix.index(row, c).data() for c in (3, 4)] == ["0%", "70%"]
    assert page.goals.index(0, 0).data() == "示例指标达标率（测试用）"
    page.grab().save(str(tmp_path / "office-plan-selector.png"))

    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # the shipped plan, as a clerk picks it with the keyboard
    assert combo.currentData() == "gd-prison-14fyp"
    qtbot.waitUntil(lambda: page.status is not None and page.status.plan.id == "gd-prison-14fyp", timeout=10000)
    assert _headers(page)[0] == "1. 凝心聚力工程" and len(_headers(page)) == 6
    row = page.matrix.row_of("GD-GZ01")
    assert page.matrix.index(row, 3).data() != "0%"  # task 1.01's 30% moves project 1
    assert page.goals.index(0, 0).data() == "规范化监狱创建达标率"
    assert combo.currentData() == "gd-prison-14fyp"  # the list was filled again, the choice kept

    office.set_period("2027-01")  # another period keeps the chosen plan
    qtbot.waitUntil(lambda: page.status is not None and page.status.period == "2027-01", timeout=10000)
    assert page.status is not None and page.status.plan is not None and page.status.plan.id == "gd-prison-14fyp"


def test_the_drill_down_shows_the_tasks_of_the_plan_chosen(qtbot, office: Session) -> None:
    office.set_period("2027-Q1")
    window = build_main_window(office)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    overview = window.page("overview")
    assert isinstance(overview, OverviewPage)

    def open_unit() -> UnitDetailPage:
        row = overview.sorted.mapFromSource(overview.matrix.index(overview.matrix.row_of("GD-GZ01"), 0))
        overview.table.doubleClicked.emit(row)
        detail = window.page("unit")
        assert isinstance(detail, UnitDetailPage) and window.current_page_key() == "unit"
        return detail

    detail = open_unit()
    assert [t.uid for t in detail.task_model.rows()] == [
        "sample-15fyp/1.01",
        "sample-15fyp/1.02",
        "sample-15fyp/2.01",
    ]
    assert [t.percent for t in detail.task_model.rows()] == [0, 0, 70]

    window.show_page("overview")
    overview.plan.setFocus()
    qtbot.keyClick(overview.plan, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: overview.shown_plan() == "gd-prison-14fyp", timeout=10000)
    detail = open_unit()
    rows = detail.task_model.rows()
    assert rows[0].uid == "gd-prison-14fyp/1.01" and rows[0].percent == 30 and len(rows) > 3
