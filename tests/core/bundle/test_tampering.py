"""Bad input on the medium, caught before anything is decrypted: a byte flipped in each file, a truncated,
missing or extra file, sums re-signed by another key. Each names what is wrong and leaves the office's
unit data unchanged; the bundle is quarantined with its reason."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import minisign
import pytest

from desktop.services.bundle.format import Outcome, format_sums, parse_sums
from desktop.services.bundle.verify import own_key_lookup, verify_bundle
from desktop.services.keys import unit_public_key
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
def bundle(unit: Store, office: Store, tmp_path: Path) -> Path:
    """A three-part bundle from an enrolled unit (nothing imported yet)."""
    enroll(office, unit)
    add_work(unit, tmp_path, size=50_000)
    made = export(unit, tmp_path / "made", part_size=PART).path
    assert len(list(made.glob("payload.tar.age.*"))) == 3
    return made


def _resign_with_another_key(folder: Path) -> None:
    """Change a part, recompute SHA256SUMS and sign it with a key the office does not know for this unit."""
    flip_byte(folder / "payload.tar.age.001")
    sums = parse_sums((folder / "SHA256SUMS").read_bytes())
    fixed = [(n, hashlib.sha256((folder / n).read_bytes()).hexdigest()) for n, _ in sums]
    data = format_sums(fixed)
    (folder / "SHA256SUMS").write_bytes(data)
    old = minisign.Signature.from_bytes((folder / "SHA256SUMS.minisig").read_bytes())
    forger = minisign.KeyPair.generate().secret_key
    sig = forger.sign(data, prehash=True, trusted_comment=old.trusted_comment, untrusted_comment="forged")
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


def _key_id_byte(folder: Path) -> int:
    return _flippable(folder, 1, 4)  # base64 characters 4.. encode the key id (bytes 2..9)


def _signature_byte(folder: Path) -> int:
    return _flippable(folder, 1, 40)  # further on: the Ed25519 signature itself


CASES: dict[str, tuple[Callable[[Path], None], Outcome, str, str]] = {
    "flip bundle.json": (lambda f: flip_byte(f / "bundle.json", 40), Outcome.DAMAGED, "bundle.json", "已损坏"),
    "flip SHA256SUMS": (lambda f: flip_byte(f / "SHA256SUMS", 10), Outcome.BAD_SIGNATURE, "SHA256SUMS", "签名无效"),
    "flip signature": (
        lambda f: flip_byte(f / "SHA256SUMS.minisig", _signature_byte(f)),
        Outcome.BAD_SIGNATURE,
        "SHA256SUMS",
        "SHA256SUMS.minisig",
    ),
    "flip signature key id": (
        lambda f: flip_byte(f / "SHA256SUMS.minisig", _key_id_byte(f)),
        Outcome.BAD_SIGNATURE,
        "SHA256SUMS.minisig",
        "不是该单位登记的密钥",
    ),  # fmt: skip
    "flip part 000": (
        lambda f: flip_byte(f / "payload.tar.age.000"),
        Outcome.DAMAGED,
        "payload.tar.age.000",
        "分卷 payload.tar.age.000 已损坏",
    ),  # fmt: skip
    "flip part 001": (
        lambda f: flip_byte(f / "payload.tar.age.001"),
        Outcome.DAMAGED,
        "payload.tar.age.001",
        "分卷 payload.tar.age.001 已损坏",
    ),  # fmt: skip
    "flip part 002": (
        lambda f: flip_byte(f / "payload.tar.age.002", 5),
        Outcome.DAMAGED,
        "payload.tar.age.002",
        "分卷 payload.tar.age.002 已损坏",
    ),  # fmt: skip
    "truncated part": (
        lambda f: _truncate(f / "payload.tar.age.001"),
        Outcome.DAMAGED,
        "payload.tar.age.001",
        "不完整",
    ),  # fmt: skip
    "missing part": (
        lambda f: (f / "payload.tar.age.002").unlink(),
        Outcome.DAMAGED,
        "payload.tar.age.002",
        "缺少分卷 payload.tar.age.002",
    ),  # fmt: skip
    "missing signature": (
        lambda f: (f / "SHA256SUMS.minisig").unlink(),
        Outcome.DAMAGED,
        "SHA256SUMS.minisig",
        "缺少文件 SHA256SUMS.minisig",
    ),  # fmt: skip
    "extra file": (lambda f: (f / "readme.txt").write_text("hello"), Outcome.DAMAGED, "readme.txt", "不应有的文件"),
    "extra part": (
        lambda f: (f / "payload.tar.age.003").write_bytes(b"x" * 10),
        Outcome.DAMAGED,
        "payload.tar.age.003",
        "未列出",
    ),  # fmt: skip
    "re-signed by another key": (_resign_with_another_key, Outcome.BAD_SIGNATURE, "", "不是该单位登记的密钥"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_damage_is_named_and_nothing_changes(case: str, bundle: Path, office: Store, unit: Store, tmp_path: Path,
                                             office_keys: OfficeKeys) -> None:  # fmt: skip
    mutate, outcome, part, fragment = CASES[case]
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


@pytest.mark.parametrize("case", ["flip part 001", "truncated part", "missing part", "flip SHA256SUMS"])
def test_the_unit_sees_the_same_damage_with_verify(case: str, bundle: Path, unit: Store, tmp_path: Path) -> None:
    mutate, outcome, _, fragment = CASES[case]
    bad = copy_bundle(bundle, tmp_path / "bad")
    mutate(bad)
    with pytest.raises(Exception, match=fragment) as caught:
        verify_bundle(bad, own_key_lookup(unit_public_key(unit.home), "本单位的签名密钥"))
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
    (bad / "payload.tar.age.001").rename(target)
    (bad / "payload.tar.age.001").symlink_to(target)
    [result] = intake(office, office_keys.identity, bad)
    assert result.outcome is Outcome.DAMAGED and "payload.tar.age.001" in result.message
