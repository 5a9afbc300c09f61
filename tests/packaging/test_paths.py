"""desktop/paths.py outside a frozen build: the checkout layout, and the command that starts our own CLI."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

from desktop import paths

REPO = Path(__file__).resolve().parents[2]


def test_checkout_layout() -> None:
    assert not paths.is_frozen()
    assert paths.schema_file() == REPO / "db" / "schema.sql"
    assert paths.cjk_font_file().is_file()
    assert paths.app_icon_file().is_file()
    assert paths.catalogs_dir() == REPO / "resources" / "catalog"


def test_cli_command_runs_from_any_working_folder(tmp_path: Path) -> None:
    """The GUI starts its worker this way; a folder elsewhere with a Chinese name must not matter."""
    program, prefix, extra_env = paths.cli_command()
    elsewhere = tmp_path / "别处 目录"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | extra_env
    result = subprocess.run(
        [program, *prefix, "--home", str(tmp_path / "home"), "--json", "init", "--unit-code", "GD-T02",
         "--unit-name", "测试所"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    shown = subprocess.run([program, *prefix, "--version"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert shown.stdout.startswith("planprogress ") and shown.returncode == 0
    assert shown.stdout.strip() in (f"planprogress {version}", "planprogress 0.0.0+checkout")
