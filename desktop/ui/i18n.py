"""Translations: user-visible text is written in Chinese and goes through `tr`; Qt's own dialogs
use Qt's zh_CN catalogue; English comes from resources/i18n/planprogress_en.qm by the same route."""

from __future__ import annotations

import os
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop import paths

CONTEXT = "planprogress"
LANG_ENV = "PLANPROGRESS_LANG"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")


def tr(text: str) -> str:
    """Translate a Chinese source string (one context for the whole program keeps the catalogue simple)."""
    return QCoreApplication.translate(CONTEXT, text)


def tr_noop(text: str) -> str:
    """Mark a constant for the catalogue (scripts/update_translations.py) without translating it yet:
    for tables of names that are passed to `tr` later (menus, column headers, record types)."""
    return text


def chosen_language(option: str | None) -> str:
    """`--lang` wins over PLANPROGRESS_LANG; anything unknown falls back to Chinese."""
    value = (option or os.environ.get(LANG_ENV) or DEFAULT_LANGUAGE).replace("-", "_")
    if value.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


# Qt's own texts that qtbase_zh_CN.qm (as shipped with PySide6) leaves in English, such as the widget file
# dialog's "Look in:" and "Files of type:", compiled from resources/i18n/qt_gaps_zh_CN.ts.
QT_GAPS_ZH = "qt_gaps_zh_CN.qm"


def qt_translations_dirs() -> list[str]:
    """Where Qt's .qm files are: Qt's own answer, then the PySide6 package's folder (as a frozen build keeps it)."""
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    beside = str(Path(PySide6.__file__).parent / "Qt" / "translations")
    return [d for d in dict.fromkeys((qt_dir, beside)) if d]


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the catalogues for `language`; the caller keeps the returned translators alive."""
    loaded: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        ours = QTranslator(app)
        if ours.load(str(paths.translations_dir() / "planprogress_en.qm")):
            loaded.append(ours)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt = QTranslator(app)
        if any(qt.load("qtbase_zh_CN", folder) for folder in qt_translations_dirs()):
            loaded.append(qt)
        gaps = QTranslator(app)
        if gaps.load(str(paths.translations_dir() / QT_GAPS_ZH)):
            loaded.append(gaps)
    for translator in loaded:
        app.installTranslator(translator)
    return loaded
