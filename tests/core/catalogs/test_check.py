"""The catalog checker and the version rules, on JSON catalogs: each problem named by its path."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop import paths
from desktop.domain.catalog_check import check_catalog, normalize
from desktop.domain.catalog_versions import check_issue, compare_versions

from .conftest import sample_plan


def problems(data: Any) -> list[tuple[str, str]]:
    return [(p.where, p.message) for p in check_catalog(data)]


def test_the_sample_and_the_shipped_plan_pass() -> None:
    assert problems(sample_plan()) == []
    shipped = json.loads((paths.catalogs_dir() / "gd-prison-14fyp.json").read_text(encoding="utf-8"))
    assert problems(shipped) == []


def test_the_sample_says_it_is_a_sample() -> None:
    plan = sample_plan()
    assert plan["id"].startswith("sample-")
    assert "示例" in plan["title"] and "测试用" in plan["title"]


@pytest.mark.parametrize("field", ["id", "version", "title", "start_year", "end_year", "projects"])
def test_a_missing_required_field_is_named(field: str) -> None:
    plan = sample_plan()
    del plan[field]
    found = problems(plan)
    assert (field, found[0][1]) in found
    assert f"缺少必填字段“{field}”" in found[0][1]


def test_source_sha256_is_optional_but_checked_when_given() -> None:
    plan = sample_plan()
    assert "source_sha256" not in plan and problems(plan) == []
    plan["source_sha256"] = "not-a-digest"
    assert [w for w, _m in problems(plan)] == ["source_sha256"]


def test_each_rule_is_reported_by_path() -> None:
    plan = sample_plan()
    plan["projects"][0]["tasks"][1]["text"] = "  "
    plan["projects"][1]["tasks"].append({"key": "1.01", "text": "重复的编号"})
    plan["projects"][1]["number"] = 3
    plan["targets"][0]["goals"][1]["year"] = 2031
    plan["targets"][0]["goals"][0]["value"] = "60%"
    found = dict(problems(plan))
    assert "未填写" in found["projects[0].tasks[1].text"]
    assert "重复" in found["projects[1].tasks[1].key"]
    assert "应为 2" in found["projects[1].number"]
    assert "2031 不在规划年份 2026–2030 之内" in found["targets[0].goals[1].year"]
    assert "应为数字" in found["targets[0].goals[0].value"] and "60%" in found["targets[0].goals[0].value"]


def test_task_numbering_follows_the_project() -> None:
    plan = sample_plan()
    plan["projects"][1]["tasks"][0]["key"] = "1.03"
    plan["projects"][0]["tasks"][1]["key"] = "1.1"
    found = dict(problems(plan))
    assert "如 2.01" in found["projects[1].tasks[0].key"]
    assert "如 1.01" in found["projects[0].tasks[1].key"]


def test_a_target_must_point_at_a_task_of_its_project() -> None:
    plan = sample_plan()
    plan["targets"][0]["task"] = "9.01"
    assert "不在本规划的任务中" in dict(problems(plan))["targets[0].task"]
    plan["targets"][0]["task"] = "1.01"
    assert "属于工程 1" in dict(problems(plan))["targets[0].project"]


def _v(plan: dict[str, Any], version: str) -> dict[str, Any]:
    return normalize({**plan, "version": version})


def test_a_new_version_names_what_it_rewords_adds_and_retires() -> None:
    old = _v(sample_plan(), "1.0.0")
    new = sample_plan()
    new["projects"][0]["tasks"][0]["text"] = "示例任务：改写后的文字。"
    new["projects"][0]["tasks"][1]["retired"] = "1.1.0"
    new["projects"][1]["tasks"].append({"key": "2.02", "text": "示例任务：新增的任务。"})
    changes = compare_versions(old, _v(new, "1.1.0"))
    assert changes.reworded == ("任务 1.01",)
    assert changes.retired == ("任务 1.02",)
    assert changes.added == ("任务 2.02",)
    assert changes.dropped == ()
    check = check_issue(_v(new, "1.1.0"), [old])
    assert check.problems == () and check.changes == changes


def test_a_new_version_that_drops_a_key_is_refused_with_the_keys_named() -> None:
    old = _v(sample_plan(), "1.0.0")
    new = sample_plan()
    del new["projects"][0]["tasks"][1]
    new["targets"] = []
    check = check_issue(_v(new, "1.1.0"), [old])
    assert len(check.problems) == 1
    assert "任务 1.02" in check.problems[0].message and "指标 sample-rate" in check.problems[0].message
    assert "撤销于版本" in check.problems[0].message


@pytest.mark.parametrize("version", ["1.0.0", "1.0", "0.9.0"])
def test_an_equal_or_lower_version_with_other_content_is_refused(version: str) -> None:
    issued = _v(sample_plan(), "1.0.0")
    other = sample_plan()
    other["title"] = "示例规划（测试用，改过）"
    check = check_issue(_v(other, version), [issued])
    assert len(check.problems) == 1 and check.problems[0].where == "version"
    assert "1.1.0" in check.problems[0].message


def test_the_same_version_with_the_same_content_is_already_issued() -> None:
    issued = _v(sample_plan(), "1.0.0")
    assert check_issue(_v(sample_plan(), "1.0"), [issued]).already_issued


def test_a_retired_key_cannot_come_back() -> None:
    retired = sample_plan()
    retired["projects"][0]["tasks"][1]["retired"] = "1.1.0"
    check = check_issue(_v(sample_plan(), "1.2.0"), [_v(retired, "1.1.0")])
    assert "任务 1.02" in check.problems[0].message and "不能恢复" in check.problems[0].message
