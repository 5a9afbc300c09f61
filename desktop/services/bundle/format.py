"""Bundle format version 2: names, the cleartext header (bundle.json), the inner MANIFEST.json, SHA256SUMS,
signature comments, and the outcomes an intake can have. See docs/bundles.md.

Version 2 names every plan catalog the unit holds (`catalogs: [{id, version}]`); version 1 named one
(`catalog_id`, `catalog_version`). Both are read, into the same `catalogs`; only version 2 is written."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from desktop.domain.errors import IntegrityError
from desktop.services import suite as suites
from desktop.services.suite import KEY_FILE

FORMAT = "planprogress-bundle"
MANIFEST_FORMAT = "planprogress-manifest"
FORMAT_VERSION = 2
READ_VERSIONS = (1, 2)
MAX_CATALOGS = 100
SUITE = "age-x25519+minisign-ed25519"

HEADER = "bundle.json"
SUMS = "SHA256SUMS"
SUMS_SIG = "SHA256SUMS.minisig"
PAYLOAD = "payload.tar.age"
MANIFEST = "MANIFEST.json"
MANIFEST_SIG = "MANIFEST.json.minisig"
RECORDS = "records.jsonl"
AUDIT = "audit.jsonl"
GENESIS = "0" * 64

# FAT32 cannot hold a file of 4 GiB: parts stay 1 MiB below.
PART_SIZE = 4 * 1024**3 - 1024**2
MAX_PARTS = 1000
MAX_HEADER = 1024 * 1024
MAX_SUMS = 64 * 1024
MAX_SIG = 8 * 1024
MAX_MANIFEST = 64 * 1024 * 1024
MAX_ENTRIES = 1_000_000
MAX_TABLE_FILE = 2 * 1024**3  # records.jsonl, audit.jsonl
MAX_EVIDENCE_FILE = 64 * 1024**3

_UNIT = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?"
BUNDLE_NAME = re.compile(rf"^PB-({_UNIT})-(\d{{6}})$")
PART_NAME = re.compile(r"^payload\.(?:tar\.age|sm4)(?:\.(\d{3}))?$")
ENTRY_NAME = re.compile(
    r"^(?:MANIFEST\.json|MANIFEST\.json\.(?:minisig|sig)|records\.jsonl|audit\.jsonl|evidence/[0-9a-f]{64})$"
)
MANIFEST_SIGS = (MANIFEST_SIG, MANIFEST + suites.GM.sig_ext)
SHA256 = re.compile(r"^[0-9a-f]{64}$")
AGE_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")
_SUMS_LINE = re.compile(r"^([0-9a-f]{64}) [ *]([A-Za-z0-9._-]+)$")
_COMMENT = re.compile(
    r"^planprogress (bundle|manifest|answer|answer-content) unit:(" + _UNIT + r") seq:(\d+) id:([0-9a-f-]{36})$"
)


class Outcome(Enum):
    ACCEPTED = "accepted"
    ALREADY_IMPORTED = "already_imported"
    REPLAY = "replay"
    GAP = "gap"
    BROKEN_CHAIN = "broken_chain"
    UNKNOWN_UNIT = "unknown_unit"
    REVOKED_UNIT = "revoked_unit"
    BAD_SIGNATURE = "bad_signature"
    WRONG_UNIT = "wrong_unit"
    RETIRED_KEY = "retired_key"
    DISMISSED = "dismissed"
    DAMAGED = "damaged"
    WRONG_OFFICE_KEY = "wrong_office_key"
    UNKNOWN_CATALOG = "unknown_catalog"
    UNSAFE_CONTENT = "unsafe_content"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def ok(self) -> bool:
        return self in (Outcome.ACCEPTED, Outcome.ALREADY_IMPORTED, Outcome.DISMISSED)

    @property
    def dead(self) -> bool:
        """Refused for good (revoked unit, retired key): the office may dismiss such a bundle."""
        return self in (Outcome.REVOKED_UNIT, Outcome.RETIRED_KEY)


_LABELS = {
    Outcome.ACCEPTED: "已接收",
    Outcome.ALREADY_IMPORTED: "已导入过（无需重复导入）",
    Outcome.REPLAY: "拒收：重放的旧数据包",
    Outcome.GAP: "暂存：缺少前面的数据包",
    Outcome.BROKEN_CHAIN: "拒收：数据包链断裂",
    Outcome.UNKNOWN_UNIT: "拒收：未登记的单位",
    Outcome.REVOKED_UNIT: "拒收：单位已被吊销",
    Outcome.BAD_SIGNATURE: "拒收：签名无效",
    Outcome.WRONG_UNIT: "拒收：签名密钥属于另一个单位",
    Outcome.RETIRED_KEY: "拒收：签名密钥已停用",
    Outcome.DISMISSED: "已搁置（不再导入）",
    Outcome.DAMAGED: "拒收：数据包已损坏",
    Outcome.WRONG_OFFICE_KEY: "拒收：不是加密给本省局的",
    Outcome.UNKNOWN_CATALOG: "拒收：规划目录版本未知",
    Outcome.UNSAFE_CONTENT: "拒收：内容不安全",
}


class BundleError(IntegrityError):
    """A bundle failed a check. `outcome` says which kind; `part` names the file when one is at fault."""

    def __init__(self, outcome: Outcome, message: str, part: str | None = None) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.part = part


def damaged(message: str, part: str | None = None) -> BundleError:
    return BundleError(Outcome.DAMAGED, message, part)


def unsafe(message: str, part: str | None = None) -> BundleError:
    return BundleError(Outcome.UNSAFE_CONTENT, message, part)


def bundle_name(unit: str, seq: int) -> str:
    return f"PB-{unit}-{seq:06d}"


def signature_comment(kind: str, unit: str, seq: int, bundle_id: str) -> str:
    return f"planprogress {kind} unit:{unit} seq:{seq} id:{bundle_id}"


def parse_signature_comment(text: str, kind: str) -> tuple[str, int, str] | None:
    match = _COMMENT.match(text)
    if not match or match[1] != kind:
        return None
    return match[2], int(match[3]), match[4]


@dataclass(frozen=True, order=True)
class CatalogRef:
    """A plan catalog a bundle's records may refer to: its id and the version the unit holds."""

    id: str
    version: str


