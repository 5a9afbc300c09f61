"""The office's plan catalogs: read a JSON catalog or a filled template, check it against every rule and the
versions already issued (the shipped plan included), and list what the office holds.

Nothing here writes: `plan_issue` says what storing would do; the operation `issue_catalog` stores it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.domain.catalog_check import Problem, check_catalog, normalize
from desktop.domain.catalog_versions import VersionChanges, check_issue
from desktop.services.catalogs.read import Read
from desktop.store import Store
from desktop.store.catalogs import OfficeCatalogs


@dataclass(frozen=True)
class IssuePlan:
    """A file checked for issuing: `content` (normalized) only when there are no problems."""

    source: Path
    content: dict[str, Any] | None
    problems: tuple[Problem, ...]
    changes: VersionChanges | None
    already_issued: bool


@dataclass(frozen=True)
class CatalogEntry:
    content: dict[str, Any]
    issued_at: str | None  # None for the catalog shipped with the program
    issued_by: str | None

    def as_dict(self) -> dict[str, Any]:
        c = self.content
        tasks = [t for p in c["projects"] for t in p["tasks"]]
        retired = sum(1 for t in [*tasks, *c.get("targets", [])] if t.get("retired"))
        return {
            "id": c["id"],
            "version": c["version"],
            "title": c["title"],
            "years": [c["start_year"], c["end_year"]],
            "counts": {
                "projects": len(c["projects"]),
                "tasks": len(tasks),
                "targets": len(c.get("targets", [])),
                "retired": retired,
            },
            "issued_at": self.issued_at,
            "shipped": self.issued_at is None,
        }


def read_json(path: Path) -> Read:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return Read(None, [Problem(path.name, "不是 UTF-8 编码的 JSON 文件：请以 UTF-8 保存后再导入。")])
    except json.JSONDecodeError as exc:
        return Read(None, [Problem(path.name, f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）。")])
    return Read(data)


def read_catalog_file(path: Path) -> Read:
    """A `.json` file is a catalog of the shipped shape; anything else must be the filled Excel template."""
    if not path.is_file():
        return Read(None, [Problem(str(path), "找不到这个文件：请检查路径。")])
    if path.suffix.lower() == ".json":
        read = read_json(path)
    else:
        from desktop.services.catalogs.template import read_template  # openpyxl: loaded only for a workbook

        read = read_template(path)
    if read.data is not None:
        read.problems.extend(check_catalog(read.data, read.where))
    return read


def shipped_catalogs() -> list[dict[str, Any]]:
    """The catalogs shipped with the program (the 十四五 plan), normalized."""
    found = []
    for file in sorted(paths.catalogs_dir().glob("*.json")):
        found.append(normalize(json.loads(file.read_text(encoding="utf-8"))))
    return found


def list_catalogs(store: Store) -> list[CatalogEntry]:
    entries = [CatalogEntry(c, None, None) for c in shipped_catalogs()]
    for issued in OfficeCatalogs(store.database, store.audit).issued():
        entries.append(CatalogEntry(issued.content, issued.issued_at, issued.issued_by))
    return entries


def plan_issue(store: Store, path: Path) -> IssuePlan:
    read = read_catalog_file(path)
    if read.problems or read.data is None:
        return IssuePlan(path, None, tuple(read.problems), None, False)
    content = normalize(read.data)
    check = check_issue(content, [e.content for e in list_catalogs(store)])
    if check.problems:
        problems = tuple(Problem(read.where(p.where), p.message) for p in check.problems)
        return IssuePlan(path, None, problems, check.changes, False)
    return IssuePlan(path, content, (), check.changes, check.already_issued)
