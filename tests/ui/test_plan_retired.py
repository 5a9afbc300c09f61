"""The plan tree shows the current plan, and a task a new version retired as 已调整 with its records kept.
Built from the sample plan (a sample, never a real plan)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex

from desktop.domain.catalog_check import normalize
from desktop.domain.status import Status
from desktop.store import Store
from desktop.store.unit_answers import ReceivedAnswer, UnitAnswers
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.session import Session
from tests.core.catalogs.conftest import sample_plan


def _receive(store: Store, seq: int, plan: dict[str, Any]) -> None:
    answer = ReceivedAnswer(seq, f"answer-{seq}", "key", "2026-12-01T00:00:00Z", "", "", "测试")
    UnitAnswers(store.database, store.audit).apply(answer, [], [], [], [normalize(plan)])


def _rows(page: PlanPage) -> dict[str, tuple[str, str]]:
    """Every task row of the tree: name -> (name, status)."""
    model = page.model
    found: dict[str, tuple[str, str]] = {}
    for p in range(model.rowCount(QModelIndex())):
        project = model.index(p, 0, QModelIndex())
        for t in range(model.rowCount(project)):
            name = str(model.index(t, 0, project).data())
            found[name.split(" ")[0]] = (name, str(model.index(t, 2, project).data()))
    return found


def test_the_tree_marks_a_retired_task_and_keeps_its_records(qtbot, store: Store, clerk: Session) -> None:
    plan = sample_plan()
    _receive(store, 1, plan)
    task = next(t for t in store.plan.tasks(catalog="sample-15fyp") if t.key == "1.02")
    measure = store.measures.add(task.id, "示例措施：组织测试培训")
    store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 50, "措施进展")
    plan["version"] = "1.1.0"
    plan["projects"][0]["tasks"][1]["retired"] = "1.1.0"
    _receive(store, 2, plan)

    page = PlanPage(clerk)
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    rows = _rows(page)
    assert set(rows) == {"1.01", "1.02", "2.01"}  # the current plan only (its years hold today)
    assert rows["1.02"][1].startswith("已调整（")
    assert not rows["1.01"][1].startswith("已调整")
    shot = os.environ.get("PLANPROGRESS_SHOT")
    if shot:  # a look at it: PLANPROGRESS_SHOT=/tmp/tree.png
        from desktop.ui.fonts import ensure_cjk_font

        ensure_cjk_font()
        page.grab().save(str(Path(shot)))
