"""The office window acts on the plan 全省汇总 shows: 退回本期… lists that plan's tasks and its comments name them,
the report dialog reports on it, and the window title names no one plan. The sample plan
(tests/data/sample-plan-15.json) is a sample, named so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.store.answers import OfficeAnswers
from desktop.ui.answers.office import COMMENT_COLUMN, ReturnDialog
from desktop.ui.dialogs.report_dialog import ReportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.office.drilldown import UnitDetailPage
from desktop.ui.office.overview_page import OverviewPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .conftest import when_modal
from .test_answers import type_text
from .test_office_plan_selector import office, office_template  # noqa: F401  (the fixtures)


def _window(qtbot, session: Session) -> tuple[MainWindow, OverviewPage]:
    session.set_period("2027-Q1")
    window = build_main_window(session)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    overview = window.page("overview")
    assert isinstance(overview, OverviewPage)
    return window, overview


def _open_unit(window: MainWindow, overview: OverviewPage) -> UnitDetailPage:
    row = overview.sorted.mapFromSource(overview.matrix.index(overview.matrix.row_of("GD-GZ01"), 0))
    overview.table.doubleClicked.emit(row)
    detail = window.page("unit")
    assert isinstance(detail, UnitDetailPage) and window.current_page_key() == "unit"
    return detail


@pytest.mark.parametrize(
    ("shipped", "keys", "target"),
    [
        (False, ["1.01", "1.02", "2.01"], "sample-15fyp/1.01"),
        (True, ["1.01", "1.02", "1.03"], "gd-prison-14fyp/1.01"),
    ],
    ids=["sample-plan", "shipped-plan"],
)
def test_the_return_dialog_comments_on_the_tasks_of_the_plan_shown(
    qtbot,
    office: Session,  # noqa: F811
    shipped: bool,
    keys: list[str],
    target: str,
) -> None:
    window, overview = _window(qtbot, office)
    assert overview.shown_plan() == "sample-15fyp"  # the current plan on the day
    if shipped:
        overview.plan.setFocus()
        qtbot.keyClick(overview.plan, Qt.Key.Key_Up)  # the shipped plan, as a clerk picks it
        qtbot.waitUntil(lambda: overview.shown_plan() == "gd-prison-14fyp", timeout=10000)
    detail = _open_unit(window, overview)
    qtbot.mouseClick(detail.return_button, Qt.MouseButton.LeftButton)
    [dialog] = detail.findChildren(ReturnDialog)
    assert [dialog.table.item(r, 0).text() for r in range(3)] == keys
    type_text(dialog.reason, "示例任务进度需核实")
    dialog.table.setCurrentCell(0, COMMENT_COLUMN)
    dialog.table.editItem(dialog.table.item(0, COMMENT_COLUMN))
    editor = dialog.table.findChild(QLineEdit)
    assert editor is not None
    type_text(editor, "请补充示例佐证")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.item(0, COMMENT_COLUMN).text() == "请补充示例佐证")
    qtbot.mouseClick(dialog.send, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.messages.text()
    [made] = OfficeAnswers(office.store.database, office.store.audit).returns("GD-GZ01")
    assert made.entry.period == "2027-Q1"
    # the task of the plan shown, not another plan's task of the same key
    assert [(c.target, c.task, c.text) for c in made.entry.comments] == [(target, "1.01", "请补充示例佐证")]


def test_the_report_dialog_reports_on_the_plan_shown(qtbot, office: Session) -> None:  # noqa: F811
    window, overview = _window(qtbot, office)
    action = [a for a in window.menu("file").actions() if a.text() == "生成全省汇总报告…"][0]
    seen: dict[str, object] = {}

    def look(dialog: ReportDialog) -> None:
        seen["arguments"] = dialog.arguments()
        seen["labels"] = [label.text() for label in dialog.findChildren(QLabel)]
        seen["name"] = dialog.output_path().name
        dialog.reject()

    when_modal(look, ReportDialog)
    action.trigger()
    arguments = seen["arguments"]
    assert isinstance(arguments, list) and arguments[-2:] == ["--plan", "sample-15fyp"]
    assert "示例规划（测试用）" in seen["labels"]  # type: ignore[operator]
    assert "示例规划（测试用）" in str(seen["name"])

    overview.plan.setFocus()
    qtbot.keyClick(overview.plan, Qt.Key.Key_Up)  # the shipped plan, as a clerk picks it
    qtbot.waitUntil(lambda: overview.shown_plan() == "gd-prison-14fyp", timeout=10000)
    when_modal(look, ReportDialog)
    action.trigger()
    arguments = seen["arguments"]
    assert isinstance(arguments, list) and arguments[-2:] == ["--plan", "gd-prison-14fyp"]


def test_the_window_title_names_no_one_plan(qtbot, office: Session) -> None:  # noqa: F811
    window, overview = _window(qtbot, office)
    assert window.windowTitle() == "省局汇总 — 广东监狱规划进度填报"
    assert "十四五" not in window.windowTitle() and overview.shown_plan() == "sample-15fyp"