@dataclass(frozen=True)
class Part:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Header:
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
    def crypto(self) -> suites.Suite:
        found = suites.by_name(self.suite)
        assert found is not None  # parse() refuses any other
        return found

    @property
    def key_files(self) -> list[str]:
        """The wrapped key files of the 国密 suite, one per recipient (none in the age suite)."""
        return suites.key_file_names(len(self.recipients)) if self.crypto.gm else []

    def to_json(self) -> bytes:
        data = asdict(self) | {"format_version": FORMAT_VERSION}
        data["catalogs"] = [asdict(c) for c in self.catalogs]
        data["recipients"] = list(self.recipients)
        data["parts"] = part_json(self.parts, self.crypto)
        if not self.crypto.gm:
            del data["iv"]
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")

    @property
    def payload_size(self) -> int:
        return sum(p.size for p in self.parts)

    @classmethod
    def parse(cls, raw: bytes) -> Header:
        data = _json_object(raw, HEADER)
        reader = _Fields(data, HEADER)
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


def header_suite(reader: _Fields, data: dict[str, Any]) -> suites.Suite:
    found = suites.by_name(reader.text("suite"))
    if found is None:
        raise damaged(f"使用的加密套件“{data.get('suite')}”本程序不支持：请安装新版本的 planprogress。", reader.where)
    return found


def part_json(parts: tuple[Part, ...], crypto: suites.Suite) -> list[dict[str, Any]]:
    return [{"name": p.name, "size": p.size, crypto.digest_field: p.sha256} for p in parts]


