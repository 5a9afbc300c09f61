"""A unit's commands pointed at the office's home are refused before they touch it; `unit` names the office."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.cli import main as cli_main

from .conftest import CliResult


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One office made by `province init` (its key's scrypt takes a while), copied for each test."""
    office = tmp_path_factory.mktemp("office") / "省局 数据"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PLANPROGRESS_PASSPHRASE", "office-secret-123")
        assert cli_main(["--home", str(office), "province", "init", "--name", "广东省监狱管理局"]) == 0
    return office


@pytest.fixture
def office_home(office_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    capsys.readouterr()
    return Path(shutil.copytree(office_template, tmp_path / "省局 数据"))


@pytest.mark.parametrize(
    "args",
    [
        ("measure", "add", "3", "--title", "误加的措施"),
        ("measure", "list"),
        ("milestone", "list"),
        ("progress", "3", "--period", "2026-Q4", "--status", "推进中", "--percent", "5"),
        ("review", "submit", "2026-Q4"),
        ("evidence", "list"),
        ("report", "--out", "REPORT"),
        ("export", "--out", "STICK"),
    ],
)
def test_unit_commands_are_refused_on_the_office_home(
    cli: Callable[..., CliResult], office_home: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    args = tuple(str(tmp_path / "报告.pdf") if a == "REPORT" else str(stick) if a == "STICK" else a for a in args)
    audit_before = cli("--json", "audit", "verify", home_dir=office_home).out
    result = cli(*args, home_dir=office_home)
    assert result.code != 0
    assert result.err.startswith("错误：") and "是省局的数据目录" in result.err and "province" in result.err
    assert result.out == ""
    assert cli("--json", "audit", "verify", home_dir=office_home).out == audit_before  # nothing was written
    assert list(stick.iterdir()) == [] and not (tmp_path / "报告.pdf").exists()


def test_office_commands_that_apply_to_any_home_still_work(cli: Callable[..., CliResult], office_home: Path) -> None:
    assert cli("tasks", "--project", "1", home_dir=office_home).code == 0
    assert cli("audit", "verify", home_dir=office_home).code == 0
    assert cli("province", "status", home_dir=office_home).code == 0


def test_unit_names_the_office(cli: Callable[..., CliResult], office_home: Path) -> None:
    result = cli("unit", home_dir=office_home)
    assert result.code == 0
    assert result.out.splitlines()[0] == "省局：广东省监狱管理局"
    data = json.loads(cli("--json", "unit", home_dir=office_home).out)
    assert data["kind"] == "office" and data["office_name"] == "广东省监狱管理局"


def test_unit_commands_still_work_on_a_unit_home(cli: Callable[..., CliResult], unit_home: Path) -> None:
    assert cli("measure", "add", "3", "--title", "开展全员轮训").code == 0
    assert cli("unit").out.splitlines()[0] == "测试监狱（GD-T01）"


def test_office_import_on_a_unit_home_says_so_before_asking_for_the_passphrase(
    cli: Callable[..., CliResult], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANPROGRESS_PASSPHRASE", raising=False)
    assert cli("init", "--unit-code", "GD-T01", "--unit-name", "测试监狱").code == 0
    stick = tmp_path / "U盘"
    stick.mkdir()
    result = cli("province", "import", str(stick))
    assert result.code != 0
    assert "是单位的数据目录" in result.err and "口令" not in result.err
