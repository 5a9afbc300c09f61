"""What a bundle carries: the records that changed since the last export (or all of them), tombstones, the
audit trail since the last bundle, evidence files not yet sent, and the signed manifest tying them together.

With review in use (an active 审核员), progress of periods that are not approved stays home; it travels in
the first export after its period is approved, because it is not marked as sent until then.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import minisign

from desktop.domain.catalog_check import version_key
from desktop.domain.errors import InputError, StateError
from desktop.services.bundle.format import AUDIT, GENESIS, MANIFEST, RECORDS, CatalogRef, signature_comment
from desktop.services.bundle.manifest import Entry, Manifest
from desktop.services.bundle.tarstream import SourceEntry
from desktop.services.suite import Signer, as_signer
from desktop.store import Store
from desktop.store.catalogs import UnitCatalogs
from desktop.store.exports import CurrentRecord, ExportRecord, ExportRepo, StoredEntry

SIGNATURE_NOTE = "planprogress unit signature"


@dataclass(frozen=True)
class ExportPlan:
    seq: int
    bundle_id: str
    kind: str
    prev_hash: str
    created_at: str
    manifest: Manifest
    manifest_bytes: bytes
    entries: list[SourceEntry]
    sent: list[CurrentRecord]
    tombstones: list[tuple[str, str]]
    blobs: list[str]
    resend: bool = False

    @property
    def bundle_hash(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    @property
    def plaintext_entries(self) -> list[StoredEntry]:
        return [StoredEntry(e.name, e.size, e.sha256, e.content) for e in self.entries]

    @property
    def evidence_bytes(self) -> int:
        return sum(e.size for e in self.entries if e.content is None)


def _jsonl(rows: Iterator[dict[str, Any]]) -> bytes:
    return b"".join(
        (json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
        for row in rows
    )


def _entry(name: str, content: bytes) -> SourceEntry:
    return SourceEntry(name, len(content), hashlib.sha256(content).hexdigest(), content)


def sign_manifest(signer: Signer | minisign.SecretKey, manifest: Manifest, data: bytes) -> bytes:
    comment = signature_comment("manifest", manifest.unit, manifest.seq, manifest.bundle_id)
    return as_signer(signer).sign(data, comment, SIGNATURE_NOTE)


def held_catalogs(store: Store) -> tuple[CatalogRef, ...]:
    """The plans a bundle names: every catalog in the unit's plan tables, at the newest version held, by id.

    Every record's task is a task of one of them (records can only point at tasks the home holds), and the list
    is the same for a delta and a full bundle, so the office sees the same plans whatever travels."""
    newest: dict[str, str] = {}
    for row in UnitCatalogs(store.database, store.audit).built_from():
        cid, version = str(row["id"]), str(row["version"])
        if cid not in newest or version_key(version) > version_key(newest[cid]):
            newest[cid] = version
    return tuple(CatalogRef(cid, version) for cid, version in sorted(newest.items()))


def build_plan(store: Store, signer: Signer | minisign.SecretKey, *, full: bool) -> ExportPlan:
    """Decide what the next bundle carries. Reads only: nothing is marked as sent until the export succeeds."""
    unit = store.unit()
    if not unit.code:
        raise StateError("本数据目录还没有设置单位代码：请先运行 planprogress init。")
    if store.kind != "unit":
        raise StateError("这是省局的数据目录：数据包只能在单位的数据目录导出。")
    exports = ExportRepo(store.database, store.audit)
    last = exports.last()
    # The first bundle, and the first after a key rotation, carry everything: the office may have nothing of this
    # chain that it can still accept, and a full bundle is taken whatever came before it.
    full = full or exports.must_restart()
    seq = (last.seq if last else 0) + 1
    if seq > 999_999:
        raise StateError("导出序号已用尽（999999）：请联系省局重新同步（province resync）。")
    review = store.users.has_active_reviewer()
    approved = exports.approved_periods() if review else set()
    sent = {} if full else exports.sent_records()
    sent_blobs = set() if full else exports.sent_blobs()

    lines: list[dict[str, Any]] = []
    travel: list[CurrentRecord] = []
    present: set[tuple[str, str]] = set()
    held: set[str] = set()
    blobs: list[str] = []
    for record in exports.current_records():
        key = (record.entity, record.uid)
        present.add(key)
        before = sent.get(key)
        if before is not None and before.digest == record.digest:
            continue
        if review and record.period is not None and record.period not in approved:
            held.add(record.period)
            continue
        travel.append(record)
        lines.append({"entity": record.entity, "op": "upsert", "uid": record.uid, "data": record.data})
        if record.entity == "evidence":
            sha = str(record.data["sha256"])
            if sha not in sent_blobs and sha not in blobs:
                blobs.append(sha)
    tombstones: list[tuple[str, str]] = []
    for key, before in sent.items():
        if key in present:
            continue
        if review and before.period is not None and before.period not in approved:
            held.add(before.period)
            continue
        tombstones.append(key)
        lines.append({"entity": key[0], "op": "delete", "uid": key[1]})

    audit_from = 1 if full or last is None else last.audit_to + 1
    audit_to = exports.last_audit_id()
    records = _entry(RECORDS, _jsonl(iter(lines)))
    audit = _entry(AUDIT, _jsonl(exports.audit_rows(audit_from - 1, audit_to)))
    evidence: list[SourceEntry] = []
    for sha in sorted(blobs):
        size = exports.blob_size(sha)
        path = store.home.blob_path(sha)
        if size is None or not path.is_file():
            raise InputError(
                f"佐证材料文件 {sha[:12]}… 缺失：请运行 planprogress evidence verify 检查，从备份恢复后再导出。"
            )
        evidence.append(SourceEntry(f"evidence/{sha}", size, sha, None, path))
    counts = {
        "upserts": len(travel),
        "deletes": len(tombstones),
        "audit": max(0, audit_to - audit_from + 1),
        "evidence": len(evidence),
    }
    manifest = Manifest(
        unit=unit.code,
        unit_name=unit.name,
        seq=seq,
        bundle_id=str(uuid.uuid4()),
        prev_hash=last.bundle_hash if last else GENESIS,
        kind="full" if full else "delta",
        catalogs=held_catalogs(store),
        created_at=store.database.now(),
        review_in_use=review,
        held_periods=tuple(sorted(held)),
        audit_from=audit_from,
        audit_to=audit_to,
        counts=counts,
        entries=tuple(Entry(e.name, e.size, e.sha256) for e in (records, audit, *evidence)),
    )
    manifest_bytes = manifest.to_json()
    signature = _entry(MANIFEST + as_signer(signer).suite.sig_ext, sign_manifest(signer, manifest, manifest_bytes))
    return ExportPlan(
        seq=seq,
        bundle_id=manifest.bundle_id,
        kind=manifest.kind,
        prev_hash=manifest.prev_hash,
        created_at=manifest.created_at,
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        entries=[_entry(MANIFEST, manifest_bytes), signature, records, audit, *evidence],
        sent=travel,
        tombstones=tombstones,
        blobs=blobs,
    )


def resend_plan(store: Store, seq: int, signer: Signer | minisign.SecretKey) -> tuple[ExportPlan, ExportRecord]:
    """The very same plaintext as bundle `seq` (from the export log and the evidence store), its manifest signed
    again by `signer`: after a key rotation or a change of suite the office takes only the unit's current key,
    and the bundle hash (of the manifest's bytes) and so the chain stay as they were."""
    exports = ExportRepo(store.database, store.audit)
    record = exports.get(seq)
    stored = exports.entries(seq)
    entries: list[SourceEntry] = []
    for item in stored:
        if item.content is not None:
            entries.append(SourceEntry(item.name, item.size, item.sha256, item.content))
            continue
        path = store.home.blob_path(item.sha256)
        if not path.is_file():
            raise InputError(
                f"第 {seq} 号数据包中的佐证材料 {item.sha256[:12]}… 已不在本机（被删除或缺失）：无法原样重发。"
                "请改为导出一个完整数据包（export --full），并请省局执行 province resync。"
            )
        entries.append(SourceEntry(item.name, item.size, item.sha256, None, path))
    if not entries or entries[0].name != MANIFEST or entries[0].content is None:
        raise StateError(f"第 {seq} 号数据包的导出记录不完整：无法重发，请导出一个完整数据包（export --full）。")
    manifest = Manifest.parse(entries[0].content)
    if len(entries) > 1 and entries[1].name.startswith(MANIFEST + "."):
        signature = sign_manifest(signer, manifest, entries[0].content)
        entries[1] = _entry(MANIFEST + as_signer(signer).suite.sig_ext, signature)
    plan = ExportPlan(
        seq=seq,
        bundle_id=record.bundle_id,
        kind=record.kind,
        prev_hash=record.prev_hash,
        created_at=record.created_at,
        manifest=manifest,
        manifest_bytes=entries[0].content,
        entries=entries,
        sent=[],
        tombstones=[],
        blobs=[],
        resend=True,
    )
    if plan.bundle_hash != record.bundle_hash:
        raise StateError(
            f"第 {seq} 号数据包的导出记录与其哈希不符：无法原样重发，请导出一个完整数据包（export --full）。"
        )
    return plan, record
