"""The unit window's plan selector: a home holding two plans (the shipped one and the sample plan, loaded the
way plans land in the plan tables) shows one at a time in the tree, dashboard, review, period grid and report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from desktop.domain.catalog import load_catalog
from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui.dialogs.report_dialog import ReportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.pages.period_grid import PeriodGridPage
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.pages.review import ReviewPage
from desktop.ui.startup import build_main_window
from desktop.ui.widgets.plan_selector import PlanSelector

from .conftest import make_session, when_modal

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-plan-15.json"
SHIPPED = "gd-prison-14fyp"


def _fill(store: Store) -> None:
    """A measure with progress for 2026-Q4 under a task of each plan."""
    shipped = store.plan.tasks(catalog=SHIPPED)[0]
    measure = store.measures.add(shipped.id, "十四五收尾措施", department="政治处", person="张三")
    store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 60, "十四五的进展")
    sample = store.plan.tasks(catalog="sample-15fyp")[0]
    measure = store.measures.add(sample.id, "示例措施（测试用）", department="狱政科", person="李四")
    store.milestones.add(measure.id, "示例节点（测试用）", dt.date(2026, 12, 10))
    store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 30, "示例的进展")


@pytest.fixture
def two_plans(store: Store) -> Store:
    store.plan.load_catalog(load_catalog(SAMPLE))
    _fill(store)
    return store


def _window(qtbot, store: Store) -> MainWindow:
    window = build_main_window(make_session(store, "clerk"))
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1360, 820)
    window.show()
    qtbot.waitExposed(window)
    return window


def _selector(window: MainWindow) -> PlanSelector:
    found = window.findChildren(PlanSelector)
    assert len(found) == 1
    return found[0]


def _projects(window: MainWindow) -> list[str]:
    tree = window.page("plan")
    assert isinstance(tree, PlanPage)
    model = tree.tree.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _choose(qtbot, combo: QComboBox, text: str) -> None:
    """Step through the list with the arrow keys, as with a keyboard, until `text` is shown."""
    combo.setFocus()
    key = Qt.Key.Key_Up if combo.findText(text) < combo.currentIndex() else Qt.Key.Key_Down
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, key)
    assert combo.currentText() == text


def test_the_selector_lists_the_held_plans_and_starts_on_the_current_one(qtbot, two_plans: Store) -> None:
    window = _window(qtbot, two_plans)
    combo = _selector(window).combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "广东省监狱工作发展“十四五”规划（2021–2025）",
        "示例规划（测试用）（2026–2030）",
    ]
    assert combo.isEnabled()
    # today (2026) lies in the sample plan's years: held_plans makes it current, and the window starts on it
    assert combo.currentData() == "sample-15fyp" == window.session.plan_id
    assert _projects(window) == ["一、示例工程甲（测试用）", "二、示例工程乙（测试用）"]


def test_switching_the_plan_changes_tree_dashboard_review_and_grid(qtbot, two_plans: Store) -> None:
    window = _window(qtbot, two_plans)
    session = window.session
    dashboard = window.show_page("dashboard")
    assert isinstance(dashboard, DashboardPage)
    assert len(dashboard.bars) == 2
    assert [r.target.key for r in dashboard.targets.rows()] == ["sample-rate"]
    assert [r.view.milestone.title for r in dashboard.overdue.rows() + dashboard.upcoming.rows()] == [
        "示例节点（测试用）"
    ]
    review = window.show_page("review")
    assert isinstance(review, ReviewPage)
    assert [r.title for r in review.filled.rows()] == ["示例措施（测试用）"]
    assert "其他规划另有 1 条" in review.filled_box.title()
    assert {e.entity for e in review.changes.rows()} >= {"measure", "progress"}
    grid = window.show_page("grid")
    assert isinstance(grid, PeriodGridPage)
    qtbot.waitUntil(lambda: grid.model.rowCount() > 0, timeout=20000)
    assert {r.project for r in grid.model.rows()} == {"1 示例工程甲（测试用）", "2 示例工程乙（测试用）"}

    _choose(qtbot, _selector(window).combo, "广东省监狱工作发展“十四五”规划（2021–2025）")
    assert session.plan_id == SHIPPED
    # the visible page (the grid) reloads at once, the others when shown
    qtbot.waitUntil(
        lambda: {r.project for r in grid.model.rows()} != {"1 示例工程甲（测试用）", "2 示例工程乙（测试用）"}
    )
    assert len(grid.model.rows()) == len(two_plans.plan.tasks(catalog=SHIPPED)) + 1  # tasks and one measure
    assert "示例措施（测试用）" not in [r.label for r in grid.model.rows()]
    assert _projects(window)[0] == "一、凝心聚力工程" and len(_projects(window)) == 5
    window.show_page("dashboard")
    assert len(dashboard.bars) == 5
    assert "sample-rate" not in [r.target.key for r in dashboard.targets.rows()]
    assert dashboard.overdue.rows() == [] and dashboard.upcoming.rows() == []
    window.show_page("review")
    assert [r.title for r in review.filled.rows()] == ["十四五收尾措施"]
    assert all("示例" not in (e.after or "") and "示例" not in (e.before or "") for e in review.changes.rows()), (
        "the sample plan's edits are not listed under the shipped plan"
    )


def test_the_report_dialog_defaults_to_the_selected_plan(qtbot, two_plans: Store, tmp_path: Path) -> None:
    window = _window(qtbot, two_plans)
    _choose(qtbot, _selector(window).combo, "广东省监狱工作发展“十四五”规划（2021–2025）")
    seen: dict[str, object] = {}

    def look(dialog: ReportDialog) -> None:
        seen["plan"] = dialog.plan.currentData()
        seen["shown"] = dialog.plan.isVisible()
        seen["arguments"] = dialog.arguments()
        dialog.reject()

    when_modal(look, ReportDialog)
    [action] = [a for a in window.menu("file").actions() if a.text() == "生成进度报告…"]
    action.trigger()
    assert seen["plan"] == SHIPPED and seen["shown"] is True
    arguments = seen["arguments"]
    assert isinstance(arguments, list) and arguments[-2:] == ["--plan", SHIPPED]
    assert "广东省监狱工作发展“十四五”规划" in Path(arguments[arguments.index("--out") + 1]).name

    dialog = ReportDialog(window.session, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(qtbot, dialog.plan, "示例规划（测试用）（2026–2030）")  # another plan for this one report
    assert dialog.arguments()[-2:] == ["--plan", "sample-15fyp"]
    assert window.session.plan_id == SHIPPED  # the window keeps its own choice


def test_with_one_plan_the_selector_names_it_and_nothing_else_changes(qtbot, store: Store, tmp_path: Path) -> None:
    window = _window(qtbot, store)
    combo = _selector(window).combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["广东省监狱工作发展“十四五”规划（2021–2025）"]
    assert not combo.isEnabled()
    assert len(_projects(window)) == 5
    dialog = ReportDialog(window.session, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.plan.isVisible()
    assert "--plan" not in dialog.arguments()
    assert dialog.output_path().name == "广州监狱-2026年第四季度进度报告.pdf"
