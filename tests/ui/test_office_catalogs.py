"""The office's 规划目录 page, driven as a clerk does: the list of plans, the template written through the save
dialog, a filled template or JSON catalog imported through the open dialog, every problem of a bad file in the
table with nothing stored, and a new version shown and confirmed (or cancelled) before it is issued."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit

from desktop.domain.catalog import Catalog
from desktop.domain.status import Role
from desktop.services.catalogs.template import TARGETS, TASKS
from desktop.store import Store
from desktop.store.db import DB_FILENAME
from desktop.ui.main_window import MainWindow
from desktop.ui.office.catalogs_page import CatalogsPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window
from tests.core.catalogs.conftest import fill_template, sample_plan, write_json

from .conftest import PASSWORD, TODAY, when_modal

CLERK = "省局经办"


@pytest.fixture
def office_home(tmp_path: Path, catalog: Catalog) -> Path:
    root = tmp_path / "省局 数据"
    with Store.create(root, CLERK, "office", catalog) as store:
        store.users.add(CLERK, Role.ADMIN, PASSWORD, "规划处经办")
    return root


@pytest.fixture
def window(qtbot: Any, office_home: Path) -> Iterator[MainWindow]:
    with Store.open(office_home, CLERK) as store:
        made = build_main_window(Session(store, store.users.get(CLERK), today=lambda: TODAY))
        assert made is not None
        qtbot.addWidget(made)
        made.resize(1360, 820)
        made.show()
        yield made


def stored(home: Path) -> tuple[list[tuple[Any, ...]], int]:
    """The issued catalogs and the number of audit rows: what a refusal must leave as it was."""
    conn = sqlite3.connect(home / DB_FILENAME)
    try:
        rows = conn.execute("SELECT id, version, content FROM office_catalog ORDER BY id, version").fetchall()
        audit = int(conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0])
    finally:
        conn.close()
    return rows, audit


def open_page(window: MainWindow) -> CatalogsPage:
    [action] = [a for a in window.toolbar.actions() if a.text() == "规划目录"]
    action.trigger()  # the toolbar button
    page = window.stack.currentWidget()
    assert isinstance(page, CatalogsPage)
    return page


def choose_in_dialog(path: Path) -> None:
    """Type the whole path into the file dialog's name box and accept, as a person does."""

    def choose(dialog: QFileDialog) -> None:
        box = dialog.findChild(QLineEdit, "fileNameEdit")
        assert box is not None
        box.setText(str(path))
        dialog.accept()

    when_modal(choose, QFileDialog)


def import_through_dialog(qtbot: Any, page: CatalogsPage, path: Path) -> None:
    choose_in_dialog(path)
    page.import_button.click()
    qtbot.waitUntil(lambda: page.job is not None and not page.is_checking() and page.import_button.isEnabled())


def listed(page: CatalogsPage) -> list[list[str]]:
    model = page.catalogs
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def problems(page: CatalogsPage) -> list[tuple[str, str]]:
    model = page.problems
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def _version_1_1(plan: dict[str, Any]) -> dict[str, Any]:
    plan["version"] = "1.1.0"
    plan["projects"][0]["tasks"][0]["text"] = "示例任务：完善测试用的工作机制（修订）。"
    plan["projects"][0]["tasks"][1]["retired"] = "1.1.0"
    plan["projects"][1]["tasks"].append({"key": "2.02", "text": "示例任务：新增的测试任务。"})
    return plan


def test_the_page_lists_the_shipped_plan(window: MainWindow) -> None:
    page = open_page(window)
    headers = [page.catalogs.headerData(c, Qt.Orientation.Horizontal) for c in range(page.catalogs.columnCount())]
    assert headers == ["目录编号", "版本", "规划名称", "年份", "工程", "任务", "指标", "已撤销", "发布"]
    [row] = listed(page)
    assert row[:5] == ["gd-prison-14fyp", "1.0.0", "广东省监狱工作发展“十四五”规划", "2021–2025", "5"]
    assert row[-1] == "随程序附带"
    assert not page.problems_box.isVisible() and not page.changes_box.isVisible()


