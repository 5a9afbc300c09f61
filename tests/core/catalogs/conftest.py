"""Fixtures for the office's plan catalogs: the sample plan (named a sample, never a real plan), a template
filled from it the way a clerk fills one, and an office home."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.domain.catalog import Catalog
from desktop.services.catalogs.template import PLAN, PLAN_FIELDS, TARGETS, TASKS, write_template
from desktop.store import Store
from desktop.store.db import DB_FILENAME

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample-plan-15.json"


def sample_plan() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def fill_template(path: Path, plan: dict[str, Any]) -> Path:
    """Write the program's template and type the plan into it, one task and one goal per row."""
    write_template(path)
    wb = load_workbook(path)
    for row, (name, _label, _note) in enumerate(PLAN_FIELDS, start=2):
        wb[PLAN].cell(row, 2, plan[name])
    row = 2
    for project in plan["projects"]:
        for task in project["tasks"]:
            values = [project["number"], project["name"], task["key"], task["text"], task.get("retired")]
            for col, value in enumerate(values, start=1):
                wb[TASKS].cell(row, col, value)
            row += 1
    row = 2
    for target in plan["targets"]:
        for goal in target["goals"]:
            values = [
                target["key"],
                target["name"],
                target["unit"],
                target["task"],
                goal["year"],
                goal["value"],
                target.get("retired"),
            ]
            for col, value in enumerate(values, start=1):
                wb[TARGETS].cell(row, col, value)
            row += 1
    wb.save(path)
    return path


def write_json(path: Path, plan: dict[str, Any]) -> Path:
    path.write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def office_home(tmp_path: Path, catalog: Catalog) -> Path:
    root = tmp_path / "省局 数据"
    Store.create(root, "省局经办", "office", catalog).close()
    return root


@pytest.fixture
def stored(office_home: Path) -> Callable[[], tuple[list[tuple[Any, ...]], int]]:
    """The issued catalogs and the number of audit rows: what a refusal must leave as it was."""

    def snapshot() -> tuple[list[tuple[Any, ...]], int]:
        conn = sqlite3.connect(office_home / DB_FILENAME)
        try:
            rows = conn.execute("SELECT id, version, content FROM office_catalog ORDER BY id, version").fetchall()
            audit = int(conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0])
        finally:
            conn.close()
        return rows, audit

    return snapshot
