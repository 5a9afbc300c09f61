"""Unit codes at the office: lookups without case, the migration that makes codes canonical (from a home made
by the program before codes were canonical), a bundle signed by another unit's key, dead bundles set aside,
the import's counts, revoked units out of the roll-up, and the first export after a key rotation."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.errors import InputError
from desktop.services import keys
from desktop.services.bundle.format import Outcome
from desktop.services.office import registry
from desktop.services.office.dismiss import dismiss
from desktop.services.office.intake_counts import count_results
from desktop.services.office.status import province_status
from desktop.store import Home, Store
from desktop.store.db import DB_FILENAME, migration_steps
from desktop.store.exports import ExportRepo
from desktop.store.office import OfficeRepo
from desktop.store.office_records import OfficeRecords
from tests.core.conftest import CliResult

from .conftest import OfficeKeys, accept, add_work, enroll, export, intake, make_unit

CASE_TABLES = (
    "office_unit_key",
    "office_bundle",
    "office_held",
    "unit_measure",
    "unit_milestone",
    "unit_progress",
    "unit_evidence",
    "unit_review",
    "unit_audit",
    "office_intake",
    "office_quarantine",
)


def undo_later_steps() -> list[str]:
    """SQL that takes a current database's schema back to v3: what the migrations after v3 created is dropped."""
    undo: list[str] = []
    for version, path in sorted(migration_steps().items(), reverse=True):
        if version <= 3:
            continue
        text = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))
        for kind, name in re.findall(r"(?i)CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", text):
            undo.append(f"DROP {kind.upper()} IF EXISTS {name}")  # a TEMP table's name does not match
        for table, column in re.findall(r"(?i)ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)", text):
            undo.append(f"ALTER TABLE {table} DROP COLUMN {column}")
    return undo


def as_before_canonical_codes(root: Path, renames: dict[str, str]) -> None:
    """Turn a home into what the program wrote before unit codes were canonical: schema v3, and codes as typed
    (`renames`: canonical code -> the code as the clerk typed it)."""
    conn = sqlite3.connect(root / DB_FILENAME, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN")
        for statement in undo_later_steps():
            conn.execute(statement)
        for canonical, typed in renames.items():
            conn.execute("UPDATE meta SET value = ? WHERE key = 'unit_code' AND value = ?", (typed, canonical))
            conn.execute("UPDATE office_unit SET code = ? WHERE code = ?", (typed, canonical))
            for table in CASE_TABLES:
                conn.execute(f"UPDATE {table} SET unit = ? WHERE unit = ?", (typed, canonical))
        conn.execute("PRAGMA user_version = 3")
        conn.execute("COMMIT")
    finally:
        conn.close()


def lower_case_unit(root: Path, catalog: Catalog, office_keys: OfficeKeys) -> Store:
    """A unit whose clerk typed `gd-t01`, as the program stored it before codes were canonical."""
    store = make_unit(root, catalog, "GD-T01", office_keys.folder / "office.pub")
    store.database.set_meta("unit_code", "gd-t01")
    return store


# -- the case: the office typed GD-T01, the unit gd-t01 ----------------------------------------------


def test_a_bundle_naming_its_unit_in_another_case_is_accepted(
    office: Store, tmp_path: Path, catalog: Catalog, stick: Path, office_keys: OfficeKeys
) -> None:
    with lower_case_unit(tmp_path / "单位", catalog, office_keys) as unit:
        add_work(unit, tmp_path)
        bundle = export(unit, stick).path
    assert bundle.name == "PB-gd-t01-000001"  # made before codes were canonical
    registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "GD-T01")
    [result] = accept(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.ACCEPTED and result.unit == "GD-T01"
    assert [u.code for u in OfficeRepo(office.database, office.audit).units()] == ["GD-T01"]
    assert OfficeRecords(office.database, office.audit).counts("gd-t01")["measure"] == 1


def test_enrolling_the_same_code_in_another_case_is_one_unit(office: Store, unit: Store) -> None:
    first, what, _ = registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "gd-t01")
    again, again_what, _ = registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "ＧＤ－Ｔ０１")
    assert (first.code, what, again.code, again_what) == ("GD-T01", "new", "GD-T01", "unchanged")
    registry.revoke(office, "gd-t01", "测试")
    assert OfficeRepo(office.database, office.audit).require_unit("GD-T01").revoked


# -- a signature valid for another enrolled unit's key -------------------------------------------------------


