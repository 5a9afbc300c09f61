"""The home's log: written only once the home exists, size-capped, shared by processes, kept across a restore,
and the CLI's refusals and crashes in it with what a support person needs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop import logs
from desktop.cli import admin
from desktop.store import Home
from tests.core.conftest import CliResult, run_subprocess
from tests.log_support import home_log, log_text, make_database

log = logging.getLogger("desktop.tests")


def test_nothing_is_written_into_a_folder_that_is_not_a_home_yet(tmp_path: Path) -> None:
    root = tmp_path / "new"
    root.mkdir()
    with home_log(root) as handler:
        log.info("before the home exists")
        assert list(root.iterdir()) == [] and not handler.writing()
        make_database(root)  # what init or the set-up wizard makes
        log.info("after")
    lines = handler.path.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["before the home exists", "after"]
    assert " INFO test[" in lines[0] and "desktop.tests" in lines[0]


def test_nothing_is_written_beside_another_programs_file(tmp_path: Path) -> None:
    """--home pointed at the wrong folder: a refusal there must not leave a logs/ folder behind."""
    for content in (b"", "不是数据库".encode() * 50, b"SQLite format 3\x00" + bytes(84)):
        Home(tmp_path).database.write_bytes(content)
        with home_log(tmp_path):
            log.warning("refused")
        assert not Home(tmp_path).logs.exists()


def test_the_log_rotates_by_size_and_keeps_five_old_files(tmp_path: Path) -> None:
    folder, database = tmp_path / "logs", tmp_path / "planprogress.sqlite"
    database.write_bytes(b"")
    handler = logs.HomeLogHandler(folder, database.is_file, "test", max_bytes=2000, backups=5)
    logger = logging.getLogger("desktop.tests.rotation")
    logger.addHandler(handler)
    try:
        for n in range(400):
            logger.warning("line %04d %s", n, "x" * 40)
    finally:
        logger.removeHandler(handler)
    files = logs.log_files(folder)
    assert [p.name for p in files] == ["planprogress.log"] + [f"planprogress.log.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 2000 for p in files)
    assert "line 0399" in files[0].read_text(encoding="utf-8")  # newest in the live file
    assert not (folder / "planprogress.log.6").exists()


def test_cli_and_another_process_write_the_same_log(cli: Callable[..., CliResult], unit_home: Path) -> None:
    password = _file(unit_home, "pw-Aa123456")
    assert cli("user", "add", "clerk", "--role", "填报员", "--password-file", str(password)).code == 0
    ran = run_subprocess("--home", str(unit_home), "--user", "tester", "review", "submit", "2026-Q4")
    assert ran.code == 0, ran.err
    text = log_text(unit_home)
    assert "INFO cli:user add[" in text and "user clerk added, role 填报员, by tester" in text
    assert "INFO cli:review submit[" in text and "review 2026-Q4: submit, draft -> submitted, by tester" in text


def test_after_a_restore_the_log_goes_on_in_the_restored_home(
    cli: Callable[..., CliResult], unit_home: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.tar"
    assert cli("backup", "--out", str(backup)).code == 0
    restored = cli("restore", str(backup), "--replace")
    assert restored.code == 0, restored.err
    text = log_text(unit_home)  # the restored home had no logs/: the line after the swap starts one there
    assert f"restored {unit_home} from backup {backup}" in text
    kept = next(tmp_path.glob("home.before-restore-*"))
    assert f"backup written to {backup}" in log_text(kept)


def test_a_refusal_is_logged_by_kind_without_echoing_what_was_typed(
    cli: Callable[..., CliResult], unit_home: Path
) -> None:
    typed = "测量标题-不应出现在日志里"
    result = cli("measure", "add", "9999", "--title", typed)
    assert result.code != 0
    text = log_text(unit_home)
    assert "WARNING cli:measure add[" in text and "refused, NotFoundError (exit 3)" in text
    assert typed not in text


def test_an_unexpected_error_in_a_command_is_logged_with_its_traceback(
    cli: Callable[..., CliResult], unit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ctx: object, args: object) -> int:
        raise RuntimeError("a bug in a command")

    monkeypatch.setattr(admin, "cmd_unit", broken)  # the parser is built per call: it picks this one up
    with pytest.raises(RuntimeError):
        cli("unit")
    text = log_text(unit_home)
    assert "ERROR cli:unit[" in text and "unit: unexpected error" in text
    assert "Traceback (most recent call last)" in text and "RuntimeError: a bug in a command" in text


def _file(folder: Path, text: str) -> Path:
    path = folder.parent / f"secret-{abs(hash(text))}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_refused_restore_says_what_is_wrong_with_the_backup(
    cli: Callable[..., CliResult], unit_home: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "坏备份.tar"
    bad.write_bytes(b"not a tar file" * 100)
    assert cli("restore", str(bad), "--replace").code == 7
    text = log_text(unit_home)
    assert f"restore of {unit_home} from {bad} refused: 备份文件 坏备份.tar 已损坏或不完整" in text
    assert "cli:restore[" in text and "refused, IntegrityError (exit 7)" in text


def test_a_line_break_in_a_message_cannot_fake_a_line(tmp_path: Path) -> None:
    make_database(tmp_path)
    with home_log(tmp_path) as handler:
        fake = "2026-01-01 00:00:00+0000 INFO window[1] desktop.store.users: sign-in: admin"
        log.info("user %s added", "x\n" + fake)
        try:
            raise ValueError("boom")
        except ValueError:
            log.exception("with a traceback")
    lines = handler.path.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith("user x\\n" + fake + " added")
    assert lines[1].endswith("with a traceback") and lines[2] == "Traceback (most recent call last):"
