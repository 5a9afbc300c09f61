"""Checking a bundle folder without decrypting it: files present, signature over the sums file (SHA256SUMS, or
SM3SUMS in the 国密 suite), every sum.

The same code runs at the unit (`verify`, and the read-back after an export) and at the office (after the
copy to staging, before anything is decrypted). Which key must have signed is decided by a lookup the
caller passes in, so the office can answer "unknown unit", "revoked unit" or "bad signature".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import minisign

from desktop.domain.unit_code import same_unit_code
from desktop.services import suite as suites
from desktop.services.bundle.folder_files import claimed_unit, digest_of, folder_suite, list_folder, read_capped
from desktop.services.bundle.format import (
    BUNDLE_NAME,
    HEADER,
    MAX_HEADER,
    MAX_SIG,
    MAX_SUMS,
    PART_SIZE,
    SUMS_SIG,
    BundleError,
    Outcome,
    damaged,
    parse_signature_comment,
    parse_sums,
)
from desktop.services.bundle.header import Header
from desktop.services.bundle.sealed import Part
from desktop.services.suite import (
    KEY_FILE,
    SignatureInvalidError,
    Suite,
    VerifyKey,
    as_verify_key,
    minisign_signature_key_id,
)

# (signature key id, unit code the header claims or None) -> the public key that must have signed
KeyLookup = Callable[[str, str | None], minisign.PublicKey]


class ClaimMismatch(Exception):  # noqa: N818 - a lookup's answer, not an error shown as such
    """A lookup's answer: the signing key is enrolled for `owner`, but the bundle claims `claimed`.

    verify_bundle checks the signature with that key first, so a bundle is called "signed by another unit"
    only when the signature really is that unit's, and "invalid signature" otherwise.
    """

    def __init__(self, public_key: VerifyKey | minisign.PublicKey, owner: str, claimed: str) -> None:
        super().__init__(owner, claimed)
        self.public_key = as_verify_key(public_key)
        self.owner = owner
        self.claimed = claimed


@dataclass(frozen=True)
class VerifiedBundle:
    folder: Path
    name: str
    header: Header
    key_id: str
    public_key: VerifyKey

    @property
    def part_paths(self) -> list[Path]:
        return [self.folder / p.name for p in self.header.parts]


def shown(name: str) -> str:
    """A file name fit to print, even when it is not valid UTF-8."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True)
class Layout:
    """What a signed folder is called and holds: progress bundles (PB-) and the office's answers (PO-)."""

    header: str  # the cleartext header file, first line of the sums file
    kind: str  # the kind word of the signature's trusted comment
    noun: str  # what messages call it
    signer: str  # whose key must have signed, in messages
    folder_name: re.Pattern[str]
    folder_hint: str
    key_field: str = "signing_key_id"  # the header field naming the signing key (国密 signatures carry no id)
    id_field: str = "bundle_id"


BUNDLE_LAYOUT = Layout(HEADER, "bundle", "数据包", "该单位", BUNDLE_NAME, "PB-单位代码-六位序号")


@dataclass(frozen=True)
class SignedFolder:
    """A folder whose sums file carries a good signature and whose header matches its sum. Parts unchecked."""

    folder: Path
    name: str
    name_match: re.Match[str]
    header_raw: bytes
    sums: list[tuple[str, str]]
    comment: tuple[str, int, str]  # unit, seq, id of the trusted comment (国密: of the signed header)
    key_id: str
    public_key: VerifyKey
    crypto: Suite = suites.AGE

    @property
    def sums_name(self) -> str:
        return self.crypto.sums


