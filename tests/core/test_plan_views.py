"""One plan at a time: a unit holding the shipped plan and the sample plan (loaded the way plans land in the
plan tables) reads each plan's projects, tasks, targets, items, roll-up and period sheet apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.catalog import load_catalog
from desktop.domain.periods import parse_period
from desktop.domain.status import Status
from desktop.services.period_sheet import period_sheet
from desktop.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-plan-15.json"
SHIPPED, NEXT = "gd-prison-14fyp", "sample-15fyp"


@pytest.fixture
def two_plans(store: Store) -> Store:
    store.plan.load_catalog(load_catalog(SAMPLE))
    return store


def test_each_plan_reads_its_own_projects_tasks_and_targets(two_plans: Store) -> None:
    plan = two_plans.plan
    assert plan.catalog_ids() == [SHIPPED, NEXT]
    assert [p.name for p in plan.projects(NEXT)] == ["示例工程甲（测试用）", "示例工程乙（测试用）"]
    assert len(plan.projects(SHIPPED)) == 5 and len(plan.projects()) == 7
    assert [t.key for t in plan.tasks(catalog=NEXT)] == ["1.01", "1.02", "2.01"]
    assert all(t.uid.startswith(f"{SHIPPED}/") for t in plan.tasks(catalog=SHIPPED))
    assert [t.uid for t in plan.tasks(1, catalog=NEXT)] == [f"{NEXT}/1.01", f"{NEXT}/1.02"]
    assert [t.key for t in plan.targets(NEXT)] == ["sample-rate"]
    assert "sample-rate" not in [t.key for t in plan.targets(SHIPPED)]


def test_plan_items_holds_the_plans_tasks_and_the_units_records_under_them(two_plans: Store) -> None:
    task = two_plans.plan.tasks(catalog=NEXT)[0]
    measure = two_plans.measures.add(task.id, "示例措施", department="狱政科", person="李四")
    milestone = two_plans.milestones.add(measure.id, "示例节点", parse_period("2026-Q4").end)
    items = two_plans.plan.plan_items(NEXT)
    assert {measure.id, milestone.id, task.id} <= set(items)
    assert len(items) == 3 + 2 and items[task.id] == f"{NEXT}/1.01"
    assert not set(items) & set(two_plans.plan.plan_items(SHIPPED))


def test_the_roll_up_of_one_plan_and_of_all_keeps_tasks_under_their_own_plan(two_plans: Store) -> None:
    """Both plans number their projects from 1: project 1 of one plan never shows the other's tasks."""
    task = two_plans.plan.tasks(catalog=NEXT)[0]
    two_plans.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 50, "示例进展")
    one = two_plans.overview("2026-Q4", plan=NEXT)
    assert [[t.task.key for t in pv.tasks] for pv in one] == [["1.01", "1.02"], ["2.01"]]
    assert one[0].percent == 25
    both = two_plans.overview("2026-Q4")
    assert len(both) == 7
    for pv in both:
        plans = {t.task.uid.rpartition("/")[0] for t in pv.tasks}
        assert len(plans) == 1, (pv.project.name, plans)
    assert [pv.project.name for pv in two_plans.overview("2026-Q4", plan=SHIPPED)] == [
        pv.project.name for pv in both[:5]
    ]


def test_the_period_sheet_of_one_plan(two_plans: Store) -> None:
    rows = period_sheet(two_plans, parse_period("2026-Q4"), plan=NEXT)
    assert [r.label.split()[0] for r in rows] == ["1.01", "1.02", "2.01"]
    assert rows[0].project == "1 示例工程甲（测试用）"
    shipped = period_sheet(two_plans, parse_period("2026-Q4"), plan=SHIPPED)
    assert len(shipped) == len(two_plans.plan.tasks(catalog=SHIPPED))
