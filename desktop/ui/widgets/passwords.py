"""A new password typed twice, and the one-time recovery code shown once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.domain.errors import InputError
from desktop.store.users import MIN_PASSWORD
from desktop.ui.i18n import tr


class PasswordPair:
    """Two rows of the caller's form, not a form of their own: their labels line up with the form's others."""

    def __init__(self, form: QFormLayout, first_label: str = "") -> None:
        self.first = QLineEdit()
        self.second = QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setPlaceholderText(tr("至少 {n} 个字符").format(n=MIN_PASSWORD))
        form.addRow(first_label or tr("密码"), self.first)
        form.addRow(tr("再输入一次"), self.second)

    def value(self) -> str:
        """The password, or InputError when the two differ or it is too short."""
        if self.first.text() != self.second.text():
            raise InputError(tr("两次输入的密码不一致，请重新输入。"))
        if len(self.first.text()) < MIN_PASSWORD:
            raise InputError(tr("密码至少需要 {n} 个字符。").format(n=MIN_PASSWORD))
        return self.first.text()

    def set_text(self, text: str) -> None:
        self.first.setText(text)
        self.second.setText(text)


class RecoveryCodeView(QWidget):
    """Shows a recovery code large and selectable, with a copy button."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.explain = QLabel(
            tr(
                "这是管理员的一次性恢复码。忘记密码时，可在登录窗口点“忘记密码”，用它设置新密码。"
                "它只显示这一次：请抄在纸上，与单位的重要文件一起保管，不要保存在这台电脑上。"
            )
        )
        self.explain.setWordWrap(True)
        self.code = QLabel()
        font = QFont("monospace")
        font.setPointSize(18)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy = QPushButton(tr("复制"))
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.code.text()))
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(row)

    def set_code(self, code: str) -> None:
        self.code.setText(code)
