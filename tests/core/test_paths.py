"""Where the data folder is: PLANPROGRESS_HOME when set, else the platform's user data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from desktop import paths


def test_default_home_is_the_platform_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # platformdirs follows it on Linux
    expected = Path(platformdirs.user_data_dir("planprogress", appauthor=False))
    assert paths.default_home() == expected
    assert expected.name == "planprogress"


def test_environment_variable_overrides_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "单位 数据"))
    assert paths.default_home() == tmp_path / "单位 数据"


def test_shipped_files_are_found_in_the_checkout() -> None:
    assert paths.schema_file().is_file()
    assert paths.cjk_font_file().is_file()
    assert (paths.catalogs_dir() / "gd-prison-14fyp.json").is_file()
