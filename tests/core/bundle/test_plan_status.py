"""The office's status and reports per plan: a unit that recorded progress on the sample plan's tasks beside
the shipped plan's; the office rolls up the plan it is asked for from that plan's catalog, by the unit's rule.

The sample plan (tests/data/sample-plan-15.json) is a sample, named so; it reaches the unit's home directly
(PlanRepo.load_catalog)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.rollup import mean_percent
from desktop.domain.status import Status
from desktop.services.office.plans import office_plans
from desktop.services.office.status import province_status
from desktop.services.office.unit_view import build_unit_view
from desktop.store import Store
from tests.core.bundle.conftest import OfficeKeys, accept, enroll, export, make_unit
from tests.core.bundle.plans_support import SAMPLE_ID, hold_sample, issue_sample, sample_task_id
from tests.core.bundle.test_same_figures import Ticking
from tests.core.conftest import CliResult
from tests.core.reports.conftest import pdf_pages

TODAY = dt.date(2027, 4, 10)
SHIPPED_ID = "gd-prison-14fyp"


@pytest.fixture
def reported(office: Store, tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> Iterator[Store]:
    """An office that issued the sample plan and imported a unit's progress on both plans; yields the unit."""
    keys = office_keys
    issue_sample(office)
    unit = make_unit(tmp_path / "unit", catalog, "GD-T01", keys.folder / "office.pub", clock=Ticking())
    hold_sample(unit)
    first, second, third = (sample_task_id(unit, k) for k in ("1.01", "1.02", "2.01"))
    unit.progress.record(first, "2027-Q1", Status.IN_PROGRESS, 50, "示例季度进展")
    unit.progress.record(first, "2027-01", Status.IN_PROGRESS, 20)  # a month of the quarter, entered later
    measure = unit.measures.add(second, "示例措施一", department="政治处", person="张三")
    unit.measures.add(second, "示例措施二（未填报）", department="政治处", person="李四")
    unit.progress.record(measure.id, "2027-02", Status.LAGGING, 80, "示例滞后")
    milestone = unit.milestones.add(
        measure.id, "示例达标", dt.date(2027, 3, 31), target_value=1, target_unit="项", target_key="sample-rate"
    )
    unit.milestones.mark_done(milestone.id, dt.date(2027, 3, 20), 1)
    unit.progress.record(third, "2026-Q4", Status.DONE, 100)  # before the viewed quarter: carried forward
    shipped = unit.plan.tasks()[0]
    assert shipped.uid.startswith(SHIPPED_ID)
    unit.progress.record(shipped.id, "2027-Q1", Status.IN_PROGRESS, 10)  # the shipped plan, same quarter
    enroll(office, unit)
    accept(office, keys.identity, export(unit, tmp_path / "stick").path)
    yield unit
    unit.close()


@pytest.mark.parametrize("period", ["2027-Q1", "2027-01", "2027-03", "2027"])
def test_office_status_of_the_sample_plan_equals_the_units_own(reported: Store, office: Store, period: str) -> None:
    unit = reported
    mine = {t.task.uid: t for p in unit.overview(period, TODAY) for t in p.tasks if t.task.uid.startswith(SAMPLE_ID)}
    [entry] = province_status(office, period, TODAY, SAMPLE_ID).units
    drill = build_unit_view(office, "GD-T01", period, TODAY, office.settings.thresholds(), SAMPLE_ID)
    assert [t.uid for t in drill.tasks] == [f"{SAMPLE_ID}/1.01", f"{SAMPLE_ID}/1.02", f"{SAMPLE_ID}/2.01"]
    assert {t.uid: t.percent for t in drill.tasks} == {uid: t.percent for uid, t in mine.items()}
    assert {t.uid: t.light for t in drill.tasks} == {uid: t.light for uid, t in mine.items()}
    by_project = {1: [mine[f"{SAMPLE_ID}/1.01"].percent, mine[f"{SAMPLE_ID}/1.02"].percent],
                  2: [mine[f"{SAMPLE_ID}/2.01"].percent]}  # fmt: skip
    assert [(p.number, p.name, p.percent) for p in entry.projects] == [
        (1, "示例工程甲（测试用）", mean_percent(by_project[1])),
        (2, "示例工程乙（测试用）", mean_percent(by_project[2])),
    ]
    assert sum(entry.lights.values()) == 3  # the sample plan's three tasks, not the shipped plan's