def parse_parts(data: dict[str, Any], crypto: suites.Suite, where: str, most: int) -> list[Part]:
    """The header's parts: names as the suite numbers them, each with size and digest (sha256 or sm3)."""
    raw_parts = data.get("parts")
    if not isinstance(raw_parts, list) or not 1 <= len(raw_parts) <= most:
        raise damaged(f"{where} 中的分卷清单无效。", where)
    parts = []
    for item in raw_parts:
        part = _Fields(item if isinstance(item, dict) else {}, where)
        parts.append(Part(part.text("name"), part.number("size"), part.sha(crypto.digest_field)))
    if [p.name for p in parts] != crypto.part_names(len(parts)):
        raise damaged(f"{where} 中的分卷名称不合规。", where)
    return parts


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


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """MANIFEST.json inside the payload: ties the content to the unit, seq and chain of the outside."""

    unit: str
    unit_name: str
    seq: int
    bundle_id: str
    prev_hash: str
    kind: str
    catalogs: tuple[CatalogRef, ...]
    created_at: str
    review_in_use: bool
    held_periods: tuple[str, ...]
    audit_from: int  # first audit id carried (audit_to + 1 of the previous bundle, or 1)
    audit_to: int
    counts: dict[str, int] = field(default_factory=dict)
    entries: tuple[Entry, ...] = ()
    format: str = MANIFEST_FORMAT
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        data = asdict(self) | {"format_version": FORMAT_VERSION}
        data["catalogs"] = [asdict(c) for c in self.catalogs]
        data["held_periods"] = list(self.held_periods)
        data["entries"] = [asdict(e) for e in self.entries]
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def parse(cls, raw: bytes) -> Manifest:
        data = _json_object(raw, MANIFEST, outcome_unsafe=True)
        reader = _Fields(data, MANIFEST, unsafe_content=True)
        version = reader.number("format_version")
        if reader.text("format") != MANIFEST_FORMAT or version not in READ_VERSIONS:
            raise unsafe(f"{MANIFEST} 的格式不符。", MANIFEST)
        raw_entries = data.get("entries")
        if not isinstance(raw_entries, list) or len(raw_entries) > MAX_ENTRIES:
            raise unsafe(f"{MANIFEST} 的条目清单无效。", MANIFEST)
        entries: list[Entry] = []
        seen: set[str] = set()
        for item in raw_entries:
            entry = _Fields(item if isinstance(item, dict) else {}, MANIFEST, unsafe_content=True)
            name = entry.text("name")
            if not ENTRY_NAME.match(name) or name in (MANIFEST, *MANIFEST_SIGS) or name in seen:
                raise unsafe(f"{MANIFEST} 列出了不允许的条目“{name[:80]}”。", MANIFEST)
            seen.add(name)
            item_entry = Entry(name, entry.number("size"), entry.sha("sha256"))
            if name.startswith("evidence/") and name != f"evidence/{item_entry.sha256}":
                raise unsafe(f"{MANIFEST} 中“{name[:80]}”的名称与其哈希不符。", MANIFEST)
            cap = MAX_EVIDENCE_FILE if name.startswith("evidence/") else MAX_TABLE_FILE
            if item_entry.size > cap:
                raise unsafe(f"{MANIFEST} 中“{name[:80]}”的大小超出上限。", MANIFEST)
            entries.append(item_entry)
        counts = data.get("counts", {})
        if not isinstance(counts, dict) or not all(isinstance(v, int) for v in counts.values()):
            raise unsafe(f"{MANIFEST} 的统计数无效。", MANIFEST)
        held = data.get("held_periods", [])
        if not isinstance(held, list) or not all(isinstance(p, str) for p in held):
            raise unsafe(f"{MANIFEST} 的暂留报告期清单无效。", MANIFEST)
        return cls(
            unit=reader.unit("unit"),
            unit_name=reader.text("unit_name"),
            seq=reader.seq("seq"),
            bundle_id=reader.uuid("bundle_id"),
            prev_hash=reader.sha("prev_hash"),
            kind=reader.kind("kind"),
            catalogs=reader.catalogs(version),
            created_at=reader.text("created_at"),
            review_in_use=bool(data.get("review_in_use")),
            held_periods=tuple(held),
            audit_from=reader.number("audit_from"),
            audit_to=reader.number("audit_to"),
            counts={str(k): int(v) for k, v in counts.items()},
            entries=tuple(entries),
            format_version=version,
        )


