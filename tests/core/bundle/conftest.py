"""Fixtures for bundle tests: an office home with its age key pair, unit homes with signing keys, and
helpers to export, import and snapshot the office's unit data.

The office's passphrase-protected identity costs seconds of scrypt to make and to open, so it is made once
per session; service-level tests pass the opened identity, CLI tests open it as a clerk would.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest

from desktop.domain.catalog import Catalog
from desktop.domain.status import Status
from desktop.services import keys
from desktop.services import office_keys as office_key_files
from desktop.services.bundle.export import ExportResult, export_bundle
from desktop.services.office import registry
from desktop.services.office.intake import Intake, IntakeResult
from desktop.services.suite import AGE, GM, Suite
from desktop.store import Home, Store
from desktop.store.db import DB_FILENAME, Clock, utc_now

OFFICE_PASSPHRASE = "省局 口令 2026"
UNIT_TABLES = ("unit_measure", "unit_milestone", "unit_progress", "unit_evidence", "unit_review", "unit_audit")
CHAIN_TABLES = ("office_bundle", "office_blob")


@dataclass(frozen=True)
class OfficeKeys:
    folder: Path  # holds office.key (age passphrase format, or SM2 PKCS#8 in the 国密 suite) and office.pub
    identity: pyrage.x25519.Identity | office_key_files.OfficeIdentities
    public_key: str
    suite: Suite = AGE


_MADE: dict[str, OfficeKeys] = {}


def _office_keys(factory: pytest.TempPathFactory, suite: Suite) -> OfficeKeys:
    """The office keys of `suite`, made once per session (unlocking them costs seconds)."""
    if suite.short not in _MADE:
        root = factory.mktemp(f"office-keys-{suite.short}")
        info = office_key_files.create_office_key(Home(root), OFFICE_PASSPHRASE, [], "测试省局", suite)
        if suite is AGE:
            identity: pyrage.x25519.Identity | office_key_files.OfficeIdentities = (
                office_key_files.load_office_identity(Home(root), OFFICE_PASSPHRASE)
            )
        else:
            identity = office_key_files.load_office_keys(Home(root), OFFICE_PASSPHRASE)
        _MADE[suite.short] = OfficeKeys(root / "keys", identity, info.public_key, suite)
    return _MADE[suite.short]


@pytest.fixture(scope="session")
def age_office_keys(tmp_path_factory: pytest.TempPathFactory) -> OfficeKeys:
    return _office_keys(tmp_path_factory, AGE)


@pytest.fixture(scope="session")
def gm_office_keys(tmp_path_factory: pytest.TempPathFactory) -> OfficeKeys:
    """A 国密 office: SM2 keys only (province init --suite gm)."""
    return _office_keys(tmp_path_factory, GM)


@pytest.fixture(scope="session")
def office_keys(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> OfficeKeys:
    """The age office's keys; a test marked `BOTH_SUITES` gets each suite's in turn."""
    return _office_keys(tmp_path_factory, GM if getattr(request, "param", AGE.short) == GM.short else AGE)


@pytest.fixture(scope="session", params=[AGE.short, GM.short])
def suite_office_keys(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> OfficeKeys:
    """The office keys of each suite in turn: a module that overrides `office_keys` with this runs every test
    for both suites."""
    return _office_keys(tmp_path_factory, GM if request.param == GM.short else AGE)


BOTH_SUITES = pytest.mark.parametrize("office_keys", [AGE.short, GM.short], indirect=True)


def make_office(root: Path, catalog: Catalog, office_keys: OfficeKeys) -> Store:
    store = Store.create(root, "省局经办", "office", catalog)
    shutil.copytree(office_keys.folder, root / "keys")
    return store


@pytest.fixture
def office(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> Iterator[Store]:
    with make_office(tmp_path / "省局 数据", catalog, office_keys) as store:
        yield store


def make_unit(
    root: Path, catalog: Catalog, code: str, office_pub: Path, passphrase: str | None = None, clock: Clock = utc_now
) -> Store:
    store = Store.create(root, "填报员", "unit", catalog, clock)
    store.set_unit(code, f"{code} 监狱")
    suite, _ = keys.office_pub_suite(office_pub.read_bytes(), office_pub.name)  # units follow the office's suite
    keys.create_unit_key(store.home, code, passphrase, suite)
    keys.import_office_key(store.home, office_pub)
    return store


@pytest.fixture
def unit(tmp_path: Path, catalog: Catalog, office_keys: OfficeKeys) -> Iterator[Store]:
    with make_unit(tmp_path / "单位 GD-T01", catalog, "GD-T01", office_keys.folder / "office.pub") as store:
        yield store


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "U盘 (E)"
    folder.mkdir()
    return folder


def enroll(office: Store, unit: Store) -> None:
    registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, unit.unit().code)


def export(unit: Store, out: Path, **options: Any) -> ExportResult:
    out.mkdir(parents=True, exist_ok=True)
    return export_bundle(unit, out, **options)


def intake(
    office: Store, identity: pyrage.x25519.Identity | office_key_files.OfficeIdentities, *bundles: Path
) -> list[IntakeResult]:
    return Intake(office, identity).run(list(bundles))


def accept(
    office: Store, identity: pyrage.x25519.Identity | office_key_files.OfficeIdentities, *bundles: Path
) -> list[IntakeResult]:
    results = intake(office, identity, *bundles)
    assert all(r.ok for r in results), [(r.name, r.outcome, r.message) for r in results]
    return results


def add_work(unit: Store, tmp_path: Path, tag: str = "一", *, period: str = "2026-Q4", size: int = 2048) -> int:
    """A measure with progress and a milestone, plus an evidence file with a Chinese name and a space."""
    task = unit.plan.tasks()[0]
    measure = unit.measures.add(task.id, f"措施{tag}", department="政治处", person="张三")
    unit.progress.record(measure.id, period, Status.IN_PROGRESS, 40, f"进展{tag}")
    milestone = unit.milestones.add(measure.id, f"节点{tag}", dt.date(2026, 12, 31), target_value=100, target_unit="%")
    source = tmp_path / f"佐证 材料{tag}.pdf"
    source.write_bytes(b"%PDF-1.4\n" + tag.encode() * size)
    unit.evidence.add(milestone.id, source, category="照片")
    return measure.id


def only_bundle(stick: Path) -> Path:
    bundles = sorted(p for p in stick.iterdir() if p.name.startswith("PB-"))
    assert len(bundles) == 1, bundles
    return bundles[0]


def office_unit_data(office: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the office holds about units' data and chains (what no rejected bundle may change)."""
    conn = sqlite3.connect(f"file:{office.home.root / DB_FILENAME}?mode=ro", uri=True)
    try:
        data = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in UNIT_TABLES + CHAIN_TABLES}
        data["office_unit"] = sorted(
            conn.execute("SELECT code, epoch, last_seq, last_hash, last_at, resync FROM office_unit").fetchall()
        )
    finally:
        conn.close()
    blobs = office.home.root / "evidence"
    data["files"] = (
        sorted((str(p.relative_to(blobs)),) for p in blobs.rglob("*") if p.is_file()) if blobs.exists() else []
    )
    return data


def records_without_seq(office: Store, code: str) -> dict[str, list[tuple[Any, ...]]]:
    """A unit's merged records with the bookkeeping column `seq` left out (delta vs full comparisons)."""
    conn = sqlite3.connect(f"file:{office.home.root / DB_FILENAME}?mode=ro", uri=True)
    try:
        out = {}
        for table in UNIT_TABLES:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "seq"]
            rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE unit = ?", (code,)).fetchall()
            out[table] = sorted(rows)
    finally:
        conn.close()
    return out


Mutator = Callable[[Path], None]


def copy_bundle(bundle: Path, into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    target = into / bundle.name
    shutil.copytree(bundle, target)
    return target


def flip_byte(path: Path, offset: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    where = len(data) // 2 if offset is None else offset
    data[where] ^= 0x01
    path.write_bytes(bytes(data))
