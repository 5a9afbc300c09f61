"""`planprogress status`: the unit's own figures, and what the office has where review holds a period back or
changes wait for the next export."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from desktop.domain.status import Role, Status
from desktop.store import Store
from tests.core.bundle.conftest import OfficeKeys, accept, enroll, export
from tests.core.conftest import CliResult
from tests.core.support import assert_error

TODAY = "2026-12-10"


def _status(cli: Callable[..., CliResult], unit: Store, *args: str) -> CliResult:
    return cli("status", "--period", "2026-Q4", "--today", TODAY, *args, home_dir=unit.home.root)


def test_review_holds_a_period_back_and_status_says_what_the_office_has(
    unit: Store, office: Store, office_keys: OfficeKeys, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    task = unit.plan.tasks()[0]
    unit.progress.record(task.id, "2026-Q3", Status.IN_PROGRESS, 39)
    unit.users.add("审核员", Role.REVIEWER, "审核 口令 2026", "审核员丙")
    unit.reviews.submit("2026-Q3")
    unit.reviews.approve("2026-Q3")
    unit.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 78)  # not approved: stays home
    enroll(office, unit)
    accept(office, office_keys.identity, export(unit, tmp_path / "stick").path)

    data = json.loads(_status(cli, unit, "--json").out)
    first = data["projects"][0]
    assert (first["number"], first["name"], first["percent"], first["reported_percent"]) == (
        1,
        "凝心聚力工程",
        round(78 / 13),
        round(39 / 13),
    )
    assert data["held_periods"] == ["2026-Q4"] and not data["unsent"] and data["last_seq"] == 1
    text = _status(cli, unit).out
    assert f"1.凝心聚力工程 {round(78 / 13)}%" in text
    assert "省局处（截至第 1 号数据包）" in text and f"1.凝心聚力工程 {round(39 / 13)}%" in text
    assert "待审核：2026-Q4 的进度尚未审核通过" in text

    unit.reviews.submit("2026-Q4")
    unit.reviews.approve("2026-Q4")
    accept(office, office_keys.identity, export(unit, tmp_path / "stick2").path)
    data = json.loads(_status(cli, unit, "--json").out)
    assert data["projects"][0]["reported_percent"] == data["projects"][0]["percent"] == round(78 / 13)
    assert data["held_periods"] == [] and not data["differs"]
    assert "与本单位相同" in _status(cli, unit).out


def test_changes_not_yet_exported_are_named(unit: Store, cli: Callable[..., CliResult]) -> None:
    unit.progress.record(unit.plan.tasks()[0].id, "2026-11", Status.IN_PROGRESS, 52)
    text = _status(cli, unit).out
    assert "尚未导出过数据包" in text and "有尚未导出的修改" in text


def test_status_is_refused_at_the_office_and_a_bad_period_is_explained(
    unit: Store, office: Store, cli: Callable[..., CliResult]
) -> None:
    assert_error(cli("status", home_dir=office.home.root), "省局的数据目录", "province status")
    assert_error(_status(cli, unit, "--period", "2026-Q5"), "报告期", "2026-Q4")
