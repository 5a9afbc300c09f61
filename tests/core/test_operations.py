"""The operations layer without Qt: what each edit returns, that it leaves one audit row, and that its undo
step (run through the same history the window keeps) puts back exactly what was there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.domain.errors import InputError, LockedError, PlanProgressError
from desktop.domain.status import Role, Status
from desktop.services import operations as ops
from desktop.services.operations import Change, UndoHistory, run_undo
from desktop.services.operations.undo import MAX_STEPS, UNDO_LABELS
from desktop.store import Store

PERIOD = "2026-Q4"


def _task(store: Store) -> int:
    return store.plan.tasks()[0].id


def _undo(store: Store, outcome: ops.Outcome[object]) -> None:
    assert outcome.undo is not None
    history = UndoHistory()
    history.push(outcome.undo)
    step = history.pop()
    assert step is not None
    assert run_undo(step, store) is None


def test_add_measure_says_what_changed_and_undo_removes_it(store: Store) -> None:
    rows = store.audit.count()
    outcome = ops.add_measure(store, _task(store), "开展全员轮训", department="政治处", due_date=dt.date(2026, 12, 31))
    measure = outcome.value
    assert outcome.changes == Change.STRUCTURE
    assert outcome.ids == (measure.id,)
    assert store.measures.get(measure.id).department == "政治处"
    assert store.audit.count() == rows + 1
    assert outcome.undo is not None and outcome.undo.text() == "撤销添加措施“开展全员轮训”"
    _undo(store, outcome)
    assert store.measures.find() == []
    assert store.audit.count() == rows + 2  # the undo is an audited delete


def test_update_measure_undo_puts_back_every_field(store: Store) -> None:
    before = ops.add_measure(store, _task(store), "旧名称", person="张三", start_date=dt.date(2026, 1, 5)).value
    outcome = ops.update_measure(store, before.id, title="新名称", person="李四", start_date=None)
    assert (outcome.value.title, outcome.value.person, outcome.value.start_date) == ("新名称", "李四", None)
    assert outcome.undo is not None and outcome.undo.text() == "撤销修改措施“旧名称”"
    _undo(store, outcome)
    again = store.measures.get(before.id)
    assert (again.title, again.person, again.start_date) == ("旧名称", "张三", dt.date(2026, 1, 5))


def test_a_refused_edit_writes_nothing_and_keeps_the_store_message(store: Store) -> None:
    rows = store.audit.count()
    with pytest.raises(InputError, match="措施名称不能为空"):
        ops.add_measure(store, _task(store), "  ")
    measure = ops.add_measure(store, _task(store), "措施").value
    rows = store.audit.count()
    with pytest.raises(InputError, match="措施名称不能为空"):
        ops.update_measure(store, measure.id, title=" ")
    assert store.measures.get(measure.id).title == "措施"
    assert store.audit.count() == rows


def test_milestone_add_done_and_their_undo(store: Store) -> None:
    measure = ops.add_measure(store, _task(store), "措施").value
    added = ops.add_milestone(store, measure.id, "第一期", dt.date(2026, 6, 30), target_value=100, target_unit="%")
    milestone = added.value
    assert (added.changes, added.ids) == (Change.STRUCTURE, (milestone.id,))
    done = ops.mark_milestone_done(store, milestone.id, dt.date(2026, 6, 28), 96)
    assert done.value.done and done.value.actual_value == 96
    assert done.undo is not None and done.undo.text() == "撤销修改时间节点“第一期”"
    _undo(store, done)
    back = store.milestones.get(milestone.id)
    assert not back.done and back.actual_value is None
    _undo(store, added)
    assert store.milestones.find() == []


def test_deletes_have_no_undo_step(store: Store) -> None:
    measure = ops.add_measure(store, _task(store), "措施").value
    milestone = ops.add_milestone(store, measure.id, "节点", dt.date(2026, 6, 30)).value
    gone = ops.delete_milestone(store, milestone.id)
    assert (gone.value, gone.changes, gone.ids, gone.undo) == (None, Change.STRUCTURE, (milestone.id,), None)
    assert ops.delete_measure(store, measure.id).undo is None
    assert store.measures.find() == []


def test_progress_saves_fold_into_one_step_back_to_the_state_before(store: Store) -> None:
    measure = ops.add_measure(store, _task(store), "措施").value
    first = ops.record_progress(store, measure.id, PERIOD, Status.IN_PROGRESS, 20, "开始")
    history = UndoHistory()
    assert first.undo is not None and history.push(first.undo)
    for percent in (30, 40, 50):  # typing: each save is a step with the same key, folded into the first
        later = ops.record_progress(store, measure.id, PERIOD, Status.IN_PROGRESS, percent, "进行中")
        assert later.undo is not None and not history.push(later.undo)
    assert len(history) == 1
    step = history.pop()
    assert step is not None and step.text() == "撤销进度修改" and step.changes == Change.PROGRESS
    assert run_undo(step, store) is None
    assert store.progress.get(measure.id, PERIOD) is None  # the entry did not exist before


def test_progress_undo_restores_the_earlier_entry(store: Store) -> None:
    measure = ops.add_measure(store, _task(store), "措施").value
    ops.record_progress(store, measure.id, PERIOD, Status.IN_PROGRESS, 20, "原来的说明")
    outcome = ops.record_progress(store, measure.id, PERIOD, Status.DONE, 100, "完成")
    assert (outcome.changes, outcome.ids) == (Change.PROGRESS, (outcome.value.id,))
    _undo(store, outcome)
    entry = store.progress.get(measure.id, PERIOD)
    assert entry is not None and (entry.status, entry.percent, entry.note) == (Status.IN_PROGRESS, 20, "原来的说明")


def test_undo_in_a_locked_period_is_refused_with_the_store_message(store: Store) -> None:
    measure = ops.add_measure(store, _task(store), "措施").value
    outcome = ops.record_progress(store, measure.id, PERIOD, Status.IN_PROGRESS, 20)
    ops.submit_period(store, PERIOD)
    approved = ops.approve_period(store, PERIOD, "同意")
    assert approved.changes == Change.REVIEW and approved.ids == (PERIOD,)
    assert outcome.undo is not None
    message = run_undo(outcome.undo, store)
    assert message is not None and "已审核通过并锁定" in message
    entry = store.progress.get(measure.id, PERIOD)
    assert entry is not None and entry.percent == 20
    with pytest.raises(LockedError):
        ops.record_progress(store, measure.id, PERIOD, Status.DONE, 100)


def test_review_transitions_leave_one_audit_row_each(store: Store) -> None:
    rows = store.audit.count()
    ops.submit_period(store, PERIOD)
    ops.return_period(store, PERIOD, "请补充说明")
    ops.submit_period(store, PERIOD)
    ops.approve_period(store, PERIOD)
    reopened = ops.reopen_period(store, PERIOD, "数据有误")
    assert reopened.value.comment == "数据有误"
    assert store.audit.count() == rows + 5
    with pytest.raises(InputError, match="退回时请写明原因"):
        ops.return_period(store, PERIOD, " ")


def test_user_operations(store: Store) -> None:
    added = ops.add_user(store, "zhang", Role.CLERK, "清晨 的 口令 2026", "张三")
    assert (added.value.name, added.changes, added.ids) == ("zhang", Change.USERS, ("zhang",))
    assert ops.set_role(store, "zhang", Role.REVIEWER).changes == Change.USERS
    assert store.users.get("zhang").role is Role.REVIEWER
    ops.set_active(store, "zhang", False)
    assert not store.users.get("zhang").active
    ops.set_active(store, "zhang", True)
    ops.set_password(store, "zhang", "另一个 口令 2026")
    code = ops.new_recovery_code(store, "zhang").value
    reset = ops.reset_with_recovery_code(store, "zhang", code, "第三个 口令 2026")
    assert reset.value.name == "zhang"
    with pytest.raises(PlanProgressError):
        ops.reset_with_recovery_code(store, "zhang", code, "第四个 口令 2026")  # a code works once
    assert ops.set_unit(store, "GD-T02", "另一所监狱").value.code == "GD-T02"


def test_every_undo_label_an_operation_makes_is_in_the_catalogue_list(store: Store, tmp_path: Path) -> None:
    """The window translates undo labels; the translation script lists them from UNDO_LABELS."""
    measure = ops.add_measure(store, _task(store), "措施")
    milestone = ops.add_milestone(store, measure.value.id, "节点", dt.date(2026, 6, 30))
    source = tmp_path / "纪要.txt"
    source.write_text("纪要", encoding="utf-8")
    evidence = ops.add_evidence(store, measure.value.id, [source]).value[0].record
    outcomes = [
        measure,
        ops.update_measure(store, measure.value.id, title="措施二"),
        milestone,
        ops.update_milestone(store, milestone.value.id, title="节点二"),
        ops.record_progress(store, measure.value.id, PERIOD, Status.IN_PROGRESS, 10),
        ops.record_progress_many(store, PERIOD, [(_task(store), Status.IN_PROGRESS, 10, "")]),
        ops.update_evidence(store, evidence.id, category="文件"),
    ]
    labels = {o.undo.label for o in outcomes if o.undo is not None}
    assert labels == set(UNDO_LABELS)


def test_history_keeps_the_last_steps_newest_first() -> None:
    history = UndoHistory()
    steps = [ops.Undo("撤销添加措施“{title}”", str(n), lambda _s: None, Change.STRUCTURE) for n in range(MAX_STEPS + 5)]
    for step in steps:
        assert history.push(step)
    assert len(history) == MAX_STEPS
    top = history.top()
    assert top is not None and top.text(lambda s: s.replace("撤销", "Undo ")) == f"Undo 添加措施“{MAX_STEPS + 4}”"
    popped = [history.pop() for _ in range(MAX_STEPS)]
    assert popped == list(reversed(steps[5:]))
    assert history.pop() is None and history.top() is None
