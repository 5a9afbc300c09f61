"""Every model passes pytest-qt's model tester; the evidence list reads one page of 100,000 rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QTableView

from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui.models.audit import audit_columns
from desktop.ui.models.evidence import PAGE_SIZE, EvidenceModel
from desktop.ui.models.plan_tree import KEY_ROLE, NodeKind, PlanFilterProxy, PlanTreeModel
from desktop.ui.models.table import KeysetTableModel, RowTableModel
from desktop.ui.pages.dashboard import target_columns
from desktop.ui.pages.dashboard_data import build_dashboard
from desktop.ui.widgets.record_panels import measure_columns, milestone_columns

from .conftest import TODAY, bulk_evidence, make_session


def _fill(store: Store) -> int:
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展理想信念教育", department="政治处", person="张三")
    store.milestones.add(measure.id, "完成第一轮专题教育", dt.date(2026, 10, 1), target_value=100, target_unit="%")
    store.milestones.add(task.id, "规范化达标", dt.date(2025, 12, 31), target_key="standardized-prison-rate")
    store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 40, "已开展两次")
    return measure.id


def test_plan_tree_and_filter_pass_the_model_tester(store: Store, qtmodeltester) -> None:
    _fill(store)
    model = PlanTreeModel()
    model.load(store.overview("2026-Q4", today=TODAY))
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert sum(model.rowCount(model.index(p, 0)) for p in range(5)) == len(store.plan.tasks())
    model.load(store.overview("2026-Q4", today=TODAY))  # same shape: cells change in place
    qtmodeltester.check(model)
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("张三")  # the responsible person is only in the measure's text
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    task = proxy.index(0, 0, proxy.index(0, 0))
    measure = proxy.index(0, 0, task)
    assert measure.data(KEY_ROLE)[0] is NodeKind.MEASURE
    assert measure.siblingAtColumn(1).data() == "40%"


def test_table_models_pass_the_model_tester(store: Store, qtmodeltester) -> None:
    _fill(store)
    overview = store.overview("2026-Q4", today=TODAY)
    task_view = overview[0].tasks[0]
    for model in (
        RowTableModel(measure_columns(), task_view.measures),
        RowTableModel(milestone_columns(), task_view.milestones),
        RowTableModel(
            target_columns(),
            build_dashboard(overview, store.plan.targets(), TODAY, store.settings.thresholds()).targets,
        ),
    ):
        qtmodeltester.check(model)
        assert model.rowCount() >= 1
    audit = KeysetTableModel(
        audit_columns(), lambda after, limit: store.audit.entries(after_id=after, limit=limit), page_size=3
    )
    qtmodeltester.check(audit)
    audit.fetch_all()
    assert audit.rowCount() == store.audit.count()
    qtmodeltester.check(audit)


def test_evidence_model_passes_the_model_tester(store: Store, qtmodeltester, tmp_path: Path) -> None:
    measure_id = _fill(store)
    photo = tmp_path / "现场 照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    store.evidence.add(measure_id, photo)
    model = EvidenceModel(store, measure_id)
    qtmodeltester.check(model)
    model.fetch_all()
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "现场 照片.png"


def test_lazy_evidence_list_over_100000_rows_reads_one_page(store: Store, qtbot) -> None:
    measure_id = _fill(store)
    bulk_evidence(store.home.database, measure_id, 100_000)
    assert store.evidence.count() == 100_000
    session = make_session(store, "clerk")
    model = EvidenceModel(session.store, None)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert model.rowCount() == PAGE_SIZE  # one page, not 100,000 rows
    assert model.fetches == 1
    view.scrollToBottom()  # the view asks for the next page only when scrolled to the end
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE)
    ids = [model.row(i).id for i in range(model.rowCount())]
    assert ids == sorted(set(ids))  # keyset paging: no gaps, no repeats
