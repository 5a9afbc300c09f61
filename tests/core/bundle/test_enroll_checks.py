"""The office refuses to enroll a key that cannot be the unit's current one: a key the unit retired when it
rotated, a unit.pub that names another unit, and the office's own office.pub; nothing is stored then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.errors import InputError, StateError
from desktop.services import keys
from desktop.services.office import registry
from desktop.store import Store
from desktop.store.office import OfficeRepo

from .conftest import BOTH_SUITES, OfficeKeys, accept, add_work, enroll, export, make_unit


def _register(office: Store) -> list[tuple[str, str, str | None]]:
    repo = OfficeRepo(office.database, office.audit)
    return [(key.unit, key.key_id, key.retired_at) for unit in repo.units() for key in repo.keys_of(unit.code)]


def _audit_rows(office: Store) -> int:
    return len(office.database.query("SELECT * FROM audit"))


@BOTH_SUITES
def test_a_retired_key_is_not_enrolled_again(
    office: Store, unit: Store, tmp_path: Path, stick: Path, office_keys: OfficeKeys
) -> None:
    old_pub = tmp_path / "旧U盘" / "unit.pub"  # the old key, still on an old stick
    old_pub.parent.mkdir()
    shutil.copyfile(unit.home.keys / keys.UNIT_PUBLIC, old_pub)
    enroll(office, unit)
    old_id = keys.read_unit_pub(old_pub)[0].key_id
    new = keys.rotate_unit_key(unit.home, "GD-T01", None)
    _, what, _ = registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "GD-T01")
    assert what == "rotated"
    before, audit = _register(office), _audit_rows(office)
    with pytest.raises(StateError) as refused:
        registry.enroll(office, old_pub, "GD-T01")
    message = str(refused.value)
    assert f"这把公钥（编号 {old_id}）已于" in message and "停用（单位更换过密钥），不能再次登记" in message
    assert "planprogress keys export" in message
    assert _register(office) == before and _audit_rows(office) == audit  # nothing changed
    retired = {key_id: retired_at for _, key_id, retired_at in before}
    assert retired[old_id] is not None and retired[new.key_id] is None
    add_work(unit, tmp_path)  # the new key still signs what the office accepts
    [result] = accept(office, office_keys.identity, export(unit, stick).path)
    assert result.unit == "GD-T01"


@BOTH_SUITES
def test_a_unit_pub_naming_another_unit_is_refused(
    office: Store, unit: Store, tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys
) -> None:
    with pytest.raises(InputError) as refused:
        registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "GD-T02")
    message = str(refused.value)
    assert "写明属于单位 GD-T01" in message and "填写的单位代码 GD-T02 不一致" in message
    assert "未登记" in message and "请核对单位代码" in message
    assert _register(office) == [] and OfficeRepo(office.database, office.audit).units() == []
    # the same unit in another case or width is the same unit
    unit_, what, _ = registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "ｇｄ－ｔ０１")
    assert (unit_.code, what) == ("GD-T01", "new")
    # a unit enrolled already is named as the key's owner, as before
    with make_unit(tmp_path / "二监", catalog, "GD-T02", office_keys.folder / "office.pub") as other:
        enroll(office, other)
    with pytest.raises(StateError, match="已登记给单位 GD-T01"):
        registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "GD-T02")


@BOTH_SUITES
def test_the_offices_own_public_key_is_not_a_unit_key(office: Store, office_keys: OfficeKeys) -> None:
    with pytest.raises(InputError) as refused:
        registry.enroll(office, office.home.keys / keys.OFFICE_PUBLIC, "GD-T01")
    message = str(refused.value)
    assert "office.pub 是省局自己的公钥" in message and "不是单位的签名公钥" in message and "unit.pub" in message
    assert _register(office) == [] and OfficeRepo(office.database, office.audit).units() == []


def test_a_unit_pub_without_a_unit_code_still_enrolls(office: Store, unit: Store, tmp_path: Path) -> None:
    """A unit.pub made by minisign itself (or before the program named its unit there) names no unit."""
    public = keys.load_public_key(unit.home.keys / keys.UNIT_PUBLIC)
    public.untrusted_comment = f"minisign public key {keys.public_key_id(public)}"
    bare = tmp_path / "unit.pub"
    bare.write_bytes(bytes(public) + b"\n")
    assert keys.unit_code_in_pub(bare.read_bytes()) is None
    enrolled, what, key_id = registry.enroll(office, bare, "GD-X09")
    assert (enrolled.code, what, key_id) == ("GD-X09", "new", keys.public_key_id(public))


def test_unit_code_in_pub_reads_both_suites_comment_lines() -> None:
    age = b"untrusted comment: planprogress unit gd-gz01 minisign public key 8C18 answer:age1xyz\nRWQ...\n"
    gm = b"# suite: sm2-sm3-sm4 - planprogress unit GD-GZ01 signing key 3f2a, then its answer key\n-----BEGIN"
    assert keys.unit_code_in_pub(age) == "gd-gz01" and keys.unit_code_in_pub(gm) == "GD-GZ01"
    assert keys.unit_code_in_pub(b"untrusted comment: minisign public key 8C18\nRWQ...\n") is None
    assert not keys.is_office_pub(age) and not keys.is_office_pub(gm)
