"""The office's views after a real import: the units × projects matrix, indicators, the drill-down into
one unit with hash-checked evidence preview, and the office window as the start-up builds it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.domain.health import Light
from desktop.services.office.indicator_lines import HEADINGS
from desktop.services.reports.office_data import collect_office_report
from desktop.store import Store
from desktop.store.office_records import OfficeRecords
from desktop.ui.models.table import ROW_ROLE
from desktop.ui.office.drilldown import UnitDetailPage
from desktop.ui.office.matrix import CODE_ROLE, UnitMatrixModel
from desktop.ui.office.overview_page import OverviewPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .bundle_support import OFFICE_ADMIN, OFFICE_PASSPHRASE, OfficeScene, build_scene, make_office, planprogress
from .conftest import PASSWORD, TODAY


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_office(tmp_path_factory.mktemp("template") / "office", PASSWORD)


@pytest.fixture
def scene(tmp_path: Path, office_template: Path, catalog) -> OfficeScene:
    scene = build_scene(tmp_path, office_template, catalog, PASSWORD)
    imported = planprogress(scene.root, "province", "import", str(scene.stick), passphrase=OFFICE_PASSPHRASE)
    assert imported.code == 7, imported.err  # GZ01 accepted, the unenrolled unit's bundle rejected
    return scene


@pytest.fixture
def office(scene: OfficeScene) -> Iterator[Session]:
    with Store.open(scene.root, OFFICE_ADMIN) as store:
        yield Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)


def _rows(model: UnitMatrixModel) -> dict[str, list[str]]:
    return {
        model.index(r, 0).data(CODE_ROLE): [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    }


def test_matrix_after_import(qtbot, qtmodeltester, office: Session) -> None:
    page = OverviewPage(office)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    model = page.matrix
    qtmodeltester.check(model)
    qtmodeltester.check(page.sorted)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["单位", "本期报送", "最近接收的数据包"]
    assert headers[3:] == [
        "1. 凝心聚力工程",
        "2. 平安监狱工程",
        "3. 公正廉洁工程",
        "4. 改造提质工程",
        "5. 精准保障工程",
        "平均",
    ]
    rows = _rows(model)
    assert set(rows) == {"GD-GZ01", "GD-SG02"}  # the unenrolled sender is not a unit here
    gz01, sg02 = rows["GD-GZ01"], rows["GD-SG02"]
    assert gz01[0] == "GD-GZ01　广州监狱" and gz01[1] == "已报送" and gz01[2].startswith("第 1 号")
    assert sg02[1] == "未报送" and sg02[2] == "尚未收到"
    # one of project 1's tasks is 60% done: the project's average moves above zero, the others stay at 0
    assert gz01[3] != "0%" and gz01[4:8] == ["0%"] * 4
    assert sg02[3:] == ["0%"] * 6
    assert "未报送：GD-SG02" in page.summary.text() and "本期已报送 1 个" in page.summary.text()
    assert page.heading.text() == "全省汇总　2026年第四季度"


def test_indicators_against_their_goals(qtbot, qtmodeltester, office: Session) -> None:
    page = OverviewPage(office)
    qtbot.addWidget(page)
    page.show()
    goals = page.goals
    qtmodeltester.check(goals)
    cells = [[goals.index(r, c).data() for c in range(goals.columnCount())] for r in range(goals.rowCount())]
    # GZ01 achieved standardisation in June 2023, SG02 has not: 1 of 2 active units = 50%
    assert cells == [
        ["规范化监狱创建达标率", "2023年底 80%", "50%", "50%", "1/2", "未达到"],
        ["规范化监狱创建达标率", "2025年底 100%", "50%", "50%", "1/2", "未达到"],
    ]
    assert goals.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) == "GD-GZ01"
    assert "12 月 31 日" in goals.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)  # what the figure means
    # the summary PDF's indicator table: the same headings, the same cells
    headers = [goals.headerData(c, Qt.Orientation.Horizontal) for c in range(goals.columnCount())]
    assert headers == list(HEADINGS)
    report = collect_office_report(office.store, office.period.code, TODAY)
    assert [list(line.texts()) for line in report.indicators] == cells


def test_drill_down_into_a_unit_with_verified_evidence_preview(
    qtbot, qtmodeltester, office: Session, scene: OfficeScene
) -> None:
    page = UnitDetailPage(office)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    assert page.show_unit("GD-GZ01")
    assert "广州监狱" in page.heading.text() and "第 1 号" in page.heading.text()
    task = next(t for t in page.task_model.rows() if t.measures)
    assert page.select_task(task.uid)
    for model in (page.task_model, page.measure_model, page.milestone_model, page.evidence_model):
        qtmodeltester.check(model)
    measure = page.measure_model.index(0, 0)
    assert measure.data() == "开展理想信念教育"
    assert [page.measure_model.index(0, c).data() for c in (4, 5, 6)] == ["推进中", "60%", "已开展两次专题教育"]
    milestone = [page.milestone_model.index(0, c).data() for c in range(page.milestone_model.columnCount())]
    assert milestone[0] == "规范化监狱创建达标" and milestone[4] == "2023-06-30"
    assert page.milestone_model.index(0, 0).data(ROW_ROLE).light is Light.GREEN
    assert page.evidence_model.rowCount() == 1
    record = page.evidence_model.index(0, 0).data(ROW_ROLE)
    assert record.original_name == "达标 验收.png" and record.item_kind == "measure"
    headers = [page.evidence_model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["标题", "归属", "所属期", "添加时间"]
    assert page.evidence_model.index(0, 2).data() == "2026年第四季度"  # the period the unit filed it under

    page.evidence_table.selectRow(0)
    qtbot.waitUntil(lambda: page.check.text() not in ("", "正在校验…"), timeout=10000)
    assert page.check.text().startswith("校验通过") and page.preview.kind == "image"
    saved = page.save_copy(scene.root.parent / "另存.png")
    assert saved is not None and saved.read_bytes() == office.store.home.blob_path(record.sha256).read_bytes()

    # a file altered on the office PC is not shown
    blob = office.store.home.blob_path(record.sha256)
    blob.write_bytes(blob.read_bytes() + b"tampered")
    page.evidence_table.clearSelection()
    page.evidence_table.selectRow(0)
    qtbot.waitUntil(lambda: page.check.text() not in ("", "正在校验…"), timeout=10000)
    assert "哈希不符" in page.check.text() and page.preview.kind == "message"
    assert not page.save_button.isEnabled()


def test_double_click_in_the_matrix_opens_the_unit(qtbot, office: Session) -> None:
    window = build_main_window(office)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    overview = window.page("overview")
    assert isinstance(overview, OverviewPage)
    overview.refresh()
    row = overview.sorted.mapFromSource(overview.matrix.index(overview.matrix.row_of("GD-GZ01"), 0))
    overview.table.doubleClicked.emit(row)
    assert window.current_page_key() == "unit"
    detail = window.page("unit")
    assert isinstance(detail, UnitDetailPage) and detail.code() == "GD-GZ01"
    texts = [a.text() for a in window.menu("file").actions()]
    assert texts[0] == "导入进度包…"
    assert {"登记单位公钥…", "吊销单位…"} <= {a.text() for a in window.menu("admin").actions()}


def test_drill_down_counts_evidence_per_task(office: Session) -> None:
    records = OfficeRecords(office.store.database, office.store.audit)
    assert len(records.rows("evidence", "GD-GZ01")) == 1
    page = UnitDetailPage(office)
    page.show_unit("GD-GZ01")
    assert sum(t.evidence for t in page.task_model.rows()) == 1


def test_evidence_list_fits_beside_the_preview_at_the_default_size(qtbot, office: Session) -> None:
    window = build_main_window(office)
    assert window is not None
    qtbot.addWidget(window)
    window.show()  # at the size the program opens with
    qtbot.waitExposed(window)
    detail = window.show_page("unit")
    assert isinstance(detail, UnitDetailPage) and detail.show_unit("GD-GZ01")
    task = next(t for t in detail.task_model.rows() if t.evidence)
    detail.select_task(task.uid)
    detail.tabs.setCurrentIndex(2)
    table = detail.evidence_table
    qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() == 1)
    qtbot.wait(50)  # the header lays out its stretched section after the first resize
    assert window.width() == 1360
    assert table.horizontalScrollBar().maximum() == 0, [table.columnWidth(c) for c in range(4)]
    header = table.horizontalHeader()
    assert header.sectionSize(1) >= header.sectionSizeHint(1)  # 归属 keeps at least its own header's width
    record = table.model().index(0, 0).data(ROW_ROLE)
    owner = table.model().index(0, 1)
    assert owner.data() == owner.data(Qt.ItemDataRole.ToolTipRole) == f"措施：{record.item_title}"
    assert record.original_name in table.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
