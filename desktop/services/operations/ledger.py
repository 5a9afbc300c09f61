"""Import of a ledger workbook (台账): the whole checked plan in one transaction, or nothing."""

from __future__ import annotations

from desktop.services.operations.base import Change, Outcome
from desktop.services.operations.retired import ensure_editable
from desktop.services.reports.ledger_import import LedgerPlan, LedgerResult, apply_ledger_import
from desktop.store import Store
from desktop.store.evidence import Progress


def import_ledger(store: Store, plan: LedgerPlan, progress: Progress | None = None) -> Outcome[LedgerResult]:
    """Write a plan made by `plan_ledger_import` (which reads and checks the workbook without writing); refused
    whole when a row it would write belongs to a retired task."""
    touched = [c.task.id for c in (*plan.new_measures, *plan.changed_measures)]
    touched += [c.task.id for c in (*plan.new_milestones, *plan.changed_milestones)]
    touched += [c.existing.task_id for c in plan.changed_measures if c.existing]
    touched += [c.existing.task_id for c in plan.changed_milestones if c.existing]
    ensure_editable(store, touched)
    result = apply_ledger_import(store, plan, progress)
    return Outcome(result, Change.STRUCTURE)
