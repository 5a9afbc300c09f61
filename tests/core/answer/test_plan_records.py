"""A received plan is workable at the unit: its tasks take progress, measures, milestones and evidence beside the
十四五 data, travel in bundles, and a new version rewords and retires without losing anything. Built from the
sample plan (a sample, never a real plan)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.domain.errors import StateError
from desktop.domain.status import Status
from desktop.services import operations as ops
from desktop.services.office.status import province_status
from desktop.services.office.unit_view import build_unit_view
from desktop.services.plans import plan_for
from desktop.services.unit_status import sent_records
from desktop.store import Store
from desktop.store.exports import ExportRepo
from desktop.store.plan import task_uid
from tests.core.answer.conftest import Pair, unit_data
from tests.core.answer.test_plans import _version_1_1, issue
from tests.core.bundle.conftest import accept, export
from tests.core.catalogs.conftest import fill_template, sample_plan
from tests.core.conftest import CliResult
from tests.core.reports.conftest import pdf_text

SAMPLE = "sample-15fyp"
SHIPPED = "gd-prison-14fyp"
OLD_TEXT = "示例任务：完善测试用的工作机制。"
NEW_TEXT = "示例任务：完善测试用的工作机制（修订）。"


def _task(store: Store, catalog: str, key: str) -> Any:
    [task] = [t for t in store.plan.tasks(catalog=catalog) if t.key == key]
    return task


def _counts(store: Store) -> dict[str, int]:
    conn = store.database.conn
    return {
        table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("measure", "milestone", "progress", "evidence", "task", "target")
    }


def _receive_sample(pair: Pair, name: str = "回执1") -> None:
    issue(pair, fill_template(pair.root / "示例.xlsx", sample_plan()))
    pair.answer(name)
    received = pair.receive(pair.root / name)
    assert received.ok, [line.message for line in received.lines]


def _work_on_retiring_task(pair: Pair, evidence_file: Path) -> dict[str, int]:
    """Measures, a milestone, progress and evidence on sample task 1.02 (which version 1.1 retires)."""
    unit = pair.unit
    task = _task(unit, SAMPLE, "1.02")
    measure = ops.add_measure(unit, task.id, "示例措施：组织测试培训", department="教育科").value
    milestone = ops.add_milestone(unit, measure.id, "示例节点：培训完成", dt.date(2027, 3, 31)).value
    ops.record_progress(unit, task.id, "2027-Q1", Status.IN_PROGRESS, 30, "示例进展")
    ops.record_progress(unit, measure.id, "2027-Q1", Status.IN_PROGRESS, 50, "措施进展")
    evidence_file.write_bytes(b"%PDF-1.4 sample evidence")
    [added] = ops.add_evidence(unit, task.id, [evidence_file], title="示例佐证").value
    return {"task": task.id, "measure": measure.id, "milestone": milestone.id, "evidence": added.record.id}


def test_a_received_plan_takes_records_beside_the_shipped_plan_and_a_new_version_loses_nothing(
    pair: Pair, cli: Callable[..., CliResult]
) -> None:
    unit = pair.unit
    shipped_ids = {t.id for t in unit.plan.tasks(catalog=SHIPPED)}
    _receive_sample(pair)

    # the received plan is in the plan tables: its own project numbers, ids unique across plans
    sample_tasks = unit.plan.tasks(catalog=SAMPLE)
    assert [(t.project, t.key) for t in sample_tasks] == [(1, "1.01"), (1, "1.02"), (2, "2.01")]
    assert not shipped_ids & {t.id for t in sample_tasks}
    assert [p.number for p in unit.plan.projects(SAMPLE)] == [1, 2]
    assert [(t.key, t.catalog) for t in unit.plan.targets(SAMPLE)] == [("sample-rate", SAMPLE)]
    assert plan_for(unit).id == SAMPLE  # December 2026: the sample's years (2026–2030) hold today

    # progress on the new plan for 2027-Q1 beside 十四五 data of the same period
    first = _task(unit, SAMPLE, "1.01")
    shipped_task = unit.plan.tasks(catalog=SHIPPED)[0]
    ops.record_progress(unit, first.id, "2027-Q1", Status.IN_PROGRESS, 45, "示例规划的进展")
    ops.record_progress(unit, shipped_task.id, "2027-Q1", Status.DONE, 100, "十四五收尾")
    ids = _work_on_retiring_task(pair, pair.root / "佐证.pdf")

    # the bundle carries records of both plans; the office verifies and accepts it
    result = export(unit, pair.root / "U盘2")
    carried = sent_records(ExportRepo(unit.database, unit.audit))
    progress = {(d["item_uid"], d["period"]) for (entity, _uid), d in carried.items() if entity == "progress"}
    assert {(first.uid, "2027-Q1"), (shipped_task.uid, "2027-Q1"), (task_uid(SAMPLE, "1.02"), "2027-Q1")} <= progress
    measures = [d for (entity, _uid), d in carried.items() if entity == "measure"]
    assert [m["task_uid"] for m in measures] == [task_uid(SAMPLE, "1.02")]
    home = unit.home.root
    verified = cli("--json", "verify", str(result.path), home_dir=home)
    assert verified.code == 0, verified.err
    assert json.loads(verified.out.strip().splitlines()[-1])["ok"]
    accept(pair.office, pair.keys.identity, result.path)

    # the office's status for the sample plan and 2027-Q1 shows the unit's own figures (one rule, both sides)
    when = dt.date(2027, 4, 10)
    mine = unit.overview("2027-Q1", when, plan=SAMPLE)
    drill = build_unit_view(pair.office, "GD-T01", "2027-Q1", when, pair.office.settings.thresholds(), SAMPLE)
    assert {t.uid: (t.percent, t.light) for t in drill.tasks} == {
        t.task.uid: (t.percent, t.light) for pv in mine for t in pv.tasks
    }
    [entry] = province_status(pair.office, "2027-Q1", when, SAMPLE).units
    assert [(p.number, p.percent) for p in entry.projects] == [(pv.project.number, pv.percent) for pv in mine]
    assert any(t.percent == 45 for pv in mine for t in pv.tasks)  # the figure recorded above reached the office

    # version 1.1 rewords 1.01 and retires 1.02 (which has a measure, a milestone, progress and evidence)
    before_counts, before_audit = _counts(unit), unit.audit.entries()
    issue(pair, _version_1_1(pair.root))
    pair.answer("回执2")
    assert pair.receive(pair.root / "回执2").ok
    after = _counts(unit)
    assert after == before_counts  # nothing lost, nothing added (1.1 adds no task)
    assert _task(unit, SAMPLE, "1.01").text == NEW_TEXT
    retired = _task(unit, SAMPLE, "1.02")
    assert retired.retired == "1.1.0" and retired.label.endswith("（已调整）")
    assert _task(unit, SAMPLE, "2.01").retired is None
    reworded = [
        e for e in unit.audit.entries(entity="task", entity_uid=first.uid) if e not in before_audit and e.before
    ]
    assert len(reworded) == 1
    assert json.loads(reworded[0].before or "{}") == {"text": OLD_TEXT}
    assert json.loads(reworded[0].after or "{}")["text"] == NEW_TEXT
    assert unit.progress.get(ids["task"], "2027-Q1") is not None
    assert unit.measures.get(ids["measure"]).title == "示例措施：组织测试培训"
    assert unit.evidence.get(ids["evidence"]).title == "示例佐证"
    assert unit.audit.verify() == []  # the chain holds over the plan's changes

    # every edit of the retired task's records is refused, nothing written
    snapshot = unit_data(unit)
    message = f"该任务已在规划 {SAMPLE} 版本 1.1.0 中调整，历史记录只读"
    (pair.root / "新佐证.pdf").write_bytes(b"%PDF-1.4 more")
    refused: list[Callable[[], object]] = [
        lambda: ops.record_progress(unit, ids["task"], "2027-Q2", Status.DONE, 100),
        lambda: ops.record_progress(unit, ids["measure"], "2027-Q1", Status.DONE, 100),
        lambda: ops.record_progress_many(
            unit, "2027-Q2", [(first.id, Status.DONE, 100, ""), (ids["task"], Status.DONE, 100, "")]
        ),
        lambda: ops.delete_progress(unit, ids["task"], "2027-Q1"),
        lambda: ops.add_measure(unit, ids["task"], "新措施"),
        lambda: ops.update_measure(unit, ids["measure"], title="改过的措施"),
        lambda: ops.delete_measure(unit, ids["measure"]),
        lambda: ops.add_milestone(unit, ids["task"], "新节点", dt.date(2027, 6, 30)),
        lambda: ops.update_milestone(unit, ids["milestone"], title="改过的节点"),
        lambda: ops.mark_milestone_done(unit, ids["milestone"], dt.date(2027, 3, 1)),
        lambda: ops.delete_milestone(unit, ids["milestone"]),
        lambda: ops.add_evidence(unit, ids["task"], [pair.root / "新佐证.pdf"]),
        lambda: ops.update_evidence(unit, ids["evidence"], title="改过的佐证"),
        lambda: ops.delete_evidence(unit, ids["evidence"]),
    ]
    for attempt in refused:
        with pytest.raises(StateError, match=message):
            attempt()
    assert unit_data(unit) == snapshot
    # the reworded task is still open for work
    assert ops.record_progress(unit, first.id, "2027-Q2", Status.IN_PROGRESS, 60).value.percent == 60

    # the commands: tasks, status and report of the plan
    unit.close()
    listed = cli("--json", "tasks", "--plan", SAMPLE, home_dir=home)
    assert listed.code == 0, listed.err
    rows = {t["key"]: t for t in listed.json()}
    assert set(rows) == {"1.01", "1.02", "2.01"} and {t["plan"] for t in rows.values()} == {SAMPLE}
    assert rows["1.02"]["retired"] == "1.1.0" and rows["1.01"]["retired"] is None
    assert rows["1.01"]["title"] == NEW_TEXT
    default = cli("--json", "tasks", home_dir=home).json()
    assert {t["plan"] for t in default} == {SAMPLE}  # the current plan
    shipped = cli("--json", "tasks", "--plan", SHIPPED, home_dir=home).json()
    assert {t["plan"] for t in shipped} == {SHIPPED} and len(shipped) == len(shipped_ids)
    text = cli("tasks", "--plan", SAMPLE, home_dir=home)
    assert "1.02 示例任务：开展测试用的培训。  【已调整：版本 1.1.0 撤销，历史记录只读】" in text.out
    refused_edit = cli("progress", str(ids["task"]), "--period", "2027-Q3", "--status", "推进中", "--percent", "10",
                       home_dir=home)  # fmt: skip
    assert refused_edit.code != 0 and message in refused_edit.err
    recorded = cli("progress", str(_task_id(rows, "2.01")), "--period", "2027-Q1", "--status", "推进中", "--percent",
                   "20", home_dir=home)  # fmt: skip
    assert recorded.code == 0, recorded.err
    other = str(_task_id(rows, "2.01"))
    measure = cli("--json", "measure", "add", other, "--title", "示例措施：建设测试系统", home_dir=home)
    assert measure.code == 0, measure.err
    milestone = cli("--json", "milestone", "add", str(measure.json()["id"]), "--title", "示例节点：系统上线",
                    "--due", "2027-06-30", "--target-key", "sample-rate", "--target-value", "60",
                    home_dir=home)  # fmt: skip
    assert milestone.code == 0, milestone.err
    (pair.root / "系统截图.pdf").write_bytes(b"%PDF-1.4 screenshot")
    attached = cli("evidence", "add", other, str(pair.root / "系统截图.pdf"), home_dir=home)
    assert attached.code == 0, attached.err
    refused_measure = cli("measure", "add", str(ids["task"]), "--title", "不应添加", home_dir=home)
    assert refused_measure.code != 0 and message in refused_measure.err

    status = cli("--json", "status", "--plan", SAMPLE, "--period", "2027-Q1", home_dir=home).json()
    assert status["plan"] == SAMPLE and status["plan_title"] == "示例规划（测试用）"
    assert [p["number"] for p in status["projects"]] == [1, 2]
    shipped_status = cli("--json", "status", "--plan", SHIPPED, "--period", "2027-Q1", home_dir=home).json()
    assert len(shipped_status["projects"]) == 5

    pdf = pair.root / "示例报告.pdf"
    made = cli("report", "--plan", SAMPLE, "--period", "2027-Q1", "--out", str(pdf), home_dir=home)
    assert made.code == 0, made.err
    shown = pdf_text(pdf)
    assert "示例规划（测试用）" in shown and "示例工程甲" in shown and "示例工程乙" in shown
    assert "凝心聚力" not in shown  # no project of the other plan
    assert "开展测试用的培训。（已调整）" in shown.replace("\n", "")
    xlsx = pair.root / "示例台账.xlsx"
    assert cli("report", "--plan", SAMPLE, "--period", "2027-Q1", "--out", str(xlsx), home_dir=home).code == 0
    book = load_workbook(xlsx, read_only=True)
    assert [n for n in book.sheetnames if "工程" in n] == [n for n in book.sheetnames if "示例工程" in n]
    assert len([n for n in book.sheetnames if "示例工程" in n]) == 2
    readme = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True) if r and r[0]}
    assert readme["规划"] == "示例规划（测试用）" and readme["规划目录"] == SAMPLE
    book.close()


def _task_id(rows: dict[str, dict[str, Any]], key: str) -> int:
    return int(rows[key]["id"])


def test_an_unknown_plan_is_refused_with_the_plans_held(pair: Pair, cli: Callable[..., CliResult]) -> None:
    _receive_sample(pair)
    home = pair.unit.home.root
    pair.unit.close()
    for command in (("tasks",), ("status",), ("report", "--out", str(pair.root / "x.pdf"))):
        result = cli(*command, "--plan", "gd-prison-15fyp", home_dir=home)
        assert result.code != 0
        assert "本单位没有规划“gd-prison-15fyp”" in result.err
        assert f"{SHIPPED}、{SAMPLE}" in result.err
        assert "Traceback" not in result.err
    assert not (pair.root / "x.pdf").exists()
