"""What the next export would carry and how big it would be, before anything is written (Qt-free).

The size is exact for the plaintext: the bundle services' own plan is built, signed with a throwaway key
(the signature has the same length as the unit's), and measured; nothing is logged or marked as sent.
The passphrase of the unit's key is not needed for that, so the wizard can show the size first.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import minisign

from desktop.domain.errors import PlanProgressError
from desktop.services import keys
from desktop.services.bundle.contents import build_plan, resend_plan
from desktop.services.bundle.export import MARGIN, estimate_size
from desktop.services.bundle.format import bundle_name
from desktop.services.bundle.tarstream import tar_size
from desktop.store import Home, Store
from desktop.store.exports import ExportRecord, ExportRepo


@dataclass(frozen=True)
class ExportPreview:
    seq: int
    kind: str  # "full" | "delta"
    resend: bool
    size: int  # bytes the bundle will take on the medium
    required: int  # free bytes the export insists on (size plus a safety margin)
    records: int
    evidence: int
    evidence_bytes: int
    held_periods: tuple[str, ...]
    review_in_use: bool


@dataclass(frozen=True)
class Readiness:
    problems: tuple[str, ...]  # what stops an export now, in the user's words
    key_protected: bool  # the signing key asks for a passphrase


def readiness(home: Home) -> Readiness:
    problems: list[str] = []
    try:
        keys.office_recipients(home)
    except PlanProgressError as exc:
        problems.append(str(exc))
    protected = False
    try:
        protected = keys.unit_key_is_protected(home)
    except PlanProgressError as exc:
        problems.append(str(exc))
    return Readiness(tuple(problems), protected)


def preview_export(store: Store, *, full: bool = False, resend: int | None = None) -> ExportPreview:
    recipients = keys.office_recipients(store.home)
    size_only = minisign.KeyPair.generate().secret_key  # signs nothing that is kept: the sizes are the same
    if resend is not None:
        plan, _record = resend_plan(store, resend, size_only)
    else:
        plan = build_plan(store, size_only, full=full)
    size = estimate_size(tar_size(plan.entries), len(recipients))
    counts = plan.manifest.counts
    return ExportPreview(
        seq=plan.seq,
        kind=plan.kind,
        resend=resend is not None,
        size=size,
        required=size + MARGIN,
        records=counts.get("upserts", 0) + counts.get("deletes", 0),
        evidence=counts.get("evidence", 0),
        evidence_bytes=plan.evidence_bytes,
        held_periods=plan.manifest.held_periods,
        review_in_use=plan.manifest.review_in_use,
    )


def earlier_bundles(store: Store) -> list[ExportRecord]:
    """Bundles already made, newest first: any of them can be written again for a lost stick."""
    return list(reversed(ExportRepo(store.database, store.audit).find()))


def remove_unfinished(store: Store, out: Path, seq: int, *, resend: bool) -> list[Path]:
    """After a stopped export of bundle `seq` to `out`: remove its hidden half-written folder.

    Only when the export log shows the run did not finish (a new seq not logged, or any resend, which is
    never logged): a logged but unrenamed bundle is complete and the next export gives it its name.
    """
    last = ExportRepo(store.database, store.audit).last()
    if not resend and last is not None and last.seq >= seq:
        return []
    removed = []
    try:
        leftovers = list(out.glob(f".{bundle_name(store.unit().code, seq)}.*.partial"))
    except OSError:
        return []  # the stick is gone: nothing to tidy
    for folder in leftovers:
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed
