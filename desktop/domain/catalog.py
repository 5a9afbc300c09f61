"""The plan catalog: a five-year plan's projects, tasks and dated targets, shipped as JSON data.

A catalog is identified by `id` and `version`. The 14th plan is one catalog; a later plan comes as
another file in resources/catalog/, so nothing here assumes a single plan or fixed years.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from desktop.domain.errors import StoreError


class CatalogTask(msgspec.Struct, frozen=True):
    key: str  # stable across units and catalog versions, e.g. "1.03"
    project: int
    seq: int  # order within the project, 1-based
    text: str
    retired: str | None = None  # the version that retired it


class CatalogProject(msgspec.Struct, frozen=True):
    number: int  # 1-based, plan order
    name: str  # e.g. 凝心聚力工程
    tasks: tuple[CatalogTask, ...]


class TargetGoal(msgspec.Struct, frozen=True):
    year: int
    value: float


class CatalogTarget(msgspec.Struct, frozen=True):
    key: str  # e.g. "standardized-prison-rate"
    name: str  # 规范化监狱创建达标率
    unit: str  # "%"
    project: int
    task_key: str
    goals: tuple[TargetGoal, ...]
    retired: str | None = None

    def goal_for(self, year: int) -> TargetGoal | None:
        """The goal in force for a year: the latest goal whose year is <= `year`."""
        due = [g for g in self.goals if g.year <= year]
        return due[-1] if due else None


class Catalog(msgspec.Struct, frozen=True):
    id: str
    version: str
    title: str
    start_year: int
    end_year: int
    projects: tuple[CatalogProject, ...]
    targets: tuple[CatalogTarget, ...]

    @property
    def tasks(self) -> tuple[CatalogTask, ...]:
        return tuple(t for p in self.projects for t in p.tasks)

    def task(self, key: str) -> CatalogTask:
        for t in self.tasks:
            if t.key == key:
                return t
        raise KeyError(key)


def _task(project: int, seq: int, raw: dict[str, Any]) -> CatalogTask:
    retired = raw.get("retired")
    return CatalogTask(
        key=str(raw["key"]), project=project, seq=seq, text=str(raw["text"]), retired=str(retired) if retired else None
    )


def parse_catalog(data: dict[str, Any]) -> Catalog:
    projects = tuple(
        CatalogProject(
            number=int(p["number"]),
            name=str(p["name"]),
            tasks=tuple(_task(int(p["number"]), i, t) for i, t in enumerate(p["tasks"], start=1)),
        )
        for p in data["projects"]
    )
    targets = tuple(
        CatalogTarget(
            key=str(t["key"]),
            name=str(t["name"]),
            unit=str(t["unit"]),
            project=int(t["project"]),
            task_key=str(t["task"]),
            goals=tuple(TargetGoal(int(g["year"]), float(g["value"])) for g in t["goals"]),
            retired=str(t["retired"]) if t.get("retired") else None,
        )
        for t in data.get("targets", [])
    )
    return Catalog(
        id=str(data["id"]),
        version=str(data["version"]),
        title=str(data["title"]),
        start_year=int(data["start_year"]),
        end_year=int(data["end_year"]),
        projects=projects,
        targets=targets,
    )


def load_catalog(path: Path) -> Catalog:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return parse_catalog(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"规划目录文件 {path.name} 无法读取（{exc}）：请重新安装本程序。") from exc


def available_catalogs(folder: Path) -> list[Catalog]:
    """Every catalog shipped in `folder`, oldest plan first."""
    found = [load_catalog(p) for p in sorted(folder.glob("*.json"))]
    return sorted(found, key=lambda c: (c.start_year, c.id, c.version))


DEFAULT_CATALOG_ID = "gd-prison-14fyp"