def check_signed_folder(
    folder: Path,
    layout: Layout,
    lookup: KeyLookup,
    *,
    name: str | None = None,
    hashes: dict[str, str] | None = None,
    extra: list[str] | None = None,
) -> SignedFolder:
    """The checks every signed folder gets: names, files, the signature over the sums file and the header's sum.

    The folder's suite is chosen once, by its sums files (`folder_suite`); the signing key must be of it."""
    noun = layout.noun
    name = name or folder.name
    match = layout.folder_name.match(name)
    if not match:
        raise damaged(f"“{shown(name)}”不是{noun}文件夹的名称（应为 {layout.folder_hint}）。")
    known, found_extra = list_folder(folder, layout.header, noun)
    extra = sorted(set(found_extra) | set(extra or []))
    if extra:
        raise damaged(f"{noun}中有不应有的文件“{shown(extra[0])}”：{noun}被改动过，不予接收。", shown(extra[0]))
    crypto = folder_suite(known)
    sums_name, sig_name = crypto.sums, crypto.sums_sig
    for required in (sig_name, sums_name, layout.header):
        if required not in known:
            raise damaged(f"{noun}缺少文件 {required}。", required)
    sig_raw = read_capped(folder / sig_name, MAX_SIG, sig_name, noun)
    sums_raw = read_capped(folder / sums_name, MAX_SUMS, sums_name, noun)
    header_raw = read_capped(folder / layout.header, MAX_HEADER, layout.header, noun)
    key_id = _signing_key_id(crypto, sig_raw, header_raw, layout)
    mismatch: ClaimMismatch | None = None
    try:
        public_key = as_verify_key(lookup(key_id, claimed_unit(header_raw)))
    except ClaimMismatch as answer:
        public_key, mismatch = answer.public_key, answer
    if public_key.suite is not crypto:
        raise BundleError(
            Outcome.BAD_SIGNATURE,
            f"此{noun}使用{crypto.label}套件（{crypto.name}），而签名密钥 {key_id} 登记为{public_key.suite.label}"
            f"套件：{noun}被改动过，或不是用{layout.signer}登记的密钥制作的。",
            sig_name,
        )
    try:
        trusted = public_key.verify(sums_raw, sig_raw)
    except SignatureInvalidError:
        raise BundleError(
            Outcome.BAD_SIGNATURE,
            f"签名无效：{sums_name} 或 {sig_name} 被改动或损坏，或不是用{layout.signer}的密钥签的。",
            sums_name,
        ) from None
    if mismatch is not None:
        raise BundleError(
            Outcome.WRONG_UNIT,
            f"此{noun}由 {mismatch.owner} 单位的密钥（{key_id}）签名，但声称来自 {shown(mismatch.claimed)}："
            f"签名本身有效。请核对 {mismatch.owner} 的公钥是否登记在了正确的单位代码下（“单位与密钥”页），"
            f"或该{noun}是否被改动过。",
            sig_name,
        )
    sums = parse_sums(sums_raw, layout.header, crypto)
    listed = {n for n, _ in sums}
    for listed_name, _ in sums:
        if listed_name not in known:
            raise damaged(f"{noun}缺少分卷 {listed_name}（可能没有复制完整）。", listed_name)
    unlisted = sorted(known - listed - {sums_name, sig_name})
    if unlisted:
        raise damaged(f"{noun}中有 {sums_name} 未列出的文件“{unlisted[0]}”。", unlisted[0])
    if digest_of(folder, layout.header, crypto, hashes, None) != sums[0][1]:
        raise damaged(f"{layout.header} 已损坏（与 {sums_name} 不符）。", layout.header)
    comment = _signed_names(trusted, header_raw, layout, sig_name)
    return SignedFolder(folder, name, match, header_raw, sums, comment, key_id, public_key, crypto)


def _signing_key_id(crypto: Suite, sig_raw: bytes, header_raw: bytes, layout: Layout) -> str:
    """The id of the key that signed: in a minisign signature itself; in the 国密 suite, the header's field
    (its claim is checked by the signature it leads to, and the header by the signed sums)."""
    if crypto.gm:
        try:
            value = json.loads(header_raw.decode("utf-8")).get(layout.key_field)
        except (ValueError, UnicodeDecodeError, AttributeError, RecursionError):
            value = None
        if not isinstance(value, str) or not value or len(value) > 128:
            raise damaged(f"{layout.header} 中没有有效的签名密钥编号（{layout.key_field}）。", layout.header)
        return value
    try:
        minisign.Signature.from_bytes(sig_raw)  # refuses a damaged file before its layout is read
    except (minisign.Error, ValueError):
        raise damaged(f"签名文件 {crypto.sums_sig} 已损坏。", crypto.sums_sig) from None
    return minisign_signature_key_id(sig_raw)


