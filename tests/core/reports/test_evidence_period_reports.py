"""The period an evidence file belongs to (所属期) in the unit's reports: the PDF's evidence index and the ledger's
佐证材料 sheet; the ledger import still passes that sheet by."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook

from desktop.services import operations as ops
from desktop.services.reports import ledger_layout as lay
from desktop.services.reports.ledger_import import plan_ledger_import
from desktop.services.reports.ledger_xlsx import export_ledger
from desktop.services.reports.unit_data import collect_unit_report
from desktop.services.reports.unit_pdf import render_unit_pdf
from tests.core.reports.conftest import NOW, PERIOD, Sample, pdf_pages


def _set_periods(sample: Sample) -> dict[int, str | None]:
    """The first file belongs to 2026-Q4, the second to November, the rest to no period."""
    records = sample.store.evidence.find()
    ops.update_evidence(sample.store, records[0].id, period="2026-Q4")
    ops.update_evidence(sample.store, records[1].id, period="2026-11")
    return {r.id: sample.store.evidence.get(r.id).period for r in records}


def test_the_pdf_evidence_index_shows_the_period(sample: Sample, tmp_path: Path) -> None:
    _set_periods(sample)
    out = tmp_path / "报告.pdf"
    render_unit_pdf(collect_unit_report(sample.store, PERIOD, NOW), out)
    index = next(page for page in pdf_pages(out) if "佐证材料索引" in page)
    text = re.sub(r"\s+", "", index)
    assert "所属期" in text
    assert "2026年第四季度" in text and "2026年11月" in text


def test_the_ledger_evidence_sheet_shows_the_period_and_import_passes_it_by(sample: Sample, tmp_path: Path) -> None:
    periods = _set_periods(sample)
    out = tmp_path / "台账.xlsx"
    export_ledger(collect_unit_report(sample.store, PERIOD, NOW), out)
    ws = load_workbook(out)[lay.EVIDENCE_SHEET]
    header = [c.value for c in ws[1]]
    assert "所属期" in header
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)]
    assert {int(str(r["编号"])): r["所属期"] for r in rows} == periods
    plan = plan_ledger_import(sample.store, out)
    assert lay.EVIDENCE_SHEET in plan.skipped_sheets and plan.problems == []
