"""`pip install .` gives a working program: the wheel carries resources/ and db/, and paths finds them there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("wheel-build")
    # build from a copy: setuptools writes build/ and *.egg-info next to the sources
    source = build / "source"
    skip = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
    shutil.copytree(REPO, source, ignore=skip)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        check=True,
        timeout=300,
        env={**os.environ, "PIP_NO_INPUT": "1", "TMPDIR": str(build)},
    )
    [built] = out.glob("planprogress-*.whl")
    return built


def test_wheel_carries_the_data_the_program_needs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "desktop/_db/schema.sql",
        "desktop/_resources/catalog/gd-prison-14fyp.json",
        "desktop/_resources/fonts/wqy-microhei.ttc",
        "desktop/_resources/fonts/LICENSE-Apache-2.0.txt",
        "desktop/ui/app.py",
        "desktop/services/bundle/export.py",
    ):
        assert needed in names, needed
    assert any(n.startswith("desktop/_db/migrations/") for n in names)
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    home = tmp_path / "单位 数据"
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("PLANPROGRESS_HOME", None)
    code = (
        "import sys, desktop.paths as p, desktop.cli as c;"
        "assert '_db' in str(p.schema_file()) and p.cjk_font_file().is_file(), p.schema_file();"
        "sys.exit(c.main(sys.argv[1:]))"
    )
    run = [sys.executable, "-c", code, "--home", str(home)]
    # cwd outside the checkout, so `desktop` can only come from the unpacked wheel
    init = subprocess.run(
        [*run, "init", "--unit-code", "GD-W01", "--unit-name", "测试监狱"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert init.returncode == 0, init.stderr
    tasks = subprocess.run(
        [*run, "--json", "tasks"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert tasks.returncode == 0, tasks.stderr
    assert '"project": 5' in tasks.stdout and tasks.stdout.count('"id"') == 54
