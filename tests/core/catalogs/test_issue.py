"""`province catalog add` with JSON catalogs and new versions: what a version changes is shown and confirmed,
a refused file stores nothing, and what is stored is audited."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.store.db import DB_FILENAME
from tests.core.conftest import CliResult

from .conftest import fill_template, sample_plan, write_json

Cli = Callable[..., CliResult]
Snapshot = Callable[[], tuple[list[tuple[Any, ...]], int]]


def _add(cli: Cli, home: Path, path: Path, *extra: str) -> CliResult:
    return cli("province", "catalog", "add", str(path), *extra, home_dir=home)


def _version_1_1(plan: dict[str, Any]) -> dict[str, Any]:
    plan["version"] = "1.1.0"
    plan["projects"][0]["tasks"][0]["text"] = "示例任务：完善测试用的工作机制（修订）。"
    plan["projects"][0]["tasks"][1]["retired"] = "1.1.0"
    plan["projects"][1]["tasks"].append({"key": "2.02", "text": "示例任务：新增的测试任务。"})
    return plan


@pytest.fixture
def issued(cli: Cli, office_home: Path, tmp_path: Path) -> Path:
    """The sample plan's version 1.0.0, issued from a filled template."""
    result = _add(cli, office_home, fill_template(tmp_path / "示例 1.0.xlsx", sample_plan()))
    assert result.code == 0, result.err
    return office_home


@pytest.mark.parametrize("field", ["id", "version", "title", "start_year", "end_year", "projects"])
def test_a_json_catalog_missing_a_required_field_is_refused(
    cli: Cli, office_home: Path, stored: Snapshot, tmp_path: Path, field: str
) -> None:
    plan = sample_plan()
    del plan[field]
    before = stored()
    result = _add(cli, office_home, write_json(tmp_path / "缺字段.json", plan))
    assert result.code == 2
    assert f"{field}：缺少必填字段“{field}”" in result.err and "什么都没有保存" in result.err
    assert stored() == before


def test_json_problems_come_as_json_with_their_paths(cli: Cli, office_home: Path, tmp_path: Path) -> None:
    plan = sample_plan()
    plan["targets"][0]["goals"][0]["year"] = 2024
    result = cli(
        "--json", "province", "catalog", "add", str(write_json(tmp_path / "p.json", plan)), home_dir=office_home
    )
    assert result.code == 2
    data = result.json()
    assert data["ok"] is False
    assert [p["where"] for p in data["problems"]] == ["targets[0].goals[0].year"]


def test_a_broken_json_file_is_refused(cli: Cli, office_home: Path, stored: Snapshot, tmp_path: Path) -> None:
    path = tmp_path / "坏.json"
    path.write_text('{"id": "sample-15fyp",', encoding="utf-8")
    before = stored()
    result = _add(cli, office_home, path)
    assert result.code == 2 and "坏.json：JSON 格式错误（第 1 行" in result.err
    assert stored() == before


