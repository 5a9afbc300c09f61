"""The unit's records through the store API: plan, measures, milestones and progress, one id space."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.errors import InputError, NotFoundError, StateError
from desktop.domain.model import ItemKind
from desktop.domain.status import Status
from desktop.store import Store, validate_unit_code


def test_the_plan_is_loaded_from_the_catalog(store: Store, catalog: Catalog) -> None:
    projects = store.plan.projects()
    assert [p.number for p in projects] == [1, 2, 3, 4, 5]
    assert [p.name for p in projects] == [p.name for p in catalog.projects]
    tasks = store.plan.tasks()
    assert len(tasks) == 54
    assert [t.text for t in tasks] == [t.text for p in catalog.projects for t in p.tasks]
    assert len(store.plan.tasks(project=2)) == len(catalog.projects[1].tasks)
    unit = store.unit()
    assert (unit.catalog_id, unit.catalog_version) == (catalog.id, catalog.version)
    [target] = [t for t in store.plan.targets() if t.name == "规范化监狱创建达标率"]
    assert target.goals == ((2023, 80.0), (2025, 100.0))


def test_measures_and_milestones_round_trip(store: Store) -> None:
    measure = store.measures.add(
        3,
        "开展全员轮训",
        department="政治处",
        person="张三",
        co_units="教育科、狱政科",
        start_date=dt.date(2026, 1, 1),
        due_date=dt.date(2026, 12, 31),
    )
    assert store.measures.get(measure.id) == measure
    assert (measure.task_id, measure.person, measure.co_units) == (3, "张三", "教育科、狱政科")
    milestone = store.milestones.add(
        measure.id, "完成第一轮培训", dt.date(2026, 6, 30), target_value=120, target_unit="人次"
    )
    assert (milestone.task_id, milestone.measure_id, milestone.done) == (3, measure.id, False)
    done = store.milestones.mark_done(milestone.id, dt.date(2026, 6, 28), 132)
    assert done.done and done.actual_value == 132 and done.achieved_date == dt.date(2026, 6, 28)
    on_task = store.milestones.add(3, "年度总结", dt.date(2026, 12, 31))
    assert on_task.measure_id is None
    assert [m.id for m in store.milestones.find(task_id=3)] == [milestone.id, on_task.id]
    assert [m.id for m in store.measures.find(task_id=3)] == [measure.id]


def test_ids_are_unique_across_tasks_measures_and_milestones(store: Store) -> None:
    measure = store.measures.add(1, "措施")
    milestone = store.milestones.add(measure.id, "节点", dt.date(2026, 3, 1))
    task_ids = {t.id for t in store.plan.tasks()}
    assert measure.id not in task_ids and milestone.id not in task_ids and measure.id != milestone.id
    assert store.plan.item_kind(1) is ItemKind.TASK
    assert store.plan.item_kind(measure.id) is ItemKind.MEASURE
    assert store.plan.item_kind(milestone.id) is ItemKind.MILESTONE
    assert store.plan.task_of(milestone.id) == 1
    for item in (1, measure.id, milestone.id):  # any of them takes progress
        store.progress.record(item, "2026-03", Status.IN_PROGRESS, 30)
    assert len(store.progress.find(period="2026-03")) == 3


def test_records_are_named_by_uid_until_deleted(store: Store) -> None:
    """The audit trail names related records by uid; the GUI shows their titles."""
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展全员轮训")
    milestone = store.milestones.add(measure.id, "完成第一期轮训", dt.date(2026, 6, 30))
    assert store.plan.title_by_uid(task.uid) == f"{task.key} {task.text}"
    assert store.plan.title_by_uid(measure.uid) == "开展全员轮训"
    assert store.plan.title_by_uid(milestone.uid) == "完成第一期轮训"
    store.milestones.delete(milestone.id)
    assert store.plan.title_by_uid(milestone.uid) is None
    assert store.plan.title_by_uid("no-such-uid") is None


def test_refusals_change_nothing(store: Store) -> None:
    measure = store.measures.add(1, "措施")
    milestone = store.milestones.add(1, "节点", dt.date(2026, 3, 1))
    rows = store.audit.count()
    with pytest.raises(NotFoundError, match="找不到编号为 999"):
        store.measures.add(999, "x")
    with pytest.raises(InputError, match="不是规划任务"):
        store.measures.add(measure.id, "措施下的措施")
    with pytest.raises(InputError, match="不能为空"):
        store.measures.add(1, "   ")
    with pytest.raises(InputError, match="晚于完成期限"):
        store.measures.add(1, "倒序日期", start_date=dt.date(2026, 5, 1), due_date=dt.date(2026, 4, 1))
    with pytest.raises(InputError, match="时间节点只能加在任务或措施下"):
        store.milestones.add(milestone.id, "x", dt.date(2026, 1, 1))
    with pytest.raises(NotFoundError, match="时间节点"):
        store.milestones.mark_done(measure.id, dt.date(2026, 1, 1))
    with pytest.raises(NotFoundError):
        store.progress.record(424242, "2026-11", Status.IN_PROGRESS, 5)
    with pytest.raises(InputError, match="超出范围"):
        store.progress.record(1, "2026-11", Status.IN_PROGRESS, 101)
    with pytest.raises(InputError, match="已完成.*100"):
        store.progress.record(1, "2026-11", Status.DONE, 90)
    with pytest.raises(InputError, match="格式不正确"):
        store.progress.record(1, "2026-13", Status.IN_PROGRESS, 5)
    with pytest.raises(InputError, match="没有这些字段"):
        store.measures.update(measure.id, owner="x")
    assert store.audit.count() == rows
    assert store.progress.find() == []


def test_deleting_a_measure_that_still_holds_records_is_refused(store: Store) -> None:
    measure = store.measures.add(1, "措施")
    milestone = store.milestones.add(measure.id, "节点", dt.date(2026, 3, 1))
    store.progress.record(milestone.id, "2026-03", Status.IN_PROGRESS, 10)
    with pytest.raises(StateError, match="1 条时间节点"):
        store.measures.delete(measure.id)
    with pytest.raises(StateError, match="1 条进度记录"):
        store.milestones.delete(milestone.id)
    store.progress.delete(milestone.id, "2026-03")
    store.milestones.delete(milestone.id)
    store.measures.delete(measure.id)
    with pytest.raises(NotFoundError):
        store.plan.item_kind(measure.id)


def test_progress_replaces_within_a_period_and_accepts_later_years(store: Store) -> None:
    store.progress.record(5, "2030-q2", Status.NOT_STARTED, 0)
    entry = store.progress.record(5, "2030-Q2", Status.LAGGING, 15, "资金未到位")
    assert store.progress.find(item_id=5) == [entry]
    assert (entry.period, entry.status, entry.percent, entry.updated_by) == ("2030-Q2", Status.LAGGING, 15, "tester")
    store.progress.record(5, "2031", Status.DONE, 100)
    assert store.progress.periods() == ["2030-Q2", "2031"]


@pytest.mark.parametrize("code", ["GD-GZ01", "A", "gd01", "X-1-2"])
def test_valid_unit_codes(code: str) -> None:
    assert validate_unit_code(code) == code.upper()  # the canonical form (desktop.domain.unit_code)


@pytest.mark.parametrize("code", ["", "-GD", "GD-", "广州01", "GD_01", "GD 01", "GD/01", "A" * 33])
def test_unit_codes_that_cannot_travel_in_file_names(code: str) -> None:
    with pytest.raises(InputError, match="字母、数字和“-”"):
        validate_unit_code(code)
