"""The reporting period an evidence file belongs to (所属期): set when adding or later, read with the period
rules every other period follows, audited, taken back by undo, and refused visibly when malformed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import InputError
from desktop.services import operations as ops
from desktop.services.operations import UndoHistory, run_undo
from desktop.store import Store
from desktop.store.evidence import evidence_period

from .conftest import CliResult
from .support import assert_error, home_state, incoming_files

BAD_PERIODS = ("2026-13", "2026Q5", "明年")


def _file(tmp_path: Path, name: str = "会议纪要.txt") -> Path:
    path = tmp_path / name
    path.write_text("第一次推进会纪要", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2026-11", "2026-11"), ("2026-q4", "2026-Q4"), ("２０２６年第四季度", "2026-Q4"), ("2026", "2026"), ("", None)],
)
def test_a_period_is_stored_as_its_code(typed: str, stored: str | None) -> None:
    assert evidence_period(typed) == stored


@pytest.mark.parametrize("typed", BAD_PERIODS)
def test_a_malformed_period_is_refused_saying_what_to_type(typed: str) -> None:
    with pytest.raises(InputError) as caught:
        evidence_period(typed)
    assert f"所属期“{typed}”格式不正确" in str(caught.value)
    assert "2026-Q4" in str(caught.value)


def test_add_evidence_stores_the_period_and_audits_it(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)], period="2026-q4").value[0].record
    assert record.period == "2026-Q4"
    assert store.evidence.get(record.id).period == "2026-Q4"
    entry = store.audit.entries(entity="evidence", entity_uid=record.uid)[-1]
    assert entry.action == "insert" and json.loads(entry.after or "{}")["period"] == "2026-Q4"


def test_without_a_period_none_is_stored(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)]).value[0].record
    assert store.evidence.get(record.id).period is None


@pytest.mark.parametrize("typed", BAD_PERIODS)
def test_adding_with_a_malformed_period_writes_nothing(store: Store, tmp_path: Path, typed: str) -> None:
    task = store.plan.tasks()[0].id
    before = home_state(store.home.root)
    with pytest.raises(InputError, match="所属期"):
        ops.add_evidence(store, task, [_file(tmp_path)], period=typed)
    assert store.evidence.count() == 0
    assert incoming_files(store.home.root) == []
    assert home_state(store.home.root) == before


def test_update_sets_and_clears_the_period_and_undo_restores_it(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)], period="2026-11").value[0].record
    rows = store.audit.count()
    outcome = ops.update_evidence(store, record.id, period="2026-Q4")
    assert store.evidence.get(record.id).period == "2026-Q4"
    assert store.audit.count() == rows + 1
    entry = store.audit.entries(entity="evidence", entity_uid=record.uid)[-1]
    assert entry.action == "update"
    assert json.loads(entry.before or "{}")["period"] == "2026-11"
    assert json.loads(entry.after or "{}")["period"] == "2026-Q4"
    history = UndoHistory()
    assert outcome.undo is not None
    history.push(outcome.undo)
    cleared = ops.update_evidence(store, record.id, period="")
    assert store.evidence.get(record.id).period is None
    assert cleared.undo is not None
    history.push(cleared.undo)
    step = history.pop()
    assert step is not None and run_undo(step, store) is None
    assert store.evidence.get(record.id).period == "2026-Q4"
    step = history.pop()
    assert step is not None and run_undo(step, store) is None
    assert store.evidence.get(record.id).period == "2026-11"
    assert store.audit.verify() == []


def test_undo_clears_a_period_that_was_not_set(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)]).value[0].record
    outcome = ops.update_evidence(store, record.id, period="2026")
    assert outcome.undo is not None
    outcome.undo.apply(store)
    assert store.evidence.get(record.id) == record


def test_update_without_a_period_keeps_it(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)], period="2026-11").value[0].record
    ops.update_evidence(store, record.id, category="照片")
    assert store.evidence.get(record.id).period == "2026-11"


@pytest.mark.parametrize("typed", BAD_PERIODS)
def test_updating_to_a_malformed_period_writes_nothing(store: Store, tmp_path: Path, typed: str) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)], period="2026-11").value[0].record
    before = home_state(store.home.root)
    with pytest.raises(InputError, match="所属期"):
        ops.update_evidence(store, record.id, title="新标题", period=typed)
    assert store.evidence.get(record.id) == record
    assert home_state(store.home.root) == before


def _task(unit_home: Path) -> int:
    with Store.open(unit_home, "tester") as store:
        return store.plan.tasks()[0].id


def test_cli_adds_edits_clears_and_lists_the_period(
    cli: Callable[..., CliResult], unit_home: Path, tmp_path: Path
) -> None:
    task = _task(unit_home)
    added = cli("--json", "evidence", "add", str(task), str(_file(tmp_path)), "--period", "2026-Q4")
    assert added.code == 0, added.err
    evidence_id = added.json()[0]["id"]
    assert added.json()[0]["period"] == "2026-Q4"
    listed = cli("evidence", "list")
    assert "所属期：2026年第四季度" in listed.out
    changed = cli("evidence", "edit", str(evidence_id), "--period", "2026-11")
    assert changed.code == 0, changed.err
    assert "所属期：2026年11月" in changed.out
    assert cli("--json", "evidence", "list").json()[0]["period"] == "2026-11"
    cleared = cli("evidence", "edit", str(evidence_id), "--period", "")
    assert cleared.code == 0, cleared.err
    assert "所属期：（无）" in cleared.out
    assert cli("--json", "evidence", "list").json()[0]["period"] is None


def test_cli_help_says_how_to_clear_the_period(cli: Callable[..., CliResult], unit_home: Path) -> None:
    shown = cli("evidence", "edit", "--help")
    assert '--period ""' in shown.out and "清除" in shown.out


@pytest.mark.parametrize("typed", BAD_PERIODS)
def test_cli_refuses_a_malformed_period_when_adding_and_stores_nothing(
    cli: Callable[..., CliResult], unit_home: Path, tmp_path: Path, typed: str
) -> None:
    task = _task(unit_home)
    source = _file(tmp_path)
    before = home_state(unit_home)
    refused = cli("evidence", "add", str(task), str(source), "--period", typed)
    assert_error(refused, f"所属期“{typed}”格式不正确", "2026-Q4")
    assert home_state(unit_home) == before


@pytest.mark.parametrize("typed", BAD_PERIODS)
def test_cli_refuses_a_malformed_period_when_editing_and_keeps_the_record(
    cli: Callable[..., CliResult], unit_home: Path, tmp_path: Path, typed: str
) -> None:
    task = _task(unit_home)
    added = cli("--json", "evidence", "add", str(task), str(_file(tmp_path)), "--period", "2026-11")
    evidence_id = added.json()[0]["id"]
    before = home_state(unit_home)
    refused = cli("evidence", "edit", str(evidence_id), "--category", "照片", "--period", typed)
    assert_error(refused, f"所属期“{typed}”格式不正确")
    assert home_state(unit_home) == before
    assert cli("--json", "evidence", "list").json()[0]["period"] == "2026-11"
