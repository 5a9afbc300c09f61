"""Fixtures for the office's answers: an office and an enrolled unit whose first bundle the office accepted,
and helpers to write answers, receive them and snapshot what a refusal must not change."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.status import Status
from desktop.services.answer.office import AnswerRun, write_answers
from desktop.services.answer.receive import ReceiveRun, receive_answers
from desktop.store import Store
from desktop.store.db import DB_FILENAME
from tests.core.bundle.conftest import (  # noqa: F401 - fixtures
    OFFICE_PASSPHRASE,
    OfficeKeys,
    accept,
    enroll,
    export,
    make_office,
    make_unit,
    office_keys,
    suite_office_keys,
)


@dataclass
class Pair:
    office: Store
    unit: Store
    keys: OfficeKeys
    root: Path

    def export_and_import(self, name: str) -> None:
        stick = self.root / name
        result = export(self.unit, stick)
        accept(self.office, self.keys.identity, result.path)

    def answer(self, name: str, **options: Any) -> AnswerRun:
        out = self.root / name
        out.mkdir(exist_ok=True)
        return write_answers(self.office, out, OFFICE_PASSPHRASE, **options)

    def receive(self, *paths: Path) -> ReceiveRun:
        return receive_answers(self.unit, list(paths))


@pytest.fixture
def pair(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> Iterator[Pair]:  # noqa: F811
    """An office and unit GD-T01 (enrolled from its unit.pub), one progress entry in 2026-Q3, bundle 1 accepted."""
    office = make_office(tmp_path / "省局", catalog, office_keys)
    unit = make_unit(tmp_path / "单位", catalog, "GD-T01", office_keys.folder / "office.pub")
    enroll(office, unit)
    task = unit.plan.tasks()[0]
    unit.progress.record(task.id, "2026-Q3", Status.IN_PROGRESS, 40, "第三季度进展")
    pair = Pair(office, unit, office_keys, tmp_path)
    pair.export_and_import("U盘1")
    yield pair
    office.close()
    unit.close()


def unit_data(unit: Store) -> dict[str, Any]:
    """Every table of the unit's database except the log of refused answers, and the key files."""
    conn = sqlite3.connect(f"file:{unit.home.root / DB_FILENAME}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] not in ("answer_refused", "sqlite_sequence")
        ]
        data: dict[str, Any] = {t: sorted(map(repr, conn.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
    finally:
        conn.close()
    data["keys"] = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(unit.home.keys.iterdir())}
    return data


def only(stick: Path, prefix: str = "PO-") -> Path:
    found = sorted(p for p in stick.iterdir() if p.name.startswith(prefix))
    assert len(found) == 1, found
    return found[0]
