"""The diagnostics zip: logs, versions, the integrity checks and the export or intake records, and nothing of
the unit's data or keys; written whole or not at all (a full stick, a stick pulled out mid-write)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.domain.errors import InputError, StateError
from desktop.domain.status import Status
from desktop.services.diagnostics import write_diagnostics
from desktop.store import Home, Store
from tests.core.bundle.conftest import OfficeKeys, accept, enroll, export
from tests.core.conftest import CliResult
from tests.log_support import home_log, key_secrets

MEASURE_TITLE = "全员轮训-unit-text-4417"
NOTE = "进展说明-unit-text-8812"
EVIDENCE_TEXT = "evidence-body-3e9c1f 内部会议纪要原文"
EVIDENCE_NAME = "纪要-unit-name-5531.txt"


def _fill(unit: Store, tmp_path: Path) -> None:
    task = unit.plan.tasks()[0].id
    measure = unit.measures.add(task, MEASURE_TITLE)
    unit.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 60, NOTE)
    source = tmp_path / EVIDENCE_NAME
    source.write_text(EVIDENCE_TEXT, encoding="utf-8")
    unit.evidence.add(measure.id, source)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def _assert_no_unit_data(members: dict[str, bytes], *homes: Path) -> None:
    everything = b"".join(members.values())
    for text in (MEASURE_TITLE, NOTE, EVIDENCE_TEXT, EVIDENCE_NAME):
        assert text.encode("utf-8") not in everything, text
    for home in homes:
        for secret in key_secrets(home):
            assert secret not in everything
    assert not [name for name in members if name.startswith("keys/") or "evidence" in name.split("/")[0][:8]]


def test_a_unit_zip_holds_logs_versions_checks_and_the_export_ledger(unit: Store, stick: Path, tmp_path: Path) -> None:
    with home_log(unit.home.root, "test"):
        _fill(unit, tmp_path)
        export(unit, stick)
        result = write_diagnostics(unit.home.root, stick, actor="admin", qt_version="6.12.0")
    assert result.path.parent == stick and result.path.name.startswith("planprogress-diagnostics-GD-T01-")
    assert result.problems == () and result.bytes == result.path.stat().st_size
    members = _members(result.path)
    assert set(members) == {"诊断信息.txt", "versions.json", "home.json", "checks.json", "exports.json",
                            "logs/planprogress.log"}  # fmt: skip
    versions = json.loads(members["versions.json"])
    assert versions["qt"] == "6.12.0" and versions["qt_source"] == "window"
    assert versions["python"] and versions["os"] and "libc" in versions and versions["app"]
    checks = json.loads(members["checks.json"])
    assert checks["integrity_check"] == {"ok": True, "findings": []}
    assert checks["audit_verify"]["ok"] and checks["audit_verify"]["rows"] > 0
    assert checks["evidence_verify"] == {"ok": True, "files": 1, "problems": []}
    [sent] = json.loads(members["exports.json"])
    assert sent["seq"] == 1 and sent["kind"] == "full" and sent["destination"] == str(stick)
    home = json.loads(members["home.json"])
    assert home["kind"] == "unit" and home["unit_code"] == "GD-T01" and home["schema_version"] >= 3
    assert "exported PB-GD-T01-000001: seq 1" in members["logs/planprogress.log"].decode("utf-8")
    assert "审计记录：完好" in members["诊断信息.txt"].decode("utf-8")
    _assert_no_unit_data(members, unit.home.root)
    assert [p.name for p in stick.iterdir() if not p.name.startswith("PB-")] == [result.path.name]


def test_an_office_zip_holds_the_intake_records(
    unit: Store, office: Store, office_keys: OfficeKeys, stick: Path, tmp_path: Path
) -> None:
    _fill(unit, tmp_path)
    enroll(office, unit)
    bundle = export(unit, stick).path
    accept(office, office_keys.identity, bundle)
    out = tmp_path / "省局诊断.zip"
    result = write_diagnostics(office.home.root, out, actor="省局经办")
    members = _members(result.path)
    assert result.path == out and "intake.json" in members and "exports.json" not in members
    intake = json.loads(members["intake.json"])
    assert [(e["name"], e["unit"], e["seq"], e["outcome"]) for e in intake["intake"]] == [
        (bundle.name, "GD-T01", 1, "accepted")
    ]
    assert [u["code"] for u in intake["units"]] == ["GD-T01"]
    checks = json.loads(members["checks.json"])
    assert checks["evidence_verify"]["ok"] and checks["evidence_verify"]["files"] == 1
    versions = json.loads(members["versions.json"])
    assert versions["qt_source"] == "installed PySide6 package"  # the CLI never loads Qt to ask
    _assert_no_unit_data(members, office.home.root, unit.home.root)


def test_an_altered_evidence_file_is_reported_by_hash_not_by_name(unit: Store, tmp_path: Path) -> None:
    _fill(unit, tmp_path)
    [(sha, _size)] = list(unit.evidence.iter_blobs())
    blob = unit.home.blob_path(sha)
    blob.chmod(0o644)
    blob.write_bytes(b"changed")
    result = write_diagnostics(unit.home.root, tmp_path, actor="admin")
    assert result.problems == ("佐证材料校验未通过",)
    members = _members(result.path)
    checks = json.loads(members["checks.json"])
    assert checks["evidence_verify"]["ok"] is False
    assert [p["sha256"] for p in checks["evidence_verify"]["problems"]] == [sha]
    assert "佐证材料：发现问题" in members["诊断信息.txt"].decode("utf-8")
    _assert_no_unit_data(members, unit.home.root)


def test_a_damaged_database_still_gives_logs_and_versions(unit: Store, tmp_path: Path) -> None:
    root = unit.home.root
    with home_log(root, "test"):
        logging.getLogger("desktop.tests").warning("the last line before the damage")
    unit.close()
    database = Home(root).database
    database.write_bytes(b"not a database at all" * 100)
    result = write_diagnostics(root, tmp_path, actor="admin")
    members = _members(result.path)
    assert result.problems and result.problems[0].startswith("数据库无法打开")
    assert "open_error" in json.loads(members["home.json"])
    assert "the last line before the damage" in members["logs/planprogress.log"].decode("utf-8")
    assert "versions.json" in members


def test_a_missing_target_folder_is_refused_before_anything_is_written(unit: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在：请插好U盘"):
        write_diagnostics(unit.home.root, tmp_path / "没有这个U盘" / "诊断.zip", actor="admin")
    assert not (tmp_path / "没有这个U盘").exists()


def _big_log(root: Path) -> None:
    logs = Home(root).logs
    logs.mkdir(exist_ok=True)
    (logs / "planprogress.log").write_text(os.urandom(400_000).hex(), encoding="ascii")


@pytest.fixture
def tiny_stick(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs standing in for a nearly full stick (needs root; skipped otherwise)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "小U盘"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_stick_leaves_nothing_half_written(unit: Store, tiny_stick: Path) -> None:
    _big_log(unit.home.root)
    with pytest.raises(StateError, match="空间不足") as caught:
        write_diagnostics(unit.home.root, tiny_stick, actor="admin")
    assert "已清除写了一半的文件" in str(caught.value)
    assert list(tiny_stick.iterdir()) == []


def _pull_while_writing(pull: Callable[[], None]) -> tuple[Callable[[str], None], Callable[[int, int], None]]:
    current = [""]

    def phase(name: str) -> None:
        current[0] = name

    def progress(done: int, total: int) -> None:
        if current[0] == "write":
            pull()

    return phase, progress


def test_a_stick_pulled_out_mid_write_is_said_and_leaves_nothing(unit: Store, tmp_path: Path) -> None:
    _big_log(unit.home.root)
    stick = tmp_path / "U盘"
    stick.mkdir()
    phase, progress = _pull_while_writing(lambda: shutil.rmtree(stick, ignore_errors=True))
    with pytest.raises(StateError, match="U盘可能已拔出") as caught:
        write_diagnostics(unit.home.root, stick / "诊断.zip", actor="admin", phase=phase, progress=progress)
    assert "请插好U盘后重试" in str(caught.value)
    assert not stick.exists()


def test_an_unmounted_stick_mid_write_leaves_nothing_on_the_mount_point(unit: Store, tiny_stick: Path) -> None:
    (Home(unit.home.root).logs).mkdir(exist_ok=True)
    (Home(unit.home.root).logs / "planprogress.log").write_text("a line\n", encoding="utf-8")
    phase, progress = _pull_while_writing(lambda: subprocess.run(["umount", "-l", str(tiny_stick)], check=True))
    with pytest.raises(StateError, match="U盘可能已拔出"):
        write_diagnostics(unit.home.root, tiny_stick / "诊断.zip", actor="admin", phase=phase, progress=progress)
    assert list(tiny_stick.iterdir()) == []  # the folder the stick was mounted on


def test_the_command_writes_the_zip_and_says_what_it_found(
    cli: Callable[..., CliResult], unit_home: Path, tmp_path: Path
) -> None:
    result = cli("diagnostics", "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert "已写入诊断信息" in result.out and "各项校验均通过" in result.out
    [made] = tmp_path.glob("planprogress-diagnostics-GD-T01-*.zip")
    assert "home.json" in _members(made)
    as_json = cli("--json", "diagnostics", "--out", str(tmp_path / "诊断.zip"))
    assert as_json.code == 0 and json.loads(as_json.out.splitlines()[-1])["problems"] == []


def test_the_command_on_a_folder_that_is_no_home_says_so(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    result = cli("diagnostics", "--out", str(tmp_path), home_dir=tmp_path / "没有数据")
    assert result.code == 6 and "尚未初始化" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_refused_copy_at_the_office_keeps_the_evidence_name_out_of_the_log(
    unit: Store, office: Store, office_keys: OfficeKeys, stick: Path, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    _fill(unit, tmp_path)
    enroll(office, unit)
    accept(office, office_keys.identity, export(unit, stick).path)
    [(sha, _size)] = list(unit.evidence.iter_blobs())
    office.home.blob_path(sha).unlink()
    out = tmp_path / "取出"
    out.mkdir()
    got = cli("province", "evidence", "get", "1", "--out", str(out), home_dir=office.home.root)
    assert got.code == 7 and EVIDENCE_NAME in got.err  # the clerk is told which file
    logged = (office.home.logs / "planprogress.log").read_text(encoding="utf-8")
    assert "cli:province evidence[" in logged and "refused, IntegrityError (exit 7)" in logged
    assert EVIDENCE_NAME not in logged
