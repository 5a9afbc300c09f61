"""Reporting periods on screen follow the interface language (Q4 2026 in English, 2026年第四季度 in Chinese, as
before); reports and their file names keep the Chinese label, they are documents for the provincial office."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from desktop.domain.periods import parse_period
from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui.dialogs.report_dialog import ReportDialog
from desktop.ui.export.targets import describe
from desktop.ui.export.wizard import ExportWizard
from desktop.ui.format import period_code_label, period_label
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.session import Session
from desktop.ui.widgets.period_selector import KIND_LABELS, PeriodSelector

from .bundle_support import give_unit_keys
from .conftest import TODAY
from .test_translations_complete import english  # noqa: F401  (the fixture: English by the program's own route)

ENGLISH = {"2026-Q4": "Q4 2026", "2026-Q1": "Q1 2026", "2026-11": "11/2026", "2026-03": "3/2026", "2026": "2026"}
CHINESE = {"2026-Q4": "2026年第四季度", "2026-Q1": "2026年第一季度", "2026-11": "2026年11月", "2026-03": "2026年3月"}


@pytest.fixture
def reported(store: Store) -> Store:
    """Progress in a quarter, a month and a whole year (a reviewer exists, so none of it is approved yet)."""
    measure = store.measures.add(store.plan.tasks()[0].id, "开展理想信念教育", department="政治处", person="张三")
    for code in ("2026-Q4", "2026-11", "2026"):
        store.progress.record(measure.id, code, Status.IN_PROGRESS, 50, "进展")
    return store


def _selector(qtbot, code: str) -> PeriodSelector:
    selector = PeriodSelector(TODAY, parse_period(code), [])
    qtbot.addWidget(selector)
    return selector


def _switch_kind(selector: PeriodSelector, kind_index: int) -> list[str]:
    seen: list[str] = []
    selector.period_selected.connect(seen.append)
    selector.kind.setCurrentIndex(kind_index)
    return seen


def _items(combo: QComboBox) -> list[tuple[str, str]]:
    return [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]


def test_labels_in_chinese_are_the_domain_labels() -> None:
    for code in (*CHINESE, "2026", "2021-Q2", "2025-12", "2030"):
        assert period_label(parse_period(code)) == parse_period(code).label
    assert period_code_label("2026-Q4") == "2026年第四季度"
    assert period_code_label("不是报告期") == "不是报告期"


@pytest.mark.usefixtures("english")
def test_labels_in_english() -> None:
    for code, label in ENGLISH.items():
        assert period_label(parse_period(code)) == label
        assert period_code_label(code) == label
    assert period_code_label("2026-Q9") == "2026-Q9"


@pytest.mark.usefixtures("english")
def test_period_selector_in_english(qtbot) -> None:
    selector = _selector(qtbot, "2026-Q4")
    assert selector.period.currentText() == "Q4 2026" and selector.period.currentData() == "2026-Q4"
    assert _items(selector.period)[:4] == [
        ("Q4 2026", "2026-Q4"),
        ("Q3 2026", "2026-Q3"),
        ("Q2 2026", "2026-Q2"),
        ("Q1 2026", "2026-Q1"),
    ]
    seen = _switch_kind(selector, list(KIND_LABELS).index(parse_period("2026-11").kind))
    assert seen == ["2026-11"]
    assert selector.period.currentText() == "11/2026"
    assert _items(selector.period)[:2] == [("11/2026", "2026-11"), ("10/2026", "2026-10")]
    selector.select("2026-03")
    assert (selector.period.currentText(), selector.period.currentData()) == ("3/2026", "2026-03")
    selector.select("2026")
    assert (selector.kind.currentText(), selector.period.currentText()) == ("Year", "2026")


def test_period_selector_in_chinese_as_before(qtbot) -> None:
    selector = _selector(qtbot, "2026-Q4")
    assert selector.period.currentText() == "2026年第四季度" and selector.period.currentData() == "2026-Q4"
    assert selector.period.minimumContentsLength() >= len("2026年第四季度")
    seen = _switch_kind(selector, list(KIND_LABELS).index(parse_period("2026-11").kind))
    assert seen == ["2026-11"] and selector.period.currentText() == "2026年11月"
    selector.select("2026-Q1")
    assert (selector.kind.currentText(), selector.period.currentText()) == ("季度", "2026年第一季度")
    selector.select("2026")
    assert selector.period.currentText() == "2026年度"


def _wizard(qtbot, session: Session, tmp_path: Path) -> ExportWizard:
    stick = tmp_path / "U盘"
    stick.mkdir()
    wizard = ExportWizard(session, targets=lambda: [describe(stick, "KINGSTON")])
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(
        lambda: wizard.content.preview is not None or wizard.content.problems.kind == "error", timeout=15000
    )
    assert wizard.content.preview is not None, wizard.content.problems.text()
    return wizard


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_export_wizard_periods(
    qtbot, request, language: str, reported: Store, office_pub: Path, clerk: Session, tmp_path: Path
) -> None:
    if language == "en":
        request.getfixturevalue("english")
    give_unit_keys(reported, office_pub)
    wizard = _wizard(qtbot, clerk, tmp_path)
    names = ENGLISH if language == "en" else {**CHINESE, "2026": "2026年度"}
    shown = [wizard.content.fates.index(r, 0).data() for r in range(wizard.content.fates.rowCount())]
    assert shown == [names["2026-Q4"], names["2026"], names["2026-11"]]  # newest end first
    held = (", " if language == "en" else "、").join(names[c] for c in wizard.content.preview.held_periods)
    assert held in wizard.content.estimate.text()


@pytest.mark.usefixtures("english")
def test_dashboard_heading(qtbot, clerk: Session) -> None:
    page = DashboardPage(clerk)
    qtbot.addWidget(page)
    page.refresh()
    assert page.heading.text() == "广州监狱   overview of Q4 2026"
    clerk.set_period("2026-11")
    page.refresh()
    assert page.heading.text() == "广州监狱   overview of 11/2026"


def test_dashboard_heading_in_chinese_as_before(qtbot, clerk: Session) -> None:
    page = DashboardPage(clerk)
    qtbot.addWidget(page)
    page.refresh()
    assert page.heading.text() == "广州监狱　2026年第四季度工作概览"


@pytest.mark.usefixtures("english")
def test_report_result_in_english_names_the_file_in_chinese(qtbot, clerk: Session, tmp_path: Path) -> None:
    dialog = ReportDialog(clerk, office=False, folder=tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.suggested_path().name.startswith("广州监狱-2026年第四季度")  # the report is a Chinese document
    out = tmp_path / "report.pdf"
    text = dialog.result_text({"pages": 4, "period": "2026-Q4", "format": "pdf", "out": str(out), "bytes": 2048})
    assert "Q4 2026" in text and "第四季度" not in text and str(out) in text