def test_the_figures_are_the_expected_ones_for_the_quarter(reported: Store, office: Store) -> None:
    status = province_status(office, "2027-Q1", TODAY, SAMPLE_ID)
    assert status.plan is not None and (status.plan.id, status.plan.title) == (SAMPLE_ID, "示例规划（测试用）")
    [entry] = status.units
    # 1.01: its own quarter entry 50; 1.02: measures 80 and nothing (0) -> 40; 2.01: 2026-Q4's 100 carried
    assert [p.percent for p in entry.projects] == [45, 100]
    [indicator] = status.indicators
    assert (indicator.key, indicator.achieved, indicator.share) == ("sample-rate", ("GD-T01",), 100.0)
    shipped = province_status(office, "2027-Q1", TODAY, SHIPPED_ID)
    assert shipped.plan is not None and shipped.plan.id == SHIPPED_ID
    assert len(shipped.units[0].projects) == 5 and sum(shipped.units[0].lights.values()) > 3


def test_without_a_plan_the_plan_whose_years_hold_today_else_the_newest(office: Store) -> None:
    assert [(p.id, p.current) for p in office_plans(office, 2027)] == [(SHIPPED_ID, True)]  # nothing running
    issue_sample(office)
    assert [(p.id, p.current) for p in office_plans(office, 2027)] == [(SHIPPED_ID, False), (SAMPLE_ID, True)]
    assert [(p.id, p.current) for p in office_plans(office, 2024)] == [(SHIPPED_ID, True), (SAMPLE_ID, False)]
    assert [(p.id, p.current) for p in office_plans(office, 2031)] == [(SHIPPED_ID, False), (SAMPLE_ID, True)]
    assert province_status(office, "2027-Q1", TODAY).plan.id == SAMPLE_ID  # type: ignore[union-attr]
    assert province_status(office, "2024-Q1", dt.date(2024, 2, 1)).plan.id == SHIPPED_ID  # type: ignore[union-attr]


def test_province_status_and_report_with_plan(
    reported: Store, office: Store, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    home = office.home.root
    shown = cli("--json", "province", "status", "--plan", SAMPLE_ID, "--period", "2027-Q1", "--today", "2027-04-10",
                home_dir=home)  # fmt: skip
    assert shown.code == 0, shown.err
    data = shown.json()
    assert data["plan"]["id"] == SAMPLE_ID and data["period"] == "2027-Q1"
    assert [(p["number"], p["percent"]) for p in data["units"][0]["projects"]] == [(1, 45), (2, 100)]
    text = cli("province", "status", "--plan", SAMPLE_ID, "--period", "2027-Q1", "--today", "2027-04-10",
               home_dir=home)  # fmt: skip
    assert (
        text.out.splitlines()[0]
        == "报告期 2027-Q1（截至 2027-04-10）  规划：示例规划（测试用）（sample-15fyp 版本 1.0.0）"
    )
    assert "1.示例工程甲（测试用） 45%" in text.out and "示例指标达标率（测试用）" in text.out

    wrong = cli("province", "status", "--plan", "sample-16fyp", home_dir=home)
    assert wrong.code != 0
    assert "没有编号为“sample-16fyp”的规划" in wrong.err and SAMPLE_ID in wrong.err and SHIPPED_ID in wrong.err

    out = tmp_path / "示例规划汇总.pdf"
    made = cli("province", "report", "--plan", SAMPLE_ID, "--period", "2027-Q1", "--today", "2027-04-10",
               "--out", str(out), home_dir=home)  # fmt: skip
    assert made.code == 0, made.err
    pdf = re.sub(r"\s+", "", "".join(pdf_pages(out)))
    assert "示例规划（测试用）" in pdf and "示例工程甲（测试用）" in pdf and "示例指标达标率（测试用）" in pdf
    assert "凝心聚力工程" not in pdf  # the shipped plan's projects stay out of the sample plan's report
    assert "示例滞后" in pdf  # the unit's lagging measure of the sample plan is a red item
