"""User management for administrators: add, reset a password, disable or enable, a new recovery code."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import User
from desktop.domain.status import Role
from desktop.services import operations as ops
from desktop.ui.dialogs.records import RecordDialog
from desktop.ui.format import local_time
from desktop.ui.i18n import tr
from desktop.ui.models.table import ROW_ROLE, Column, RowTableModel
from desktop.ui.session import Session
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.passwords import PasswordPair, RecoveryCodeView


def user_columns() -> list[Column[User]]:
    return [
        Column(tr("用户名"), lambda u: u.name),
        Column(tr("姓名"), lambda u: u.display_name),
        Column(tr("角色"), lambda u: tr(u.role.value)),
        Column(tr("状态"), lambda u: tr("在用") if u.active else tr("已停用")),
        Column(tr("建立时间"), lambda u: local_time(u.created_at)),
    ]


class AddUserDialog(RecordDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("添加用户"), parent)
        self.name = QLineEdit()
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(tr(role.value), role)
        self.form.addRow(tr("用户名"), self.name)
        self.form.addRow(tr("姓名"), self.display_name)
        self.form.addRow(tr("角色"), self.role)
        self.passwords = PasswordPair(self.form, tr("初始密码"))


class ResetPasswordDialog(RecordDialog):
    def __init__(self, user: User, parent: QWidget | None = None) -> None:
        super().__init__(tr("重设密码：{name}").format(name=user.name), parent)
        who = f"{user.display_name}（{user.name}）" if user.display_name else user.name
        self.form.addRow(tr("用户"), QLabel(f"{who}　{tr(user.role.value)}"))  # whose password this is
        self.passwords = PasswordPair(self.form, tr("新密码"))


class RecoveryCodeDialog(QDialog):
    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("新的恢复码"))
        view = RecoveryCodeView()
        view.set_code(code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("我已抄下"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(QLabel(tr("原来的恢复码已作废。")))
        layout.addWidget(buttons)


class UsersDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("用户管理"))
        self.resize(720, 420)
        self.model = RowTableModel(user_columns())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.messages = MessageBar()
        row = QHBoxLayout()
        for text, slot in (
            (tr("添加用户…"), self.add),
            (tr("重设密码…"), self.reset_password),
            (tr("停用/启用"), self.toggle_active),
            (tr("生成我的恢复码…"), self.new_recovery_code),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.messages)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.session.store.users.find())

    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def add(self) -> None:
        dialog = AddUserDialog(self)
        dialog.perform_on_save(
            self.session,
            lambda store: ops.add_user(
                store,
                dialog.name.text(),
                dialog.role.currentData(),
                dialog.passwords.value(),
                dialog.display_name.text(),
            ),
            self,
        )
        if dialog.exec():
            user = dialog.result_value
            self.messages.info(tr("已添加用户 {name}。").format(name=user.name))
            self.reload()

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            self.messages.error(tr("请先在列表中选择一个用户。"))
            return
        dialog = ResetPasswordDialog(user, self)
        dialog.perform_on_save(
            self.session, lambda store: ops.set_password(store, user.name, dialog.passwords.value()), self
        )
        if dialog.exec():
            self.messages.info(tr("已重设 {name} 的密码，账户锁定已解除。").format(name=user.name))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            self.messages.error(tr("请先在列表中选择一个用户。"))
            return
        if user.name == self.session.user.name:
            self.messages.error(tr("不能停用当前登录的自己。"))
            return
        if user.active and user.role is Role.ADMIN:
            admins = [u for u in self.session.store.users.find() if u.active and u.role is Role.ADMIN]
            if len(admins) <= 1:
                self.messages.error(tr("这是唯一在用的管理员，不能停用。"))
                return
        _, error = self.session.perform(lambda s: ops.set_active(s, user.name, not user.active), self)
        if error:
            self.messages.error(error)
        self.reload()

    def new_recovery_code(self) -> None:
        name = self.session.user.name
        question = tr("为 {name} 生成新的恢复码？原来的恢复码将作废。").format(name=name)
        if QMessageBox.question(self, tr("恢复码"), question) != QMessageBox.StandardButton.Yes:
            return
        code, error = self.session.perform(lambda s: ops.new_recovery_code(s, name), self)
        if error or code is None:
            self.messages.error(error or "")
            return
        RecoveryCodeDialog(code, self).exec()
