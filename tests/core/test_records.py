"""Records of the domain and the store are msgspec Structs: a frozen dataclass costs ~1.2 ms to define at
start-up and builds ~7x slower (desktop/domain/model.py says why), so a new dataclass here would quietly
bring the cost back. The records keep what callers rely on: frozen, hashable, ordered periods."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import msgspec
import pytest

import desktop.domain
import desktop.store
from desktop.domain.model import Project
from desktop.domain.periods import Period, PeriodKind, parse_period


def _record_modules() -> list[str]:
    names = []
    for package in (desktop.domain, desktop.store):
        names += [m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + ".")]
    return sorted(set(names))


@pytest.mark.parametrize("module_name", _record_modules())
def test_no_dataclass_is_defined_in_the_domain_or_the_store(module_name: str) -> None:
    module = importlib.import_module(module_name)
    classes = [c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == module_name]
    assert [c.__name__ for c in classes if dataclasses.is_dataclass(c)] == []


def test_the_scan_finds_the_records() -> None:
    modules = _record_modules()
    assert {"desktop.domain.model", "desktop.domain.catalog", "desktop.store.overview"} <= set(modules)
    records = [c for _, c in inspect.getmembers(importlib.import_module("desktop.domain.model"), inspect.isclass)]
    assert Project in records and issubclass(Project, msgspec.Struct)


def test_records_are_frozen_and_hashable() -> None:
    project = Project(1, 1, "凝心聚力工程")
    with pytest.raises(AttributeError):
        project.name = "改名"  # type: ignore[misc]
    assert project == Project(id=1, number=1, name="凝心聚力工程")
    assert len({project, Project(1, 1, "凝心聚力工程")}) == 1
    assert msgspec.structs.replace(project, name="空的工程").name == "空的工程"
    assert msgspec.structs.asdict(project) == {"id": 1, "number": 1, "name": "凝心聚力工程", "catalog": ""}


def test_periods_sort_by_year_then_index() -> None:
    codes = ["2026-Q4", "2025-Q1", "2026-Q1"]
    assert [p.code for p in sorted(parse_period(c) for c in codes)] == ["2025-Q1", "2026-Q1", "2026-Q4"]
    assert Period(2026, PeriodKind.MONTH, 3) < Period(2026, PeriodKind.MONTH, 11)
