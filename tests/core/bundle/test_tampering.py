"""Bad input on the medium, caught before anything is decrypted: a byte flipped in each file, a truncated,
missing or extra file, sums re-signed by another key. Each names what is wrong and leaves the office's
unit data unchanged; the bundle is quarantined with its reason."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import minisign
import pytest

from desktop.services.bundle.folder_files import folder_suite
from desktop.services.bundle.format import Outcome, parse_sums
from desktop.services.bundle.verify import own_key_lookup, verify_bundle
from desktop.services.gm import sm2
from desktop.services.gm.sm2 import PrivateKey
from desktop.services.keys import unit_verify_key
from desktop.services.suite import AGE, GM, Suite
from desktop.store import Store
from desktop.store.office import OfficeRepo
from tests.core.bundle.conftest import (
    OfficeKeys,
    add_work,
    copy_bundle,
    enroll,
    export,
    flip_byte,
    intake,
    office_unit_data,
)

PART = 64 * 1024


@pytest.fixture
def office_keys(suite_office_keys: OfficeKeys) -> OfficeKeys:
    """Every test here runs for the age and the 国密 suite."""
    return suite_office_keys


@pytest.fixture
def bundle(unit: Store, office: Store, tmp_path: Path, office_keys: OfficeKeys) -> Path:
    """A three-part bundle from an enrolled unit (nothing imported yet)."""
    enroll(office, unit)
    add_work(unit, tmp_path, size=50_000)
    made = export(unit, tmp_path / "made", part_size=PART).path
    assert len(list(made.glob(f"{office_keys.suite.payload}.*"))) == 3
    return made


def _resign_with_another_key(folder: Path) -> None:
    """Change a part, recompute the sums and sign them with a key the office does not know for this unit."""
    suite = folder_suite([p.name for p in folder.iterdir()])
    flip_byte(folder / f"{suite.payload}.001")
    if suite is GM:  # the 国密 header names its key: the forger names his own
        forger = PrivateKey.generate()
        header = json.loads((folder / "bundle.json").read_bytes())
        header["signing_key_id"] = forger.public.key_id()
        (folder / "bundle.json").write_text(json.dumps(header), encoding="utf-8")
    sums = parse_sums((folder / suite.sums).read_bytes(), crypto=suite)
    data = suite.format_sums([(n, suite.digest((folder / n).read_bytes())) for n, _ in sums])
    (folder / suite.sums).write_bytes(data)
    if suite is GM:
        (folder / suite.sums_sig).write_bytes(sm2.sign(forger, data))
        return
    old = minisign.Signature.from_bytes((folder / "SHA256SUMS.minisig").read_bytes())
    age_forger = minisign.KeyPair.generate().secret_key
    sig = age_forger.sign(data, prehash=True, trusted_comment=old.trusted_comment, untrusted_comment="forged")
    (folder / "SHA256SUMS.minisig").write_bytes(bytes(sig) + b"\n")


def _truncate(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(os.path.getsize(path) - 100)


def _flippable(folder: Path, line: int, start: int) -> int:
    """Offset of a base64 character on `line` of the signature file, from `start`, whose low bit can flip and
    still be base64 (so the file parses and only its meaning changes)."""
    lines = (folder / "SHA256SUMS.minisig").read_bytes().split(b"\n")
    base = sum(len(x) + 1 for x in lines[:line])
    text = lines[line]
    alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return base + next(i for i in range(start, len(text) - 2) if text[i] ^ 1 in alphabet)


def _flip_signature(folder: Path) -> None:
    if (folder / GM.sums_sig).is_file():  # DER: the last byte is in s
        flip_byte(folder / GM.sums_sig, len((folder / GM.sums_sig).read_bytes()) - 1)
    else:
        flip_byte(folder / "SHA256SUMS.minisig", _flippable(folder, 1, 40))  # the Ed25519 signature itself


def _flip_signing_key_id(folder: Path) -> None:
    """Change which key the bundle says signed it: in the minisign signature, or the 国密 header's field."""
    if (folder / GM.sums_sig).is_file():
        header = json.loads((folder / "bundle.json").read_bytes())
        key_id = header["signing_key_id"]
        header["signing_key_id"] = ("1" if key_id[0] == "0" else "0") + key_id[1:]  # a random id may start with 0
        (folder / "bundle.json").write_text(json.dumps(header), encoding="utf-8")
    else:
        flip_byte(folder / "SHA256SUMS.minisig", _flippable(folder, 1, 4))  # characters 4.. encode the key id


Case = tuple[Callable[[Path], None], Outcome, str, str]


