"""The 生成报告 dialog on real homes: the real CLI as a child process writes real PDF and Excel files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QAction

from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui.dialogs.report_dialog import ReportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .bundle_support import OFFICE_ADMIN, make_office
from .conftest import PASSWORD, TODAY, make_session, when_modal


@pytest.fixture
def unit(store: Store) -> Store:
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展理想信念教育", department="政治处", person="张三")
    store.milestones.add(measure.id, "完成第一轮专题教育", dt.date(2026, 12, 20))
    store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 60, "已开展两次专题教育")
    return store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "我的 文档"
    made.mkdir()
    return made


def _dialog(qtbot, session: Session, folder: Path, *, office: bool = False) -> ReportDialog:
    dialog = ReportDialog(session, office=office, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _generate(qtbot, dialog: ReportDialog) -> None:
    dialog.generate_button.click()
    assert dialog.state == "running"
    assert not dialog.out_edit.isEnabled() and dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=120000)


def _file_action(window: MainWindow, text: str) -> QAction:
    found = [a for a in window.menu("file").actions() if a.text() == text]
    assert len(found) == 1, [a.text() for a in window.menu("file").actions()]
    return found[0]


def test_pdf_report_through_the_dialog(qtbot, unit: Store, folder: Path) -> None:
    dialog = _dialog(qtbot, make_session(unit, "clerk"), folder)
    assert dialog.chosen_period() == "2026-Q4"  # the window's period (TODAY is in the fourth quarter)
    assert dialog.output_path() == folder / "广州监狱-2026年第四季度进度报告.pdf"
    assert not dialog.open_button.isVisible()
    _generate(qtbot, dialog)
    assert dialog.state == "done", dialog.error
    out = folder / "广州监狱-2026年第四季度进度报告.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert dialog.bar.value() == 1000 and dialog.phase.text() == "完成"
    pages = dialog.outcome["pages"]
    assert pages >= 3
    text = dialog.messages.text()
    assert dialog.messages.kind == "info"
    assert text.startswith("已生成2026年第四季度进度报告：") and str(out) in text and f"{pages} 页" in text
    assert dialog.open_button.isVisible() and dialog.folder_button.isVisible()
    assert dialog.out_edit.isEnabled() and not dialog.cancel_button.isVisible()
    assert sorted(p.name for p in folder.iterdir()) == [out.name]  # no temporary file left beside it


def test_excel_ledger_for_another_period(qtbot, unit: Store, folder: Path) -> None:
    dialog = _dialog(qtbot, make_session(unit, "clerk"), folder)
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert dialog.output_path() == folder / "广州监狱-2026年第四季度台账.xlsx"  # the default name follows
    dialog.periods.select("2026-Q3")
    assert dialog.output_path() == folder / "广州监狱-2026年第三季度台账.xlsx"
    chosen = folder / "台账 自选.xlsx"
    dialog.out_edit.setText(str(chosen.with_suffix(".pdf")))
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert dialog.output_path() == chosen  # a name of the user's own is kept; only its extension follows
    _generate(qtbot, dialog)
    assert dialog.state == "done", dialog.error
    assert dialog.outcome["format"] == "xlsx" and dialog.outcome["period"] == "2026-Q3"
    rows = dialog.outcome["rows"]
    assert rows > 0 and f"{rows} 行" in dialog.messages.text()
    assert dialog.messages.text().startswith("已生成2026年第三季度台账：")
    workbook = load_workbook(chosen, read_only=True)
    assert workbook.sheetnames
    workbook.close()


def test_missing_folder_shows_the_cli_error(qtbot, unit: Store, folder: Path) -> None:
    dialog = _dialog(qtbot, make_session(unit, "clerk"), folder)
    missing = folder / "不存在的 文件夹" / "报告.pdf"
    dialog.out_edit.setText(str(missing))
    _generate(qtbot, dialog)
    assert dialog.state == "failed"
    assert dialog.messages.kind == "error"
    assert dialog.messages.text() == f"错误：输出目录“{missing.parent}”不存在：请先建立该目录，或换一个位置。"
    assert dialog.phase.text() == "生成失败" and dialog.bar.value() == 0
    assert not dialog.open_button.isVisible()
    assert not missing.parent.exists()
    # fixed by the user, the same dialog succeeds on the next try
    missing.parent.mkdir()
    _generate(qtbot, dialog)
    assert dialog.state == "done", dialog.error
    assert missing.read_bytes().startswith(b"%PDF") and dialog.messages.kind == "info"


def test_empty_path_is_refused_before_running(qtbot, unit: Store, folder: Path) -> None:
    dialog = _dialog(qtbot, make_session(unit, "clerk"), folder)
    dialog.out_edit.setText("  ")
    dialog.generate_button.click()
    assert dialog.state == "idle" and dialog.job is None
    assert dialog.messages.text() == "请先选择报告的保存位置。"


def test_cancel_leaves_no_file(qtbot, unit: Store, folder: Path) -> None:
    dialog = _dialog(qtbot, make_session(unit, "clerk"), folder)
    dialog.generate_button.click()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=30000)
    assert dialog.state == "cancelled"
    assert dialog.messages.text() == "已取消：没有生成文件。"
    assert list(folder.iterdir()) == []


def test_unit_window_menu_and_toolbar(qtbot, unit: Store, folder: Path) -> None:
    window = build_main_window(make_session(unit, "clerk"))
    assert window is not None
    qtbot.addWidget(window)
    action = _file_action(window, "生成进度报告…")
    assert action.shortcut().toString() == "Ctrl+P"
    assert action in window.toolbar.actions()
    texts = [a.text() for a in window.menu("file").actions()]
    assert texts[:2] == ["导出进度包…", "生成进度报告…"]
    seen: dict[str, object] = {}

    def run(dialog: ReportDialog) -> None:
        seen["path"] = dialog.output_path()
        seen["office"] = dialog.office
        dialog.reject()

    when_modal(run, ReportDialog)
    action.trigger()
    assert seen["office"] is False
    assert Path(str(seen["path"])).name == "广州监狱-2026年第四季度进度报告.pdf"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Session]:
    root = make_office(tmp_path / "省局 数据", PASSWORD)
    with Store.open(root, OFFICE_ADMIN) as store:
        yield Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)


def test_office_summary_report(qtbot, office: Session, folder: Path) -> None:
    window = build_main_window(office)
    assert window is not None
    qtbot.addWidget(window)
    action = _file_action(window, "生成全省汇总报告…")
    assert action.shortcut().toString() == "Ctrl+P" and action in window.toolbar.actions()
    assert [a.text() for a in window.menu("file").actions()][:2] == ["导入进度包…", "生成全省汇总报告…"]

    dialog = _dialog(qtbot, office, folder, office=True)
    assert dialog.windowTitle() == "生成全省汇总报告"
    assert [dialog.format.itemText(i) for i in range(2)] == ["PDF 全省汇总报告", "Excel 全省汇总表"]
    assert dialog.arguments()[:2] == ["province", "report"]
    out = folder / "广东省监狱管理局-2026年第四季度全省汇总报告.pdf"
    assert dialog.output_path() == out
    _generate(qtbot, dialog)
    assert dialog.state == "done", dialog.error
    assert out.read_bytes().startswith(b"%PDF")
    assert dialog.outcome["units"] == 0 and dialog.outcome["pages"] >= 1
    assert dialog.messages.text().startswith("已生成2026年第四季度全省汇总报告：")
    assert dialog.open_button.isVisible()
