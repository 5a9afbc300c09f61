"""The last step of the office's intake: a verified, decrypted bundle merged into the office's copy of its unit
(every record and audit line checked on the way, see payload_checks), all of it or nothing."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.services.bundle.format import Outcome, unsafe
from desktop.services.bundle.reader import Payload
from desktop.services.bundle.verify import VerifiedBundle
from desktop.services.office import payload_checks
from desktop.services.office.intake_result import IntakeResult
from desktop.store import Store
from desktop.store.answers import OfficeAnswers
from desktop.store.files import fsync_dir
from desktop.store.office import AcceptedBundle, OfficeRepo
from desktop.store.office_records import OfficeRecords, UnitFacts


def merge_payload(
    store: Store,
    verified: VerifiedBundle,
    payload: Payload,
    *,
    epoch: int,
    resync: bool,
    label: str,
    from_held: bool,
) -> IntakeResult:
    """Apply a verified, decrypted bundle: the records' evidence checked present, received evidence moved into
    the content store, then the records, audit slice, chain step, answer recipient and cleared returns in one
    transaction (a failure removes the evidence files it had just stored)."""
    header, manifest = verified.header, payload.manifest
    office_records = OfficeRecords(store.database, store.audit)
    office = OfficeRepo(store.database, store.audit)
    records = payload_checks.Records(payload.records)
    needed = payload_checks.evidence_shas(records, {c.id for c in manifest.catalogs})
    sizes = {e.name.removeprefix("evidence/"): e.size for e in manifest.entries if e.name.startswith("evidence/")}
    for sha, size in needed.items():
        if sha in sizes and sizes[sha] != size:
            raise unsafe(f"佐证材料 {sha[:12]}… 的登记大小与文件不符。")
    missing = set(needed) - set(payload.evidence) - office_records.known_blobs(set(needed) - set(payload.evidence))
    if missing:
        raise unsafe(f"记录引用的佐证材料 {sorted(missing)[0][:12]}… 既不在数据包中，省局也没有收到过。")
    created = store_blobs(store, payload)
    unit = office.require_unit(header.unit)
    head = None if manifest.kind == "full" else office_records.audit_head(unit.code)
    bundle = AcceptedBundle(
        unit=unit.code,
        epoch=epoch,
        seq=header.seq,
        bundle_id=header.bundle_id,
        bundle_hash=header.bundle_hash,
        prev_hash=header.prev_hash,
        kind=header.kind,
        accepted_at="",
        records=manifest.counts.get("upserts", 0) + manifest.counts.get("deletes", 0),
        evidence=len(payload.evidence),
        payload_bytes=header.payload_size,
        resync=resync,
    )
    note = "（重新同步：该单位的数据包链从本包重新开始）" if resync else ""
    try:
        with store.database.transaction():  # the merge, the answer recipient and cleared returns: one
            counts = office_records.merge(
                unit,
                bundle,
                UnitFacts(  # the unit's row keeps the first plan named (one plan: the one of a version 1 bundle)
                    manifest.unit_name,
                    manifest.review_in_use,
                    manifest.catalogs[0].id,
                    manifest.catalogs[0].version,
                ),
                [(sha, sizes[sha]) for sha in payload.evidence],
                iter(records),
                payload_checks.audit_rows(payload.audit, manifest, head),
                (label, verified.name, note.strip("（）")),
            )
            answers = OfficeAnswers(store.database, store.audit)
            if header.answer_recipient:
                answers.note_recipient(unit.code, header.answer_recipient, "bundle")
            resubmitted = answers.clear_returns(unit.code, header.seq)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    held = (
        f"；该单位有 {len(manifest.held_periods)} 个报告期未审核、暂未报送：{'、'.join(manifest.held_periods)}"
        if (manifest.held_periods)
        else ""
    )
    again = f"；已退回的 {'、'.join(resubmitted)} 已重报" if resubmitted else ""
    message = (
        f"已接收 {verified.name}：更新 {counts.upserts} 条记录，删除 {counts.deletes} 条，"
        f"佐证材料 {counts.blobs} 份，审计记录 {counts.audit} 条{note}{held}{again}"
    )
    return IntakeResult(
        label,
        verified.name,
        unit.code,
        header.seq,
        Outcome.ACCEPTED,
        message,
        upserts=counts.upserts,
        deletes=counts.deletes,
        evidence=counts.blobs,
        from_held=from_held,
        resync=resync,
    )


def store_blobs(store: Store, payload: Payload) -> list[Path]:
    """Move received evidence into the content-addressed store before the commit; return new files."""
    created: list[Path] = []
    try:
        for sha, path in payload.evidence.items():
            final = store.home.blob_path(sha)
            if final.exists():
                continue
            final.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(path, final)
            created.append(final)
            fsync_dir(final.parent)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return created
