"""bundle.json, the cleartext header of a bundle: what the office needs before decrypting (format version 1
is read, version 2 written; see docs/bundles.md)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from desktop.services import suite as suites
from desktop.services.bundle.fields import Fields, json_object
from desktop.services.bundle.format import (
    AGE_RECIPIENT,
    FORMAT,
    FORMAT_VERSION,
    HEADER,
    MAX_PARTS,
    READ_VERSIONS,
    SHA256,
    SUITE,
    CatalogRef,
    damaged,
)
from desktop.services.bundle.sealed import Part, SealedHeader, header_suite, parse_parts


@dataclass(frozen=True)
class Header(SealedHeader):
    """bundle.json: what the office needs before decrypting. Covered by SHA256SUMS and its signature."""

    unit: str
    seq: int
    bundle_id: str
    bundle_hash: str  # sha256 of MANIFEST.json: the chain link (stable across resends)
    prev_hash: str
    kind: str
    catalogs: tuple[CatalogRef, ...]
    created_at: str
    written_at: str
    signing_key_id: str
    recipients: tuple[str, ...]
    parts: tuple[Part, ...]
    plaintext_size: int
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    suite: str = SUITE
    resend: bool = False
    answer_recipient: str = ""  # the unit's recipient for the office's answers (signed with the header)
    iv: str = ""  # 国密 only: the SM4-CTR initial counter, hex

    @property
    def key_count(self) -> int:
        return len(self.recipients)

    def to_json(self) -> bytes:
        data = asdict(self) | {"format_version": FORMAT_VERSION}
        data["catalogs"] = [asdict(c) for c in self.catalogs]
        data["recipients"] = list(self.recipients)
        return self.sealed_json(data)

    @classmethod
    def parse(cls, raw: bytes) -> Header:
        data = json_object(raw, HEADER)
        reader = Fields(data, HEADER)
        if reader.text("format") != FORMAT:
            raise damaged(f"{HEADER} 不是 planprogress 数据包的头文件。", HEADER)
        version = reader.number("format_version")
        if version not in READ_VERSIONS:
            raise damaged(f"数据包格式版本为 {version}，本程序只认识第 1、2 版：请安装新版本的 planprogress。", HEADER)
        crypto = header_suite(reader, data)
        parts = parse_parts(data, crypto, HEADER, MAX_PARTS)
        recipients = data.get("recipients")
        if not isinstance(recipients, list) or not recipients or not all(isinstance(r, str) for r in recipients):
            raise damaged(f"{HEADER} 中的加密公钥清单无效。", HEADER)
        if crypto.gm and (len(recipients) > 99 or not all(SHA256.match(r) for r in recipients)):
            raise damaged(f"{HEADER} 中的加密公钥清单无效。", HEADER)
        header = cls(
            unit=reader.unit("unit"),
            seq=reader.seq("seq"),
            bundle_id=reader.uuid("bundle_id"),
            bundle_hash=reader.sha("bundle_hash"),
            prev_hash=reader.sha("prev_hash"),
            kind=reader.kind("kind"),
            catalogs=reader.catalogs(version),
            created_at=reader.text("created_at"),
            written_at=reader.text("written_at"),
            signing_key_id=reader.text("signing_key_id"),
            recipients=tuple(recipients),
            parts=tuple(parts),
            plaintext_size=reader.number("plaintext_size"),
            suite=crypto.name,
            resend=bool(data.get("resend", False)),
            answer_recipient=_answer_recipient(data.get("answer_recipient", ""), crypto),
            iv=reader.iv("iv") if crypto.gm else "",
            format_version=version,
        )
        return header


def _answer_recipient(value: object, crypto: suites.Suite) -> str:
    """Absent in bundles made before answers existed; otherwise an age X25519 recipient, or an SM2 one."""
    if value == "":
        return ""
    if crypto.gm:
        if not isinstance(value, str) or suites.sm2_recipient_key(value) is None:
            raise damaged(f"{HEADER} 中的字段 answer_recipient 无效。", HEADER)
        return value
    if not isinstance(value, str) or not AGE_RECIPIENT.match(value):
        raise damaged(f"{HEADER} 中的字段 answer_recipient 无效。", HEADER)
    return value
