"""Operations on progress entries, evidence files and the review of a reporting period."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.domain.model import EvidenceRecord, ProgressEntry, ReviewRecord
from desktop.domain.status import Status
from desktop.services.operations.base import Change, Outcome, Undo
from desktop.services.operations.retired import ensure_editable
from desktop.store import Store
from desktop.store.evidence import AddedEvidence, Progress

UNDO_PROGRESS = "撤销进度修改"
UNDO_PROGRESS_MANY = "撤销填报 {title} 条进度"
UNDO_EDIT_EVIDENCE = "撤销修改佐证材料“{title}”"


def record_progress(
    store: Store, item_id: int, period: str, status: Status, percent: int, note: str = ""
) -> Outcome[ProgressEntry]:
    """Write an item's entry for a period; undo restores the entry that was there (or removes the new one)."""
    ensure_editable(store, (item_id,))
    with store.database.transaction():
        before = store.progress.get(item_id, period)
        entry = store.progress.record(item_id, period, status, percent, note)
    item, code = entry.item_id, entry.period

    def restore(s: Store) -> object:
        if before is None:
            return delete_progress(s, item, code)
        return record_progress(s, item, code, before.status, before.percent, before.note)

    undo = Undo(UNDO_PROGRESS, "", restore, Change.PROGRESS, ("progress", item, code))
    return Outcome(entry, Change.PROGRESS, (entry.id,), undo)


def record_progress_many(
    store: Store, period: str, entries: Sequence[tuple[int, Status, int, str]]
) -> Outcome[list[ProgressEntry]]:
    """Write several items' entries for one period (item, status, percent, note) all-or-nothing, as one step to
    undo: the period grid copying last period's notes into every row."""
    ensure_editable(store, (e[0] for e in entries))
    befores: list[tuple[int, ProgressEntry | None]] = []
    written: list[ProgressEntry] = []
    with store.database.transaction():
        for item_id, status, percent, note in entries:
            befores.append((item_id, store.progress.get(item_id, period)))
            written.append(store.progress.record(item_id, period, status, percent, note))
    code = written[0].period if written else period

    def restore(s: Store) -> object:
        with s.database.transaction():
            for item, before in befores:
                if before is None:
                    s.progress.delete(item, code)
                else:
                    s.progress.record(item, code, before.status, before.percent, before.note)
        return None

    undo = Undo(UNDO_PROGRESS_MANY, str(len(written)), restore, Change.PROGRESS) if written else None
    return Outcome(written, Change.PROGRESS, tuple(e.id for e in written), undo)


def delete_progress(store: Store, item_id: int, period: str) -> Outcome[None]:
    ensure_editable(store, (item_id,))
    store.progress.delete(item_id, period)
    return Outcome(None, Change.PROGRESS, (item_id,))


def add_evidence(
    store: Store,
    item_id: int,
    sources: Sequence[Path],
    *,
    title: str | None = None,
    category: str = "",
    period: str | None = None,
    progress: Progress | None = None,
) -> Outcome[list[AddedEvidence]]:
    """Add files all-or-nothing: one unreadable file among several adds none of them. `period` is the reporting
    period they belong to (None or empty: not set); a malformed one is refused before anything is copied."""
    ensure_editable(store, (item_id,))
    added = store.evidence.add_many(item_id, sources, title=title, category=category, period=period, progress=progress)
    return Outcome(added, Change.EVIDENCE, tuple(a.record.id for a in added))


def update_evidence(
    store: Store,
    evidence_id: int,
    *,
    title: str | None = None,
    category: str | None = None,
    period: str | None = None,
) -> Outcome[EvidenceRecord]:
    """Change an evidence record's title, category or period (None: as it is; empty category or period:
    cleared); undo puts all three back as they were."""
    ensure_editable(store, (store.evidence.get(evidence_id).item_id,))
    with store.database.transaction():
        before = store.evidence.get(evidence_id)
        record = store.evidence.update(evidence_id, title=title, category=category, period=period)

    def restore(s: Store) -> object:
        return update_evidence(s, before.id, title=before.title, category=before.category, period=before.period or "")

    undo = Undo(UNDO_EDIT_EVIDENCE, before.title, restore, Change.EVIDENCE)
    return Outcome(record, Change.EVIDENCE, (record.id,), undo)


def delete_evidence(store: Store, evidence_id: int) -> Outcome[None]:
    ensure_editable(store, (store.evidence.get(evidence_id).item_id,))
    store.evidence.delete(evidence_id)
    return Outcome(None, Change.EVIDENCE, (evidence_id,))


def submit_period(store: Store, period: str, comment: str = "") -> Outcome[ReviewRecord]:
    return _review(store.reviews.submit(period, comment))


def approve_period(store: Store, period: str, comment: str = "") -> Outcome[ReviewRecord]:
    return _review(store.reviews.approve(period, comment))


def return_period(store: Store, period: str, comment: str) -> Outcome[ReviewRecord]:
    return _review(store.reviews.return_(period, comment))


def reopen_period(store: Store, period: str, reason: str) -> Outcome[ReviewRecord]:
    return _review(store.reviews.reopen(period, reason))


def _review(record: ReviewRecord) -> Outcome[ReviewRecord]:
    return Outcome(record, Change.REVIEW, (record.period,))
