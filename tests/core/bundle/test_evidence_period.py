"""The period an evidence file belongs to travels with its record from unit to office; a bundle without it (made
by the release before periods were kept, or for a file whose period is not set) is read as "not set"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.services import operations as ops
from desktop.services.bundle.format import RECORDS, BundleError
from desktop.services.office import evidence as office_evidence
from desktop.services.office import payload_checks
from desktop.store import Store
from desktop.store.exports import ExportRepo
from tests.core.bundle.conftest import OfficeKeys, accept, add_work, enroll, export, only_bundle

# The evidence record exactly as the release before periods wrote it into records.jsonl.
EARLIER_FIELDS = (
    "uid",
    "item_uid",
    "sha256",
    "title",
    "category",
    "original_name",
    "size",
    "media_type",
    "added_by",
    "added_at",
)
EARLIER_LINE: dict[str, Any] = {
    "entity": "evidence",
    "op": "upsert",
    "uid": "e-1",
    "data": {
        "uid": "e-1",
        "item_uid": "m-1",
        "sha256": "ab" * 32,
        "title": "会议纪要",
        "category": "文件",
        "original_name": "会议纪要.pdf",
        "size": 10,
        "media_type": "application/pdf",
        "added_by": "张三",
        "added_at": "2026-11-26T08:00:00Z",
    },
}


def _evidence_lines(unit: Store, seq: int) -> list[dict[str, Any]]:
    [records] = [e for e in ExportRepo(unit.database, unit.audit).entries(seq) if e.name == RECORDS]
    assert records.content is not None
    lines = [json.loads(line) for line in records.content.decode("utf-8").splitlines()]
    return [line for line in lines if line["entity"] == "evidence"]


def _office_periods(office: Store) -> list[str | None]:
    return [e.period for e in office_evidence.list_evidence(office)]


def test_the_period_travels_to_the_office_and_changes_with_the_next_delta(
    unit: Store, office: Store, office_keys: OfficeKeys, stick: Path, tmp_path: Path
) -> None:
    enroll(office, unit)
    add_work(unit, tmp_path)
    record = unit.evidence.find()[0]
    ops.update_evidence(unit, record.id, period="2026-Q4")
    first = export(unit, stick / "1")
    assert [line["data"]["period"] for line in _evidence_lines(unit, first.seq)] == ["2026-Q4"]
    accept(office, office_keys.identity, only_bundle(stick / "1"))
    assert _office_periods(office) == ["2026-Q4"]

    ops.update_evidence(unit, record.id, period="2026-11")
    second = export(unit, stick / "2")
    assert (second.kind, second.upserts, second.evidence) == ("delta", 1, 0)  # the record, not the file again
    accept(office, office_keys.identity, only_bundle(stick / "2"))
    assert _office_periods(office) == ["2026-11"]

    ops.update_evidence(unit, record.id, period="")  # cleared: the record travels without the field
    third = export(unit, stick / "3")
    assert "period" not in _evidence_lines(unit, third.seq)[0]["data"]
    accept(office, office_keys.identity, only_bundle(stick / "3"))
    assert _office_periods(office) == [None]


def test_a_file_without_a_period_travels_as_the_earlier_release_sent_it(
    unit: Store, office: Store, office_keys: OfficeKeys, stick: Path, tmp_path: Path
) -> None:
    """Its line is the earlier release's line, field for field, so its digest did not change with the upgrade
    (no record is sent again for nothing) and an office reads such a line as "no period"."""
    enroll(office, unit)
    add_work(unit, tmp_path)
    result = export(unit, stick / "1")
    [line] = _evidence_lines(unit, result.seq)
    assert sorted(line["data"]) == sorted(EARLIER_FIELDS)
    accept(office, office_keys.identity, only_bundle(stick / "1"))
    assert _office_periods(office) == [None]
    assert export(unit, stick / "2").upserts == 0  # nothing waits: the record is as it was sent


def _read(tmp_path: Path, line: dict[str, Any]) -> Any:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    [op] = list(payload_checks.records(path))
    return op


def test_an_earlier_release_line_is_read_with_no_period(tmp_path: Path) -> None:
    op = _read(tmp_path, EARLIER_LINE)
    assert op.data["period"] is None
    assert {k: v for k, v in op.data.items() if k != "period"} == EARLIER_LINE["data"]
    assert payload_checks.parse_record(1, EARLIER_LINE) == op  # the step-by-step checks read it the same


def test_a_line_with_a_period_is_read_with_it(tmp_path: Path) -> None:
    line = {**EARLIER_LINE, "data": {**EARLIER_LINE["data"], "period": "2026-Q4"}}
    op = _read(tmp_path, line)
    assert op.data["period"] == "2026-Q4"
    assert payload_checks.parse_record(1, line) == op


@pytest.mark.parametrize(
    ("period", "message"),
    [("2026-13", "的取值无效"), ("2026-q4", "的取值无效"), ("明年", "的取值无效"), (2026, "的字段 period 类型无效")],
)
def test_a_malformed_period_in_a_payload_is_refused(tmp_path: Path, period: object, message: str) -> None:
    """Periods are matched by their code: one that is not a period's code is refused like a progress period."""
    line = {**EARLIER_LINE, "data": {**EARLIER_LINE["data"], "period": period}}
    with pytest.raises(BundleError) as caught:
        _read(tmp_path, line)
    assert f"{RECORDS} 第 1 行 {message}" in str(caught.value)
    with pytest.raises(BundleError) as stepwise:
        payload_checks.parse_record(1, line)
    assert str(stepwise.value) == str(caught.value)
