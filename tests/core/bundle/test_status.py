"""The office's picture after intake: who reported for a period, per-project completion, the province-wide
standardisation indicator against the catalog's dated goals, and hash-checked evidence browsing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from desktop.cli.province_cmds import status_text
from desktop.domain.catalog import Catalog
from desktop.domain.errors import IntegrityError, NotFoundError
from desktop.domain.status import Status
from desktop.services.office import evidence as office_evidence
from desktop.services.office import registry
from desktop.services.office.indicator_lines import HEADINGS, indicator_lines
from desktop.services.office.status import province_status
from desktop.services.reports.office_data import collect_office_report
from desktop.services.reports.office_pdf import render_office_pdf
from desktop.store import Store
from tests.core.bundle.conftest import OfficeKeys, accept, add_work, enroll, export, make_unit
from tests.core.bundle.plans_support import SAMPLE_ID, issue_sample
from tests.core.catalogs.conftest import sample_plan
from tests.core.reports.conftest import pdf_pages

TARGET = "standardized-prison-rate"


def _unit_with_milestone(root: Path, catalog: Catalog, office_keys: OfficeKeys, code: str,
                         achieved: dt.date | None) -> Store:  # fmt: skip
    unit = make_unit(root / code, catalog, code, office_keys.folder / "office.pub")
    task = next(t for t in unit.plan.tasks() if t.key == "5.12")
    milestone = unit.milestones.add(task.id, "规范化监狱创建达标", dt.date(2023, 12, 31), target_key=TARGET)
    if achieved:
        unit.milestones.mark_done(milestone.id, achieved)
    return unit


@pytest.fixture
def province(office: Store, tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> Store:
    """Four units: A achieved in 2023, B in 2024, C not yet, D achieved but revoked later."""
    plan = {"GD-A": dt.date(2023, 6, 30), "GD-B": dt.date(2024, 3, 1), "GD-C": None, "GD-D": dt.date(2023, 1, 5)}
    for code, achieved in plan.items():
        with _unit_with_milestone(tmp_path, catalog, office_keys, code, achieved) as unit:
            enroll(office, unit)
            if code == "GD-A":
                unit.progress.record(unit.plan.tasks()[0].id, "2026-11", Status.IN_PROGRESS, 39)
            accept(office, office_keys.identity, export(unit, tmp_path / "sticks" / code).path)
    registry.revoke(office, "GD-D", "撤并")
    return office


def test_who_reported_and_project_completion(province: Store) -> None:
    status = province_status(province, "2026-Q4", dt.date(2026, 12, 1))
    units = {u.code: u for u in status.units}
    assert units["GD-A"].reported and units["GD-A"].periods == ("2026-11",)  # a month inside the quarter
    assert status.not_reported == ("GD-B", "GD-C")  # the revoked unit is not chased
    assert "GD-D" not in units and [u.code for u in status.revoked] == ["GD-D"]  # out of the roll-up
    project_one = units["GD-A"].projects[0]
    assert (project_one.number, project_one.name, project_one.percent) == (1, "凝心聚力工程", round(39 / 13))
    assert all(p.percent == 0 for p in units["GD-B"].projects)
    assert units["GD-A"].last_seq == 1 and units["GD-A"].last_at


def test_standardisation_indicator_against_the_goals(province: Store) -> None:
    status = province_status(province, "2024-Q2", dt.date(2024, 6, 1))
    [indicator] = status.indicators
    assert indicator.key == TARGET and indicator.name == "规范化监狱创建达标率" and indicator.unit == "%"
    assert indicator.total == 3 and indicator.achieved == ("GD-A", "GD-B")
    assert indicator.share == pytest.approx(66.7)
    goal_2023, goal_2025 = indicator.goals
    assert (goal_2023.year, goal_2023.value, goal_2023.final, goal_2023.met) == (2023, 80, True, False)
    assert goal_2023.share == pytest.approx(33.3)  # only A had achieved by the end of 2023
    assert (goal_2025.year, goal_2025.value, goal_2025.final, goal_2025.met) == (2025, 100, False, False)


def test_indicator_figures_are_named_and_printed_alike(province: Store, tmp_path: Path) -> None:
    """What was reached by the goal year's end and what is reached now are two figures with two names, the
    same in the office window's lines, the summary PDF and province status."""
    status = province_status(province, "2024-Q2", dt.date(2024, 6, 1))
    lines = [line.texts() for line in indicator_lines(status.indicators)]
    assert lines == [
        ("规范化监狱创建达标率", "2023年底 80%", "33.3%", "66.7%", "2/3", "未达到"),
        ("规范化监狱创建达标率", "2025年底 100%", "年度未结束", "66.7%", "2/3", "尚未达到"),
    ]
    data = collect_office_report(province, "2024-Q2", dt.date(2024, 6, 1))
    assert [line.texts() for line in data.indicators] == lines
    out = tmp_path / "全省汇总.pdf"
    render_office_pdf(data, out)
    text = re.sub(r"\s+", "", "".join(pdf_pages(out)))
    assert "".join(HEADINGS) in text
    for line in lines:
        assert "".join(line).replace(" ", "") in text  # one table row, cell after cell
    printed = status_text(status)
    assert "全省指标 规范化监狱创建达标率：规划目标 2023年底 80%，目标年底达到 33.3%，目前达到 66.7%" in printed


