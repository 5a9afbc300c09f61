"""Operations on the unit's own records: measures and milestones (add, edit, mark done, delete)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from desktop.domain.model import Measure, Milestone
from desktop.services.operations.base import Change, Outcome, Undo
from desktop.services.operations.retired import ensure_editable
from desktop.store import Store
from desktop.store.measures import EDITABLE as MEASURE_FIELDS
from desktop.store.milestones import EDITABLE as MILESTONE_FIELDS

UNDO_ADD_MEASURE = "撤销添加措施“{title}”"
UNDO_EDIT_MEASURE = "撤销修改措施“{title}”"
UNDO_ADD_MILESTONE = "撤销添加时间节点“{title}”"
UNDO_EDIT_MILESTONE = "撤销修改时间节点“{title}”"


def _values(record: Measure | Milestone, names: tuple[str, ...]) -> dict[str, Any]:
    known = {f.name for f in msgspec.structs.fields(record)}
    return {name: getattr(record, name) for name in names if name in known}


def add_measure(
    store: Store,
    task_id: int,
    title: str,
    *,
    department: str = "",
    person: str = "",
    co_units: str = "",
    start_date: dt.date | None = None,
    due_date: dt.date | None = None,
) -> Outcome[Measure]:
    ensure_editable(store, (task_id,))
    measure = store.measures.add(
        task_id,
        title,
        department=department,
        person=person,
        co_units=co_units,
        start_date=start_date,
        due_date=due_date,
    )
    undo = Undo(UNDO_ADD_MEASURE, measure.title, lambda s: delete_measure(s, measure.id), Change.STRUCTURE)
    return Outcome(measure, Change.STRUCTURE, (measure.id,), undo)


def update_measure(store: Store, measure_id: int, **changes: Any) -> Outcome[Measure]:
    """Change the given fields; the undo step puts back every editable field as it was."""
    ensure_editable(store, (measure_id,))
    with store.database.transaction():
        before = store.measures.get(measure_id)
        measure = store.measures.update(measure_id, **changes)
    values = _values(before, MEASURE_FIELDS)
    undo = Undo(UNDO_EDIT_MEASURE, before.title, lambda s: update_measure(s, before.id, **values), Change.STRUCTURE)
    return Outcome(measure, Change.STRUCTURE, (measure.id,), undo)


def delete_measure(store: Store, measure_id: int) -> Outcome[None]:
    ensure_editable(store, (measure_id,))
    store.measures.delete(measure_id)
    return Outcome(None, Change.STRUCTURE, (measure_id,))


def add_milestone(
    store: Store,
    parent_id: int,
    title: str,
    due_date: dt.date,
    *,
    target_value: float | None = None,
    target_unit: str = "",
    target_key: str | None = None,
) -> Outcome[Milestone]:
    """A milestone under a task or a measure (`parent_id` may be either)."""
    ensure_editable(store, (parent_id,))
    milestone = store.milestones.add(
        parent_id, title, due_date, target_value=target_value, target_unit=target_unit, target_key=target_key
    )
    undo = Undo(UNDO_ADD_MILESTONE, milestone.title, lambda s: delete_milestone(s, milestone.id), Change.STRUCTURE)
    return Outcome(milestone, Change.STRUCTURE, (milestone.id,), undo)


def _milestone_undo(before: Milestone) -> Undo:
    values = _values(before, MILESTONE_FIELDS)
    return Undo(UNDO_EDIT_MILESTONE, before.title, lambda s: update_milestone(s, before.id, **values), Change.STRUCTURE)


def update_milestone(store: Store, milestone_id: int, **changes: Any) -> Outcome[Milestone]:
    ensure_editable(store, (milestone_id,))
    with store.database.transaction():
        before = store.milestones.get(milestone_id)
        milestone = store.milestones.update(milestone_id, **changes)
    return Outcome(milestone, Change.STRUCTURE, (milestone.id,), _milestone_undo(before))


def mark_milestone_done(
    store: Store, milestone_id: int, achieved_date: dt.date, actual_value: float | None = None
) -> Outcome[Milestone]:
    ensure_editable(store, (milestone_id,))
    with store.database.transaction():
        before = store.milestones.get(milestone_id)
        milestone = store.milestones.mark_done(milestone_id, achieved_date, actual_value)
    return Outcome(milestone, Change.STRUCTURE, (milestone.id,), _milestone_undo(before))


def delete_milestone(store: Store, milestone_id: int) -> Outcome[None]:
    ensure_editable(store, (milestone_id,))
    store.milestones.delete(milestone_id)
    return Outcome(None, Change.STRUCTURE, (milestone_id,))