def test_a_bundle_signed_with_another_units_key_says_whose_key_it_is(
    office: Store, unit: Store, tmp_path: Path, catalog: Catalog, stick: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    with make_unit(tmp_path / "二监", catalog, "GD-T02", office_keys.folder / "office.pub") as other:
        enroll(office, other)
        for name in (keys.UNIT_SECRET, keys.UNIT_PUBLIC):  # GD-T02's home signs with GD-T01's key
            shutil.copyfile(unit.home.keys / name, other.home.keys / name)
        add_work(other, tmp_path)
        bundle = export(other, stick).path
    [result] = intake(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.WRONG_UNIT
    assert "此数据包由 GD-T01 单位的密钥" in result.message and "声称来自 GD-T02" in result.message
    assert "签名无效" not in result.message and result.outcome.label != Outcome.BAD_SIGNATURE.label


# -- the migration -------------------------------------------------------------------------------------------


def test_homes_made_before_canonical_codes_migrate_and_old_bundles_stay_verifiable(
    office: Store, tmp_path: Path, catalog: Catalog, stick: Path, office_keys: OfficeKeys
) -> None:
    unit_root, office_root = tmp_path / "单位", office.home.root
    with make_unit(unit_root, catalog, "GD-T01", office_keys.folder / "office.pub") as unit:
        add_work(unit, tmp_path)
        old = export(unit, stick / "1").path
        enroll(office, unit)
        accept(office, office_keys.identity, old)
    office.close()
    old_name = old.with_name("PB-gd-t01-000001")
    old.rename(old_name)  # the bundle as the old program named it (its signed contents say GD-T01)
    as_before_canonical_codes(unit_root, {"GD-T01": "gd-t01"})
    as_before_canonical_codes(office_root, {"GD-T01": "gd-t01"})

    with Store.open(unit_root, "填报员") as unit:
        assert unit.database.migrated_from == 3 and unit.unit().code == "GD-T01"
        add_work(unit, tmp_path, "二")
        new = export(unit, stick / "2").path
    assert new.name == "PB-GD-T01-000002"
    with Store.open(office_root, "省局经办") as migrated:
        assert migrated.database.migrated_from == 3
        [row] = OfficeRepo(migrated.database, migrated.audit).units()
        assert (row.code, row.last_seq, row.revoked) == ("GD-T01", 1, False)
        assert OfficeRecords(migrated.database, migrated.audit).counts("GD-T01")["measure"] == 1
        [again] = intake(migrated, office_keys.identity, old_name)
        assert again.outcome is Outcome.ALREADY_IMPORTED  # the old name is compared without case
        [next_one] = accept(migrated, office_keys.identity, new)
        assert next_one.outcome is Outcome.ACCEPTED and next_one.unit == "GD-T01"


def test_the_office_migration_keeps_the_chain_with_bundles_and_a_live_key(
    office: Store, tmp_path: Path, catalog: Catalog, stick: Path, office_keys: OfficeKeys
) -> None:
    """GD-T02 was enrolled with the first key and revoked after its bundle was refused; the unit rotated and was
    enrolled again as gd-t02 (new key), which has the accepted bundles. One unit GD-T02 remains."""
    root = tmp_path / "单位"
    with make_unit(root, catalog, "GD-T02", office_keys.folder / "office.pub") as unit:
        first_key = keys.public_key_id(keys.unit_public_key(unit.home))
        registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "GD-T02")
        registry.revoke(office, "GD-T02", "签名无效，改用新密钥")
        keys.rotate_unit_key(unit.home, "GD-T02", None)
        second_key = keys.public_key_id(keys.unit_public_key(unit.home))
        add_work(unit, tmp_path)
        bundle = export(unit, stick).path
    # the old program kept the revoked GD-T02 apart from the new enrolment: set the revoked row aside ...
    office.database.conn.execute("PRAGMA foreign_keys = OFF")
    with office.database.transaction() as conn:
        conn.execute("UPDATE office_unit SET code = 'GD-T02-OLD' WHERE code = 'GD-T02'")
        conn.execute("UPDATE office_unit_key SET unit = 'GD-T02-OLD' WHERE unit = 'GD-T02'")
    office.database.conn.execute("PRAGMA foreign_keys = ON")
    # ... enroll the new key and accept the bundle, then give both rows the codes the old program had
    registry.enroll(office, root / "keys" / keys.UNIT_PUBLIC, "GD-T02")
    accept(office, office_keys.identity, bundle)
    root_office = office.home.root
    office.close()
    as_before_canonical_codes(root_office, {"GD-T02": "gd-t02", "GD-T02-OLD": "GD-T02"})
    conn = sqlite3.connect(root_office / DB_FILENAME)
    assert sorted(r[0] for r in conn.execute("SELECT code FROM office_unit")) == ["GD-T02", "gd-t02"]
    conn.close()

    with Store.open(root_office, "省局经办") as migrated:
        repo = OfficeRepo(migrated.database, migrated.audit)
        [kept] = repo.units()
        assert (kept.code, kept.revoked, kept.last_seq) == ("GD-T02", False, 1)
        by_id = {k.key_id: k for k in repo.keys_of("GD-T02")}
        assert by_id[second_key].retired_at is None and by_id[first_key].retired_at is not None
        [history] = repo.merged_units()
        assert (history.code, history.merged_into, history.bundles) == ("GD-T02", "GD-T02", 0)
        assert history.revoked_at is not None and first_key in history.key_ids
        [note] = [e for e in repo.intake_log("GD-T02") if e.outcome == "merged"]
        assert "只差大小写" in note.reason
        assert OfficeRecords(migrated.database, migrated.audit).counts("GD-T02")["measure"] == 1
        assert migrated.audit.verify() == []
        [status] = province_status(migrated, "2026-Q4").units
        assert status.code == "GD-T02" and status.reported


# -- dead bundles, counts, the roll-up -----------------------------------------------------------------------


def test_a_dead_bundle_can_be_dismissed_and_is_passed_over_afterwards(
    office: Store, unit: Store, tmp_path: Path, stick: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path)
    bundle = export(unit, stick).path
    registry.revoke(office, "GD-T01", "单位撤并")
    [refused] = intake(office, office_keys.identity, bundle)
    assert refused.outcome is Outcome.REVOKED_UNIT and "province dismiss" in refused.message
    with pytest.raises(InputError, match="原因"):
        dismiss(office, bundle.name, " ")
    found = dismiss(office, bundle.name, "单位已撤并")
    assert (found.name, found.unit, found.outcome) == (bundle.name, "GD-T01", "revoked_unit")
    quarantined = len(OfficeRepo(office.database, office.audit).quarantined())
    [passed] = intake(office, office_keys.identity, bundle)
    assert passed.outcome is Outcome.DISMISSED and passed.ok and "搁置" in passed.message
    assert len(OfficeRepo(office.database, office.audit).quarantined()) == quarantined  # not refused again


def test_only_dead_bundles_can_be_dismissed(
    office: Store, unit: Store, tmp_path: Path, stick: Path, office_keys: OfficeKeys
) -> None:
    add_work(unit, tmp_path)
    bundle = export(unit, stick).path
    [unknown] = intake(office, office_keys.identity, bundle)
    assert unknown.outcome is Outcome.UNKNOWN_UNIT
    with pytest.raises(InputError, match="问题可以解决，不能搁置"):
        dismiss(office, bundle.name, "试试")
    enroll(office, unit)
    assert accept(office, office_keys.identity, bundle)[0].outcome is Outcome.ACCEPTED


def test_the_cli_dismisses_and_the_import_line_count_is_the_sticks(
    office: Store, unit: Store, tmp_path: Path, stick: Path, office_keys: OfficeKeys, cli: Callable[..., CliResult]
) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path)
    bundle = export(unit, stick).path
    registry.revoke(office, "GD-T01", "单位撤并")
    intake(office, office_keys.identity, bundle)
    missing = cli("province", "dismiss", "PB-GD-T01-000009", "--reason", "作废", home_dir=office.home.root)
    assert missing.code != 0 and "没有名为 PB-GD-T01-000009" in missing.err
    done = cli("province", "dismiss", bundle.name, "--reason", "作废", home_dir=office.home.root)
    assert done.code == 0, done.err
    assert f"已搁置 {bundle.name}" in done.out


