"""Where the bundle goes: a plugged-in stick from the list or any folder; free space against the bundle's
size (refused when short, before anything is written); the signing key's passphrase when it has one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from desktop.domain.errors import InputError
from desktop.services.bundle.export import check_destination
from desktop.ui import file_dialogs, theme
from desktop.ui.export.targets import FreeSpace, Target, describe, target_columns
from desktop.ui.format import size_text
from desktop.ui.i18n import tr
from desktop.ui.models.table import ROW_ROLE, RowTableModel
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.tables import data_table


class TargetPage(QWizardPage):
    def __init__(self, targets: Callable[[], list[Target]], free_space: FreeSpace) -> None:
        super().__init__()
        self._targets = targets
        self._free_space = free_space
        self.target: Path | None = None
        self.setTitle(tr("写到哪里"))
        self.setSubTitle(tr("插好U盘后从列表中选择；也可以选择任意文件夹。"))
        self.drives = RowTableModel(target_columns())
        self.table = data_table(self.drives, stretch=1, striped=False)
        self.table.selectionModel().selectionChanged.connect(self._drive_selected)
        self.empty = QLabel(tr("没有找到U盘：请插好U盘后点“刷新”，或点“其他文件夹…”。"))
        self.empty.setStyleSheet(theme.HINT)
        refresh = QPushButton(tr("刷新"))
        refresh.clicked.connect(self.refresh)
        other = QPushButton(tr("其他文件夹…"))
        other.clicked.connect(self.browse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        buttons.addWidget(refresh)
        buttons.addWidget(other)

        self.where = QLabel(tr("尚未选择"))
        self.where.setWordWrap(True)
        self.space = QLabel()
        self.space.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(tr("本单位签名密钥的口令"))
        self.passphrase_edit.textChanged.connect(lambda _text: self.completeChanged.emit())
        self.passphrase_label = QLabel(tr("签名口令"))
        self.messages = MessageBar()
        form = QFormLayout()
        form.addRow(tr("目标"), self.where)
        form.addRow(tr("空间"), self.space)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        self.setCommitPage(True)

    def _wizard(self) -> Any:
        return self.wizard()

    def initializePage(self) -> None:
        protected = bool(self._wizard().key_protected())
        self.passphrase_label.setVisible(protected)
        self.passphrase_edit.setVisible(protected)
        self.refresh()

    def refresh(self) -> None:
        drives = self._targets()
        self.drives.set_rows(drives)
        self.empty.setVisible(not drives)
        if self.target is not None:
            for row, drive in enumerate(drives):
                if drive.path == self.target:
                    self.table.selectRow(row)
        elif len(drives) == 1:
            self.table.selectRow(0)
        self._update_space()

    def _drive_selected(self, *_args: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            drive: Target = self.drives.data(rows[0], ROW_ROLE)
            self.target = drive.path
            self._update_space()

    def browse(self) -> None:
        name = file_dialogs.choose_folder(self, tr("选择目标文件夹"), self.target)
        if name:
            self.choose(Path(name))

    def choose(self, target: Target | Path) -> None:
        path = target.path if isinstance(target, Target) else target
        self.target = path
        self.table.clearSelection()
        for row, drive in enumerate(self.drives.rows()):
            if drive.path == path:
                self.table.selectRow(row)
        self._update_space()

    def passphrase(self) -> str | None:
        return self.passphrase_edit.text() or None

    # free space ---------------------------------------------------------------------------------------
    def shortfall(self) -> str | None:
        """Why the chosen target cannot take the bundle now, or None."""
        if self.target is None:
            return tr("请选择U盘或文件夹。")
        preview = self._wizard().preview
        if describe(self.target) is None:
            return tr("无法打开 {path}：U盘可能已拔出。请插好后点“刷新”。").format(path=self.target)
        try:
            check_destination(self.target)
        except InputError as exc:  # an old bundle chosen as the folder: the new one would spoil it
            return str(exc)
        free = self._free_space(self.target)
        if preview is not None and free < preview.required:
            return tr(
                "{path} 剩余空间不足：数据包约需 {size}，只剩 {free}。请换一个更大的U盘，或清理出空间后点“刷新”。"
            ).format(path=self.target, size=size_text(preview.required), free=size_text(free))
        return None

    def _update_space(self) -> None:
        self.where.setText(str(self.target) if self.target else tr("尚未选择"))
        problem = self.shortfall()
        preview = self._wizard().preview if self.wizard() is not None else None
        if problem is None and self.target is not None and preview is not None:
            self.space.setText(
                tr("数据包约 {size}，可用 {free}：空间足够。").format(
                    size=size_text(preview.size), free=size_text(self._free_space(self.target))
                )
            )
            self.space.setStyleSheet(theme.SUCCESS)
            self.messages.clear()
        else:
            self.space.setText("")
            if problem and self.target is not None:
                self.messages.error(problem)
            else:
                self.messages.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.target is None or self.shortfall() is not None:
            return False
        return not self._wizard().key_protected() or bool(self.passphrase_edit.text())

    def validatePage(self) -> bool:
        problem = self.shortfall()  # the stick may have been pulled or filled since the page was drawn
        if problem:
            self.messages.error(problem)
            return False
        return True
