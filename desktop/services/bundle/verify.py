"""Checking a bundle folder without decrypting it: files present, signature over SHA256SUMS, every sum.

The same code runs at the unit (`verify`, and the read-back after an export) and at the office (after the
copy to staging, before anything is decrypted). Which key must have signed is decided by a lookup the
caller passes in, so the office can answer "unknown unit", "revoked unit" or "bad signature".
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import minisign

from desktop.domain.system_errors import reason
from desktop.domain.unit_code import same_unit_code
from desktop.services.bundle.format import (
    BUNDLE_NAME,
    HEADER,
    MAX_HEADER,
    MAX_SIG,
    MAX_SUMS,
    PART_NAME,
    PART_SIZE,
    SUMS,
    SUMS_SIG,
    BundleError,
    Header,
    Outcome,
    Part,
    damaged,
    parse_signature_comment,
    parse_sums,
)
from desktop.services.keys import public_key_id, signature_key_id
from desktop.store.files import hash_file

# (signature key id, unit code the header claims or None) -> the public key that must have signed
KeyLookup = Callable[[str, str | None], minisign.PublicKey]


class ClaimMismatch(Exception):  # noqa: N818 - a lookup's answer, not an error shown as such
    """A lookup's answer: the signing key is enrolled for `owner`, but the bundle claims `claimed`.

    verify_bundle checks the signature with that key first, so a bundle is called "signed by another unit"
    only when the signature really is that unit's, and "invalid signature" otherwise.
    """

    def __init__(self, public_key: minisign.PublicKey, owner: str, claimed: str) -> None:
        super().__init__(owner, claimed)
        self.public_key = public_key
        self.owner = owner
        self.claimed = claimed


@dataclass(frozen=True)
class VerifiedBundle:
    folder: Path
    name: str
    header: Header
    key_id: str
    public_key: minisign.PublicKey

    @property
    def part_paths(self) -> list[Path]:
        return [self.folder / p.name for p in self.header.parts]


def shown(name: str) -> str:
    """A file name fit to print, even when it is not valid UTF-8."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def allowed_file(name: str, header: str = HEADER) -> bool:
    return name in (header, SUMS, SUMS_SIG) or bool(PART_NAME.match(name))


def read_capped(path: Path, cap: int, name: str, noun: str = "数据包") -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise damaged(f"{noun}缺少文件 {name}。", name) from None
    except OSError as exc:
        raise damaged(f"无法读取 {name}（{reason(exc)}）：介质可能已损坏或被拔出。", name) from None
    if len(data) > cap:
        raise damaged(f"{name} 过大，不是本程序生成的文件。", name)
    return data


def list_folder(folder: Path, header: str = HEADER, noun: str = "数据包") -> tuple[set[str], list[str]]:
    """Regular files we know, and everything else (extra files, links, folders) by name."""
    known: set[str] = set()
    extra: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if allowed_file(entry.name, header) and entry.is_file(follow_symlinks=False):
                    known.add(entry.name)
                else:
                    extra.append(entry.name)
    except FileNotFoundError:
        raise damaged(f"找不到{noun}文件夹 {folder}。") from None
    except NotADirectoryError:
        hint = "PB-单位代码-序号" if header == HEADER else "PO-单位代码-序号"
        raise damaged(f"{folder} 不是文件夹：请选择 {hint} 形式的{noun}文件夹。") from None
    return known, sorted(extra)


def claimed_unit(raw: bytes) -> str | None:
    """The unit the cleartext header names, read before it is trusted (only to word the message well)."""
    try:
        value = json.loads(raw.decode("utf-8")).get("unit")
    except (ValueError, UnicodeDecodeError, AttributeError, RecursionError):
        return None
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class Layout:
    """What a signed folder is called and holds: progress bundles (PB-) and the office's answers (PO-)."""

    header: str  # the cleartext header file, first line of SHA256SUMS
    kind: str  # the kind word of the signature's trusted comment
    noun: str  # what messages call it
    signer: str  # whose key must have signed, in messages
    folder_name: re.Pattern[str]
    folder_hint: str


BUNDLE_LAYOUT = Layout(HEADER, "bundle", "数据包", "该单位", BUNDLE_NAME, "PB-单位代码-六位序号")