def _signed_names(trusted: str | None, header_raw: bytes, layout: Layout, sig_name: str) -> tuple[str, int, str]:
    """Unit, seq and id the signature vouches for: minisign's trusted comment, or the 国密 suite's signed header
    (covered by the sums just checked)."""
    if trusted is not None:
        comment = parse_signature_comment(trusted, layout.kind)
        if comment is None:
            raise BundleError(Outcome.BAD_SIGNATURE, "签名的可信注释不是本程序生成的格式。", sig_name)
        return comment
    try:
        data = json.loads(header_raw.decode("utf-8"))
        unit, seq, ident = data["unit"], data["seq"], data[layout.id_field]
    except (ValueError, UnicodeDecodeError, TypeError, KeyError, RecursionError):
        raise damaged(f"{layout.header} 不是有效的 JSON。", layout.header) from None
    if not (isinstance(unit, str) and isinstance(seq, int) and not isinstance(seq, bool) and isinstance(ident, str)):
        raise damaged(f"{layout.header} 中的单位、序号或编号无效。", layout.header)
    return unit, seq, ident


def check_parts(
    signed: SignedFolder,
    parts: tuple[Part, ...],
    *,
    hashes: dict[str, str] | None = None,
    on_bytes: Callable[[int], None] | None = None,
    key_files: list[str] | None = None,
) -> None:
    """The parts the (signed) header lists: same names and sums as the sums file, whole, intact; in the 国密
    suite also the wrapped key files (`key_files`: the names the header implies)."""
    folder, header, crypto = signed.folder, signed.sums[0][0], signed.crypto
    SUMS = crypto.sums  # noqa: N806 - the name the messages give
    key_sums = [(n, d) for n, d in signed.sums[1:] if crypto.gm and KEY_FILE.match(n)]
    sums = [signed.sums[0], *[(n, d) for n, d in signed.sums[1:] if (n, d) not in key_sums]]
    if [p.name for p in parts] != [n for n, _ in sums[1:]]:
        raise damaged(f"{header} 与 {SUMS} 所列分卷不符。", header)
    if key_files is not None and [n for n, _ in key_sums] != key_files:
        raise damaged(f"{header} 与 {SUMS} 所列加密密钥文件不符。", header)
    for name, listed in key_sums:
        if digest_of(folder, name, crypto, hashes, None) != listed:
            raise damaged(f"加密密钥文件 {name} 已损坏（哈希与 {SUMS} 不符）。", name)
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
        if digest_of(folder, part.name, crypto, hashes, on_bytes) != listed_sha:
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
    if header.crypto is not signed.crypto:
        raise damaged(f"数据包头所写的加密套件与 {signed.sums_name} 不符。", HEADER)
    check_parts(signed, header.parts, hashes=hashes, on_bytes=on_bytes, key_files=header.key_files)
    return VerifiedBundle(folder, name, header, signed.key_id, signed.public_key)


def own_key_lookup(public_key: VerifyKey | minisign.PublicKey, what: str) -> KeyLookup:
    """A lookup that accepts exactly one key (the unit's own, or one given on the command line)."""
    key = as_verify_key(public_key)
    expected = key.key_id

    def lookup(key_id: str, unit: str | None) -> VerifyKey:
        if key_id != expected:
            raise BundleError(
                Outcome.BAD_SIGNATURE,
                f"数据包不是用{what}（{expected}）签的：签名密钥为 {key_id}（包上写的单位：{unit or '未知'}）。",
                key.suite.sums_sig,
            )
        return key

    return lookup