def format_sums(items: list[tuple[str, str]]) -> bytes:
    """SHA256SUMS in the format `sha256sum -c` reads: `<hex>  <name>` per line."""
    return "".join(f"{sha}  {name}\n" for name, sha in items).encode("ascii")


def parse_sums(raw: bytes, header: str = HEADER, crypto: suites.Suite = suites.AGE) -> list[tuple[str, str]]:
    """The sums file of the suite: the header first, then (国密) the wrapped key files, then every part."""
    sums = crypto.sums
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise damaged(f"{sums} 含有非法字符。", sums) from None
    items: list[tuple[str, str]] = []
    for line in text.splitlines():
        item = crypto.sums_line(line)
        if item is None:
            raise damaged(f"{sums} 的格式不符（“{line[:80]}”）。", sums)
        items.append(item)
    names = [n for n, _ in items]
    if len(set(names)) != len(names) or not names or names[0] != header:
        raise damaged(f"{sums} 的文件清单不符。", sums)
    keys = [n for n in names[1:] if KEY_FILE.match(n)] if crypto.gm else []
    if crypto.gm and (not keys or names[1 : 1 + len(keys)] != suites.key_file_names(len(keys))):
        raise damaged(f"{sums} 列出的加密密钥文件不符。", sums)
    rest = names[1 + len(keys) :]
    if rest != crypto.part_names(len(rest)) or not rest:
        raise damaged(f"{sums} 列出的分卷不符。", sums)
    return items


def _json_object(raw: bytes, name: str, outcome_unsafe: bool = False) -> dict[str, Any]:
    make = unsafe if outcome_unsafe else damaged
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise make(f"{name} 不是有效的 JSON。", name) from None
    if not isinstance(data, dict):
        raise make(f"{name} 的内容不是 JSON 对象。", name)
    return data


class _Fields:
    """Typed access to untrusted JSON with one clear message per bad field."""

    def __init__(self, data: dict[str, Any], where: str, unsafe_content: bool = False) -> None:
        self._data = data
        self._where = where
        self._make = unsafe if unsafe_content else damaged

    @property
    def where(self) -> str:
        return self._where

    def iv(self, key: str) -> str:
        value = self.text(key)
        if not re.fullmatch(r"[0-9a-f]{32}", value):
            raise self._bad(key)
        return value

    def _bad(self, key: str) -> BundleError:
        return self._make(f"{self._where} 中的字段 {key} 缺失或无效。", self._where)

    def text(self, key: str) -> str:
        value = self._data.get(key)
        if not isinstance(value, str) or len(value) > 4096:
            raise self._bad(key)
        return value

    def number(self, key: str) -> int:
        value = self._data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self._bad(key)
        return value

    def seq(self, key: str) -> int:
        value = self.number(key)
        if not 1 <= value <= 999_999:
            raise self._bad(key)
        return value

    def sha(self, key: str) -> str:
        value = self.text(key)
        if not SHA256.match(value):
            raise self._bad(key)
        return value

    def unit(self, key: str) -> str:
        value = self.text(key)
        if not re.fullmatch(_UNIT, value):
            raise self._bad(key)
        return value

    def uuid(self, key: str) -> str:
        value = self.text(key)
        if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value):
            raise self._bad(key)
        return value

    def catalogs(self, version: int) -> tuple[CatalogRef, ...]:
        """Version 1: `catalog_id` and `catalog_version`; version 2: `catalogs`, a list of {id, version}."""
        if version == 1:
            return (CatalogRef(self.text("catalog_id"), self.text("catalog_version")),)
        raw = self._data.get("catalogs")
        if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_CATALOGS:
            raise self._bad("catalogs")
        refs = []
        for item in raw:
            fields = [item.get(k) if isinstance(item, dict) else None for k in ("id", "version")]
            if not all(isinstance(f, str) and 0 < len(f) <= 200 for f in fields):
                raise self._bad("catalogs")
            refs.append(CatalogRef(str(fields[0]), str(fields[1])))
        if len({r.id for r in refs}) != len(refs):
            raise self._bad("catalogs")
        return tuple(refs)

    def kind(self, key: str) -> str:
        value = self.text(key)
        if value not in ("full", "delta"):
            raise self._bad(key)
        return value
