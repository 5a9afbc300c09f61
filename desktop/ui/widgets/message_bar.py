"""An inline message line (info, warning, error) instead of a modal box, for edits saved as you type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.ui import theme
from desktop.ui.i18n import tr


class MessageBar(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(tr("关闭提示"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.label.setText(text)
        self.setStyleSheet(theme.MESSAGE_BAR[kind])
        self.show()

    def info(self, text: str) -> None:
        self.show_message(text, "info")

    def warning(self, text: str) -> None:
        self.show_message(text, "warning")

    def error(self, text: str) -> None:
        self.show_message(text, "error")

    def text(self) -> str:
        return self.label.text() if self.isVisible() or self.kind else ""

    def clear(self) -> None:
        self.kind = ""
        self.label.clear()
        self.hide()
