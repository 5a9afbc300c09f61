"""Review workflow: draft -> submitted -> approved locks a period; reopening is an audited reviewer act."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import InputError, LockedError, StateError
from desktop.domain.status import ReviewState, Status
from desktop.store import Store
from tests.core.conftest import CliResult
from tests.core.support import assert_error, home_state

Cli = Callable[..., CliResult]


def test_workflow_through_the_store(store: Store) -> None:
    store.progress.record(1, "2026-Q4", Status.IN_PROGRESS, 50, "按计划推进")
    assert store.reviews.get("2026-Q4").state is ReviewState.DRAFT
    assert store.reviews.submit("2026-Q4").state is ReviewState.SUBMITTED
    assert store.reviews.return_("2026-Q4", "请补充数据").state is ReviewState.DRAFT
    store.reviews.submit("2026-Q4")
    assert store.reviews.approve("2026-Q4", "同意").state is ReviewState.APPROVED
    assert store.reviews.is_locked("2026-Q4") and not store.reviews.is_locked("2027-Q1")

    with pytest.raises(LockedError, match="2026-Q4 已审核通过并锁定"):
        store.progress.record(1, "2026-Q4", Status.DONE, 100)
    with pytest.raises(LockedError):
        store.progress.record(2, "2026-Q4", Status.IN_PROGRESS, 10)  # a new record in a locked period
    with pytest.raises(LockedError):
        store.progress.delete(1, "2026-Q4")
    entry = store.progress.get(1, "2026-Q4")
    assert entry is not None and entry.percent == 50
    store.progress.record(1, "2027-Q1", Status.IN_PROGRESS, 60)  # other periods stay open

    with pytest.raises(InputError, match="必须写明原因"):
        store.reviews.reopen("2026-Q4", "   ")
    assert store.reviews.reopen("2026-Q4", "统计口径调整").state is ReviewState.DRAFT
    assert store.progress.record(1, "2026-Q4", Status.DONE, 100).status is Status.DONE

    reviews = [json.loads(e.after or "{}") for e in store.audit.entries(entity="review")]
    assert [r["action"] for r in reviews] == ["submit", "return", "submit", "approve", "reopen"]
    assert reviews[-1]["comment"] == "统计口径调整"
    assert store.audit.verify() == []


@pytest.mark.parametrize(
    ("step", "state_name"),
    [("approve", "草稿"), ("return", "草稿"), ("reopen", "草稿")],
)
def test_steps_out_of_order_are_refused(store: Store, step: str, state_name: str) -> None:
    calls = {
        "approve": lambda: store.reviews.approve("2026-11"),
        "return": lambda: store.reviews.return_("2026-11", "原因"),
        "reopen": lambda: store.reviews.reopen("2026-11", "原因"),
    }
    with pytest.raises(StateError, match=state_name):
        calls[step]()
    assert store.reviews.find() == []


@pytest.fixture
def approved(cli: Cli, unit_home: Path) -> Path:
    for args in (
        ("progress", "1", "--period", "2026-Q4", "--status", "推进中", "--percent", "50", "--note", "已审"),
        ("review", "submit", "2026-Q4"),
        ("review", "approve", "2026-Q4"),
    ):
        result = cli(*args)
        assert result.code == 0, result.err
    return unit_home


def test_cli_refuses_writing_into_an_approved_period(cli: Cli, approved: Path) -> None:
    before = home_state(approved)
    result = cli("progress", "1", "--period", "2026-Q4", "--status", "已完成", "--percent", "100")
    assert_error(result, "2026-Q4 已审核通过并锁定", "review reopen 2026-Q4 --reason", code=4)
    assert_error(cli("progress", "2", "--period", "2026-q4", "--status", "滞后", "--percent", "5"), "锁定")
    assert_error(cli("review", "approve", "2026-Q4"), "已审核")
    assert_error(cli("review", "submit", "2026-Q4"), "只有草稿可以提交")
    assert home_state(approved) == before


def test_cli_reopen_needs_a_reason(cli: Cli, approved: Path) -> None:
    before = home_state(approved)
    assert_error(cli("review", "reopen", "2026-Q4"), "--reason", code=2)
    assert_error(cli("review", "reopen", "2026-Q4", "--reason", "  "), "必须写明原因")
    assert home_state(approved) == before


def test_cli_reopen_is_audited_under_the_acting_user(cli: Cli, approved: Path) -> None:
    result = cli("--json", "review", "reopen", "2026-Q4", "--reason", "数据录入有误")
    assert result.code == 0, result.err
    assert result.json() == {"period": "2026-Q4", "state": "draft", "by": "tester"}
    trail = cli("--json", "audit", "list", "--entity", "review").json()
    assert isinstance(trail, list)
    last = trail[-1]
    assert last["user"] == "tester"
    assert json.loads(last["after"]) == {"action": "reopen", "comment": "数据录入有误", "state": "draft"}
    assert json.loads(last["before"])["state"] == "approved"
    again = cli("progress", "1", "--period", "2026-Q4", "--status", "已完成", "--percent", "100")
    assert again.code == 0, again.err
    status = cli("--json", "review", "status").json()
    assert status == [{"period": "2026-Q4", "state": "draft", "by": "tester", "at": status[0]["at"]}]