def test_counts_are_over_the_bundles_found(
    office: Store, unit: Store, tmp_path: Path, stick: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    bundles = []
    for tag in "一二三四":
        add_work(unit, tmp_path, tag)
        bundles.append(export(unit, stick / tag).path)
    [waiting] = intake(office, office_keys.identity, bundles[1])  # 2 arrives first and waits for 1
    assert waiting.outcome is Outcome.GAP
    results = intake(office, office_keys.identity, bundles[0], bundles[2], bundles[3])  # a stick with 3
    assert len(results) == 4  # 1, then 2 from the held area, then 3 and 4
    counts = count_results([(r.outcome.value, r.from_held) for r in results])
    assert (counts.found, counts.accepted, counts.from_held, counts.refused) == (3, 3, 1, 0)


def test_revoked_units_leave_the_roll_up(
    office: Store, unit: Store, tmp_path: Path, catalog: Catalog, stick: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path)
    accept(office, office_keys.identity, export(unit, stick).path)
    with make_unit(tmp_path / "二监", catalog, "GD-T02", office_keys.folder / "office.pub") as other:
        enroll(office, other)
    registry.revoke(office, "GD-T01", "代码登记错误")
    status = province_status(office, "2026-Q4")
    assert [u.code for u in status.units] == ["GD-T02"]
    assert [u.code for u in status.revoked] == ["GD-T01"]
    assert status.not_reported == ("GD-T02",)
    assert [u.code for u in OfficeRepo(office.database, office.audit).units()] == ["GD-T01", "GD-T02"]


# -- the first export after a key rotation -------------------------------------------------------------------


def test_after_a_rotation_the_next_bundle_is_full_and_starts_the_chain(
    office: Store, unit: Store, tmp_path: Path, stick: Path, office_keys: OfficeKeys, cli: Callable[..., CliResult]
) -> None:
    add_work(unit, tmp_path)
    refused = export(unit, stick / "1").path  # the office never gets anything of this chain
    assert refused.name.endswith("000001")
    rotated = cli("--json", "keys", "rotate", home_dir=unit.home.root)
    assert rotated.code == 0, rotated.err
    assert ExportRepo(unit.database, unit.audit).must_restart()
    registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "GD-T01")
    (stick / "2").mkdir()
    exported = cli("--json", "export", "--out", str(stick / "2"), home_dir=unit.home.root)
    assert exported.code == 0, exported.err
    result = json.loads(exported.out.strip().splitlines()[-1])
    assert (result["kind"], result["seq"]) == ("full", 2)
    [accepted] = accept(office, office_keys.identity, Path(result["path"]))
    assert accepted.outcome is Outcome.ACCEPTED
    assert OfficeRecords(office.database, office.audit).counts("GD-T01")["measure"] == 1
    assert not ExportRepo(unit.database, unit.audit).must_restart()  # then deltas again
    add_work(unit, tmp_path, "二")
    assert export(unit, stick / "3").kind == "delta"


