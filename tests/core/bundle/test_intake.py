"""Office intake: the chain outcomes (accepted, already imported, replay, gap held then applied, broken
chain), resync after a restore, unknown and revoked units, wrong office key, unknown catalog, and deltas
merging to the same state as a full bundle. Every rejection leaves the office's unit data unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyrage

from desktop.domain.catalog import Catalog
from desktop.domain.status import Role, Status
from desktop.services import gm_keys, keys
from desktop.services.bundle.format import Outcome
from desktop.services.gm.sm2 import PrivateKey
from desktop.services.office import registry
from desktop.services.suite import GM
from desktop.store import Home, Store
from desktop.store.office import OfficeRepo
from desktop.store.office_records import OfficeRecords
from tests.core.bundle.conftest import (
    BOTH_SUITES,
    OfficeKeys,
    accept,
    add_work,
    enroll,
    export,
    intake,
    make_unit,
    office_unit_data,
    records_without_seq,
)


@BOTH_SUITES
def test_accepted_then_already_imported(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                         office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    add_work(unit, tmp_path)
    bundle = export(unit, stick).path
    [result] = accept(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.ACCEPTED and result.unit == "GD-T01" and result.seq == 1
    assert "已接收" in result.message and result.evidence == 1
    records = OfficeRecords(office.database, office.audit)
    assert records.counts("GD-T01") == {
        "measure": 1, "milestone": 1, "progress": 1, "evidence": 1, "review": 0,
        "audit": unit.audit.count() - 1,  # the export's own audit row travels with the next bundle
    }  # fmt: skip
    before = office_unit_data(office)
    [again] = accept(office, office_keys.identity, bundle)
    assert again.outcome is Outcome.ALREADY_IMPORTED and "已经导入过" in again.message
    assert office_unit_data(office) == before
    evidence = records.evidence(unit="GD-T01")
    assert evidence[0]["original_name"] == "佐证 材料一.pdf" and evidence[0]["item_kind"] == "milestone"
    assert (office.home.blob_path(evidence[0]["sha256"])).is_file()
    log = OfficeRepo(office.database, office.audit).intake_log()
    assert [e.outcome for e in log] == ["accepted", "already_imported"]


@BOTH_SUITES
def test_replay_of_an_older_bundle_is_rejected(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                               office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    add_work(unit, tmp_path)
    first = export(unit, stick / "1").path
    accept(office, office_keys.identity, first)
    add_work(unit, tmp_path, "二")
    accept(office, office_keys.identity, export(unit, stick / "2").path)
    resent = export(unit, stick / "resent", resend=1).path  # the very same content: harmless
    [same] = accept(office, office_keys.identity, resent)
    assert same.outcome is Outcome.ALREADY_IMPORTED
    # a different bundle claiming an old seq: roll the unit back by restoring its database file
    before = office_unit_data(office)
    replay = _clone_at_seq_one(unit, tmp_path, stick / "replay")
    [result] = intake(office, office_keys.identity, replay)
    assert result.outcome is Outcome.REPLAY and "province resync" in result.message
    assert result.quarantine and (Path(result.quarantine) / "REASON.txt").is_file()
    assert office_unit_data(office) == before


def _clone_at_seq_one(unit: Store, tmp_path: Path, out: Path) -> Path:
    """A copy of the unit whose export log was rolled back to nothing (as restoring an old backup leaves
    it), with one more change; returns the bundle it exports."""
    clone = tmp_path / "restored"
    shutil.copytree(unit.home.root, clone)
    with Store.open(clone, "填报员") as restored:
        restored.database.conn.execute("DELETE FROM bundle_export_entry WHERE seq > 0")
        restored.database.conn.execute("DELETE FROM bundle_export WHERE seq > 0")
        restored.database.conn.execute("DELETE FROM bundle_sent_record")
        restored.database.conn.execute("DELETE FROM bundle_sent_blob")
        restored.database.conn.commit()
        restored.progress.record(restored.plan.tasks()[3].id, "2026-Q4", Status.LAGGING, 10)
        return export(restored, out).path


@BOTH_SUITES
def test_gap_is_held_then_applied(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                  office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    add_work(unit, tmp_path, "一")
    first = export(unit, stick / "1").path
    add_work(unit, tmp_path, "二")
    second = export(unit, stick / "2").path
    add_work(unit, tmp_path, "三")
    third = export(unit, stick / "3").path
    before = office_unit_data(office)
    results = intake(office, office_keys.identity, third, second)
    assert [r.outcome for r in results] == [Outcome.GAP, Outcome.GAP]
    assert "缺第 1, 2 号" in results[0].message
    assert office_unit_data(office) == before
    assert [h.seq for h in OfficeRepo(office.database, office.audit).held("GD-T01")] == [2, 3]
    results = intake(office, office_keys.identity, first)
    assert [(r.seq, r.outcome, r.from_held) for r in results] == [
        (1, Outcome.ACCEPTED, False), (2, Outcome.ACCEPTED, True), (3, Outcome.ACCEPTED, True),
    ]  # fmt: skip
    assert OfficeRepo(office.database, office.audit).held("GD-T01") == []
    assert OfficeRepo(office.database, office.audit).require_unit("GD-T01").last_seq == 3
    assert not list((office.home.root / "intake" / "held").iterdir())


@BOTH_SUITES
def test_broken_chain_goes_to_manual_review(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                           office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    add_work(unit, tmp_path)
    accept(office, office_keys.identity, export(unit, stick / "1").path)
    # the unit's log claims another seq-1 hash (a restore of a different history): seq 2 does not link
    unit.database.conn.execute("UPDATE bundle_export SET bundle_hash = ? WHERE seq = 1", ("ab" * 32,))
    unit.database.conn.commit()
    add_work(unit, tmp_path, "二")
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, export(unit, stick / "2").path)
    assert result.outcome is Outcome.BROKEN_CHAIN and "不衔接" in result.message
    assert office_unit_data(office) == before


@BOTH_SUITES
def test_resync_accepts_a_full_bundle_that_restarts_the_chain(
    office: Store, unit: Store, stick: Path, tmp_path: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path)
    accept(office, office_keys.identity, export(unit, stick / "1").path)
    add_work(unit, tmp_path, "二")
    accept(office, office_keys.identity, export(unit, stick / "2").path)
    restored = _clone_at_seq_one(unit, tmp_path, stick / "after-restore")
    [refused] = intake(office, office_keys.identity, restored)
    assert refused.outcome is Outcome.REPLAY
    registry.allow_resync(office, "GD-T01", "单位从备份恢复")
    with Store.open(tmp_path / "restored", "填报员") as clone:
        full = export(clone, stick / "full", full=True).path
    [result] = accept(office, office_keys.identity, full)
    assert result.resync and "重新同步" in result.message
    unit_row = OfficeRepo(office.database, office.audit).require_unit("GD-T01")
    assert unit_row.epoch == 2 and not unit_row.resync and unit_row.last_seq == 2
    outcomes = [e.outcome for e in OfficeRepo(office.database, office.audit).intake_log("GD-T01")]
    assert "resync_allowed" in outcomes
    # the office now holds exactly the restored unit's records
    assert OfficeRecords(office.database, office.audit).counts("GD-T01")["measure"] == 2


@BOTH_SUITES
def test_unknown_and_revoked_units(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                   office_keys: OfficeKeys) -> None:  # fmt: skip
    add_work(unit, tmp_path)
    bundle = export(unit, stick).path
    before = office_unit_data(office)
    [unknown] = intake(office, office_keys.identity, bundle)
    assert unknown.outcome is Outcome.UNKNOWN_UNIT and "province enroll" in unknown.message
    assert "“登记单位公钥”" in unknown.message and "--unit-code GD-T01" in unknown.message
    enroll(office, unit)
    registry.revoke(office, "GD-T01", "密钥遗失")
    before = office_unit_data(office)
    [revoked] = intake(office, office_keys.identity, bundle)
    assert revoked.outcome is Outcome.REVOKED_UNIT and "吊销" in revoked.message
    assert office_unit_data(office) == before
    quarantined = OfficeRepo(office.database, office.audit).quarantined()
    assert [q.outcome for q in quarantined] == ["unknown_unit", "revoked_unit"]


@BOTH_SUITES
def test_another_units_key_cannot_speak_for_it(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                               catalog: Catalog, office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    with make_unit(tmp_path / "冒名", catalog, "GD-T01", office_keys.folder / "office.pub") as impostor:
        bundle = export(impostor, stick).path
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.BAD_SIGNATURE and "不是该单位登记的密钥" in result.message
    assert office_unit_data(office) == before


@BOTH_SUITES
def test_bundle_for_another_office(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                   office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    if office_keys.suite is GM:
        other_keys = PrivateKey.generate().public, PrivateKey.generate().public
        text = gm_keys.gm_section("别的省局", other_keys[0], [], other_keys[1])
    else:
        text = f"{pyrage.x25519.Identity.generate().to_public()}\n"
    (tmp_path / "other.pub").write_text(text, encoding="utf-8")
    keys.import_office_key(Home(unit.home.root), tmp_path / "other.pub")
    add_work(unit, tmp_path)
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, export(unit, stick).path)
    assert result.outcome is Outcome.WRONG_OFFICE_KEY and "office.pub" in result.message
    assert office_unit_data(office) == before


def test_unknown_catalog_version(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                 office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    unit.database.conn.execute("UPDATE catalog SET version = '9.9.9'")  # a program shipping a newer catalog
    unit.database.conn.commit()
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, export(unit, stick).path)
    assert result.outcome is Outcome.UNKNOWN_CATALOG
    assert "9.9.9" in result.message and "1.0.0" in result.message and "请安装" in result.message
    assert office_unit_data(office) == before


def test_deltas_and_a_full_bundle_merge_to_the_same_state(
    office: Store, unit: Store, stick: Path, tmp_path: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    measure = add_work(unit, tmp_path, "一")
    accept(office, office_keys.identity, export(unit, stick / "1").path)
    add_work(unit, tmp_path, "二")
    unit.progress.record(measure, "2026-Q4", Status.DONE, 100, "完成")
    unit.reviews.submit("2026-Q4")
    accept(office, office_keys.identity, export(unit, stick / "2").path)
    doomed = unit.measures.add(unit.plan.tasks()[2].id, "临时措施")
    accept(office, office_keys.identity, export(unit, stick / "3").path)
    unit.measures.delete(doomed.id)
    accept(office, office_keys.identity, export(unit, stick / "4").path)
    after_deltas = records_without_seq(office, "GD-T01")
    assert len(after_deltas["unit_measure"]) == 2 and len(after_deltas["unit_review"]) == 1
    accept(office, office_keys.identity, export(unit, stick / "5", full=True).path)
    after_full = records_without_seq(office, "GD-T01")
    after_deltas["unit_audit"] = after_full["unit_audit"][: len(after_deltas["unit_audit"])]
    assert {k: v for k, v in after_full.items() if k != "unit_audit"} == {
        k: v for k, v in after_deltas.items() if k != "unit_audit"
    }
    assert after_full["unit_audit"][: len(after_deltas["unit_audit"])] == after_deltas["unit_audit"]


def test_two_units_never_mix(office: Store, unit: Store, stick: Path, tmp_path: Path, catalog: Catalog,
                             office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    with make_unit(tmp_path / "二监", catalog, "GD-T02", office_keys.folder / "office.pub") as second:
        enroll(office, second)
        add_work(unit, tmp_path, "一")
        add_work(second, tmp_path, "一")  # the same evidence content: stored once at the office
        accept(office, office_keys.identity, export(unit, stick / "a").path, export(second, stick / "b").path)
    records = OfficeRecords(office.database, office.audit)
    assert records.counts("GD-T01")["measure"] == records.counts("GD-T02")["measure"] == 1
    assert records.blob_count() == 1
    assert len(records.evidence()) == 2


def test_held_progress_reaches_the_office_once_approved(
    office: Store, tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys
) -> None:
    passphrase = "单位口令"
    with make_unit(tmp_path / "u", catalog, "GD-R01", office_keys.folder / "office.pub", passphrase) as unit:
        enroll(office, unit)
        unit.users.add("li", Role.REVIEWER, "review-pass")
        task = unit.plan.tasks()[0]
        unit.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 50)
        accept(office, office_keys.identity, export(unit, tmp_path / "1", passphrase=passphrase).path)
        records = OfficeRecords(office.database, office.audit)
        assert records.rows("progress", "GD-R01") == []
        unit.reviews.submit("2026-Q4")
        unit.reviews.approve("2026-Q4")
        accept(office, office_keys.identity, export(unit, tmp_path / "2", passphrase=passphrase).path)
        [row] = records.rows("progress", "GD-R01")
        assert row["period"] == "2026-Q4" and row["percent"] == 50
        assert OfficeRepo(office.database, office.audit).require_unit("GD-R01").review_in_use


def test_a_held_copy_that_went_missing_is_reported(office: Store, unit: Store, stick: Path, tmp_path: Path,
                                                   office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    first = export(unit, stick / "1").path
    second = export(unit, stick / "2").path
    [held] = intake(office, office_keys.identity, second)
    assert held.outcome is Outcome.GAP
    [folder] = list((office.home.root / "intake" / "held").iterdir())
    shutil.rmtree(folder)
    results = intake(office, office_keys.identity, first)
    assert [r.outcome for r in results] == [Outcome.ACCEPTED, Outcome.DAMAGED]
    assert "export --resend 2" in results[1].message
    assert OfficeRepo(office.database, office.audit).held("GD-T01") == []
