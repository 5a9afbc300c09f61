"""One check of every stored evidence file, for a unit's home and the office's: what it says when all is
intact, and which lines name a missing or altered file."""

from __future__ import annotations

from pathlib import Path

from desktop.services.evidence_check import check_all_evidence
from desktop.store import Store

from .conftest import OfficeKeys, accept, add_work, enroll, export


def test_a_unit_check_names_the_files(unit: Store, tmp_path: Path) -> None:
    add_work(unit, tmp_path, "一")
    add_work(unit, tmp_path, "二")
    seen: list[tuple[int, int]] = []
    assert check_all_evidence(unit, lambda done, total: seen.append((done, total))).problems == ()
    assert check_all_evidence(unit).checked == 2 and seen[-1][0] == seen[-1][1]
    first, second = unit.evidence.find()
    unit.home.blob_path(first.sha256).write_bytes(b"changed")
    unit.home.blob_path(second.sha256).unlink()
    result = check_all_evidence(unit)
    assert sorted(result.problems) == sorted(
        [f"{first.original_name}：文件内容被改动（哈希不符）", f"{second.original_name}：文件缺失"]
    )


def test_an_office_check_names_the_hashes(office: Store, unit: Store, tmp_path: Path, office_keys: OfficeKeys) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path, "一")
    accept(office, office_keys.identity, export(unit, tmp_path / "stick").path)
    assert check_all_evidence(office).problems == () and check_all_evidence(office).checked == 1
    [sha] = [r.sha256 for r in unit.evidence.find()]
    office.home.blob_path(sha).unlink()
    assert check_all_evidence(office).problems == (f"文件缺失：sha256 {sha[:16]}…",)
