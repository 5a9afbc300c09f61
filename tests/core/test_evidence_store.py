"""Evidence files (佐证材料): stored once by content, names kept verbatim, verified, never half-added."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import InputError, NotFoundError, StoreError
from desktop.store import Store
from tests.core.conftest import CliResult, run_subprocess
from tests.core.support import assert_error, file_sha256, home_state, incoming_files

Cli = Callable[..., CliResult]
CHINESE_NAME = "会议 纪要（第一期）.pdf"


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _blobs(home: Path) -> list[Path]:
    return sorted(p for p in (home / "evidence").rglob("*") if p.is_file() and ".incoming" not in p.parts)


def test_identical_files_share_one_stored_copy(store: Store, tmp_path: Path) -> None:
    data = b"%PDF-1.4 same content\n"
    first = _write(tmp_path / "a" / "通知.pdf", data)
    second = _write(tmp_path / "b" / "另一个名字.pdf", data)
    one = store.evidence.add(1, first)
    two = store.evidence.add(2, second)
    assert not one.deduplicated and two.deduplicated
    assert one.record.sha256 == two.record.sha256 == file_sha256(first)
    assert [r.original_name for r in store.evidence.find()] == ["通知.pdf", "另一个名字.pdf"]
    blobs = _blobs(store.home.root)
    assert len(blobs) == 1 and blobs[0].read_bytes() == data
    assert one.record.media_type == "application/pdf" and one.record.size == len(data)


def test_deleting_one_of_two_records_keeps_the_shared_copy(store: Store, tmp_path: Path) -> None:
    source = _write(tmp_path / "照片.jpg", b"\xff\xd8\xff jpeg bytes")
    first = store.evidence.add(1, source).record
    second = store.evidence.add(1, source).record
    store.evidence.delete(first.id)
    assert len(_blobs(store.home.root)) == 1
    store.evidence.delete(second.id)
    assert _blobs(store.home.root) == []
    deletes = [e for e in store.audit.entries(entity="evidence") if e.action == "delete"]
    assert [e.entity_uid for e in deletes] == [first.uid, second.uid]
    assert store.audit.verify() == []


def test_cli_keeps_chinese_names_with_spaces_verbatim(cli: Cli, unit_home: Path, tmp_path: Path) -> None:
    source = _write(tmp_path / "材料 文件夹" / CHINESE_NAME, b"%PDF-1.7\nminutes\n")
    added = cli("evidence", "add", "1", str(source), "--category", "会议记录")
    assert added.code == 0, added.err
    assert CHINESE_NAME in added.out
    listed = cli("--json", "evidence", "list")
    [record] = listed.json()
    assert record["original_name"] == CHINESE_NAME
    assert record["title"] == "会议 纪要（第一期）"
    assert record["category"] == "会议记录"
    assert record["added_by"] == "tester"
    assert record["sha256"] == file_sha256(source)


def test_cli_verify_names_missing_and_altered_files(cli: Cli, unit_home: Path, tmp_path: Path) -> None:
    kept = _write(tmp_path / "完好 文件.pdf", b"%PDF fine")
    gone = _write(tmp_path / "会被 删掉.pdf", b"%PDF will vanish")
    changed = _write(tmp_path / "会被 改动.pdf", b"%PDF will be edited")
    assert cli("evidence", "add", "1", str(kept), str(gone), str(changed)).code == 0
    assert cli("evidence", "verify").code == 0

    (unit_home / "evidence" / file_sha256(gone)[:2] / file_sha256(gone)).unlink()
    _write(unit_home / "evidence" / file_sha256(changed)[:2] / file_sha256(changed), b"%PDF tampered")
    result = cli("--json", "evidence", "verify")
    assert result.code != 0
    assert_error(result, "2 个佐证文件缺失或被改动")
    report = result.json()
    assert isinstance(report, dict) and report["ok"] is False
    problems = {p["names"][0]: p["problem"] for p in report["problems"]}
    assert problems == {"会被 删掉.pdf": "文件缺失", "会被 改动.pdf": "文件内容被改动（哈希不符）"}

    text = cli("evidence", "verify")
    assert "会被 删掉.pdf" in text.out and "会被 改动.pdf" in text.out and "完好 文件.pdf" not in text.out


def test_empty_file_is_accepted_with_a_warning(cli: Cli, unit_home: Path, tmp_path: Path) -> None:
    empty = _write(tmp_path / "空白 表格.xlsx", b"")
    result = cli("evidence", "add", "1", str(empty))
    assert result.code == 0
    assert "空白 表格.xlsx" in result.out
    assert "注意：" in result.err and "0 字节" in result.err
    assert cli("evidence", "verify").code == 0


# --- refusals: the message names the problem, and the home is exactly as it was -----------------


def _refused(cli: Cli, home: Path, args: list[str], *fragments: str) -> None:
    before = home_state(home)
    assert_error(cli("evidence", "add", *args), *fragments)
    assert home_state(home) == before
    assert incoming_files(home) == []


@pytest.fixture
def stocked(cli: Cli, unit_home: Path, tmp_path: Path) -> Path:
    """A home that already holds one evidence file, so 'unchanged' is a real comparison."""
    assert cli("evidence", "add", "1", str(_write(tmp_path / "已有.pdf", b"%PDF existing"))).code == 0
    return unit_home


def test_refuses_a_file_that_does_not_exist(cli: Cli, stocked: Path, tmp_path: Path) -> None:
    _refused(cli, stocked, ["1", str(tmp_path / "没有 这个.pdf")], "找不到文件", "没有 这个.pdf")


def test_refuses_a_directory(cli: Cli, stocked: Path, tmp_path: Path) -> None:
    folder = tmp_path / "照片 文件夹"
    folder.mkdir()
    _refused(cli, stocked, ["1", str(folder)], "照片 文件夹", "文件夹")


def test_refuses_a_pipe_instead_of_hanging(stocked: Path, tmp_path: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes: a separate process with a timeout."""
    fifo = tmp_path / "管道"
    os.mkfifo(fifo)
    before = home_state(stocked)
    result = run_subprocess("--home", str(stocked), "evidence", "add", "1", str(fifo), timeout=30)
    assert_error(result, "管道", "不是普通文件")
    assert home_state(stocked) == before


