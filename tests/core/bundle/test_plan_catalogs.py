"""Bundles name every plan the unit holds (format version 2); the office reads versions 1 and 2, accepts the
plans it issued (and the shipped one) and refuses any other plan or version with nothing stored."""

from __future__ import annotations

import json
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.status import Status
from desktop.services.bundle.format import FORMAT_VERSION, RECORDS, CatalogRef, Outcome
from desktop.services.bundle.header import Header
from desktop.services.bundle.manifest import Manifest
from desktop.store import Store
from desktop.store.exports import ExportRepo
from tests.core.bundle.conftest import OfficeKeys, accept, add_work, enroll, export, intake, office_unit_data
from tests.core.bundle.crafting import Craft, craft_bundle, entry, regular
from tests.core.bundle.plans_support import SAMPLE_ID, hold_sample, issue_sample, sample_task_id
from tests.core.catalogs.conftest import sample_plan
from tests.core.conftest import CliResult

SHIPPED = CatalogRef("gd-prison-14fyp", "1.0.0")
V1_HOMES = Path(__file__).resolve().parents[2] / "data" / "bundle_v1.tar.gz"
V1_PASSPHRASE = "v1 office pass 2026"


def _last(result: CliResult) -> Any:
    """The result line of a command that reports progress as JSON lines first."""
    return json.loads(result.out.splitlines()[-1])


def _manifest(unit: Store, seq: int) -> Manifest:
    content = ExportRepo(unit.database, unit.audit).entries(seq)[0].content
    assert content is not None
    return Manifest.parse(content)


