"""Homes that cannot be used: each refusal says why, and not one byte of the home changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.errors import StateError, StoreError
from desktop.store import Store
from desktop.store.db import APPLICATION_ID, DB_FILENAME, schema_version
from tests.core.conftest import CliResult
from tests.core.support import assert_error, file_sha256, home_state

Cli = Callable[..., CliResult]
# Commands that read and commands that write: each must refuse without touching the file.
COMMANDS = [
    ("tasks",),
    ("unit",),
    ("progress", "1", "--period", "2026-11", "--status", "推进中", "--percent", "10"),
    ("measure", "add", "1", "--title", "措施"),
    ("audit", "verify"),
]


def _files(root: Path) -> dict[str, str]:
    """Every file in the folder with its hash: the strictest 'unchanged' there is."""
    return {p.relative_to(root).as_posix(): file_sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def _refuse_everything(cli: Cli, home: Path, *fragments: str, ours: bool = False) -> None:
    """`ours`: the file is this program's database (only newer): the refusals go to its log, nothing else
    changes. Another program's file, or garbage, gets no logs/ folder beside it."""
    before = _files(home)
    for args in COMMANDS:
        assert_error(cli(*args), *fragments, code=6)
    with pytest.raises(StoreError):
        Store.open(home, "t")
    after = _files(home)
    if ours:
        logged = (home / "logs" / "planprogress.log").read_text(encoding="utf-8")
        assert logged.count("StoreError (exit 6)") == len(COMMANDS)
        after = {name: digest for name, digest in after.items() if not name.startswith("logs/")}
        before = {name: digest for name, digest in before.items() if not name.startswith("logs/")}
    assert after == before


def test_a_file_that_is_not_sqlite(cli: Cli, home: Path) -> None:
    home.mkdir()
    (home / DB_FILENAME).write_bytes("这不是数据库，只是一个文本文件。\n".encode() * 200)
    _refuse_everything(cli, home, "不是本程序的数据库或已损坏", "原文件未作任何改动")


def test_an_empty_file(cli: Cli, home: Path) -> None:
    home.mkdir()
    (home / DB_FILENAME).write_bytes(b"")
    _refuse_everything(cli, home, "不是本程序的数据库")


def test_a_database_of_another_sqlite_application(cli: Cli, home: Path) -> None:
    home.mkdir()
    conn = sqlite3.connect(home / DB_FILENAME)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三', '123')")
    conn.execute("PRAGMA user_version = 1")  # looks like our version, but the application id differs
    conn.commit()
    conn.close()
    _refuse_everything(cli, home, "不是本程序的数据库", "--home")


def test_a_database_newer_than_the_program(cli: Cli, unit_home: Path) -> None:
    newer = schema_version() + 5
    conn = sqlite3.connect(unit_home / DB_FILENAME)
    conn.execute(f"PRAGMA user_version = {newer}")
    conn.close()
    _refuse_everything(cli, unit_home, f"数据库版本为 {newer}", "请安装新版本", ours=True)


def test_a_home_that_was_never_initialised(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "空目录"
    office_pub = str(tmp_path / "office.pub")
    # the key commands too: not "no signing key yet: run keys init", which cannot work on such a folder
    for command in (("tasks",), ("keys", "show"), ("keys", "import", office_pub), ("keys", "init"), ("keys", "rotate")):
        line = assert_error(cli(*command, home_dir=empty), code=6)
        assert line == (
            f"错误：数据目录 {empty} 尚未初始化：单位请先运行 planprogress init --unit-code 代码 --unit-name 名称，"
            "省局请先运行 planprogress province init。"
        ), command
    assert not empty.exists()
    other = tmp_path / "别的 文件夹"
    other.mkdir()
    (other / "readme.txt").write_text("不是数据目录", encoding="utf-8")
    assert_error(cli("tasks", home_dir=other), "没有 planprogress 数据库", "--home")
    assert_error(cli("keys", "show", home_dir=other), "没有 planprogress 数据库", "--home")
    assert _files(other) == {"readme.txt": file_sha256(other / "readme.txt")}


def test_a_second_init_changes_nothing(cli: Cli, unit_home: Path) -> None:
    assert cli("measure", "add", "1", "--title", "已有措施").code == 0
    before = home_state(unit_home)
    result = cli("init", "--unit-code", "GD-OTHER", "--unit-name", "另一个单位")
    assert_error(result, "已经初始化过了", "原有数据未作任何改动", code=5)
    assert home_state(unit_home) == before
    assert "GD-T01" in cli("unit").out


def test_init_refuses_bad_unit_codes_without_creating_anything(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "新单位"
    assert_error(cli("init", "--unit-code", "广州-01", "--unit-name", "广州监狱", home_dir=target), "单位代码")
    assert_error(cli("init", "--unit-code", "GD-01", "--unit-name", "  ", home_dir=target), "单位名称不能为空")
    assert not target.exists()


def test_create_refuses_an_existing_home(store: Store, catalog: Catalog) -> None:
    with pytest.raises(StateError, match="已经初始化过了"):
        Store.create(store.home.root, "t", "unit", catalog)


def test_our_files_carry_the_application_id(unit_home: Path) -> None:
    conn = sqlite3.connect(unit_home / DB_FILENAME)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
