"""Sign-in on every start, and the administrator's own password reset with the one-time recovery code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import PlanProgressError
from desktop.domain.model import User
from desktop.services import operations as ops
from desktop.store import Store
from desktop.ui import theme
from desktop.ui.i18n import tr
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.passwords import PasswordPair


class SignInDialog(QDialog):
    """`prepare(user)` (optional) builds what comes next while the password is checked; `prepared` holds it."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        prepare: Callable[[User], Any] | None = None,
        discard: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.user: User | None = None
        self.prepared: Any = None
        self._prepare = prepare
        self._discard = discard
        unit = store.unit()
        self.setWindowTitle(tr("登录 — 规划进度填报"))
        self.setMinimumWidth(420)
        heading = QLabel(unit.name or tr("省局汇总"))
        heading.setStyleSheet(theme.TITLE)
        sub = QLabel(tr("广东监狱规划进度填报"))
        sub.setStyleSheet(theme.NOTE)
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("用户名"))
        active = [u for u in store.users.find() if u.active]
        if len(active) == 1:  # offered, selected: typing the name again replaces it, Tab keeps it
            self.name.setText(active[0].name)
            self.name.selectAll()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("密码"))
        form = QFormLayout()
        form.addRow(tr("用户名"), self.name)
        form.addRow(tr("密码"), self.password)
        self.messages = MessageBar()
        self.forgot = QPushButton(tr("忘记密码（使用恢复码）…"))
        self.forgot.setFlat(True)
        self.forgot.setAutoDefault(False)  # else Enter in the password field opens the reset instead of signing in
        self.forgot.setStyleSheet(theme.LINK)
        self.forgot.clicked.connect(self.recover)
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = buttons.addButton(tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.attempt)
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(sub)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(self.forgot)
        layout.addWidget(buttons)
        # The name field has the focus even when it is filled in: a person who types name, Tab, password
        # must not type the name into the password box (that was counted as a failed attempt).
        self.name.setFocus()
        if not active:  # a home made on the command line (init, province init) has no one to sign in yet
            self.messages.warning(
                tr(
                    "这个数据目录还没有可以登录的用户（是用命令行建立的）。请先在命令行为它添加管理员：\n"
                    "planprogress --home {home} user add 用户名 --role 管理员\n然后重新打开本程序。"
                ).format(home=store.home.root)
            )

    def attempt(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.messages.error(tr("请输入用户名。"))
            return
        if not self.password.text():  # Enter after the name: not an attempt, go on to the password
            self.messages.info(tr("请输入密码。"))
            self.password.setFocus()
            return
        from desktop.ui.startup import authenticate_overlapped

        self.store.audit.actor = name  # the sign-in attempt is audited under the name typed
        self.sign_in_button.setEnabled(False)
        try:
            self.user, self.prepared = authenticate_overlapped(
                self.store, name, self.password.text(), self._prepare, self._discard
            )
        except PlanProgressError as exc:
            self.sign_in_button.setEnabled(True)
            self.messages.error(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def recover(self) -> None:
        dialog = RecoveryResetDialog(self.store, self.name.text().strip(), self)
        if dialog.exec():
            self.messages.info(tr("新密码已设置，请用新密码登录。恢复码已作废，可在“用户管理”中重新生成。"))
            self.password.clear()
            self.password.setFocus()


class RecoveryResetDialog(QDialog):
    def __init__(self, store: Store, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("用恢复码重设密码"))
        self.setMinimumWidth(440)
        self.name = QLineEdit(name)
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCDE-12345-FGHJK-67890")
        form = QFormLayout()
        form.addRow(tr("用户名"), self.name)
        form.addRow(tr("恢复码"), self.code)
        self.passwords = PasswordPair(form, tr("新密码"))
        self.messages = MessageBar()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("设置新密码"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(buttons)

    def submit(self) -> None:
        name = self.name.text().strip()
        self.store.audit.actor = name
        try:
            password = self.passwords.value()
            ops.reset_with_recovery_code(self.store, name, self.code.text(), password)
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return
        self.accept()
