"""Correctly signed and encrypted payloads with hostile content: `../` and absolute paths, links, devices,
folders, PAX and GNU extensions, entries larger than the manifest says, a manifest that lies about hashes,
non-UTF-8 names, a forged inner signature, and records that are not what they claim. The office refuses
each with a message that says which, writes nothing outside its staging folder, and changes no unit data."""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
from pathlib import Path

import minisign
import pyrage
import pytest

from desktop.services.bundle.format import AUDIT, RECORDS, Outcome
from desktop.services.bundle.manifest import Entry
from desktop.services.gm.sm2 import PrivateKey
from desktop.services.suite import GM, GmSigner
from desktop.store import Store
from tests.core.bundle.conftest import OfficeKeys, enroll, intake, office_unit_data
from tests.core.bundle.crafting import Craft, craft_bundle, entry, member, regular

SHA = "ab" * 32
RECORDS_LINE = b'{"entity":"review","op":"upsert","uid":"2026-Q4","data":{}}\n'


def _records(data: bytes) -> Craft:
    return Craft(body=regular(RECORDS, data), entries=[entry(RECORDS, data)])


def _with(extra: bytes, listed: bytes = b"{}\n") -> Craft:
    """A listed records file followed by a hostile member."""
    return Craft(body=regular(RECORDS, listed) + extra, entries=[entry(RECORDS, listed)])


CASES: dict[str, tuple[Craft, Outcome, str]] = {
    "dot-dot path": (_with(member("../../evil.txt", b"owned")), Outcome.UNSAFE_CONTENT, "上级目录"),
    "dot-dot inside": (_with(member("evidence/../../evil.txt", b"owned")), Outcome.UNSAFE_CONTENT, "上级目录"),
    "absolute path": (_with(member("/tmp/planprogress-evil.txt", b"owned")), Outcome.UNSAFE_CONTENT, "绝对路径"),
    "symlink": (
        _with(member(f"evidence/{SHA}", kind=tarfile.SYMTYPE, linkname="/etc/passwd")),
        Outcome.UNSAFE_CONTENT,
        "符号链接",
    ),  # fmt: skip
    "hard link": (
        _with(member(f"evidence/{SHA}", kind=tarfile.LNKTYPE, linkname=RECORDS)),
        Outcome.UNSAFE_CONTENT,
        "硬链接",
    ),  # fmt: skip
    "character device": (_with(member("evidence/dev", kind=tarfile.CHRTYPE)), Outcome.UNSAFE_CONTENT, "字符设备"),
    "block device": (_with(member("evidence/dev", kind=tarfile.BLKTYPE)), Outcome.UNSAFE_CONTENT, "块设备"),
    "fifo": (_with(member("evidence/fifo", kind=tarfile.FIFOTYPE)), Outcome.UNSAFE_CONTENT, "管道文件"),
    "directory": (_with(member("evidence", kind=tarfile.DIRTYPE)), Outcome.UNSAFE_CONTENT, "文件夹"),
    "pax header": (
        _with(tarfile.TarInfo("evidence/" + "x" * 120).tobuf(format=tarfile.PAX_FORMAT)),
        Outcome.UNSAFE_CONTENT,
        "PAX 扩展头",
    ),  # fmt: skip
    "gnu long name": (
        _with(tarfile.TarInfo("evidence/" + "y" * 120).tobuf(format=tarfile.GNU_FORMAT)),
        Outcome.UNSAFE_CONTENT,
        "GNU 长文件名",
    ),  # fmt: skip
    "non-utf8 name": (
        _with(member(os.fsdecode(b"evidence/\xff\xfe.pdf"), b"x")),
        Outcome.UNSAFE_CONTENT,
        "非 UTF-8",
    ),  # fmt: skip
    "name not allowed": (_with(member("evidence/readme.txt", b"x")), Outcome.UNSAFE_CONTENT, "不允许的文件名"),
    "not in manifest": (_with(member(AUDIT, b"")), Outcome.UNSAFE_CONTENT, "不在清单"),
    "larger than manifest says": (
        Craft(body=regular(RECORDS, b"x" * 50), entries=[entry(RECORDS, b"x" * 5)]),
        Outcome.UNSAFE_CONTENT,
        "与清单所列的 5 字节不符",
    ),
    "manifest lies about a hash": (
        Craft(
            body=regular(RECORDS, b"real content\n"), entries=[Entry(RECORDS, 13, hashlib.sha256(b"lie").hexdigest())]
        ),
        Outcome.UNSAFE_CONTENT,
        "哈希不符",
    ),
    "evidence name is not its hash": (
        Craft(body=regular(f"evidence/{SHA}", b"evidence"), entries=[entry(f"evidence/{SHA}", b"evidence")]),
        Outcome.UNSAFE_CONTENT,
        "名称与其哈希不符",
    ),
    "listed entry missing": (Craft(entries=[entry(RECORDS, b"{}\n")]), Outcome.UNSAFE_CONTENT, "不在数据包中"),
    "manifest not first": (Craft(manifest_first=False), Outcome.UNSAFE_CONTENT, "第一个条目应为"),
    "data after the end": (Craft(tail=bytes(1024) + regular(AUDIT, b"late")), Outcome.UNSAFE_CONTENT, "结束标记之后"),
    "no end marker": (Craft(tail=b""), Outcome.UNSAFE_CONTENT, "缺少结束标记"),
    "manifest disagrees with the outside": (Craft(manifest_seq=5), Outcome.BAD_SIGNATURE, "与外部不符"),
    "records not json": (_records(b"not json\n"), Outcome.UNSAFE_CONTENT, "不是有效的 JSON"),
    "record of unknown kind": (
        _records(b'{"entity":"user","op":"upsert","uid":"x","data":{}}\n'),
        Outcome.UNSAFE_CONTENT,
        "记录类型",
    ),  # fmt: skip
    "record with missing fields": (_records(RECORDS_LINE), Outcome.UNSAFE_CONTENT, "字段与格式不符"),
}


