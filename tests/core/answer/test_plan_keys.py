"""The office names tasks of the plan it chooses (`--plan`, else the current plan) when it sends a period back
with comments and when it lists evidence by task: a task of an issued plan reaches the unit beside that task.
Built from the sample plan (a sample, never a real plan)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import InputError
from desktop.domain.status import Status
from desktop.services import operations as ops
from desktop.services.answer.office import return_period
from desktop.store import Store
from desktop.store.answers import OfficeAnswers
from desktop.store.unit_answers import UnitAnswers
from tests.core.answer.conftest import Pair
from tests.core.answer.test_plan_records import SAMPLE, SHIPPED, _receive_sample, _task
from tests.core.conftest import CliResult


def _sample_work(pair: Pair) -> None:
    """Progress and evidence on sample task 1.02 for 2026-Q4, sent to the office."""
    _receive_sample(pair)
    unit = pair.unit
    task = _task(unit, SAMPLE, "1.02")
    ops.record_progress(unit, task.id, "2026-Q4", Status.IN_PROGRESS, 30, "示例进展")
    evidence = pair.root / "示例会议纪要.pdf"
    evidence.write_bytes(b"%PDF-1.4 sample evidence")
    ops.add_evidence(unit, task.id, [evidence], title="示例佐证")
    pair.export_and_import("U盘2")


def _returns(office: Path) -> list[object]:
    with Store.open(office, "检查") as store:
        return list(OfficeAnswers(store.database, store.audit).returns(open_only=False))


def test_a_comment_on_a_sample_task_reaches_that_task_at_the_unit(pair: Pair) -> None:
    _sample_work(pair)
    made = return_period(pair.office, "GD-T01", "2026-Q4", "请核实", ["1.02=请补充示例佐证"], plan=SAMPLE)
    assert [(c.target, c.task) for c in made.entry.comments] == [(f"{SAMPLE}/1.02", "1.02")]
    pair.answer("回执2")
    received = pair.receive(pair.root / "回执2")
    assert received.ok, [line.message for line in received.lines]
    [back] = UnitAnswers(pair.unit.database, pair.unit.audit).returns()
    assert back.entry.period == "2026-Q4"
    # the unit's window marks a task by matching the comment's target to the task's uid
    commented = {c.target: c.text for c in back.entry.comments if c.task}
    marked = [t for t in pair.unit.plan.tasks() if t.uid in commented]
    assert [(t.uid, t.key, commented[t.uid]) for t in marked] == [(f"{SAMPLE}/1.02", "1.02", "请补充示例佐证")]


def test_without_a_plan_keys_are_read_in_the_plan_current_on_the_day(pair: Pair) -> None:
    _receive_sample(pair)
    in_sample = return_period(pair.office, "GD-T01", "2026-Q3", "请核实", ["1.01=意见"], today=dt.date(2027, 4, 1))
    assert [c.target for c in in_sample.entry.comments] == [f"{SAMPLE}/1.01"]
    in_shipped = return_period(pair.office, "GD-T01", "2026-Q2", "请核实", ["1.01=意见"], today=dt.date(2025, 4, 1))
    assert [c.target for c in in_shipped.entry.comments] == [f"{SHIPPED}/1.01"]
    # a task uid names its own plan, whatever the current one
    later = dt.date(2027, 4, 1)
    by_uid = return_period(pair.office, "GD-T01", "2026-Q1", "请核实", [f"{SHIPPED}/5.12=意见"], today=later)
    assert [(c.target, c.task) for c in by_uid.entry.comments] == [(f"{SHIPPED}/5.12", "5.12")]


def test_a_key_the_plan_lacks_is_refused_and_says_where_to_look(pair: Pair) -> None:
    _receive_sample(pair)
    before = OfficeAnswers(pair.office.database, pair.office.audit).returns(open_only=False)
    with pytest.raises(InputError) as refused:
        return_period(pair.office, "GD-T01", "2026-Q3", "请核实", ["1.01=好", "5.12=意见"], plan=SAMPLE)
    message = str(refused.value)
    assert "示例规划（测试用）" in message and "“5.12”" in message and "--plan" in message
    assert "province catalog list" in message and "未作任何改动" in message
    assert OfficeAnswers(pair.office.database, pair.office.audit).returns(open_only=False) == before


@pytest.fixture
def office_cli(pair: Pair, cli: Callable[..., CliResult]) -> Callable[..., CliResult]:
    _sample_work(pair)
    pair.office.close()

    def run(*args: str) -> CliResult:
        return cli(*args, home_dir=pair.office.home.root)

    return run


def test_province_return_takes_the_plan_of_its_comments(pair: Pair, office_cli: Callable[..., CliResult]) -> None:
    root = pair.office.home.root
    refused = office_cli("province", "return", "GD-T01", "2026-Q4", "--reason", "x", "--comment", "3.01=意见",
                         "--plan", SAMPLE)  # fmt: skip
    assert refused.code != 0 and "示例规划（测试用）" in refused.err and "“3.01”" in refused.err
    unknown = office_cli("province", "return", "GD-T01", "2026-Q4", "--reason", "x", "--plan", "gd-prison-99")
    assert unknown.code != 0 and "gd-prison-99" in unknown.err and "province catalog list" in unknown.err
    assert _returns(root) == []
    made = office_cli("--json", "province", "return", "GD-T01", "2026-Q4", "--reason", "请核实",
                      "--comment", "2.01=请补充", "--plan", SAMPLE)  # fmt: skip
    assert made.code == 0, made.err
    assert made.json()["comments"] == [{"task": "2.01", "target": f"{SAMPLE}/2.01", "text": "请补充"}]


def test_province_evidence_list_finds_a_task_of_the_plan_named(
    pair: Pair, office_cli: Callable[..., CliResult]
) -> None:
    listed = office_cli("--json", "province", "evidence", "list", "--task", "1.02", "--plan", SAMPLE)
    assert listed.code == 0, listed.err
    assert [(e["task_uid"], e["title"]) for e in listed.json()] == [(f"{SAMPLE}/1.02", "示例佐证")]
    shipped = office_cli("--json", "province", "evidence", "list", "--task", "1.02", "--plan", SHIPPED)
    assert shipped.code == 0 and shipped.json() == []
    by_uid = office_cli("--json", "province", "evidence", "list", "--task", f"{SAMPLE}/1.02")
    assert [e["task_uid"] for e in by_uid.json()] == [f"{SAMPLE}/1.02"]
    missing = office_cli("province", "evidence", "list", "--task", "3.01", "--plan", SAMPLE)
    assert missing.code != 0 and "示例规划（测试用）" in missing.err and "“3.01”" in missing.err
