"""Translations: user-visible text is written in Chinese and goes through `tr`; Qt's own dialogs
use Qt's zh_CN catalogue; English comes from resources/i18n/planprogress_en.qm by the same route."""

from __future__ import annotations

import os

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


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the catalogues for `language`; the caller keeps the returned translators alive."""
    loaded: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        ours = QTranslator(app)
        if ours.load(str(paths.translations_dir() / "planprogress_en.qm")):
            loaded.append(ours)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        for name in ("qtbase_zh_CN",):
            qt = QTranslator(app)
            if qt.load(name, qt_dir):
                loaded.append(qt)
    for translator in loaded:
        app.installTranslator(translator)
    return loaded
