"""The cover names the last exported bundle: 尚未导出 before the first export, its sequence number after."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.services.reports.unit_data import NOT_EXPORTED, collect_unit_report
from desktop.services.reports.unit_pdf import render_unit_pdf
from desktop.store import Store
from tests.core.bundle.conftest import add_work, export, office_keys, stick, unit  # noqa: F401 - fixtures
from tests.core.reports.conftest import NOW, PERIOD, pdf_pages


def test_cover_shows_last_bundle_seq(unit: Store, stick: Path, tmp_path: Path) -> None:  # noqa: F811
    add_work(unit, tmp_path)
    assert collect_unit_report(unit, PERIOD, NOW).bundle_text == NOT_EXPORTED
    export(unit, stick)
    export(unit, stick)
    data = collect_unit_report(unit, PERIOD, NOW)
    assert data.last_bundle_seq == 2 and data.bundle_text == "第 2 批"
    out = tmp_path / "r.pdf"
    render_unit_pdf(data, out)
    assert "最近导出批次第2批" in re.sub(r"\s+", "", pdf_pages(out)[0])
