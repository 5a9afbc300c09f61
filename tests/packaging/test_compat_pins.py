"""The compatibility targets' pins and requirement lists (packaging/compat/pins.py), from the real pin files."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PINS = REPO / "packaging" / "compat" / "pins.py"


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[_norm(name)] = version
    return found


def _make(target: str, out: Path, *extras: str) -> tuple[dict[str, str], list[str]]:
    subprocess.run([sys.executable, str(PINS), target, str(out), *extras], check=True)
    constraints = _pins((out / "constraints.txt").read_text(encoding="utf-8"))
    requirements = (out / "requirements.txt").read_text(encoding="utf-8").split()
    return constraints, requirements


@pytest.mark.parametrize(("target", "qt"), [("aarch64", "6.8.0.2"), ("x86_64", "6.9.3")])
def test_target_pins_replace_qt_and_keep_every_other_main_pin(target: str, qt: str, tmp_path: Path) -> None:
    constraints, _ = _make(target, tmp_path)
    main = _pins((REPO / "requirements" / "constraints.txt").read_text(encoding="utf-8"))
    assert constraints["pyside6-essentials"] == qt
    assert constraints["pyside6-addons"] == qt
    assert constraints["shiboken6"] == qt
    assert "pyside6-pdf" not in constraints  # the main build's QtPdf wheel, which does not exist before 6.10
    replaced = {"pyside6-essentials", "pyside6-pdf", "pyside6-addons", "shiboken6"}
    assert {k: v for k, v in main.items() if k not in replaced} == {
        k: v for k, v in constraints.items() if k not in replaced
    }


def test_requirements_take_qtpdf_from_addons_before_610_and_add_the_extras(tmp_path: Path) -> None:
    _, requirements = _make("aarch64", tmp_path, "build")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [_norm(re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0]) for r in requirements]
    assert "pyside6-addons" in names and "pyside6-pdf" not in names
    assert "pyinstaller" in names
    expected = len(project["dependencies"]) + len(project["optional-dependencies"]["build"])
    assert len(requirements) == expected


def test_unknown_target_is_refused_with_usage(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(PINS), "riscv64", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python packaging/compat/pins.py TARGET OUTDIR")
    assert not (tmp_path / "constraints.txt").exists()
