"""The plans the office reports on: the one shipped with the program and each one it issued, at the newest
version of each id. A plan's projects, tasks and targets are read from its catalog JSON (the same content
the units receive), so the office's roll-up of a plan is the unit's: tasks are named by `catalog/key`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.domain.catalog import Catalog, parse_catalog
from desktop.domain.catalog_check import version_key
from desktop.domain.errors import InputError
from desktop.services.catalogs import list_catalogs
from desktop.services.plans import current_plan
from desktop.store import Store
from desktop.store.plan import task_uid


@dataclass(frozen=True)
class OfficePlan:
    id: str
    version: str  # the newest version
    title: str
    start_year: int
    end_year: int
    versions: tuple[str, ...]
    issued_at: str | None  # None: shipped with the program
    current: bool = False  # the plan shown when none is chosen

    @property
    def label(self) -> str:
        return f"{self.title}（{self.start_year}–{self.end_year}，{self.id} 版本 {self.version}）"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "years": [self.start_year, self.end_year],
            "current": self.current,
            "versions": list(self.versions),
            "issued_at": self.issued_at,
        }


def _newest(store: Store) -> dict[str, tuple[dict[str, Any], tuple[str, ...], str | None]]:
    """Per plan id: the newest version's content, every version, and when that version was issued."""
    found: dict[str, list[tuple[dict[str, Any], str | None]]] = {}
    for entry in list_catalogs(store):
        found.setdefault(str(entry.content["id"]), []).append((entry.content, entry.issued_at))
    out = {}
    for cid, entries in found.items():
        entries.sort(key=lambda e: version_key(str(e[0]["version"])))
        content, issued_at = entries[-1]
        out[cid] = (content, tuple(str(e[0]["version"]) for e in entries), issued_at)
    return out


def office_plans(store: Store, year: int) -> list[OfficePlan]:
    """Every plan, oldest first; `current` marks the one whose years hold `year` (else the newest)."""
    plans = [
        OfficePlan(
            cid,
            str(content["version"]),
            str(content["title"]),
            int(content["start_year"]),
            int(content["end_year"]),
            versions,
            issued_at,
        )
        for cid, (content, versions, issued_at) in _newest(store).items()
    ]
    plans.sort(key=lambda p: (p.start_year, p.id))
    chosen = current_plan(plans, year)
    return [
        OfficePlan(p.id, p.version, p.title, p.start_year, p.end_year, p.versions, p.issued_at, p is chosen)
        for p in plans
    ]


def office_plan(store: Store, plan_id: str | None, year: int) -> Catalog:
    """Plan `plan_id` at its newest version (None: the current plan), parsed from its catalog JSON."""
    newest = _newest(store)
    if plan_id is None:
        plan_id = next(p.id for p in office_plans(store, year) if p.current)
    if plan_id not in newest:
        known = "、".join(sorted(newest))
        raise InputError(f"没有编号为“{plan_id}”的规划（可选：{known}）：用 province catalog list 查看已发布的规划。")
    return parse_catalog(newest[plan_id][0])


def plan_task(store: Store, plan_id: str | None, task: str, year: int) -> tuple[Catalog, str, str] | None:
    """Task `task` of plan `plan_id` (None: the current plan; a uid `catalog/key` names its own plan), given by
    its key as the plan shows it (1.04) or its uid: the plan, the task's uid and key; None when the plan has no
    such task."""
    if plan_id is None and task.split("/", 1)[0] in _newest(store):
        plan_id = task.split("/", 1)[0]
    plan = office_plan(store, plan_id, year)
    for row in plan_task_rows(plan):
        if task in (row["key"], row["uid"]):
            return plan, str(row["uid"]), str(row["key"])
    return None


def unknown_task(store: Store, plan_id: str | None, task: str, year: int) -> str:
    """The message for a task the plan does not have: which plan was searched and where its task keys are."""
    plan = office_plan(store, plan_id, year)
    return (
        f"规划“{plan.title}”（{plan.id} 版本 {plan.version}）中没有任务“{task}”：任务序号见省局窗口“全省汇总”"
        f"双击单位后的任务列表；其他规划的任务请加 --plan 规划编号（province catalog list 列出各规划）。"
    )


def plan_task_rows(plan: Catalog) -> list[dict[str, Any]]:
    """The plan's tasks in plan order, in the shape the roll-up reads (uid, key, text, project, project_name)."""
    return [
        {
            "uid": task_uid(plan.id, task.key),
            "key": task.key,
            "text": task.text,
            "project": project.number,
            "project_name": project.name,
        }
        for project in plan.projects
        for task in project.tasks
    ]


def plan_target_rows(plan: Catalog) -> list[dict[str, Any]]:
    """The plan's dated targets, one row per goal (key, name, unit, year, value), in the catalog's order."""
    return [
        {"key": t.key, "name": t.name, "unit": t.unit, "year": g.year, "value": g.value}
        for t in plan.targets
        for g in t.goals
    ]
