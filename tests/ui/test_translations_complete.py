"""The shipped English catalogue is whole and current: every message translated, every tr() string of the
sources in it, the committed .qm compiled from the committed .ts; and windows built in English show English."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QRadioButton, QWizard

from desktop import paths
from desktop.store import Store
from desktop.ui.export.targets import describe
from desktop.ui.export.wizard import CONTENT, ExportWizard
from desktop.ui.i18n import install_translations
from desktop.ui.office.overview_page import OverviewPage
from desktop.ui.office.units_page import UnitsPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .bundle_support import OFFICE_ADMIN, make_office
from .conftest import PASSWORD, TODAY

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "planprogress_en.ts"
QM = TS.with_suffix(".qm")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # ideographs and full-width punctuation
PLACEHOLDER = re.compile(r"\{\w*\}|%\d+|%n")
FIX = "run scripts/update_translations.py, translate the new strings in planprogress_en.ts, run it again"


def _messages() -> list[tuple[str, ET.Element]]:
    return [(m.findtext("source") or "", m.find("translation")) for m in ET.parse(TS).getroot().iter("message")]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", REPO / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated() -> None:
    messages = _messages()
    assert len(messages) > 600
    unfinished = [s for s, t in messages if t is None or t.get("type") in ("unfinished", "obsolete", "vanished")]
    empty = [s for s, t in messages if t is not None and not (t.text or "").strip()]
    assert not unfinished, f"{len(unfinished)} unfinished, e.g. {unfinished[:5]}: {FIX}"
    assert not empty, f"{len(empty)} empty translations, e.g. {empty[:5]}"


def test_translations_keep_placeholders_and_are_english() -> None:
    for source, translation in _messages():
        text = translation.text or ""
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (source, text)
        assert not CJK.search(text), (source, text)


def test_catalogue_holds_exactly_the_strings_of_the_sources() -> None:
    in_sources = set(_script().collect())
    in_catalogue = {source for source, _ in _messages()}
    assert not in_sources - in_catalogue, f"not in the catalogue: {sorted(in_sources - in_catalogue)[:10]}: {FIX}"
    assert not in_catalogue - in_sources, f"no longer used: {sorted(in_catalogue - in_sources)[:10]}: {FIX}"


def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    fresh = tmp_path / "fresh.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(fresh)], check=True, timeout=60)
    assert fresh.read_bytes() == QM.read_bytes(), f"planprogress_en.qm is stale: {FIX}"


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """English for the widgets built inside the test, by the program's own route; Chinese again afterwards."""
    before = QLocale()
    translators = install_translations(qapp, "en")
    assert translators, paths.translations_dir()
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def _visible_texts(widget) -> list[str]:
    """Texts of labels, buttons and radio buttons, less those showing data (names, paths, periods are Chinese
    by nature; they carry a digit or a path separator)."""
    texts = [w.text() for kind in (QLabel, QPushButton, QRadioButton) for w in widget.findChildren(kind)]
    return [t for t in texts if t and not re.search(r"[0-9/\\]", t)]


def test_export_wizard_in_english(qtbot, english: None, clerk: Session, tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    wizard = ExportWizard(clerk, targets=lambda: [describe(stick, "KINGSTON")])
    qtbot.addWidget(wizard)
    wizard.show()
    content = wizard.content
    qtbot.waitUntil(lambda: content.preview is not None or content.problems.kind == "error", timeout=15000)
    assert wizard.currentId() == CONTENT
    assert wizard.windowTitle() == "Export progress bundle"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "Next"
    assert wizard.buttonText(QWizard.WizardButton.CommitButton) == "Start export"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Cancel"
    assert wizard.content.title() == "What to export"
    assert wizard.content.full.text().startswith("Full bundle:")
    assert wizard.content.delta.text() == "First export: full bundle"
    fates = wizard.content.fates
    headers = [fates.headerData(c, Qt.Orientation.Horizontal) for c in range(fates.columnCount())]
    assert headers == ["Period", "Review state", "This export"]
    texts = _visible_texts(wizard.content)
    assert texts and not [t for t in texts if CJK.search(t)], texts


def test_office_window_in_english(qtbot, english: None, tmp_path: Path) -> None:
    root = make_office(tmp_path / "省局 数据", PASSWORD)
    with Store.open(root, OFFICE_ADMIN) as store:
        session = Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)
        window = build_main_window(session)
        assert window is not None
        qtbot.addWidget(window)
        window.show()
        assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Edit"]
        assert window.menu("file").actions()[0].text() == "Import progress bundles…"
        pages = [a.text() for a in window.page_group.actions()]
        assert pages == ["Province overview", "Unit details", "Units and keys", "Plan catalog"]
        assert window.page_group.actions()[0].toolTip() == "Province overview (Ctrl+1)"
        overview = window.page("overview")
        assert isinstance(overview, OverviewPage)
        overview.refresh()  # after the first fill, computed in a worker
        qtbot.waitUntil(lambda: overview.summary.text() == "0 units enrolled, 0 submitted this period.")
        assert overview.empty.text().startswith("No unit is enrolled yet")
        window.show_page("units")
        units = window.page("units")
        assert isinstance(units, UnitsPage)
        buttons = [b.text() for b in units.findChildren(QPushButton)]
        assert {"Enrol unit key…", "Revoke unit…", "Allow resync…"} <= set(buttons)
        texts = _visible_texts(units) + _visible_texts(overview)
        assert texts and not [t for t in texts if CJK.search(t)], texts
        window.close()
