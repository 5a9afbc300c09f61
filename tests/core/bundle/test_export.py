"""Export at the unit: layout, deltas and full bundles, the chain, parts, progress and cancel, resends."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.errors import InputError, StateError
from desktop.domain.status import Role, Status
from desktop.services.bundle.export import export_bundle
from desktop.services.bundle.format import GENESIS, MANIFEST, parse_sums
from desktop.services.bundle.header import Header
from desktop.services.bundle.tarstream import ExportCancelledError
from desktop.store import Store
from desktop.store.exports import ExportRepo
from tests.core.bundle.conftest import OfficeKeys, add_work, export, make_unit, only_bundle


def _header(bundle: Path) -> Header:
    return Header.parse((bundle / "bundle.json").read_bytes())


def test_layout_and_header(unit: Store, stick: Path, tmp_path: Path, office_keys: OfficeKeys) -> None:
    add_work(unit, tmp_path)
    result = export(unit, stick)
    bundle = only_bundle(stick)
    assert bundle.name == "PB-GD-T01-000001" and result.path == bundle
    assert sorted(p.name for p in bundle.iterdir()) == [
        "SHA256SUMS",
        "SHA256SUMS.minisig",
        "bundle.json",
        "payload.tar.age",
    ]
    header = _header(bundle)
    assert (header.unit, header.seq, header.kind, header.prev_hash) == ("GD-T01", 1, "full", GENESIS)
    assert header.recipients == (office_keys.public_key,)
    sums = parse_sums((bundle / "SHA256SUMS").read_bytes())
    assert [n for n, _ in sums] == ["bundle.json", "payload.tar.age"]
    for name, sha in sums:
        assert hashlib.sha256((bundle / name).read_bytes()).hexdigest() == sha
    comment = (bundle / "SHA256SUMS.minisig").read_text().splitlines()[2]
    assert comment == f"trusted comment: planprogress bundle unit:GD-T01 seq:1 id:{header.bundle_id}"
    assert (result.upserts, result.deletes, result.evidence) == (4, 0, 1)  # measure, progress, milestone, evidence
    assert not list(stick.glob(".*"))  # no hidden leftovers


def test_seq_chain_and_delta(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path, "一")
    first = export(unit, stick / "1")
    add_work(unit, tmp_path, "二")
    second = export(unit, stick / "2")
    assert second.seq == 2 and second.kind == "delta"
    assert _header(second.path).prev_hash == first.bundle_hash
    # only what changed travels: the new measure, progress, milestone, evidence (+ nothing old)
    assert (second.upserts, second.evidence) == (4, 1)
    unit.measures.delete(unit.measures.add(unit.plan.tasks()[1].id, "很快删除").id)
    third = export(unit, stick / "3")
    assert (third.upserts, third.deletes, third.evidence) == (0, 0, 0)  # added and deleted in between: nothing
    full = export(unit, stick / "4", full=True)
    assert full.kind == "full" and full.upserts == 8 and full.evidence == 2
    log = ExportRepo(unit.database, unit.audit).find()
    assert [e.seq for e in log] == [1, 2, 3, 4]


def test_deleted_record_travels_as_tombstone(unit: Store, stick: Path, tmp_path: Path) -> None:
    measure = unit.measures.add(unit.plan.tasks()[0].id, "要删除的措施")
    export(unit, stick / "1")
    unit.measures.delete(measure.id)
    result = export(unit, stick / "2")
    assert (result.upserts, result.deletes) == (0, 1)


def test_parts_stay_below_the_part_size(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path, size=200_000)
    result = export(unit, stick, part_size=64 * 1024)
    header = _header(result.path)
    assert len(header.parts) > 3
    assert [p.name for p in header.parts][:2] == ["payload.tar.age.000", "payload.tar.age.001"]
    assert all(p.size <= 64 * 1024 for p in header.parts)
    assert all((result.path / p.name).stat().st_size == p.size for p in header.parts)


def test_review_in_use_keeps_unapproved_periods_home(unit: Store, stick: Path, tmp_path: Path) -> None:
    unit.users.add("li", Role.REVIEWER, "review-pass")
    task = unit.plan.tasks()[0]
    unit.progress.record(task.id, "2026-Q3", Status.IN_PROGRESS, 30)
    unit.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 50)
    unit.reviews.submit("2026-Q3")
    unit.reviews.approve("2026-Q3")
    first = export(unit, stick / "1")
    assert first.review_in_use and first.held_periods == ("2026-Q4",)
    unit.reviews.submit("2026-Q4")
    unit.reviews.approve("2026-Q4")
    second = export(unit, stick / "2")
    assert second.held_periods == () and second.upserts == 2  # the Q4 progress and its review record


def test_without_reviewer_everything_goes(unit: Store, stick: Path) -> None:
    task = unit.plan.tasks()[0]
    unit.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 50)
    result = export(unit, stick)
    assert not result.review_in_use and result.held_periods == () and result.upserts == 1


def test_progress_is_reported_and_reaches_the_total(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path, size=300_000)
    seen: list[tuple[str, int, int]] = []
    phase = ["?"]
    export_bundle(
        unit,
        stick,
        progress=lambda done, total: seen.append((phase[0], done, total)),
        phase=lambda name: phase.__setitem__(0, name),
    )
    for name in ("encrypt", "verify"):
        steps = [(d, t) for p, d, t in seen if p == name]
        assert steps, name
        assert [d for d, _ in steps] == sorted(d for d, _ in steps)
        assert steps[-1][0] == steps[-1][1] > 0


def test_cancel_leaves_nothing_and_keeps_the_seq(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path, size=400_000)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 20

    with pytest.raises(ExportCancelledError, match="已取消导出"):
        export_bundle(unit, stick, cancelled=cancelled, part_size=128 * 1024)
    assert list(stick.iterdir()) == []
    assert ExportRepo(unit.database, unit.audit).last() is None
    assert export(unit, stick).seq == 1


def test_free_space_is_checked_first(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path, size=100_000)
    with pytest.raises(StateError, match="剩余空间不足") as caught:
        export_bundle(unit, stick, free_space=lambda path: 50_000)
    # sizes a person reads: about 100 KB needed, 48.8 KB left (not "0.1 MiB" / "0.0 MiB")
    assert "只剩 48.8 KB" in str(caught.value) and "导出序号未变" in str(caught.value)
    assert list(stick.iterdir()) == []
    assert ExportRepo(unit.database, unit.audit).last() is None


def test_resend_gives_the_same_bundle_hash(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path)
    first = export(unit, stick / "a")
    add_work(unit, tmp_path, "二")
    again = export(unit, stick / "b", resend=1)
    assert again.resend and again.seq == 1 and again.bundle_hash == first.bundle_hash
    header = _header(again.path)
    assert header.resend and header.bundle_id == first.bundle_id
    assert header.parts[0].sha256 != _header(first.path).parts[0].sha256  # freshly encrypted
    assert ExportRepo(unit.database, unit.audit).last().seq == 1  # type: ignore[union-attr]
    assert export(unit, stick / "c").seq == 2


def test_resend_of_a_bundle_with_an_empty_file(unit: Store, stick: Path) -> None:
    # a unit that has recorded nothing yet exports empty record files: the log keeps them as empty bytes, and a
    # resend once took an empty file for missing evidence ("佐证材料 e3b0c44298fc… 已不在本机")
    first = export(unit, stick / "a")
    assert 0 in {e.size for e in ExportRepo(unit.database, unit.audit).entries(1)}
    again = export(unit, stick / "b", resend=1)
    assert again.resend and again.bundle_hash == first.bundle_hash


def test_half_written_resend_left_on_a_stick_is_removed_not_completed(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path)
    first = export(unit, stick / "a")
    (stick / "b").mkdir()
    # what a resend killed mid-write leaves: the hidden folder of a logged bundle, one part cut short
    leftover = stick / "b" / f".{first.path.name}.{_header(first.path).bundle_id}.partial"
    shutil.copytree(first.path, leftover)
    part = sorted(leftover.glob("payload.tar.age*"))[0]
    part.write_bytes(part.read_bytes()[:100])

    add_work(unit, tmp_path, "二")
    second = export(unit, stick / "b")

    assert second.seq == 2
    assert sorted(p.name for p in (stick / "b").iterdir()) == ["PB-GD-T01-000002"]


def test_resend_of_unknown_seq_is_refused(unit: Store, stick: Path) -> None:
    with pytest.raises(Exception, match="没有序号为 7 的数据包"):
        export_bundle(unit, stick, resend=7)


def test_existing_bundle_folder_is_not_overwritten(unit: Store, stick: Path) -> None:
    (stick / "PB-GD-T01-000001").mkdir()
    with pytest.raises(StateError, match="已有 PB-GD-T01-000001"):
        export_bundle(unit, stick)
    assert ExportRepo(unit.database, unit.audit).last() is None


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_old_bundle_chosen_as_the_folder_is_refused_and_left_as_it_was(unit: Store, stick: Path) -> None:
    export(unit, stick)
    old = only_bundle(stick)
    renamed = stick / "上次的数据包"
    shutil.copytree(old, renamed)  # a bundle folder by its contents though not by its name
    for folder in (old, renamed):
        before = _files(folder)
        with pytest.raises(InputError) as caught:
            export_bundle(unit, folder)
        assert str(caught.value) == (
            f"{folder} 是一个数据包文件夹：请选择U盘或其中的普通文件夹（不要选已有的 PB-… 数据包）。"
            "未写入任何文件，导出序号未变。"
        )
        assert _files(folder) == before and not [p for p in folder.rglob("*") if p.name.startswith((".PB-", "PB-"))]
    assert ExportRepo(unit.database, unit.audit).last().seq == 1  # type: ignore[union-attr]
    assert export(unit, stick).seq == 2  # the stick itself still takes the next one


def test_missing_target_and_missing_office_key(unit: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不存在"):
        export_bundle(unit, tmp_path / "没有这个U盘")
    (unit.home.keys / "office.pub").unlink()
    with pytest.raises(Exception, match="还没有导入省局公钥"):
        export_bundle(unit, tmp_path)


def test_protected_key_needs_its_passphrase(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> None:
    with make_unit(tmp_path / "u", catalog, "GD-P01", office_keys.folder / "office.pub", "单位口令") as unit:
        out = tmp_path / "stick"
        out.mkdir()
        with pytest.raises(InputError, match="口令保护"):
            export_bundle(unit, out)
        with pytest.raises(InputError, match="口令不正确"):
            export_bundle(unit, out, passphrase="错的")
        assert export_bundle(unit, out, passphrase="单位口令").seq == 1


def test_changed_evidence_file_stops_the_export(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path)
    blobs = [p for p in (unit.home.root / "evidence").rglob("*") if p.is_file() and ".incoming" not in p.parts]
    assert len(blobs) == 1
    blobs[0].write_bytes(blobs[0].read_bytes() + b"tampered")
    with pytest.raises(StateError, match="与登记的内容不符"):
        export_bundle(unit, stick)
    assert list(stick.iterdir()) == []
    assert ExportRepo(unit.database, unit.audit).last() is None


def test_manifest_lists_every_entry(unit: Store, stick: Path, tmp_path: Path) -> None:
    add_work(unit, tmp_path, "一")
    add_work(unit, tmp_path, "二")
    result = export(unit, stick)
    stored = ExportRepo(unit.database, unit.audit).entries(result.seq)
    assert stored[0].name == MANIFEST and stored[0].content is not None
    manifest = json.loads(stored[0].content)
    names = [e["name"] for e in manifest["entries"]]
    assert names[:2] == ["records.jsonl", "audit.jsonl"]
    assert len([n for n in names if n.startswith("evidence/")]) == 2
    assert hashlib.sha256(stored[0].content).hexdigest() == result.bundle_hash
