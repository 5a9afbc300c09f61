"""The shipped CJK font becomes the application font; Qt's zh_CN catalogue and our English one load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

from desktop import paths
from desktop.ui.fonts import install_cjk_font

REPO = Path(__file__).resolve().parents[2]


def test_cjk_font_is_the_application_font(qapp: QApplication) -> None:
    family = install_cjk_font(qapp)
    assert family == "WenQuanYi Micro Hei"
    assert qapp.font().families()[0] == family
    assert QFontInfo(qapp.font()).family() == family
    assert all(QFontMetrics(qapp.font()).inFontUcs4(ord(ch)) for ch in "广东监狱规划进度填报")


def _in_fresh_process(language: str, code: str) -> str:
    """Translators are process-wide: each language is checked in its own interpreter."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.ui.i18n import install_translations, tr\n"
        "app = QApplication([])\n"
        f"loaded = install_translations(app, {language!r})\n"
        f"print({code})\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_english_comes_through_the_same_mechanism() -> None:
    assert (paths.translations_dir() / "planprogress_en.qm").is_file()
    out = _in_fresh_process(
        "en", "tr('规划与进度'), tr('{n} 项任务，平均完成 {percent}%').format(n=3, percent=40), len(loaded)"
    )
    assert out == "Plan and progress 3 tasks, 40% done on average 1"


def test_qt_dialogs_speak_chinese() -> None:
    out = _in_fresh_process("zh_CN", "QCoreApplication.translate('QPlatformTheme', 'Cancel'), len(loaded)")
    assert out == "取消 2"  # Qt's catalogue and the few texts it leaves in English