def cases(suite: Suite) -> dict[str, Case]:
    """The same faults in either suite's files, with the same outcomes and messages (naming its files)."""
    sums, sig, payload = suite.sums, suite.sums_sig, suite.payload
    return {
        "flip bundle.json": (lambda f: flip_byte(f / "bundle.json", 40), Outcome.DAMAGED, "bundle.json", "已损坏"),
        "flip sums": (lambda f: flip_byte(f / sums, 10), Outcome.BAD_SIGNATURE, sums, "签名无效"),
        "flip signature": (_flip_signature, Outcome.BAD_SIGNATURE, sums, sig),
        "flip signature key id": (_flip_signing_key_id, Outcome.BAD_SIGNATURE, sig, "不是该单位登记的密钥"),
        "flip part 000": (
            lambda f: flip_byte(f / f"{payload}.000"),
            Outcome.DAMAGED,
            f"{payload}.000",
            f"分卷 {payload}.000 已损坏",
        ),
        "flip part 001": (
            lambda f: flip_byte(f / f"{payload}.001"),
            Outcome.DAMAGED,
            f"{payload}.001",
            f"分卷 {payload}.001 已损坏",
        ),
        "flip part 002": (
            lambda f: flip_byte(f / f"{payload}.002", 5),
            Outcome.DAMAGED,
            f"{payload}.002",
            f"分卷 {payload}.002 已损坏",
        ),
        "truncated part": (lambda f: _truncate(f / f"{payload}.001"), Outcome.DAMAGED, f"{payload}.001", "不完整"),
        "missing part": (
            lambda f: (f / f"{payload}.002").unlink(),
            Outcome.DAMAGED,
            f"{payload}.002",
            f"缺少分卷 {payload}.002",
        ),
        "missing signature": (lambda f: (f / sig).unlink(), Outcome.DAMAGED, sig, f"缺少文件 {sig}"),
        "extra file": (lambda f: (f / "readme.txt").write_text("hello"), Outcome.DAMAGED, "readme.txt", "不应有的文件"),
        "extra part": (
            lambda f: (f / f"{payload}.003").write_bytes(b"x" * 10),
            Outcome.DAMAGED,
            f"{payload}.003",
            "未列出",
        ),
        "re-signed by another key": (_resign_with_another_key, Outcome.BAD_SIGNATURE, "", "不是该单位登记的密钥"),
    }


CASES = cases(AGE)


@pytest.mark.parametrize("case", list(CASES))
def test_damage_is_named_and_nothing_changes(case: str, bundle: Path, office: Store, unit: Store, tmp_path: Path,
                                             office_keys: OfficeKeys) -> None:  # fmt: skip
    mutate, outcome, part, fragment = cases(office_keys.suite)[case]
    bad = copy_bundle(bundle, tmp_path / "bad")
    mutate(bad)
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, bad)
    assert result.outcome is outcome, result.message
    assert fragment in result.message
    if part:
        assert part in (result.part or "") + result.message
    assert office_unit_data(office) == before
    [kept] = OfficeRepo(office.database, office.audit).quarantined()
    assert kept.outcome == outcome.value and Path(kept.path).is_dir()
    assert fragment in (Path(kept.path) / "REASON.txt").read_text(encoding="utf-8")
    assert bad.is_dir()  # the medium is never changed by an import
    # the good bundle still goes in afterwards
    [good] = intake(office, office_keys.identity, bundle)
    assert good.outcome is Outcome.ACCEPTED


@pytest.mark.parametrize("case", ["flip part 001", "truncated part", "missing part", "flip sums"])
def test_the_unit_sees_the_same_damage_with_verify(case: str, bundle: Path, unit: Store, tmp_path: Path,
                                                   office_keys: OfficeKeys) -> None:  # fmt: skip
    mutate, outcome, _, fragment = cases(office_keys.suite)[case]
    bad = copy_bundle(bundle, tmp_path / "bad")
    mutate(bad)
    with pytest.raises(Exception, match=fragment) as caught:
        verify_bundle(bad, own_key_lookup(unit_verify_key(unit.home), "本单位的签名密钥"))
    assert getattr(caught.value, "outcome", None) is outcome


def test_a_renamed_folder_is_refused(bundle: Path, office: Store, tmp_path: Path, office_keys: OfficeKeys) -> None:
    renamed = tmp_path / "x" / "PB-GD-T01-000002"
    renamed.parent.mkdir()
    bundle.rename(renamed)
    [result] = intake(office, office_keys.identity, renamed)
    assert result.outcome is Outcome.DAMAGED and "文件夹名称" in result.message


def test_a_non_utf8_file_name_is_reported_readably(bundle: Path, office: Store, tmp_path: Path,
                                                   office_keys: OfficeKeys) -> None:  # fmt: skip
    bad = copy_bundle(bundle, tmp_path / "bad")
    (bad / os.fsdecode(b"\xff\xfe-evil")).write_bytes(b"x")
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, bad)
    assert result.outcome is Outcome.DAMAGED and "不应有的文件" in result.message
    result.message.encode("utf-8")  # printable on any console
    assert office_unit_data(office) == before


def test_a_folder_that_is_not_there(office: Store, tmp_path: Path, office_keys: OfficeKeys) -> None:
    [result] = intake(office, office_keys.identity, tmp_path / "PB-GD-T01-000001")
    assert result.outcome is Outcome.DAMAGED and "找不到数据包文件夹" in result.message


def test_a_symlinked_part_is_not_followed(bundle: Path, office: Store, tmp_path: Path,
                                          office_keys: OfficeKeys) -> None:  # fmt: skip
    bad = copy_bundle(bundle, tmp_path / "bad")
    target = tmp_path / "elsewhere.bin"
    part = f"{office_keys.suite.payload}.001"
    (bad / part).rename(target)
    (bad / part).symlink_to(target)
    [result] = intake(office, office_keys.identity, bad)
    assert result.outcome is Outcome.DAMAGED and part in result.message