def test_format_2_names_every_plan_held_and_round_trips(
    office: Store, unit: Store, stick: Path, tmp_path: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    issue_sample(office)
    hold_sample(unit)
    add_work(unit, tmp_path)  # on a task of the shipped plan
    task = sample_task_id(unit, "1.02")
    unit.progress.record(task, "2027-Q1", Status.IN_PROGRESS, 30, "示例进展")
    result = export(unit, stick)
    raw = json.loads((result.path / "bundle.json").read_text(encoding="utf-8"))
    assert raw["format_version"] == FORMAT_VERSION == 2
    assert raw["catalogs"] == [{"id": "gd-prison-14fyp", "version": "1.0.0"}, {"id": SAMPLE_ID, "version": "1.0.0"}]
    assert "catalog_id" not in raw and "catalog_version" not in raw
    header = Header.parse((result.path / "bundle.json").read_bytes())
    manifest = _manifest(unit, result.seq)
    assert header.catalogs == manifest.catalogs == (SHIPPED, CatalogRef(SAMPLE_ID, "1.0.0"))
    assert json.loads(manifest.to_json())["format_version"] == 2

    accept(office, office_keys.identity, result.path)
    rows = office.database.query("SELECT item_uid, period, percent FROM unit_progress ORDER BY item_uid")
    assert (f"{SAMPLE_ID}/1.02", "2027-Q1", 30) in [(r["item_uid"], r["period"], r["percent"]) for r in rows]


def test_a_newer_version_held_by_the_unit_names_that_version(unit: Store, stick: Path) -> None:
    hold_sample(unit)
    newer = sample_plan() | {"version": "1.1.0"}
    hold_sample(unit, newer)
    manifest = _manifest(unit, export(unit, stick).seq)
    assert manifest.catalogs == (SHIPPED, CatalogRef(SAMPLE_ID, "1.1.0"))


@pytest.mark.parametrize("issued", [None, "1.0.0"])
def test_a_plan_or_version_the_office_never_issued_is_refused(
    issued: str | None, office: Store, unit: Store, stick: Path, tmp_path: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    if issued:
        issue_sample(office)  # 1.0.0 issued; the unit holds 1.1.0, which this office never issued
    hold_sample(unit, sample_plan() | {"version": "1.1.0"})
    add_work(unit, tmp_path)
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, export(unit, stick).path)
    assert result.outcome is Outcome.UNKNOWN_CATALOG
    assert f"{SAMPLE_ID} 1.1.0" in result.message and "本省局没有发布过这个版本" in result.message
    assert "gd-prison-14fyp 1.0.0" in result.message  # what the office has
    assert ("、sample-15fyp 1.0.0" in result.message) == bool(issued)
    assert "未导入任何内容" in result.message and "province catalog add" in result.message
    assert office_unit_data(office) == before
    assert result.quarantine and Path(result.quarantine).is_dir()


def test_records_of_a_plan_the_bundle_does_not_name_are_refused(
    office: Store, unit: Store, tmp_path: Path, office_keys: OfficeKeys
) -> None:
    enroll(office, unit)
    issue_sample(office)
    line = {
        "entity": "progress", "op": "upsert", "uid": "p-1",
        "data": {"uid": "p-1", "item_uid": f"{SAMPLE_ID}/1.01", "period": "2027-Q1", "status": "推进中",
                 "percent": 10, "note": "", "updated_at": "2027-03-01T08:00:00Z", "updated_by": "x"},
    }  # fmt: skip
    data = json.dumps(line, ensure_ascii=False).encode() + b"\n"
    craft = Craft(body=regular(RECORDS, data), entries=[entry(RECORDS, data)], catalogs=(SHIPPED,))
    bundle = craft_bundle(unit, tmp_path / "stick", craft)
    before = office_unit_data(office)
    [result] = intake(office, office_keys.identity, bundle)
    assert result.outcome is Outcome.UNSAFE_CONTENT
    assert f"“{SAMPLE_ID}”的任务" in result.message and "未列出这个规划目录" in result.message
    assert office_unit_data(office) == before

    named = Craft(body=craft.body, entries=craft.entries, catalogs=(SHIPPED, CatalogRef(SAMPLE_ID, "1.0.0")), seq=1)
    [again] = intake(office, office_keys.identity, craft_bundle(unit, tmp_path / "stick2", named))
    assert again.outcome is Outcome.ACCEPTED, again.message


@pytest.mark.parametrize(
    "catalogs",
    [[], [{"id": "x"}], [{"id": "a", "version": "1"}, {"id": "a", "version": "2"}], "gd-prison-14fyp", None],
)
def test_a_header_with_a_bad_catalog_list_is_damaged(catalogs: object, unit: Store, stick: Path) -> None:
    path = export(unit, stick).path / "bundle.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["catalogs"] = catalogs
    with pytest.raises(Exception) as caught:
        Header.parse(json.dumps(data).encode())
    assert "bundle.json 中的字段 catalogs 缺失或无效" in str(caught.value)


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    """An office, its unit GD-V1 and the unit's first bundle (format 1), made by the release before format 2."""
    with tarfile.open(V1_HOMES) as archive:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(tmp_path, **safe)  # type: ignore[arg-type]
    return tmp_path


def test_a_version_1_bundle_still_imports(
    v1: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    office, unit, stick = v1 / "office", v1 / "unit", v1 / "stick"
    header = Header.parse((stick / "PB-GD-V1-000001" / "bundle.json").read_bytes())
    assert header.format_version == 1 and header.catalogs == (SHIPPED,)
    monkeypatch.setenv("PLANPROGRESS_PASSPHRASE", V1_PASSPHRASE)
    imported = cli("--json", "province", "import", str(stick), home_dir=office)
    assert imported.code == 0, imported.out + imported.err
    assert [r["outcome"] for r in _last(imported)["bundles"]] == ["accepted"]
    status = cli("--json", "province", "status", "--period", "2026-Q3", "--today", "2026-09-30", home_dir=office)
    [entry_] = status.json()["units"]
    assert entry_["code"] == "GD-V1" and entry_["projects"][0]["percent"] > 0

    # the upgraded unit resends its version 1 bundle: the same manifest (the chain link) in a version 2 header
    monkeypatch.delenv("PLANPROGRESS_PASSPHRASE")
    resend = v1 / "resend"
    resend.mkdir()
    assert cli("export", "--resend", "1", "--out", str(resend), home_dir=unit).code == 0
    again = Header.parse((resend / "PB-GD-V1-000001" / "bundle.json").read_bytes())
    assert again.format_version == 2 and again.catalogs == (SHIPPED,) and again.bundle_hash == header.bundle_hash
    monkeypatch.setenv("PLANPROGRESS_PASSPHRASE", V1_PASSPHRASE)
    second = cli("--json", "province", "import", str(resend), home_dir=office)
    assert [r["outcome"] for r in _last(second)["bundles"]] == ["already_imported"], second.out
    monkeypatch.delenv("PLANPROGRESS_PASSPHRASE")
    nxt = cli("--json", "export", "--out", str(stick), home_dir=unit)  # the next bundle is format 2
    assert nxt.code == 0, nxt.err
    assert json.loads((stick / "PB-GD-V1-000002" / "bundle.json").read_text())["format_version"] == 2