def test_goals_come_from_the_plans_catalog(province: Store) -> None:
    plan = sample_plan()
    plan["targets"][0]["goals"][0]["value"] = 30
    issue_sample(province, plan)
    status = province_status(province, "2027-Q4", dt.date(2027, 12, 1), plan=SAMPLE_ID)
    [indicator] = status.indicators
    assert indicator.key == "sample-rate"
    assert [(g.year, g.value) for g in indicator.goals] == [(2027, 30), (2030, 100)]
    [shipped] = province_status(province, "2024-Q2", dt.date(2024, 6, 1), plan="gd-prison-14fyp").indicators
    assert shipped.key == TARGET and shipped.goals[0].value == 80


def test_evidence_by_unit_task_and_milestone(office: Store, unit: Store, tmp_path: Path,
                                             office_keys: OfficeKeys) -> None:  # fmt: skip
    enroll(office, unit)
    add_work(unit, tmp_path, "一")
    task_evidence = tmp_path / "任务 材料.txt"
    task_evidence.write_text("直接挂在任务下", encoding="utf-8")
    unit.evidence.add(unit.plan.tasks()[1].id, task_evidence)
    accept(office, office_keys.identity, export(unit, tmp_path / "stick").path)
    everything = office_evidence.list_evidence(office, unit="GD-T01")
    assert sorted(e.item_kind for e in everything) == ["milestone", "task"]
    by_task = office_evidence.list_evidence(office, task="1.01")
    assert [e.original_name for e in by_task] == ["佐证 材料一.pdf"] and by_task[0].task_key == "1.01"
    milestone = by_task[0].item_uid
    assert [e.original_name for e in office_evidence.list_evidence(office, milestone=milestone)] == ["佐证 材料一.pdf"]
    assert office_evidence.list_evidence(office, unit="GD-NONE") == []
    page = office_evidence.list_evidence(office, limit=1)
    assert len(page) == 1 and len(office_evidence.list_evidence(office, after=page[0].id)) == 1
    with pytest.raises(NotFoundError):
        office_evidence.list_evidence(office, task="9.99")

    out = tmp_path / "取出"
    out.mkdir()
    got = office_evidence.copy_out(office, by_task[0].id, out)
    assert got.name == "佐证 材料一.pdf" and got.read_bytes().startswith(b"%PDF-1.4")
    blob = office.home.blob_path(by_task[0].sha256)
    blob.write_bytes(b"tampered at the office")
    with pytest.raises(IntegrityError, match="已损坏"):
        office_evidence.copy_out(office, by_task[0].id, tmp_path / "again.pdf")
    assert not (tmp_path / "again.pdf").exists()
    problems, checked = office_evidence.verify_all(office)
    assert checked == 2 and problems == [(by_task[0].sha256, "文件内容被改动（哈希不符）")]
