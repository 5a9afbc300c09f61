"""Unit codes are canonical (upper case, half width) wherever they are typed, and a person is told when what
they typed was stored differently. The office's side (lookups, migration, bundles) is in tests/core/bundle."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.errors import InputError
from desktop.domain.unit_code import canonical_unit_code, normalised_note, same_unit_code
from desktop.store import Store
from desktop.store.db import DB_FILENAME
from tests.core.conftest import CliResult
from tests.core.test_migrations import make_v1_home


@pytest.mark.parametrize(
    "typed",
    ["GD-GZ01", "gd-gz01", "Gd-Gz01", "  gd-gz01 ", "ＧＤ－ＧＺ０１", "ｇｄ－ｇｚ０１", "gd\u2013gz01", "gd\u2212gz01"],
)
def test_any_case_and_full_width_give_one_code(typed: str) -> None:
    assert canonical_unit_code(typed) == "GD-GZ01"
    assert same_unit_code(typed, "GD-GZ01")


@pytest.mark.parametrize("typed", ["", "GD_GZ01", "-GD", "GD-", "广州监狱", "GD GZ01", "A" * 33, "GD—GZ01"])
def test_what_cannot_be_a_code_is_refused_naming_what_was_typed(typed: str) -> None:
    with pytest.raises(InputError, match="单位代码.*不合规.*例如 GD-GZ01") as caught:
        canonical_unit_code(typed)
    assert f"“{typed.strip()}”" in str(caught.value)


def test_the_note_says_when_the_stored_code_differs() -> None:
    assert normalised_note("GD-GZ01", "GD-GZ01") == ""
    note = normalised_note("ｇｄ－ｇｚ０１", "GD-GZ01")
    assert "ｇｄ－ｇｚ０１" in note and "GD-GZ01" in note


def test_init_stores_the_canonical_code_and_says_so(cli: Callable[..., CliResult], home: Path) -> None:
    result = cli("init", "--unit-code", "ｇｄ－ｇｚ０１", "--unit-name", "广州监狱")
    assert result.code == 0, result.err
    assert "广州监狱（GD-GZ01）" in result.out
    assert "“ｇｄ－ｇｚ０１”将保存为 GD-GZ01" in result.out
    with Store.open(home, "t") as store:
        assert store.unit().code == "GD-GZ01"
    assert "GD-GZ01" in (home / "keys" / "unit.pub").read_text(encoding="utf-8")


def test_set_unit_refuses_a_bad_code_and_keeps_the_old_one(store: Store) -> None:
    store.set_unit("gd-gz01", "广州监狱")
    assert store.unit().code == "GD-GZ01"
    with pytest.raises(InputError, match="GD_GZ02"):
        store.set_unit("GD_GZ02", "广州监狱")
    assert store.unit().code == "GD-GZ01"


def test_the_key_number_is_shown_by_unit_and_keys_export(
    cli: Callable[..., CliResult], home: Path, tmp_path: Path
) -> None:
    assert cli("init", "--unit-code", "gd-gz01", "--unit-name", "广州监狱").code == 0
    shown = cli("--json", "keys", "show")
    key_id = json.loads(shown.out)["key_id"]
    info = cli("unit")
    assert f"签名密钥编号 {key_id}" in info.out
    stick = tmp_path / "U盘"
    stick.mkdir()
    exported = cli("keys", "export", "--out", str(stick))
    assert exported.code == 0, exported.err
    assert f"密钥编号：{key_id}" in exported.out
    written = stick / "GD-GZ01-unit.pub"
    assert written.read_bytes() == (home / "keys" / "unit.pub").read_bytes()


def test_keys_export_to_a_missing_stick_says_what_to_do(
    cli: Callable[..., CliResult], home: Path, tmp_path: Path
) -> None:
    assert cli("init", "--unit-code", "GD-GZ01", "--unit-name", "广州监狱").code == 0
    result = cli("keys", "export", "--out", str(tmp_path / "拔出的U盘" / "unit.pub"))
    assert result.code != 0
    assert "无法写入" in result.err and "U盘" in result.err


def test_an_old_home_with_a_lower_case_code_opens_with_the_canonical_code(tmp_path: Path, catalog: Catalog) -> None:
    """A home written by the first release, whose clerk typed the code in lower case."""
    root = tmp_path / "old"
    make_v1_home(root, catalog)
    conn = sqlite3.connect(root / DB_FILENAME)
    with conn:
        conn.execute("UPDATE meta SET value = 'gd-v1' WHERE key = 'unit_code'")
    conn.close()
    with Store.open(root, "upgrader") as store:
        assert store.database.migrated_from == 1
        assert store.unit().code == "GD-V1"
        assert store.audit.verify() == []
