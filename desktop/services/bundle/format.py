"""Bundle format version 2: names, sizes and limits, the outcomes an intake can have, signature comments and
SHA256SUMS. The cleartext header (bundle.json) is in `header`, the inner MANIFEST.json in `manifest`; see
docs/bundles.md.

Version 2 names every plan catalog the unit holds (`catalogs: [{id, version}]`); version 1 named one
(`catalog_id`, `catalog_version`). Both are read, into the same `catalogs`; only version 2 is written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

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

UNIT = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?"
BUNDLE_NAME = re.compile(rf"^PB-({UNIT})-(\d{{6}})$")
PART_NAME = re.compile(r"^payload\.(?:tar\.age|sm4)(?:\.(\d{3}))?$")
ENTRY_NAME = re.compile(
    r"^(?:MANIFEST\.json|MANIFEST\.json\.(?:minisig|sig)|records\.jsonl|audit\.jsonl|evidence/[0-9a-f]{64})$"
)
MANIFEST_SIGS = (MANIFEST_SIG, MANIFEST + suites.GM.sig_ext)
SHA256 = re.compile(r"^[0-9a-f]{64}$")
AGE_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")
_COMMENT = re.compile(
    r"^planprogress (bundle|manifest|answer|answer-content) unit:(" + UNIT + r") seq:(\d+) id:([0-9a-f-]{36})$"
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