@dataclass(frozen=True)
class SignedFolder:
    """A folder whose SHA256SUMS carries a good signature and whose header matches its sum. Parts unchecked."""

    folder: Path
    name: str
    name_match: re.Match[str]
    header_raw: bytes
    sums: list[tuple[str, str]]
    comment: tuple[str, int, str]  # unit, seq, id of the trusted comment
    key_id: str
    public_key: minisign.PublicKey


def check_signed_folder(
    folder: Path,
    layout: Layout,
    lookup: KeyLookup,
    *,
    name: str | None = None,
    hashes: dict[str, str] | None = None,
    extra: list[str] | None = None,
) -> SignedFolder:
    """The checks every signed folder gets: names, files, the signature over SHA256SUMS and the header's sum."""
    noun = layout.noun
    name = name or folder.name
    match = layout.folder_name.match(name)
    if not match:
        raise damaged(f"“{shown(name)}”不是{noun}文件夹的名称（应为 {layout.folder_hint}）。")
    known, found_extra = list_folder(folder, layout.header, noun)
    extra = sorted(set(found_extra) | set(extra or []))
    if extra:
        raise damaged(f"{noun}中有不应有的文件“{shown(extra[0])}”：{noun}被改动过，不予接收。", shown(extra[0]))
    for required in (SUMS_SIG, SUMS, layout.header):
        if required not in known:
            raise damaged(f"{noun}缺少文件 {required}。", required)
    sig_raw = read_capped(folder / SUMS_SIG, MAX_SIG, SUMS_SIG, noun)
    sums_raw = read_capped(folder / SUMS, MAX_SUMS, SUMS, noun)
    header_raw = read_capped(folder / layout.header, MAX_HEADER, layout.header, noun)
    try:
        signature = minisign.Signature.from_bytes(sig_raw)
    except (minisign.Error, ValueError):
        raise damaged(f"签名文件 {SUMS_SIG} 已损坏。", SUMS_SIG) from None
    key_id = signature_key_id(signature)
    mismatch: ClaimMismatch | None = None
    try:
        public_key = lookup(key_id, claimed_unit(header_raw))
    except ClaimMismatch as answer:
        public_key, mismatch = answer.public_key, answer
    try:
        public_key.verify(sums_raw, signature)
    except minisign.Error:
        raise BundleError(
            Outcome.BAD_SIGNATURE,
            f"签名无效：{SUMS} 或 {SUMS_SIG} 被改动或损坏，或不是用{layout.signer}的密钥签的。",
            SUMS,
        ) from None
    if mismatch is not None:
        raise BundleError(
            Outcome.WRONG_UNIT,
            f"此{noun}由 {mismatch.owner} 单位的密钥（{key_id}）签名，但声称来自 {shown(mismatch.claimed)}："
            f"签名本身有效。请核对 {mismatch.owner} 的公钥是否登记在了正确的单位代码下（“单位与密钥”页），"
            f"或该{noun}是否被改动过。",
            SUMS_SIG,
        )
    if not signature.is_prehashed():
        raise BundleError(Outcome.BAD_SIGNATURE, "签名不是本程序生成的格式（应为预哈希签名）。", SUMS_SIG)
    comment = parse_signature_comment(signature.trusted_comment, layout.kind)
    if comment is None:
        raise BundleError(Outcome.BAD_SIGNATURE, "签名的可信注释不是本程序生成的格式。", SUMS_SIG)
    sums = parse_sums(sums_raw, layout.header)
    listed = {n for n, _ in sums}
    for listed_name, _ in sums:
        if listed_name not in known:
            raise damaged(f"{noun}缺少分卷 {listed_name}（可能没有复制完整）。", listed_name)
    unlisted = sorted(known - listed - {SUMS, SUMS_SIG})
    if unlisted:
        raise damaged(f"{noun}中有 {SUMS} 未列出的文件“{unlisted[0]}”。", unlisted[0])
    if _sha_of(folder, layout.header, hashes, None) != sums[0][1]:
        raise damaged(f"{layout.header} 已损坏（与 {SUMS} 不符）。", layout.header)
    return SignedFolder(folder, name, match, header_raw, sums, comment, key_id, public_key)


