"""import-ledger: export, edit in a spreadsheet, import again; every bad row named; nothing half-imported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.errors import InputError, NotFoundError
from desktop.services.reports import ledger_layout as lay
from desktop.services.reports.ledger_import import (
    LedgerProblemsError,
    apply_ledger_import,
    plan_ledger_import,
)
from desktop.services.reports.ledger_xlsx import export_ledger
from desktop.services.reports.unit_data import collect_unit_report
from desktop.store import Store
from tests.core.reports.conftest import MEASURE_TITLE, NOW, PERIOD, Sample
from tests.core.support import home_state

PROJECT_1 = "1 凝心聚力工程"


@pytest.fixture
def ledger(sample: Sample, tmp_path: Path) -> Path:
    out = tmp_path / "台账.xlsx"
    export_ledger(collect_unit_report(sample.store, PERIOD, NOW), out)
    return out


def _append(ws: Worksheet, **values: Any) -> int:
    """Append a row by header text, the way a clerk types under the headers; return its row number."""
    headers = [c.value for c in next(ws.iter_rows(max_row=1))]
    ws.append([values.get(h) for h in headers])
    return int(ws.max_row)


def _set(ws: Worksheet, row: int, header: str, value: Any) -> None:
    headers = [c.value for c in next(ws.iter_rows(max_row=1))]
    ws.cell(row=row, column=headers.index(header) + 1, value=value)


def _find(ws: Worksheet, header: str, value: Any) -> int:
    headers = [c.value for c in next(ws.iter_rows(max_row=1))]
    column = headers.index(header)
    for number, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if values[column] == value:
            return number
    raise AssertionError(f"{value!r} not in column {header}")


def test_unchanged_export_imports_nothing(sample: Sample, ledger: Path) -> None:
    plan = plan_ledger_import(sample.store, ledger)
    assert plan.problems == [] and plan.change_count == 0
    assert plan.unchanged == 4
    assert plan.sheets == [*(f"{n} {p.name}" for n, p in enumerate(sample.store.plan.projects(), 1)), "时间节点"]
    assert plan.skipped_sheets == [lay.EVIDENCE_SHEET, lay.README_SHEET]
    assert plan.progress_edits == []  # progress shown as exported: nothing to warn about


def test_round_trip(sample: Sample, ledger: Path) -> None:
    store = sample.store
    wb = load_workbook(ledger)
    ws = wb[PROJECT_1]
    _set(ws, _find(ws, "措施名称", MEASURE_TITLE), "责任人", "赵六")
    _append(
        ws,
        任务编号="1.02",
        措施名称="落实谈心谈话制度",
        责任部门="政治处",
        责任人="钱七",
        完成期限=dt.datetime(2026, 9, 30),
    )
    _append(ws, 任务编号=1.1, 措施名称="升级周界防范系统", 开始日期="2026/3/1", 完成期限="2026年12月31日")
    ms = wb[lay.MILESTONE_SHEET]
    _set(ms, _find(ms, "时间节点", "规范化监狱创建达标"), "实际值", 85)
    _append(
        ms,
        任务编号="1.02",
        所属措施="落实谈心谈话制度",
        时间节点="完成首轮谈话",
        到期日期=46112,
        实际值=40,
        完成日期="2026-04-01",
    )
    _append(ms, 任务编号="1.01", 时间节点="开展专题党课", 到期日期="2026-06-30", 目标值="4", 计量单位="次")
    wb.save(ledger)

    before = home_state(store.home.root)
    plan = plan_ledger_import(store, ledger)
    assert plan.problems == []
    assert (len(plan.new_measures), len(plan.changed_measures)) == (2, 1)
    assert (len(plan.new_milestones), len(plan.changed_milestones)) == (2, 1)
    assert plan.changed_measures[0].changes == {"person": "赵六"}
    assert home_state(store.home.root) == before  # the dry run wrote nothing

    result = apply_ledger_import(store, plan)
    assert (result.added_measures, result.updated_measures, result.added_milestones, result.updated_milestones) == (
        2,
        1,
        2,
        1,
    )
    assert store.measures.get(sample.measure_id).person == "赵六"
    tasks = {t.key: t for t in store.plan.tasks()}
    (talk,) = store.measures.find(tasks["1.02"].id)
    assert (talk.title, talk.person, talk.due_date) == ("落实谈心谈话制度", "钱七", dt.date(2026, 9, 30))
    (fence,) = store.measures.find(tasks["1.10"].id)  # typed as the number 1.1
    assert (fence.start_date, fence.due_date) == (dt.date(2026, 3, 1), dt.date(2026, 12, 31))
    (first_talk,) = store.milestones.find(measure_id=talk.id)
    assert first_talk.due_date == dt.date(2026, 3, 31)  # Excel serial 46112
    assert (first_talk.actual_value, first_talk.achieved_date) == (40, dt.date(2026, 4, 1))
    lesson = next(m for m in store.milestones.find(tasks["1.01"].id) if m.title == "开展专题党课")
    assert (lesson.measure_id, lesson.target_value, lesson.target_unit) == (None, 4, "次")
    target = next(m for m in store.milestones.find(tasks["1.01"].id) if m.title == "规范化监狱创建达标")
    assert target.actual_value == 85
    assert any(e.action == "insert" and e.entity == "measure" for e in store.audit.entries(entity="measure"))

    again = plan_ledger_import(store, ledger)  # the same workbook once more: matched by name, adds nothing
    assert again.problems == [] and again.change_count == 0

    exported = ledger.with_name("再导出.xlsx")
    export_ledger(collect_unit_report(store, PERIOD, NOW), exported)
    assert plan_ledger_import(store, exported).change_count == 0


def test_progress_columns_are_not_imported_and_changed_rows_are_named(sample: Sample, ledger: Path) -> None:
    store = sample.store
    wb = load_workbook(ledger)
    ws = wb[PROJECT_1]
    task_row = _find(ws, "任务编号", "1.01")  # the task's own row comes first
    measure_row = _find(ws, "措施名称", MEASURE_TITLE)
    _set(ws, task_row, "进展说明", "全年学习计划已完成")
    _set(ws, measure_row, "本期状态", "已完成")
    _set(ws, measure_row, "完成百分比", 100)
    new_row = _append(ws, 任务编号="1.02", 措施名称="落实谈心谈话制度", 完成百分比=30)
    wb.save(ledger)
    task_before = store.progress.get(sample.task_id, PERIOD)
    measure_before = store.progress.get(sample.measure_id, PERIOD)

    plan = plan_ledger_import(store, ledger)
    assert plan.problems == [] and len(plan.new_measures) == 1
    assert [(e.row, e.columns) for e in plan.progress_edits] == [
        (task_row, ("进展说明",)),
        (measure_row, ("本期状态", "完成百分比")),
        (new_row, ("完成百分比",)),
    ]
    assert str(plan.progress_edits[1]) == (
        f"工作表“{PROJECT_1}”第 {measure_row} 行（任务 1.01“{MEASURE_TITLE}”）：本期状态、完成百分比"
    )
    apply_ledger_import(store, plan)
    assert store.progress.get(sample.task_id, PERIOD) == task_before  # progress untouched
    assert store.progress.get(sample.measure_id, PERIOD) == measure_before
    (talk,) = store.measures.find(store.plan.tasks(1)[1].id)
    assert talk.title == "落实谈心谈话制度" and store.progress.find(item_id=talk.id) == []

    del wb[lay.README_SHEET]  # without the ledger's period only new rows can be compared
    wb.save(ledger)
    assert [(e.row, e.columns) for e in plan_ledger_import(store, ledger).progress_edits] == [
        (new_row, ("完成百分比",))
    ]


def test_bad_rows_are_listed_and_nothing_is_imported(sample: Sample, ledger: Path) -> None:
    store = sample.store
    wb = load_workbook(ledger)
    ws = wb[PROJECT_1]
    good = _append(ws, 任务编号="1.03", 措施名称="这一行本身没有问题")
    bad_date = _append(ws, 任务编号="1.03", 措施名称="日期写错", 完成期限="2026-13-45")
    bad_task = _append(ws, 任务编号="9.99", 措施名称="任务不存在")
    no_title = _append(ws, 任务编号="1.04", 责任人="孙八")
    unknown_uid = _append(ws, 任务编号="1.04", 措施名称="标识不对", 记录标识="not-a-uid")
    backwards = _append(ws, 任务编号="1.05", 措施名称="日期颠倒", 开始日期="2026-12-01", 完成期限="2026-01-01")
    moved = _find(ws, "措施名称", MEASURE_TITLE)
    _set(ws, moved, "任务编号", "1.06")
    ms = wb[lay.MILESTONE_SHEET]
    no_due = _append(ms, 任务编号="1.01", 时间节点="没有到期日期")
    no_parent = _append(ms, 任务编号="1.01", 所属措施="不存在的措施", 时间节点="挂错了", 到期日期="2026-05-01")
    bad_number = _append(ms, 任务编号="1.01", 时间节点="目标不是数字", 到期日期="2026-05-01", 目标值="八十")
    wb.save(ledger)

    before = home_state(store.home.root)
    plan = plan_ledger_import(store, ledger)
    found = {(p.sheet, p.row): p.message for p in plan.problems}
    expected = {
        (PROJECT_1, bad_date): "完成期限",
        (PROJECT_1, bad_task): "9.99",
        (PROJECT_1, no_title): "措施名称为空",
        (PROJECT_1, unknown_uid): "not-a-uid",
        (PROJECT_1, backwards): "晚于",
        (PROJECT_1, moved): "不能通过台账改到任务 1.06",
        (lay.MILESTONE_SHEET, no_due): "到期日期为空",
        (lay.MILESTONE_SHEET, no_parent): "不存在的措施",
        (lay.MILESTONE_SHEET, bad_number): "八十",
    }
    assert set(found) == set(expected), plan.problem_text()
    for where, fragment in expected.items():
        assert fragment in found[where], (where, found[where])
    assert (PROJECT_1, good) not in found
    assert f"工作表“{PROJECT_1}”第 {bad_date} 行" in plan.problem_text()

    with pytest.raises(LedgerProblemsError) as caught:
        apply_ledger_import(store, plan)
    assert "没有导入任何内容" in str(caught.value)
    assert home_state(store.home.root) == before


def test_duplicate_rows_are_refused(sample: Sample, ledger: Path) -> None:
    wb = load_workbook(ledger)
    ws = wb[PROJECT_1]
    first = _append(ws, 任务编号="1.02", 措施名称="同一条措施")
    second = _append(ws, 任务编号="1.02", 措施名称="同一条措施")
    row = _find(ws, "措施名称", MEASURE_TITLE)
    copy = _append(
        ws, **{h: ws.cell(row=row, column=i + 1).value for i, h in enumerate(c.header for c in lay.PROJECT_COLUMNS)}
    )
    wb.save(ledger)
    plan = plan_ledger_import(sample.store, ledger)
    assert [(p.row, "重复" in p.message) for p in plan.problems] == [(second, True), (copy, True)]
    assert first not in [p.row for p in plan.problems]


def test_failure_while_writing_rolls_everything_back(sample: Sample, ledger: Path) -> None:
    store = sample.store
    wb = load_workbook(ledger)
    ws = wb[PROJECT_1]
    _append(ws, 任务编号="1.02", 措施名称="新措施甲")
    _set(ws, _find(ws, "措施名称", "建立“第一议题”制度"), "责任人", "周九")
    wb.save(ledger)
    plan = plan_ledger_import(store, ledger)
    assert plan.change_count == 2
    doomed = plan.changed_measures[0].existing
    assert doomed is not None
    store.progress.delete(doomed.id, PERIOD)
    store.measures.delete(doomed.id)  # someone else deletes it between the check and the import
    before = home_state(store.home.root)
    with pytest.raises(NotFoundError, match="没有导入任何内容"):
        apply_ledger_import(store, plan)
    assert home_state(store.home.root) == before
    assert [m.title for m in store.measures.find() if m.title == "新措施甲"] == []


def test_missing_column_is_reported(sample: Sample, ledger: Path) -> None:
    wb = load_workbook(ledger)
    ms = wb[lay.MILESTONE_SHEET]
    _set(ms, 1, "到期日期", "截止")
    wb.save(ledger)
    plan = plan_ledger_import(sample.store, ledger)
    assert [(p.sheet, p.row) for p in plan.problems] == [(lay.MILESTONE_SHEET, 1)]
    assert "到期日期" in plan.problems[0].message


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("台账.xlsx", b"this is not a workbook", "不是可读取的 Excel 工作簿"),
        ("台账.pdf", b"%PDF-1.4\n", "不是可读取的 Excel 工作簿"),
        ("旧台账.xls", b"\xd0\xcf\x11\xe0", "另存为"),
        ("空的.xlsx", b"", "不是可读取的 Excel 工作簿"),
    ],
)
def test_unreadable_files_give_clear_messages(
    store: Store, tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=fragment):
        plan_ledger_import(store, path)


def test_missing_file_and_folder(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到文件"):
        plan_ledger_import(store, tmp_path / "没有这个文件.xlsx")
    with pytest.raises(InputError, match="是文件夹"):
        plan_ledger_import(store, tmp_path)


def test_workbook_without_ledger_sheets(store: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    assert wb.active is not None
    wb.active.append(["姓名", "电话"])
    path = tmp_path / "别的表.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="没有台账格式的工作表"):
        plan_ledger_import(store, path)
