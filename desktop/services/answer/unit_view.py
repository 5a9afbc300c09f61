"""What a unit shows of the office's answers, in one place for the command line and the window: the office's
word on each bundle, with what to do, and the open returns by period."""

from __future__ import annotations

from desktop.store import Store
from desktop.store.answers import Receipt
from desktop.store.exports import ExportRecord
from desktop.store.unit_answers import UnitAnswers, UnitReturn

OUTCOME_TEXT = {
    "accepted": "省局已接收",
    "already_imported": "省局已接收（重复导入）",
    "held": "省局暂存：缺少前面的数据包，请把缺的数据包一并送交",
    "refused": "被拒收",
}


def receipt_for(export: ExportRecord, receipts: dict[int, Receipt]) -> Receipt | None:
    """The office's word on one bundle: by seq, and by bundle id when the office gives one (after a restore a
    seq may be reused for another bundle)."""
    receipt = receipts.get(export.seq)
    if receipt is None or (receipt.bundle_id is not None and receipt.bundle_id != export.bundle_id):
        return None
    return receipt


def receipt_text(receipt: Receipt | None) -> str:
    if receipt is None:
        return "省局尚未回执"
    if receipt.outcome == "refused":
        return f"被拒收（{receipt.at}）：{receipt.reason} 请按提示处理后重新导出，或用“重新写出以前的数据包”重发。"
    return f"{OUTCOME_TEXT[receipt.outcome]}（{receipt.at}）"


def receipts_by_seq(store: Store, exports: list[ExportRecord]) -> dict[int, Receipt | None]:
    receipts = UnitAnswers(store.database, store.audit).receipts()
    return {e.seq: receipt_for(e, receipts) for e in exports}


def open_returns(store: Store) -> dict[str, UnitReturn]:
    """Periods the office sent back and this unit has not reported again, by period."""
    return {r.entry.period: r for r in UnitAnswers(store.database, store.audit).returns()}