def check_parts(
    signed: SignedFolder,
    parts: tuple[Part, ...],
    *,
    hashes: dict[str, str] | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> None:
    """The parts the (signed) header lists: same names and sums as SHA256SUMS, whole, intact."""
    folder, sums, header = signed.folder, signed.sums, signed.sums[0][0]
    if [p.name for p in parts] != [n for n, _ in sums[1:]]:
        raise damaged(f"{header} 与 {SUMS} 所列分卷不符。", header)
    for part, (_, listed_sha) in zip(parts, sums[1:], strict=True):
        if part.sha256 != listed_sha:
            raise damaged(f"{header} 与 {SUMS} 所列分卷 {part.name} 的哈希不符。", header)
        if part.size > PART_SIZE:
            raise damaged(f"分卷 {part.name} 超过 4 GiB，不是本程序生成的。", part.name)
        actual = (folder / part.name).stat().st_size
        if actual < part.size:
            raise damaged(
                f"分卷 {part.name} 不完整：应为 {part.size} 字节，实为 {actual} 字节（复制中断或介质已损坏）。",
                part.name,
            )
        if actual > part.size:
            raise damaged(f"分卷 {part.name} 大小不符：应为 {part.size} 字节，实为 {actual} 字节。", part.name)
        if _sha_of(folder, part.name, hashes, on_bytes) != listed_sha:
            raise damaged(f"分卷 {part.name} 已损坏（哈希与 {SUMS} 不符）。", part.name)


def verify_bundle(
    folder: Path,
    lookup: KeyLookup,
    *,
    name: str | None = None,
    hashes: dict[str, str] | None = None,
    extra: list[str] | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> VerifiedBundle:
    """Check a bundle folder; raise BundleError naming the part at fault. Decrypts nothing.

    `hashes` are sums already computed while copying (the office hashes during the copy to staging);
    `extra` names files that were left behind by that copy because they do not belong in a bundle.
    """
    signed = check_signed_folder(folder, BUNDLE_LAYOUT, lookup, name=name, hashes=hashes, extra=extra)
    name = signed.name
    header = Header.parse(signed.header_raw)
    unit, seq, bundle_id = signed.comment
    if (header.unit, header.seq, header.bundle_id) != (unit, seq, bundle_id):
        raise BundleError(Outcome.BAD_SIGNATURE, "签名注释中的单位和序号与数据包头不符。", SUMS_SIG)
    if not same_unit_code(signed.name_match[1], unit) or int(signed.name_match[2]) != seq:
        raise damaged(f"文件夹名称 {name} 与数据包内容（{unit} 第 {seq} 号）不符：请不要改动文件夹名称。")
    if header.signing_key_id != signed.key_id:
        raise BundleError(Outcome.BAD_SIGNATURE, "数据包头所列的签名密钥与实际签名不符。", HEADER)
    check_parts(signed, header.parts, hashes=hashes, on_bytes=on_bytes)
    return VerifiedBundle(folder, name, header, signed.key_id, signed.public_key)


def _sha_of(folder: Path, name: str, hashes: dict[str, str] | None, on_bytes: Callable[[int], None] | None) -> str:
    if hashes is not None and name in hashes:
        if on_bytes is not None:
            on_bytes((folder / name).stat().st_size)
        return hashes[name]
    seen = 0

    def step(done: int, _total: int) -> None:
        nonlocal seen
        if on_bytes is not None:
            on_bytes(done - seen)
        seen = done

    sha, _ = hash_file(folder / name, step, uncached=True)
    return sha


def own_key_lookup(public_key: minisign.PublicKey, what: str) -> KeyLookup:
    """A lookup that accepts exactly one key (the unit's own, or one given on the command line)."""
    expected = public_key_id(public_key)

    def lookup(key_id: str, unit: str | None) -> minisign.PublicKey:
        if key_id != expected:
            raise BundleError(
                Outcome.BAD_SIGNATURE,
                f"数据包不是用{what}（{expected}）签的：签名密钥为 {key_id}（包上写的单位：{unit or '未知'}）。",
                SUMS_SIG,
            )
        return public_key

    return lookup
