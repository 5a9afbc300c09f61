"""帮助 → 使用指南: the Chinese user guide (resources/guide/guide.html, with small screenshots), shown offline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop import paths
from desktop.ui.i18n import tr

GUIDE = "guide.html"


def guide_dir() -> Path:
    return paths.resources_dir() / "guide"


class GuideDialog(QDialog):
    """A browser over the guide's one page: its contents links jump within it; images load from beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("使用指南"))
        self.resize(820, 720)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(guide_dir())])
        self.browser.setSource(QUrl.fromLocalFile(str(guide_dir() / GUIDE)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)


def show_guide(parent: QWidget | None) -> GuideDialog:
    """Open the guide beside the window (not modal: a clerk reads it while working); again brings it up."""
    dialog = parent.findChild(GuideDialog) if parent is not None else None
    if dialog is None:
        dialog = GuideDialog(parent)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