def test_refuses_a_file_whose_read_fails(cli: Cli, stocked: Path) -> None:
    """/proc/self/mem opens (even for root) and then fails with EIO at offset 0: a real read error."""
    mem = Path("/proc/self/mem")
    if not mem.exists():
        pytest.skip("needs Linux /proc")
    _refused(cli, stocked, ["1", str(mem)], "读取文件", "mem")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_refuses_a_file_without_read_permission(cli: Cli, stocked: Path, tmp_path: Path) -> None:
    locked = _write(tmp_path / "保密 文件.pdf", b"%PDF secret")
    locked.chmod(0)
    try:
        _refused(cli, stocked, ["1", str(locked)], "无法读取文件", "保密 文件.pdf")
    finally:
        locked.chmod(0o600)


def test_refuses_an_unknown_target(cli: Cli, stocked: Path, tmp_path: Path) -> None:
    source = _write(tmp_path / "好文件.pdf", b"%PDF ok")
    _refused(cli, stocked, ["9999", str(source)], "找不到编号为 9999")
    _refused(cli, stocked, ["第三项", str(source)], "编号“第三项”不是数字")


def test_one_bad_file_among_several_adds_none(cli: Cli, stocked: Path, tmp_path: Path) -> None:
    good = _write(tmp_path / "好 文件.pdf", b"%PDF good and new")
    _refused(cli, stocked, ["1", str(good), str(tmp_path / "缺失.pdf")], "缺失.pdf")
    _refused(cli, stocked, ["1", str(good), "/proc/self/mem"], "mem")


def test_refuses_a_name_that_is_not_utf8_through_real_argv(stocked: Path, tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/\xff\xfe\xe4\xb8\xad.pdf"
    with open(raw, "wb") as handle:
        handle.write(b"%PDF name is not utf-8")
    before = home_state(stocked)
    result = run_subprocess("--home", str(stocked), "evidence", "add", "1", os.fsdecode(raw))
    assert_error(result, "不是 UTF-8", "请先把文件重命名")
    assert home_state(stocked) == before
    assert incoming_files(stocked) == []


# --- failures half-way: no temporary file and no orphan copy is left -----------------------------


def test_cancel_during_copy_leaves_no_temporary_file(store: Store, tmp_path: Path) -> None:
    source = _write(tmp_path / "大 文件.bin", os.urandom(3 * 1024 * 1024))

    def cancel(done: int, total: int) -> None:
        if done > 1024 * 1024:
            raise KeyboardInterrupt

    before = home_state(store.home.root)
    with pytest.raises(KeyboardInterrupt):
        store.evidence.add(1, source, progress=cancel)
    assert incoming_files(store.home.root) == []
    assert home_state(store.home.root) == before


def test_database_failure_after_copy_removes_the_new_copy(store: Store, tmp_path: Path) -> None:
    source = _write(tmp_path / "新 文件.pdf", b"%PDF copied but never recorded")
    before = home_state(store.home.root)
    store.database.conn.execute("PRAGMA query_only = ON")  # the INSERT fails after the file is in place
    with pytest.raises(StoreError, match="只能读、不能写"):
        store.evidence.add(1, source)
    store.database.conn.execute("PRAGMA query_only = OFF")
    assert _blobs(store.home.root) == []
    assert incoming_files(store.home.root) == []
    assert home_state(store.home.root) == before


def test_store_refusals_raise_domain_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        store.evidence.add(424242, _write(tmp_path / "x.pdf", b"x"))
    with pytest.raises(InputError, match="找不到文件"):
        store.evidence.add(1, tmp_path / "nope.pdf")
    with pytest.raises(InputError, match="不是 UTF-8"):
        store.evidence.add(1, Path(os.fsdecode(b"/tmp/\xff.pdf")))
    assert store.evidence.count() == 0


def test_partial_copies_left_by_a_killed_process_are_swept_when_old(store: Store, tmp_path: Path) -> None:
    incoming = store.home.evidence_tmp
    incoming.mkdir(parents=True, exist_ok=True)
    old, fresh = incoming / "old.part", incoming / "fresh.part"
    old.write_bytes(b"half a scan")
    fresh.write_bytes(b"being copied right now")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))

    assert store.evidence.sweep_incoming() == 1

    assert not old.exists()
    assert fresh.exists()  # another process may still be writing it
