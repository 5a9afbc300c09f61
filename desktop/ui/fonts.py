"""The shipped CJK font: Chinese must render on a PC that has no Chinese font installed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop import paths


def install_cjk_font(app: QGuiApplication) -> str | None:
    """Register WenQuanYi Micro Hei and put it first in the application font; return its family."""
    font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_file()))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    family = families[0]
    font = QFont(app.font())
    font.setFamilies([family, *[f for f in font.families() if f != family]])
    app.setFont(font)
    return family
