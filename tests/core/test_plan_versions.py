"""Versions of a received plan at the unit: each version applied once and in order, an older one arriving after
a newer one changes nothing, and a home that stored a plan before plans were loaded gets it loaded on opening.
Built from the sample plan (a sample, never a real plan)."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from desktop.domain.catalog import Catalog
from desktop.domain.catalog_check import normalize
from desktop.domain.model import ItemKind
from desktop.domain.periods import parse_period
from desktop.services.operations.ledger import import_ledger
from desktop.services.period_sheet import period_sheet
from desktop.services.reports.ledger_import import plan_ledger_import
from desktop.services.reports.ledger_xlsx import export_ledger
from desktop.services.reports.unit_data import collect_unit_report
from desktop.store import Store
from desktop.store.catalogs import UnitCatalogs
from desktop.store.db import DB_FILENAME
from desktop.store.unit_answers import ReceivedAnswer, UnitAnswers
from tests.core.catalogs.conftest import sample_plan

SAMPLE = "sample-15fyp"


def _version(version: str, **change: Any) -> dict[str, Any]:
    plan = sample_plan()
    plan["version"] = version
    if change.get("reword"):
        plan["projects"][0]["tasks"][0]["text"] = change["reword"]
    if change.get("retire"):
        plan["projects"][0]["tasks"][1]["retired"] = change["retire"]
    if change.get("add"):
        plan["projects"][1]["tasks"].append({"key": "2.03", "text": "示例任务：新增的测试任务。"})
    return normalize(plan)


def _apply(store: Store, seq: int, *catalogs: dict[str, Any]) -> None:
    answer = ReceivedAnswer(seq, f"answer-{seq}", "key", "2026-12-01T00:00:00Z", "", "", "测试")
    UnitAnswers(store.database, store.audit).apply(answer, [], [], [], list(catalogs))


def _plan_tables(store: Store) -> list[tuple[Any, ...]]:
    conn = store.database.conn
    rows: list[tuple[Any, ...]] = []
    for table in ("project", "task", "target", "target_goal", "item"):
        rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
    return rows


def test_versions_in_one_answer_apply_in_order_and_an_older_one_later_changes_nothing(
    tmp_path: Path, catalog: Catalog
) -> None:
    with Store.create(tmp_path / "单位", "填报员", "unit", catalog) as store:
        newer = _version("1.2.0", reword="示例任务：第二次修订。", retire="1.1.0", add=True)
        middle = _version("1.1.0", reword="示例任务：第一次修订。", retire="1.1.0")
        _apply(store, 1, newer, middle)  # listed newest first: still applied oldest first
        tasks = {t.key: t for t in store.plan.tasks(catalog=SAMPLE)}
        assert tasks["1.01"].text == "示例任务：第二次修订。"
        assert tasks["1.02"].retired == "1.1.0" and "2.03" in tasks
        # 1.1 reworded 1.01 first, then 1.2 did again: both old texts are in the audit trail
        texts = [e.before for e in store.audit.entries(entity="task", entity_uid=f"{SAMPLE}/1.01") if e.before]
        assert len(texts) == 1  # 1.2 arrived with 1.1 in one answer; 1.1 was the plan's first version here
        before = _plan_tables(store)
        audit = store.audit.count()

        _apply(store, 2, _version("1.0.0"))  # the plan's first version arrives last: it changes nothing
        assert _plan_tables(store) == before
        assert store.plan.task(tasks["1.01"].id).text == "示例任务：第二次修订。"
        assert store.plan.task(tasks["1.02"].id).retired == "1.1.0"
        assert store.audit.count() == audit + 3  # the answer, the stored version and the version not applied
        assert [c.version for c in UnitCatalogs(store.database, store.audit).received()] == ["1.2.0", "1.1.0", "1.0.0"]


def test_a_new_version_that_fills_a_gap_in_the_keys_keeps_every_task(tmp_path: Path, catalog: Catalog) -> None:
    with Store.create(tmp_path / "单位", "填报员", "unit", catalog) as store:
        first = sample_plan()
        first["projects"][0]["tasks"][1]["key"] = "1.03"  # 1.01, 1.03
        _apply(store, 1, normalize(first))
        ids = {t.key: t.id for t in store.plan.tasks(catalog=SAMPLE)}
        second = copy.deepcopy(first)
        second["version"] = "1.1.0"
        second["projects"][0]["tasks"].insert(1, {"key": "1.02", "text": "示例任务：补入的测试任务。"})
        _apply(store, 2, normalize(second))
        tasks = store.plan.tasks(catalog=SAMPLE)
        assert [(t.key, t.seq) for t in tasks] == [("1.01", 1), ("1.02", 2), ("1.03", 3), ("2.01", 1)]
        assert {t.key: t.id for t in tasks if t.key != "1.02"} == ids  # the same items: records stay attached
        added = store.audit.entries(entity="task", entity_uid=f"{SAMPLE}/1.02")
        assert [e.action for e in added] == ["insert"]


def test_a_plan_stored_before_plans_were_loaded_is_loaded_when_the_home_opens(tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "单位"
    Store.create(root, "填报员", "unit", catalog).close()
    # what the previous release left: the received version stored, the plan tables without it
    with Store.open(root, "填报员") as store, store.database.transaction():
        UnitCatalogs(store.database, store.audit).add_received([_version("1.0.0")], 1)
        store.database.conn.execute("DELETE FROM catalog WHERE id = ?", (SAMPLE,))
        for table, column in (("target_goal", "target_id IN (SELECT id FROM target WHERE catalog_id = ?)"),
                              ("target", "catalog_id = ?")):  # fmt: skip
            store.database.conn.execute(f"DELETE FROM {table} WHERE {column}", (SAMPLE,))
        task_ids = "SELECT t.id FROM task t JOIN project p ON p.id = t.project_id WHERE p.catalog_id = ?"
        store.database.conn.execute(f"DELETE FROM item WHERE id IN ({task_ids})", (SAMPLE,))
        store.database.conn.execute(
            "DELETE FROM task WHERE project_id IN (SELECT id FROM project WHERE catalog_id = ?)", (SAMPLE,)
        )
        store.database.conn.execute("DELETE FROM project WHERE catalog_id = ?", (SAMPLE,))
    conn = sqlite3.connect(root / DB_FILENAME)
    assert conn.execute("SELECT count(*) FROM project WHERE catalog_id = ?", (SAMPLE,)).fetchone() == (0,)
    conn.close()
    with Store.open(root, "填报员") as store:
        assert [t.key for t in store.plan.tasks(catalog=SAMPLE)] == ["1.01", "1.02", "2.01"]
        assert store.plan.latest_version(SAMPLE) == "1.0.0"
    with Store.open(root, "填报员") as store:  # once only
        assert len(store.plan.tasks(catalog=SAMPLE)) == 3


def test_the_period_grid_shows_one_plan_and_marks_a_retired_task(tmp_path: Path, catalog: Catalog) -> None:
    with Store.create(tmp_path / "单位", "填报员", "unit", catalog) as store:
        _apply(store, 1, _version("1.0.0"), _version("1.1.0", retire="1.1.0"))
        rows = period_sheet(store, parse_period("2027-Q1"), plan=SAMPLE)
        tasks = [r for r in rows if r.kind is ItemKind.TASK]
        assert [(r.label, r.retired) for r in tasks] == [
            ("1.01 示例任务：完善测试用的工作机制。", False),
            ("1.02 示例任务：开展测试用的培训。（已调整）", True),
            ("2.01 示例任务：建设测试用的信息系统。", False),
        ]
        shipped = period_sheet(store, parse_period("2027-Q1"), plan=catalog.id)
        assert len([r for r in shipped if r.kind is ItemKind.TASK]) == len(catalog.tasks)


def test_a_ledger_names_its_plan_and_imports_against_that_plans_tasks(tmp_path: Path, catalog: Catalog) -> None:
    """Both plans have a task 1.01: a row of the 十四五 ledger lands on 十四五's 1.01, not the sample's."""
    with Store.create(tmp_path / "单位", "填报员", "unit", catalog) as store:
        store.set_unit("GD-T01", "测试监狱")
        _apply(store, 1, _version("1.0.0"))
        out = tmp_path / "十四五台账.xlsx"
        export_ledger(collect_unit_report(store, "2026-Q4", plan=catalog.id), out)
        book = load_workbook(out)
        sheet = book[book.sheetnames[0]]
        headers = [c.value for c in sheet[1]]
        sheet.append([{"任务编号": "1.01", "措施名称": "十四五收尾措施"}.get(str(h)) for h in headers])
        book.save(out)
        plan = plan_ledger_import(store, out)
        assert plan.problems == []
        import_ledger(store, plan)
        [measure] = store.measures.find()
        assert store.plan.task(measure.task_id).uid == f"{catalog.id}/1.01"
