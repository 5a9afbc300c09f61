"""Table columns of the export wizard: earlier bundles (for a resend) and the reporting periods' fate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.errors import PlanProgressError
from desktop.domain.periods import parse_period
from desktop.domain.status import ReviewState
from desktop.store import Store
from desktop.store.exports import ExportRecord
from desktop.ui.format import local_time, period_code_label, period_label, size_text
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.models.table import CENTER, RIGHT, Column

KIND_TEXT = {"full": tr_noop("完整"), "delta": tr_noop("变化")}


def bundle_columns(office: Callable[[ExportRecord], str] | None = None) -> list[Column[ExportRecord]]:
    """Earlier bundles; `office` gives what the office said about each (省局已接收 / 被拒收 and what to do)."""
    columns: list[Column[ExportRecord]] = [
        Column(tr("序号"), lambda e: str(e.seq), RIGHT, sort_key=lambda e: e.seq),
        Column(tr("类型"), lambda e: tr(KIND_TEXT.get(e.kind, e.kind)), CENTER),
        Column(tr("导出时间"), lambda e: local_time(e.created_at)),
        Column(tr("记录"), lambda e: str(e.records), RIGHT, sort_key=lambda e: e.records),
        Column(tr("材料"), lambda e: str(e.evidence), RIGHT, sort_key=lambda e: e.evidence),
        Column(tr("大小"), lambda e: size_text(e.payload_bytes), RIGHT, sort_key=lambda e: e.payload_bytes),
        Column(tr("当时写到"), lambda e: e.destination, tooltip=lambda e: e.destination),
    ]
    if office is not None:
        columns.insert(6, Column(tr("省局回执"), office, tooltip=office))
    return columns


@dataclass(frozen=True)
class PeriodFate:
    code: str
    label: str
    state: ReviewState
    travels: bool  # its progress goes in the next bundle (or already went); False: it stays on this PC


def period_fates(store: Store, review_in_use: bool, held: tuple[str, ...]) -> list[PeriodFate]:
    """Every period with progress, newest first, and whether the export takes it."""
    fates = []
    for code in store.progress.periods():
        try:
            period = parse_period(code)
        except PlanProgressError:
            continue
        state = store.reviews.get(code).state
        travels = code not in held and (not review_in_use or state is ReviewState.APPROVED)
        fates.append(PeriodFate(code, period_label(period), state, travels))
    return sorted(fates, key=lambda f: (parse_period(f.code).end, f.code), reverse=True)


def fate_columns(review_in_use: bool) -> list[Column[PeriodFate]]:
    def fate(row: PeriodFate) -> str:
        if row.travels:
            return tr("随数据包导出") if review_in_use else tr("随数据包导出（未启用审核）")
        return tr("留在本机：尚未审核通过")

    return [
        Column(tr("报告期"), lambda f: f.label),
        Column(tr("审核状态"), lambda f: tr(f.state.label), CENTER),
        Column(tr("本次导出"), fate),
    ]


def period_labels(codes: tuple[str, ...] | list[str]) -> str:
    """2026-Q4 -> 2026年第四季度 (Q4 2026), as the period selector shows it; an unknown code stays as it is."""
    return tr("、").join(period_code_label(code) for code in codes)