def test_a_new_version_shows_its_changes_and_is_stored_with_yes(
    cli: Cli, issued: Path, stored: Snapshot, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "示例 1.1.json", _version_1_1(sample_plan()))
    before = stored()
    refused = _add(cli, issued, path)  # not a terminal and no --yes: nothing stored
    assert refused.code == 2 and "--yes" in refused.err
    assert "改写 1 项：任务 1.01" in refused.out and "新增 1 项：任务 2.02" in refused.out
    assert "撤销 1 项：任务 1.02" in refused.out
    assert stored() == before
    result = _add(cli, issued, path, "--yes")
    assert result.code == 0, result.err
    rows, audit = stored()
    assert [(r[0], r[1]) for r in rows] == [("sample-15fyp", "1.0.0"), ("sample-15fyp", "1.1.0")]
    assert audit == before[1] + 1
    conn = sqlite3.connect(issued / DB_FILENAME)
    row = conn.execute("SELECT action, entity_uid, after FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert row[:2] == ("insert", "sample-15fyp@1.1.0") and "任务 1.02" in row[2]
    listed = cli("--json", "province", "catalog", "list", home_dir=issued).json()
    latest = [e for e in listed if e["version"] == "1.1.0"][0]
    assert latest["counts"] == {"projects": 2, "tasks": 4, "targets": 1, "retired": 1}


def test_a_new_version_asks_at_a_terminal_and_no_keeps_everything(
    cli: Cli, issued: Path, stored: Snapshot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    before = stored()
    result = _add(cli, issued, write_json(tmp_path / "示例 1.1.json", _version_1_1(sample_plan())))
    assert result.code == 1 and "已取消" in result.err
    assert stored() == before


def test_a_new_version_that_drops_a_key_is_refused(cli: Cli, issued: Path, stored: Snapshot, tmp_path: Path) -> None:
    plan = sample_plan()
    plan["version"] = "1.1.0"
    del plan["projects"][0]["tasks"][1]
    before = stored()
    result = _add(cli, issued, write_json(tmp_path / "删了一项.json", plan), "--yes")
    assert result.code == 2
    assert "缺少：任务 1.02" in result.err and "撤销于版本" in result.err
    assert stored() == before


@pytest.mark.parametrize("version", ["1.0.0", "0.9.0"])
def test_an_equal_or_lower_version_with_other_content_is_refused(
    cli: Cli, issued: Path, stored: Snapshot, tmp_path: Path, version: str
) -> None:
    plan = sample_plan()
    plan["version"] = version
    plan["projects"][0]["tasks"][0]["text"] = "示例任务：悄悄改过的文字。"
    before = stored()
    result = _add(cli, issued, fill_template(tmp_path / "同版本.xlsx", plan), "--yes")
    assert result.code == 2
    assert "工作表“规划信息” 第3行 B列（版本）" in result.err and "1.1.0" in result.err
    assert stored() == before


def test_a_new_version_of_the_shipped_plan_must_retire_not_drop(
    cli: Cli, office_home: Path, stored: Snapshot, tmp_path: Path
) -> None:
    from desktop import paths

    shipped = (paths.catalogs_dir() / "gd-prison-14fyp.json").read_text(encoding="utf-8")
    path = tmp_path / "14.json"
    path.write_text(shipped.replace('"version": "1.0.0"', '"version": "1.0.0-x"'), encoding="utf-8")
    assert "不是版本号" in _add(cli, office_home, path).err
    path.write_text(shipped.replace('"version": "1.0.0"', '"version": "0.9"'), encoding="utf-8")
    before = stored()
    assert "低于 gd-prison-14fyp 已发布的最新版本 1.0.0" in _add(cli, office_home, path, "--yes").err
    assert stored() == before


def test_catalog_commands_are_refused_at_a_unit(cli: Cli, unit_home: Path, tmp_path: Path) -> None:
    result = _add(cli, unit_home, write_json(tmp_path / "s.json", sample_plan()))
    assert result.code != 0 and "规划目录由省局发布" in result.err


def test_the_operation_checks_the_issued_versions_again_when_it_stores(
    office_home: Path, stored: Snapshot, tmp_path: Path
) -> None:
    """Two clerks check different files of the same version; the second to store is refused."""
    from desktop.domain.errors import InputError
    from desktop.services.catalogs import plan_issue
    from desktop.services.operations.catalogs import issue_catalog
    from desktop.store import Store

    other = sample_plan()
    other["title"] = "示例规划（测试用，另一份）"
    with Store.open(office_home, "省局经办") as store:
        first = plan_issue(store, write_json(tmp_path / "a.json", sample_plan()))
        second = plan_issue(store, write_json(tmp_path / "b.json", other))
        assert first.problems == () and second.problems == ()
        outcome = issue_catalog(store, first)
        assert outcome.value is not None and outcome.ids == ("sample-15fyp@1.0.0",)
        before = stored()
        with pytest.raises(InputError, match="版本 1.0.0 已经发布"):
            issue_catalog(store, second)
        assert stored() == before
        assert issue_catalog(store, plan_issue(store, tmp_path / "a.json")).value is None  # the same again
        assert stored() == before
