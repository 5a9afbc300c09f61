"""The command line as an administrator scripts it: JSON output, ids, aliases, homes, exit codes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop import __version__
from desktop.cli.context import default_actor
from tests.core.conftest import CliResult, run_subprocess
from tests.core.support import assert_error, home_state

Cli = Callable[..., CliResult]


def _ok(result: CliResult) -> Any:
    assert result.code == 0, result.err
    return result.json()


@pytest.fixture
def items(cli: Cli, unit_home: Path) -> dict[str, int]:
    """A measure under task 2 and a milestone under that measure, by id."""
    measure = _ok(cli("--json", "measure", "add", "2", "--title", "修订制度", "--due", "2026-12-31"))
    assert isinstance(measure, dict)
    milestone = _ok(cli("--json", "milestone", "add", str(measure["id"]), "--title", "印发", "--due", "2026-06-30"))
    assert isinstance(milestone, dict)
    return {"task": 2, "measure": measure["id"], "milestone": milestone["id"]}


def test_tasks_json_is_a_flat_list_of_54(cli: Cli, unit_home: Path) -> None:
    tasks = _ok(cli("tasks", "--json"))
    assert tasks == _ok(cli("--json", "tasks"))
    assert isinstance(tasks, list) and len(tasks) == 54
    for task in tasks:
        assert isinstance(task["id"], int) and isinstance(task["title"], str) and task["title"]
        assert task["project"] in {1, 2, 3, 4, 5}
        assert not any(isinstance(v, list | dict) for v in task.values())
    assert len({t["id"] for t in tasks}) == 54
    assert [t["project"] for t in tasks] == sorted(t["project"] for t in tasks)
    second = _ok(cli("--json", "tasks", "--project", "2"))
    assert second == [t for t in tasks if t["project"] == 2]


def test_tasks_as_text_shows_projects_and_ids(cli: Cli, unit_home: Path) -> None:
    result = cli("tasks", "--project", "1")
    assert result.code == 0
    assert "第1项 凝心聚力工程" in result.out and "[  1]" in result.out


def test_ids_are_unique_and_any_target_takes_any_kind(cli: Cli, items: dict[str, int], tmp_path: Path) -> None:
    tasks = _ok(cli("--json", "tasks"))
    assert isinstance(tasks, list)
    ids = [t["id"] for t in tasks] + [items["measure"], items["milestone"]]
    assert len(ids) == len(set(ids))
    proof = tmp_path / "证明 材料.pdf"
    proof.write_bytes(b"%PDF proof")
    for kind, target in items.items():
        progress = _ok(
            cli("--json", "progress", str(target), "--period", "2026-11", "--status", "推进中", "--percent", "20")
        )
        assert isinstance(progress, dict) and progress["item_id"] == target, kind
        added = _ok(cli("--json", "evidence", "add", str(target), str(proof)))
        assert isinstance(added, list) and added[0]["item_id"] == target, kind
        listed = _ok(cli("--json", "evidence", "list", "--target", str(target)))
        assert isinstance(listed, list) and len(listed) == 1
    assert len(_ok(cli("--json", "progress", "--period", "2026-11", "--list"))) == 3


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("未启动", "未启动"),
        ("推进中", "推进中"),
        ("滞后", "滞后"),
        ("not-started", "未启动"),
        ("in-progress", "推进中"),
        ("ongoing", "推进中"),
        ("lagging", "滞后"),
        ("delayed", "滞后"),
    ],
)
def test_statuses_in_chinese_and_english(cli: Cli, unit_home: Path, typed: str, stored: str) -> None:
    entry = _ok(cli("--json", "progress", "3", "--period", "2026-Q3", "--status", typed, "--percent", "30"))
    assert isinstance(entry, dict) and entry["status"] == stored


def test_done_status_by_either_name(cli: Cli, unit_home: Path) -> None:
    for typed in ("已完成", "done", "Completed"):
        entry = _ok(cli("--json", "progress", "4", "--period", "2026", "--status", typed, "--percent", "100"))
        assert isinstance(entry, dict) and entry["status"] == "已完成"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2026-11", "2026-11"),
        ("2026-3", "2026-03"),
        ("2026-Q4", "2026-Q4"),
        ("2026-q1", "2026-Q1"),
        ("2026", "2026"),
        ("2027-01", "2027-01"),
        ("2032-Q2", "2032-Q2"),
        ("2035", "2035"),
    ],
)
def test_periods_month_quarter_year_beyond_the_plan(cli: Cli, unit_home: Path, typed: str, stored: str) -> None:
    entry = _ok(cli("--json", "progress", "1", "--period", typed, "--status", "推进中", "--percent", "10"))
    assert isinstance(entry, dict) and entry["period"] == stored


def test_user_flag_is_recorded_in_the_audit_trail(unit_home: Path) -> None:
    result = run_subprocess("--home", str(unit_home), "--user", "王科长", "measure", "add", "1", "--title", "巡查")
    assert result.code == 0, result.err
    trail = json.loads(run_subprocess("--home", str(unit_home), "--json", "audit", "list").out)
    assert (trail[-1]["user"], trail[-1]["entity"], trail[-1]["action"]) == ("王科长", "measure", "insert")
    assert trail[0]["user"] == "tester"  # init ran in-process as --user tester


def test_default_user_is_the_login_name(tmp_path: Path) -> None:
    home = tmp_path / "默认用户"
    assert run_subprocess("--home", str(home), "init", "--unit-code", "GD-9", "--unit-name", "九监").code == 0
    trail = json.loads(run_subprocess("--home", str(home), "--json", "audit", "list").out)
    assert {row["user"] for row in trail} == {default_actor()}


def test_home_from_the_environment_and_the_flag(tmp_path: Path) -> None:
    by_env, by_flag = tmp_path / "环境 变量", tmp_path / "命令 参数"
    env = {**os.environ, "PLANPROGRESS_HOME": str(by_env)}
    assert run_subprocess("init", "--unit-code", "GD-ENV", "--unit-name", "环境监狱", env=env).code == 0
    assert (by_env / "planprogress.sqlite").is_file()
    assert json.loads(run_subprocess("--json", "unit", env=env).out)["code"] == "GD-ENV"
    # --home wins over the environment variable, before or after the command
    flag = run_subprocess("--home", str(by_flag), "init", "--unit-code", "GD-FLAG", "--unit-name", "参数监狱", env=env)
    assert flag.code == 0, flag.err
    assert json.loads(run_subprocess("unit", "--json", "--home", str(by_flag), env=env).out)["code"] == "GD-FLAG"
    assert json.loads(run_subprocess("--json", "unit", env=env).out)["code"] == "GD-ENV"


def test_version_and_help(tmp_path: Path) -> None:
    version = run_subprocess("--version")
    assert (version.code, version.out.strip()) == (0, f"planprogress {__version__}")
    helped = run_subprocess("--help")
    assert helped.code == 0 and "init" in helped.out and "evidence" in helped.out


def test_exit_codes(cli: Cli, unit_home: Path) -> None:
    assert cli("unit").code == 0
    assert cli("progress", "1", "--period", "2026-11", "--status", "推进中", "--percent", "5").code == 0
    assert cli("progress", "1", "--period", "2026-11", "--status", "推进中", "--percent", "500").code == 2
    assert cli("progress", "999", "--period", "2026-11", "--status", "推进中", "--percent", "5").code == 3
    assert cli("init", "--unit-code", "GD-T01", "--unit-name", "重复").code == 5
    assert cli("no-such-command").code == 2


# --- bad input: one Chinese line, non-zero exit, and the home exactly as it was ------------------

BAD_INPUTS = [
    (("progress", "9999", "--period", "2026-11", "--status", "推进中", "--percent", "5"), ("找不到编号为 9999",)),
    (("milestone", "done", "9999"), ("找不到编号为 9999 的时间节点",)),
    (("milestone", "done", "{measure}"), ("的时间节点",)),
    (("measure", "add", "9999", "--title", "x"), ("找不到编号为 9999",)),
    (("measure", "add", "{milestone}", "--title", "x"), ("不是规划任务",)),
    (("milestone", "add", "9999", "--title", "x", "--due", "2026-01-01"), ("找不到编号为 9999",)),
    (("evidence", "list", "--target", "abc"), ("编号“abc”不是数字",)),
    (("progress", "1", "--period", "2026-11", "--status", "推进中", "--percent", "101"), ("“101”超出范围",)),
    (("progress", "1", "--period", "2026-11", "--status", "推进中", "--percent", "-1"), ("“-1”超出范围",)),
    (("progress", "1", "--period", "2026-11", "--status", "推进中", "--percent", "五十"), ("“五十”不是数字",)),
    (("progress", "1", "--period", "2026-11", "--status", "推进中", "--percent", "12.5"), ("整数",)),
    (("progress", "1", "--period", "2026-11", "--status", "已完成", "--percent", "80"), ("100",)),
    (("progress", "1", "--period", "2026-11", "--status", "差不多", "--percent", "8"), ("状态“差不多”无法识别",)),
    (("progress", "1", "--period", "2026-11"), ("--status",)),
    (("progress", "1", "--period", "2026-13", "--status", "推进中", "--percent", "5"), ("报告期“2026-13”",)),
    (("progress", "1", "--period", "2026年13月", "--status", "推进中", "--percent", "5"), ("2026-Q4（季度）",)),
    (("progress", "1", "--period", "2026-Q5", "--status", "推进中", "--percent", "5"), ("格式不正确",)),
    (("review", "submit", "26-11"), ("报告期“26-11”",)),
    (("measure", "add", "1", "--title", "x", "--due", "2026-13-01"), ("完成期限“2026-13-01”",)),
    (("measure", "add", "1", "--title", "x", "--start", "明年"), ("开始日期“明年”",)),
    (("measure", "add", "1", "--title", "x", "--start", "2026-05-01", "--due", "2026-04-01"), ("晚于完成期限",)),
    (("milestone", "add", "1", "--title", "x", "--due", "2026/06/31"), ("到期日期“2026/06/31”",)),
    (("milestone", "add", "1", "--title", "x", "--due", "2026-06-30", "--target-value", "八十"), ("目标值",)),
    (("milestone", "done", "{milestone}", "--date", "2026-02-30"), ("完成日期",)),
    (("milestone", "done", "{milestone}", "--actual", "很多"), ("实际值“很多”不是数字",)),
    (("measure", "edit", "{measure}", "--due", "end of year"), ("完成期限",)),
    (("measure", "delete", "{task}"), ("措施",)),
]


@pytest.mark.parametrize(("args", "fragments"), BAD_INPUTS, ids=[" ".join(a) for a, _f in BAD_INPUTS])
def test_bad_input_changes_nothing(
    cli: Cli, unit_home: Path, items: dict[str, int], args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    before = home_state(unit_home)
    assert_error(cli(*[a.format(**items) for a in args]), *fragments)
    assert home_state(unit_home) == before


def test_global_flags_work_after_a_nested_command_too(cli: Cli, items: dict[str, int], tmp_path: Path) -> None:
    listed = _ok(cli("measure", "list", "--task", "2", "--json"))
    assert listed == _ok(cli("--json", "measure", "list", "--task", "2"))
    assert [m["id"] for m in listed] == [items["measure"]]
    elsewhere = tmp_path / "no-home-here"
    moved = cli("measure", "list", "--json", "--home", str(elsewhere))  # after the command: wins over the first
    assert moved.code != 0 and str(elsewhere) in moved.err and moved.out == ""
    usage = cli("measure", "list", "--help")
    assert usage.code == 0 and "--json" in usage.out and "--home DIR" in usage.out and "数据目录" in usage.out
    typo = cli("measure", "list", "--jsno")
    assert typo.code == 2 and typo.err.startswith("错误：命令行参数有误：无法识别的参数 --jsno")
