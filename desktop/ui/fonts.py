"""The shipped CJK font: Chinese must render on a PC that has no Chinese font installed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop import paths


def install_cjk_font(app: QGuiApplication) -> str | None:
    """Register WenQuanYi Micro Hei and put it first in the application font; return its family. Once per app."""
    done = getattr(app, "_planprogress_cjk_family", None)
    if done is not None:
        return done or None
    app._planprogress_cjk_family = ""  # type: ignore[attr-defined]  # tried: a missing font is not retried
    font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_file()))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    family = families[0]
    font = QFont(app.font())
    font.setFamilies([family, *[f for f in font.families() if f != family]])
    # Chinese and Latin text need no shaping: Qt skips HarfBuzz where a script does not require it (and still
    # shapes scripts that do). The window renders pixel for pixel as with shaping, and paints sooner.
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    app.setFont(font)
    app._planprogress_cjk_family = family  # type: ignore[attr-defined]
    return family


def ensure_cjk_font() -> None:
    """Called where the app's start-up is about to build a window or a message box.

    The window's own start-up (`prepare_application(..., font=False)`) registers the 5 MB font here rather than
    first thing: before the main window that is beside the password check (~20 ms off the wait), before a dialog
    it is just in time. Every window of that path comes through desktop/ui/startup.py or the crash handler."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        install_cjk_font(app)
