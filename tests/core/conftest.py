"""Fixtures for Qt-free tests: a real SQLite home in tmp_path, and a CLI runner."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop import paths
from desktop.cli import main as cli_main
from desktop.domain.catalog import Catalog, load_catalog
from desktop.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(paths.catalogs_dir() / "gd-prison-14fyp.json")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def store(home: Path, catalog: Catalog) -> Iterator[Store]:
    with Store.create(home, "tester", "unit", catalog) as s:
        s.set_unit("GD-T01", "测试监狱")
        yield s


@pytest.fixture
def unit_home(cli: Callable[..., CliResult], home: Path) -> Path:
    """A home made the way a clerk makes one: `planprogress init` (and closed again)."""
    result = cli("init", "--unit-code", "GD-T01", "--unit-name", "测试监狱")
    assert result.code == 0, result.err
    return home


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(home: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `planprogress --home HOME ARGS...` in-process and capture its output."""

    def run(*args: str, home_dir: Path | None = None) -> CliResult:
        try:
            code = cli_main(["--home", str(home_dir or home), "--user", "tester", *args])
        except SystemExit as exc:  # argparse: usage errors, --help, --version
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def run_subprocess(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> CliResult:
    """Run the real program as a separate process (for crash and exit-code tests)."""
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=timeout,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)
