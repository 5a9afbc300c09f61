"""Import of a ledger workbook (台账): the whole checked plan in one transaction, or nothing."""

from __future__ import annotations

from desktop.services.operations.base import Change, Outcome
from desktop.services.reports.ledger_import import LedgerPlan, LedgerResult, apply_ledger_import
from desktop.store import Store
from desktop.store.evidence import Progress


def import_ledger(store: Store, plan: LedgerPlan, progress: Progress | None = None) -> Outcome[LedgerResult]:
    """Write a plan made by `plan_ledger_import` (which reads and checks the workbook without writing)."""
    result = apply_ledger_import(store, plan, progress)
    return Outcome(result, Change.STRUCTURE)