@pytest.fixture
def office_keys(suite_office_keys: OfficeKeys) -> OfficeKeys:
    """Every test here runs for the age and the 国密 suite."""
    return suite_office_keys


def _files_named_evil(root: Path) -> list[Path]:
    return [p for p in root.rglob("*evil*")]


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_content_is_refused(case: str, office: Store, unit: Store, tmp_path: Path,
                                    office_keys: OfficeKeys) -> None:  # fmt: skip
    craft, outcome, fragment = CASES[case]
    enroll(office, unit)
    bundle = craft_bundle(unit, tmp_path / "stick", craft)
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, bundle)
    assert result.outcome is outcome, result.message
    assert fragment in result.message
    assert office_unit_data(office) == before
    assert _files_named_evil(tmp_path) == [] and not Path("/tmp/planprogress-evil.txt").exists()
    assert list((office.home.root / "intake" / "staging").iterdir()) == []


def test_inner_manifest_signed_by_another_key(office: Store, unit: Store, tmp_path: Path,
                                              office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    forger = GmSigner(PrivateKey.generate()) if office_keys.suite is GM else minisign.KeyPair.generate().secret_key
    bundle = craft_bundle(unit, tmp_path / "stick", Craft(manifest_signer=forger))
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.BAD_SIGNATURE and "清单的签名无效" in result.message
    assert office_unit_data(office) == before


def test_header_names_our_key_but_payload_is_for_another(office: Store, unit: Store, tmp_path: Path,
                                                         office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    other = (
        PrivateKey.generate().public if office_keys.suite is GM else str(pyrage.x25519.Identity.generate().to_public())
    )
    bundle = craft_bundle(unit, tmp_path / "stick", Craft(encrypt_to=[other]))
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.WRONG_OFFICE_KEY and "无法用本省局的私钥解密" in result.message
    assert office_unit_data(office) == before


def test_evidence_record_without_its_file(office: Store, unit: Store, tmp_path: Path,
                                          office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    line = {
        "entity": "evidence", "op": "upsert", "uid": "e-1",
        "data": {"uid": "e-1", "item_uid": "gd-prison-14fyp/1.01", "sha256": SHA, "title": "t", "category": "",
                 "original_name": "a.pdf", "size": 3, "media_type": "application/pdf", "added_by": "x",
                 "added_at": "2026-11-26T08:00:00Z"},
    }  # fmt: skip
    bundle = craft_bundle(unit, tmp_path / "stick", _records(json.dumps(line).encode() + b"\n"))
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.UNSAFE_CONTENT and "既不在数据包中" in result.message
    assert office_unit_data(office) == before


def test_a_valid_crafted_bundle_is_accepted(office: Store, unit: Store, tmp_path: Path,
                                            office_keys: OfficeKeys) -> None:  # fmt: skip
    """The crafting helper itself makes acceptable bundles: the refusals above are about their content."""
    enroll(office, unit)
    line = {
        "entity": "review", "op": "upsert", "uid": "2026-Q4",
        "data": {"uid": "2026-Q4", "period": "2026-Q4", "state": "approved", "updated_at": "2026-11-26T08:00:00Z",
                 "updated_by": "li", "comment": ""},
    }  # fmt: skip
    bundle = craft_bundle(unit, tmp_path / "stick", _records(json.dumps(line).encode() + b"\n"))
    [result] = intake(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.ACCEPTED, result.message
