"""MANIFEST.json inside the encrypted payload: every entry with its size and hash, tied to the unit, sequence
number and chain of the outside header."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from desktop.services.bundle.fields import Fields, json_object
from desktop.services.bundle.format import (
    ENTRY_NAME,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_FORMAT,
    MANIFEST_SIGS,
    MAX_ENTRIES,
    MAX_EVIDENCE_FILE,
    MAX_TABLE_FILE,
    READ_VERSIONS,
    CatalogRef,
    unsafe,
)


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
        data = json_object(raw, MANIFEST, outcome_unsafe=True)
        reader = Fields(data, MANIFEST, unsafe_content=True)
        version = reader.number("format_version")
        if reader.text("format") != MANIFEST_FORMAT or version not in READ_VERSIONS:
            raise unsafe(f"{MANIFEST} 的格式不符。", MANIFEST)
        raw_entries = data.get("entries")
        if not isinstance(raw_entries, list) or len(raw_entries) > MAX_ENTRIES:
            raise unsafe(f"{MANIFEST} 的条目清单无效。", MANIFEST)
        entries: list[Entry] = []
        seen: set[str] = set()
        for item in raw_entries:
            entry = Fields(item if isinstance(item, dict) else {}, MANIFEST, unsafe_content=True)
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