def test_a_delta_lost_before_a_rotation_is_resent_with_the_new_key_and_closes_the_gap(
    office: Store, unit: Store, tmp_path: Path, stick: Path, office_keys: OfficeKeys, cli: Callable[..., CliResult]
) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path)
    accept(office, office_keys.identity, export(unit, stick / "1").path)
    add_work(unit, tmp_path, "二")
    lost = export(unit, stick / "2")  # this stick never reaches the office
    assert cli("--json", "keys", "rotate", home_dir=unit.home.root).code == 0
    registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "GD-T01")
    full = export(unit, stick / "3")
    assert (full.kind, full.seq) == ("full", 3)
    [waiting] = intake(office, office_keys.identity, full.path)
    assert waiting.outcome is Outcome.GAP  # the office had bundle 1: bundle 3 waits for 2
    assert "planprogress export --resend 2" in waiting.message  # the way out, said where the clerk looks
    (stick / "4").mkdir()
    resent = cli("--json", "export", "--resend", "2", "--out", str(stick / "4"), home_dir=unit.home.root)
    assert resent.code == 0, resent.err
    assert json.loads(resent.out.strip().splitlines()[-1])["bundle_hash"] == lost.bundle_hash
    # signed again with the current key (it was refused as 数据包内清单的签名无效 when the old signature travelled)
    results = accept(office, office_keys.identity, *(stick / "4").glob("PB-*"))
    assert [(r.seq, r.outcome, r.from_held) for r in results] == [
        (2, Outcome.ACCEPTED, False),
        (3, Outcome.ACCEPTED, True),
    ]
    assert OfficeRepo(office.database, office.audit).require_unit("GD-T01").last_seq == 3


def test_the_unit_home_copy_is_recorded(tmp_path: Path) -> None:
    """The key file helper names the unit's folder copy after its (canonical) code."""
    home = Home(tmp_path / "h")
    (home.keys).mkdir(parents=True)
    keys.create_unit_key(home, "GD-T01", None)
    target, key_id = keys.export_unit_public_key(home, tmp_path, "GD-T01")
    assert target == tmp_path / "GD-T01-unit.pub" and key_id == keys.unit_key_id(home)


def test_province_enroll_says_when_it_stored_the_code_differently(
    office: Store, unit: Store, cli: Callable[..., CliResult]
) -> None:
    public = str(unit.home.keys / keys.UNIT_PUBLIC)
    done = cli("province", "enroll", public, "--unit-code", "ｇｄ－ｔ０１", home_dir=office.home.root)
    assert done.code == 0, done.err
    assert "已登记单位 GD-T01" in done.out and "“ｇｄ－ｔ０１”将保存为 GD-T01" in done.out
    again = cli("province", "enroll", public, "--unit-code", "GD-T01", home_dir=office.home.root)
    assert "已登记过这把密钥" in again.out and "将保存为" not in again.out
    bad = cli("province", "enroll", public, "--unit-code", "gd_t01", home_dir=office.home.root)
    assert bad.code != 0 and "“gd_t01”不合规" in bad.err
    assert [u.code for u in OfficeRepo(office.database, office.audit).units()] == ["GD-T01"]
