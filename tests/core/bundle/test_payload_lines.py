"""Records and audit lines are read by msgspec first and by the step-by-step checks only where msgspec refuses:
for any line, good or hostile, the two ways give the same record or the same refusal with the same message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.services.bundle.format import AUDIT, RECORDS, BundleError, CatalogRef
from desktop.services.bundle.manifest import Manifest
from desktop.services.office import payload_checks
from desktop.store.audit import GENESIS, row_hash
from desktop.store.exports import RECORD_FIELDS
from desktop.store.office_records import AUDIT_COLUMNS, RecordOp

GOOD: dict[str, dict[str, Any]] = {
    "progress": {
        "uid": "p-1",
        "item_uid": "m-1",
        "period": "2026-Q4",
        "status": "推进中",
        "percent": 40,
        "note": "本月进展",
        "updated_at": "2026-11-26T20:18:00Z",
        "updated_by": "张三",
    },
    "milestone": {
        "uid": "p-1",
        "task_uid": "t-1",
        "measure_uid": None,
        "title": "建成",
        "due_date": "2026-12-31",
        "target_value": 3,
        "target_unit": "个",
        "target_key": None,
        "actual_value": 1.5,
        "achieved_date": None,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    },
    "review": {
        "uid": "2026-Q4",
        "period": "2026-Q4",
        "state": "approved",
        "updated_at": "2026-11-26T20:18:00Z",
        "updated_by": "李四",
        "comment": "",
    },
}

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(["2026-1", "2026-q4", "已完成", "滞后", "draft", "ab" * 32, "p-1", "2026", "x" * 201]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _reference(number: int, raw: bytes) -> RecordOp | str:
    """The step-by-step checks alone, on the line as the standard json module reads it."""
    try:
        return payload_checks.parse_record(number, json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, ValueError):
        return f"{RECORDS} 第 {number} 行不是有效的 JSON。"
    except BundleError as exc:
        return str(exc)


def _read(tmp: Path, raw: bytes) -> RecordOp | str:
    path = tmp / "records.jsonl"
    path.write_bytes(raw)
    try:
        [op] = list(payload_checks.records(path))
        return op
    except BundleError as exc:
        return str(exc)


@st.composite
def record_lines(draw: st.DrawFn) -> bytes:
    entity = draw(st.sampled_from([*GOOD, "evidence", "measure", "user"]))
    data: dict[str, Any] = dict(GOOD.get(entity, GOOD["progress"]))
    for name in draw(st.lists(st.sampled_from([*data, "extra"]), max_size=3)):
        if draw(st.booleans()):
            data[name] = draw(ODD_VALUES)
        else:
            data.pop(name, None)
    line: dict[str, Any] = {"entity": entity, "op": draw(st.sampled_from(["upsert", "upsert", "delete", "put"]))}
    line["uid"] = draw(st.one_of(st.just(data.get("uid", "p-1")), ODD_VALUES))
    if draw(st.integers(0, 9)):
        line["data"] = data if draw(st.integers(0, 9)) else draw(ODD_VALUES)
    if not draw(st.integers(0, 9)):
        line["more"] = draw(ODD_VALUES)
    raw = json.dumps(line, ensure_ascii=draw(st.booleans())).encode()
    return raw + draw(st.sampled_from([b"\n", b"", b" \n", b"\r\n"]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=record_lines())
def test_a_record_line_is_taken_or_refused_as_the_step_by_step_checks_say(tmp_path: Path, raw: bytes) -> None:
    ours, reference = _read(tmp_path, raw), _reference(1, raw)
    assert ours == reference
    if isinstance(ours, RecordOp) and ours.data is not None:  # floats stay floats, in the record's field order
        assert [type(v) for v in ours.data.values()] == [type(reference.data[k]) for k in ours.data]  # type: ignore[union-attr]
        assert list(ours.data) == [name for name, _, _ in RECORD_FIELDS[ours.entity]]


@pytest.mark.parametrize(
    "raw",
    [
        b"not json\n",
        b"\xff\xfe\n",
        b"[1, 2]\n",
        b'{"entity":"progress","op":"upsert","uid":"p-1","data":{"uid":"p-1","item_uid":"m","period":"2026-Q4",'
        b'"status":"\xe6\x8e\xa8\xe8\xbf\x9b\xe4\xb8\xad","percent":NaN,"note":"","updated_at":"","updated_by":""}}\n',
        b'{"entity":"milestone","op":"upsert","uid":"p-1","data":{"uid":"p-1","task_uid":"t","measure_uid":null,'
        b'"title":"t","due_date":"d","target_value":Infinity,"target_unit":"","target_key":null,'
        b'"actual_value":null,"achieved_date":null,"created_at":"","updated_at":""}}\n',
        b'{"entity":"progress","op":"delete","uid":"p-1","data":[1,2,3]}\n',
        b'{"entity":"progress","op":"upsert","uid":"p-1","uid":"","data":{}}\n',
        b'{"entity":"progress","op":"upsert","uid":"p-1","data":null}\n',
        b'{"entity":"progress","op":"upsert","uid":"p\\ud800","data":{}}\n',
    ],
)
def test_lines_that_only_the_standard_json_module_reads(tmp_path: Path, raw: bytes) -> None:
    assert _read(tmp_path, raw) == _reference(1, raw)


def _audit_row(row_id: int, prev: str, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": row_id,
        "at": "2026-11-26T20:18:00Z",
        "user": "张三",
        "action": "update",
        "entity": "progress",
        "entity_uid": "p-1",
        "before": None,
        "after": '{"percent": 40}',
        "prev_hash": prev,
    }
    row["hash"] = row_hash(*(row[k] for k in AUDIT_COLUMNS[:9]))
    row.update(changes)
    return row


def _manifest(audit_to: int) -> Manifest:
    return Manifest(
        unit="GD-T01",
        unit_name="测试监狱",
        seq=1,
        bundle_id="b",
        prev_hash="",
        kind="full",
        catalogs=(CatalogRef("c", "1"),),
        created_at="2026-11-26T20:18:00Z",
        review_in_use=False,
        held_periods=(),
        audit_from=1,
        audit_to=audit_to,
    )


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({}, None),
        ({"id": True}, "哈希不符"),
        ({"id": 1.0}, "哈希不符"),
        ({"id": 7}, "编号应为 1"),
        ({"action": "rewrite"}, "字段类型无效"),
        ({"before": 3}, "字段类型无效"),
        ({"extra": 1}, "字段与格式不符"),
        ({"prev_hash": "x"}, "审计链断裂"),
        ({"hash": "0" * 64}, "哈希不符"),
    ],
)
def test_audit_lines_read_as_the_step_by_step_checks_say(tmp_path: Path, change: dict[str, Any],
                                                         fragment: str | None) -> None:  # fmt: skip
    first = _audit_row(1, GENESIS, **change)
    second = _audit_row(2, str(first["hash"]))
    path = tmp_path / "audit.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (first, second)), encoding="utf-8")
    if fragment is None:
        rows = list(payload_checks.audit_rows(path, _manifest(2), None))
        assert rows == [first, second] and [list(r) for r in rows] == [list(AUDIT_COLUMNS)] * 2
        return
    with pytest.raises(BundleError) as caught:
        list(payload_checks.audit_rows(path, _manifest(2), None))
    assert fragment in str(caught.value) and f"{AUDIT} 第 1 行" in str(caught.value)
