"""Shown when the home's database cannot be opened: explain, and offer a restore that keeps the old folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.domain.errors import PlanProgressError
from desktop.services.backup import restore_backup
from desktop.ui import file_dialogs, theme
from desktop.ui.dialogs.progress import run_with_progress
from desktop.ui.i18n import tr
from desktop.ui.widgets.message_bar import MessageBar


class DamagedHomeDialog(QDialog):
    def __init__(self, root: Path, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = root
        self.kept: Path | None = None
        self.setWindowTitle(tr("数据库无法打开"))
        self.setMinimumWidth(560)
        heading = QLabel(tr("数据目录中的数据库无法打开"))
        heading.setStyleSheet(theme.DANGER_HEADING)
        self.explain = QLabel(
            tr(
                "数据目录：{root}\n\n原因：{message}\n\n程序没有改动任何文件。可以从备份文件恢复："
                "恢复时，现在的数据目录会被改名保留在旁边，不会被覆盖或删除。"
            ).format(root=root, message=message)
        )
        self.explain.setWordWrap(True)
        self.messages = MessageBar()
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(tr("从备份恢复…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = buttons.addButton(tr("打开数据目录"), QDialogButtonBox.ButtonRole.ActionRole)
        quit_button = buttons.addButton(tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(lambda: self.restore())
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(root))))
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.messages)
        layout.addWidget(buttons)

    def restore(self, backup: Path | None = None) -> bool:
        if backup is None:
            name = file_dialogs.open_file(self, tr("选择备份文件"), tr("planprogress 备份 (*.tar);;所有文件 (*)"))
            if not name:
                return False
            backup = Path(name)
        root = self.root
        try:
            self.kept = run_with_progress(
                self, tr("正在从备份恢复…"), lambda _p, _c: restore_backup(backup, root, replace=True)
            )
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return False
        self.accept()
        return True
