"""A command imports only its own module: the command table matches what the modules register, every command
starts alone, a light command leaves the signing, encryption and report libraries unloaded, and `--help` and
mistyped commands still see every command, in Chinese."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop import cli as cli_package
from tests.core.conftest import REPO, CliResult, run_subprocess

HEAVY = ("pyrage", "minisign", "cryptography", "reportlab", "openpyxl", "PySide6")


def test_the_command_table_names_what_each_module_registers() -> None:
    for name, commands in cli_package.COMMAND_MODULES.items():
        sub = argparse.ArgumentParser().add_subparsers(dest="command")
        importlib.import_module(f"desktop.cli.{name}").register(sub)
        assert tuple(sub.choices) == commands, name


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["--home", "D", "--json", "province", "status"], "province"),
        (["--home=D", "tasks"], "tasks"),
        (["--hom", "D", "--passphrase", "F", "export", "--list"], "export"),
        (["--user", "tasks", "status"], "status"),  # a value that looks like a command is a value
        (["tasks", "--help"], "tasks"),
        (["--help", "tasks"], None),
        (["-h"], None),
        (["--version"], None),
        (["--json"], None),
        ([], None),
    ],
)
def test_the_command_word_skips_options_and_their_values(argv: list[str], word: str | None) -> None:
    assert cli_package.command_word(argv) == word


@pytest.mark.parametrize("module", list(cli_package.COMMAND_MODULES))
def test_every_command_module_starts_alone(module: str) -> None:
    """Each in a fresh process: a module that needs another one first (an import cycle) fails here."""
    command = cli_package.COMMAND_MODULES[module][0]
    result = run_subprocess(command, "--help")
    assert result.code == 0, result.err
    assert result.out.startswith(f"usage: planprogress {command}")


def test_a_light_command_leaves_the_heavy_libraries_unloaded(
    cli: Callable[..., CliResult], unit_home: Path, tmp_path: Path
) -> None:
    report = tmp_path / "modules.json"
    code = (
        "import json, sys\n"
        "from desktop.cli import main\n"
        "code = main(sys.argv[2:])\n"
        "open(sys.argv[1], 'w').write(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    for command in (["tasks"], ["progress", "--period", "2026-11", "--list"], ["status"]):
        proc = subprocess.run(
            [sys.executable, "-c", code, str(report), "--home", str(unit_home), "--json", *command],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        loaded = json.loads(report.read_text())
        assert loaded["code"] == 0
        modules = set(loaded["modules"])
        assert [m for m in HEAVY if m in modules] == [], command
        assert {m for m in modules if m.startswith("desktop.cli.")} <= {
            "desktop.cli.context",
            "desktop.cli.records",
            "desktop.cli.status_cmds",
        }, command


def test_the_province_commands_load_only_their_own_services() -> None:
    """The office's commands share a module: loading it brings neither the exporter nor the status roll-up, the
    evidence browser, which `province import` (timed at the office's scale) never uses."""
    code = "import sys, desktop.cli.province_cmds; print('\\n'.join(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    modules = set(proc.stdout.split())
    unused = (
        "desktop.services.bundle.export",
        "desktop.services.office.status",
        "desktop.services.office.indicator_lines",
        "desktop.services.office.evidence",
    )
    assert [m for m in unused if m in modules] == []
    assert "desktop.services.office.intake" in modules  # the import's own code is there


def test_help_and_mistakes_still_see_every_command_in_chinese() -> None:
    listed = run_subprocess("--help")
    assert listed.code == 0
    for commands in cli_package.COMMAND_MODULES.values():
        for command in commands:
            assert f"    {command} " in listed.out, command

    typo = run_subprocess("--json", "provinc", "status")
    assert typo.code == 2
    assert typo.err.startswith("错误：命令行参数有误：参数 COMMAND 的取值 'provinc' 无效")
    assert "'tasks'" in typo.err and "'province'" in typo.err  # every command offered, not only one module's

    action = run_subprocess("province", "statu")
    assert action.code == 2
    assert action.err.startswith("错误：命令行参数有误：参数 action 的取值 'statu' 无效")

    version = run_subprocess("--version")
    assert version.code == 0 and version.out.startswith("planprogress ")
