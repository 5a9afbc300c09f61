"""The shipped 14th-plan catalog matches the plan text it was built from, sentence for sentence."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from desktop import paths
from desktop.domain.catalog import Catalog, CatalogTarget, TargetGoal, available_catalogs, load_catalog

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_SEED = REPO_ROOT.parent / "shared" / "seed" / "000_f83ff4797e4170c9.txt"
SEED_COPY = REPO_ROOT / "tests" / "data" / "plan-14fyp-seed.txt"
CATALOG_FILE = "gd-prison-14fyp.json"

PROJECT_NAMES = ["凝心聚力工程", "平安监狱工程", "公正廉洁工程", "改造提质工程", "精准保障工程"]
SECTION_HEADING = "二、“十四五”时期主要任务"
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_PROJECT_HEADING = re.compile(r"^（[一二三四五六七八九十]+）")


def _seed_file() -> Path:
    for candidate in (SHARED_SEED, SEED_COPY):
        if candidate.is_file():
            return candidate
    pytest.skip(f"plan seed text not found at {SHARED_SEED} nor at {SEED_COPY}")


def _plan_projects(text: str) -> list[tuple[str, list[str]]]:
    """Section 二 of the plan as (project heading sentence, task sentences) per project.

    The text has page-break artefacts: a sentence cut across a blank line. A paragraph is a
    line starting with （N）; any other non-empty line continues the paragraph before it, joined
    with nothing in between.
    """
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index(SECTION_HEADING)
    paragraphs: list[str] = []
    for line in lines[start + 1 :]:
        if not line:
            continue
        if _TOP_HEADING.match(line):
            break
        if _PROJECT_HEADING.match(line):
            paragraphs.append(line)
        else:
            assert paragraphs, f"text before the first project heading: {line!r}"
            paragraphs[-1] += line
    projects = []
    for paragraph in paragraphs:
        sentences = re.findall(r"[^。]*。", paragraph)
        assert "".join(sentences) == paragraph, "paragraph does not end with 。"
        projects.append((sentences[0], sentences[1:]))
    return projects


@pytest.fixture(scope="module")
def seed_file() -> Path:
    return _seed_file()


@pytest.fixture(scope="module")
def plan(seed_file: Path) -> list[tuple[str, list[str]]]:
    return _plan_projects(seed_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(paths.catalogs_dir() / CATALOG_FILE)


def test_catalog_header(catalog: Catalog) -> None:
    assert catalog.id == "gd-prison-14fyp"
    assert catalog.version == "1.0.0"
    assert catalog.title == "广东省监狱工作发展“十四五”规划"
    assert (catalog.start_year, catalog.end_year) == (2021, 2025)


def test_seed_copy_is_byte_identical_to_shared_seed() -> None:
    assert SEED_COPY.is_file(), f"missing in-repo seed copy {SEED_COPY}"
    if not SHARED_SEED.is_file():
        pytest.skip(f"shared seed {SHARED_SEED} absent; nothing to compare the copy with")
    assert SEED_COPY.read_bytes() == SHARED_SEED.read_bytes()


def test_source_sha256_is_the_seed_hash() -> None:
    raw = json.loads((paths.catalogs_dir() / CATALOG_FILE).read_text(encoding="utf-8"))
    assert SEED_COPY.is_file(), f"missing in-repo seed copy {SEED_COPY}"
    assert raw["source_sha256"] == hashlib.sha256(SEED_COPY.read_bytes()).hexdigest()


def test_seed_parse_sanity(plan: list[tuple[str, list[str]]]) -> None:
    assert [heading for heading, _ in plan] == [
        f"（{n}）全面推进{name}。" for n, name in zip("一二三四五", PROJECT_NAMES, strict=True)
    ]
    assert sum(len(tasks) for _, tasks in plan) == 54
    joined = [t for _, tasks in plan for t in tasks]
    assert "充分发挥监狱机关在“平安广东”建设工作中的职能作用。" in joined
    assert "推进刑释人员重新犯罪调查常态化。" in joined


def test_projects_match_plan(catalog: Catalog, plan: list[tuple[str, list[str]]]) -> None:
    assert [p.number for p in catalog.projects] == [1, 2, 3, 4, 5]
    assert [p.name for p in catalog.projects] == PROJECT_NAMES
    assert [len(p.tasks) for p in catalog.projects] == [len(tasks) for _, tasks in plan]
    assert len(catalog.tasks) == 54


def test_task_texts_match_plan_in_order(catalog: Catalog, plan: list[tuple[str, list[str]]]) -> None:
    for project, (heading, tasks) in zip(catalog.projects, plan, strict=True):
        texts = [t.text for t in project.tasks]
        assert heading not in texts
        assert texts == tasks, f"project {project.number} {project.name}"
        for seq, task in enumerate(project.tasks, start=1):
            assert task.project == project.number
            assert task.seq == seq
            assert task.key == f"{project.number}.{seq:02d}"
            assert task.text.endswith("。")
            assert "\n" not in task.text


def test_task_keys_unique(catalog: Catalog) -> None:
    keys = [t.key for t in catalog.tasks]
    assert len(keys) == len(set(keys))


def test_standardisation_target(catalog: Catalog) -> None:
    (target,) = [t for t in catalog.targets if t.key == "standardized-prison-rate"]
    assert target.name == "规范化监狱创建达标率"
    assert target.unit == "%"
    assert target.project == 5
    assert target.goals == (TargetGoal(2023, 80.0), TargetGoal(2025, 100.0))
    task = catalog.task(target.task_key)
    assert task.project == 5
    assert "规范化监狱创建" in task.text
    assert "2023年全省规范化监狱创建达标率达到80%" in task.text


def test_goal_for() -> None:
    target = CatalogTarget(
        key="standardized-prison-rate",
        name="规范化监狱创建达标率",
        unit="%",
        project=5,
        task_key="5.12",
        goals=(TargetGoal(2023, 80.0), TargetGoal(2025, 100.0)),
    )
    assert target.goal_for(2022) is None
    assert target.goal_for(2023) == TargetGoal(2023, 80.0)
    assert target.goal_for(2024) == TargetGoal(2023, 80.0)
    assert target.goal_for(2025) == TargetGoal(2025, 100.0)
    assert target.goal_for(2026) == TargetGoal(2025, 100.0)


def test_goal_for_on_shipped_target(catalog: Catalog) -> None:
    (target,) = [t for t in catalog.targets if t.key == "standardized-prison-rate"]
    assert target.goal_for(2022) is None
    assert [target.goal_for(y).value for y in (2023, 2024, 2026)] == [80, 80, 100]  # type: ignore[union-attr]


def test_available_catalogs_lists_it() -> None:
    found = available_catalogs(paths.catalogs_dir())
    assert ("gd-prison-14fyp", "1.0.0") in [(c.id, c.version) for c in found]