def test_the_template_is_written_where_the_clerk_says(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    page = open_page(window)
    target = tmp_path / "U盘" / "十五五规划目录"  # typed without the extension
    target.parent.mkdir()
    choose_in_dialog(target)
    page.template_button.click()
    qtbot.waitUntil(lambda: page.messages.kind != "")
    written = target.with_name("十五五规划目录.xlsx")
    assert page.messages.kind == "info" and str(written) in page.messages.text()
    assert load_workbook(written).sheetnames == ["填写说明", "规划信息", "工程与任务", "指标与目标"]


def test_a_filled_template_is_issued_and_listed(
    qtbot: Any, window: MainWindow, office_home: Path, tmp_path: Path
) -> None:
    page = open_page(window)
    filled = fill_template(tmp_path / "示例规划.xlsx", sample_plan())
    import_through_dialog(qtbot, page, filled)
    assert page.messages.kind == "info", page.messages.text()
    assert "已发布 示例规划（测试用）（sample-15fyp 版本 1.0.0）" in page.messages.text()
    rows = listed(page)
    assert [r[:8] for r in rows][1] == ["sample-15fyp", "1.0.0", "示例规划（测试用）", "2026–2030", "2", "3", "1", "0"]
    assert rows[1][-1].startswith("20")  # when it was issued
    assert [r[:2] for r in stored(office_home)[0]] == [("sample-15fyp", "1.0.0")]
    assert not page.problems_box.isVisible()

    before = stored(office_home)
    import_through_dialog(qtbot, page, filled)  # the same file again
    assert "已经发布过，内容相同：未作改动" in page.messages.text()
    assert stored(office_home) == before


def _edit(path: Path, change: Any) -> Path:
    wb = load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def _not_xlsx(path: Path) -> Path:
    bad = path.with_name("规划.xls")
    bad.write_bytes(b"\xd0\xcf\x11\xe0old excel")
    return bad


@pytest.mark.parametrize(
    ("spoil", "where", "message"),
    [
        (
            lambda p: _edit(p, lambda wb: setattr(wb[TASKS]["D3"], "value", None)),
            "工作表“工程与任务” 第3行 D列（任务内容）",
            "“任务内容”未填写",
        ),
        (
            lambda p: _edit(p, lambda wb: wb[TASKS].cell(3, 3, "1.01")),
            "工作表“工程与任务” 第3行 C列（任务编号）",
            "任务编号 1.01 重复",
        ),
        (
            lambda p: _edit(p, lambda wb: wb[TARGETS].cell(2, 6, "六十")),
            "工作表“指标与目标” 第2行 F列（目标值）",
            "“目标值”应为数字，现为文字“六十”",
        ),
        (_not_xlsx, "规划.xls", "不是 Excel 工作簿（.xlsx）"),
    ],
    ids=["empty-task", "duplicate-key", "text-in-number", "not-xlsx"],
)
def test_a_bad_file_shows_its_problems_and_stores_nothing(
    qtbot: Any, window: MainWindow, office_home: Path, tmp_path: Path, spoil: Any, where: str, message: str
) -> None:
    page = open_page(window)
    before = stored(office_home)
    bad = spoil(fill_template(tmp_path / "示例规划.xlsx", sample_plan()))
    import_through_dialog(qtbot, page, bad)
    assert page.problems_box.isVisible()
    found = problems(page)
    assert any(w.startswith(where) and message in m for w, m in found), found
    assert page.messages.kind == "error" and "什么都没有保存" in page.messages.text()
    assert f"有 {len(found)} 处问题" in page.messages.text()
    assert (
        page.problems.headerData(0, Qt.Orientation.Horizontal) == "位置"
        and page.problems.headerData(1, Qt.Orientation.Horizontal) == "问题"
    )
    assert stored(office_home) == before
    assert [r[0] for r in listed(page)] == ["gd-prison-14fyp"]


def test_a_new_version_shows_its_changes_and_cancel_stores_nothing(
    qtbot: Any, window: MainWindow, office_home: Path, tmp_path: Path
) -> None:
    page = open_page(window)
    import_through_dialog(qtbot, page, write_json(tmp_path / "示例 1.0.json", sample_plan()))
    assert "已发布" in page.messages.text()
    newer = write_json(tmp_path / "示例 1.1.json", _version_1_1(sample_plan()))
    before = stored(office_home)

    import_through_dialog(qtbot, page, newer)
    assert page.changes_box.isVisible() and page.messages.kind == "warning"
    assert page.changes_label.text().splitlines() == [
        "与已发布的版本 1.0.0 相比：",
        "　改写 1 项：任务 1.01",
        "　新增 1 项：任务 2.02",
        "　撤销 1 项：任务 1.02",
    ]
    assert stored(office_home) == before  # nothing until confirmed
    page.cancel_button.click()
    assert not page.changes_box.isVisible() and "已取消，什么都没有保存" in page.messages.text()
    assert stored(office_home) == before
    assert [r[1] for r in listed(page)] == ["1.0.0", "1.0.0"]

    import_through_dialog(qtbot, page, newer)
    page.issue_button.click()
    assert not page.changes_box.isVisible()
    assert "已发布 示例规划（测试用）（sample-15fyp 版本 1.1.0）" in page.messages.text()
    assert [r[:2] for r in stored(office_home)[0]] == [("sample-15fyp", "1.0.0"), ("sample-15fyp", "1.1.0")]
    assert [(r[0], r[1], r[7]) for r in listed(page)][-1] == ("sample-15fyp", "1.1.0", "1")
