"""The office takes a record's period only in its canonical code: it matches periods by that code."""

from __future__ import annotations

import pytest

from desktop.services.bundle.format import BundleError, Outcome
from desktop.services.office.payload_checks import parse_record


def _progress(period: str) -> dict[str, object]:
    data = {
        "uid": "p-1",
        "item_uid": "m-1",
        "period": period,
        "status": "推进中",
        "percent": 40,
        "note": "",
        "updated_at": "2026-11-26T20:18:00Z",
        "updated_by": "张三",
    }
    return {"entity": "progress", "op": "upsert", "uid": "p-1", "data": data}


def _review(period: str) -> dict[str, object]:
    data = {
        "uid": period,
        "period": period,
        "state": "approved",
        "updated_at": "2026-11-26T20:18:00Z",
        "updated_by": "李四",
        "comment": "",
    }
    return {"entity": "review", "op": "upsert", "uid": period, "data": data}


@pytest.mark.parametrize("period", ["2026-Q4", "2026-11", "2026"])
def test_canonical_periods_are_taken(period: str) -> None:
    assert parse_record(1, _progress(period)).data["period"] == period  # type: ignore[index]
    assert parse_record(2, _review(period)).uid == period


@pytest.mark.parametrize("period", ["2026-1", "2026-q4", "２０２６-Q4", " 2026-11", "2026－Q4"])
def test_other_spellings_of_a_period_are_refused(period: str) -> None:
    for line in (_progress(period), _review(period)):
        with pytest.raises(BundleError) as caught:
            parse_record(3, line)
        assert caught.value.outcome is Outcome.UNSAFE_CONTENT
        assert "第 3 行" in str(caught.value)
