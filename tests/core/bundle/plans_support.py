"""The sample plan (tests/data/sample-plan-15.json, named a sample) issued at an office and held at a unit.

A unit is given the plan with PlanRepo.load_catalog, as its home holds any plan's tasks."""

from __future__ import annotations

from typing import Any

from desktop.domain.catalog import parse_catalog
from desktop.domain.catalog_check import normalize
from desktop.store import Store
from desktop.store.catalogs import IssuedCatalog, OfficeCatalogs
from desktop.store.plan import task_uid
from tests.core.catalogs.conftest import sample_plan

SAMPLE_ID = "sample-15fyp"


def issue_sample(office: Store, plan: dict[str, Any] | None = None) -> IssuedCatalog:
    return OfficeCatalogs(office.database, office.audit).add(normalize(plan or sample_plan()), None)


def hold_sample(unit: Store, plan: dict[str, Any] | None = None) -> None:
    unit.plan.load_catalog(parse_catalog(normalize(plan or sample_plan())))


def sample_task_id(unit: Store, key: str) -> int:
    uid = task_uid(SAMPLE_ID, key)
    return next(t.id for t in unit.plan.tasks() if t.uid == uid)
