"""The office's key pair at first run: the private key's passphrase asked twice, and where to save the public
key that goes to every unit (a stick, a shared folder). Part of the set-up wizard's office page.

The office home and its key pair are made by `planprogress province init` as a child process, exactly as on
the command line (every plan catalog loaded, the office's name recorded): age's passphrase encryption (scrypt in
pyrage) holds the GIL for about two seconds, and the wizard keeps repainting meanwhile.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.domain.errors import InputError, StateError
from desktop.domain.system_errors import reason
from desktop.services import keys
from desktop.store import Home
from desktop.ui import file_dialogs, theme
from desktop.ui.cli_process import CliProcess
from desktop.ui.i18n import tr
from desktop.ui.widgets.cli_wizard import PASSPHRASE_ENV
from desktop.ui.widgets.passwords import PasswordPair


class OfficeKeysBox(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.public_path = QLineEdit(str(Path.home() / "office.pub"))
        browse = QPushButton(tr("选择…"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.public_path, 1)
        row_layout.addWidget(browse)
        note = QLabel(
            tr(
                "省局私钥用于解密各单位的进度包，口令务必牢记并另行备份 keys 文件夹：丢失后已收到的数据包无法打开。"
                "公钥文件要交给各单位导入（可放在U盘上）。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(theme.NOTE)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.passphrase = PasswordPair(form, tr("私钥口令"))
        self.passphrase.first.setPlaceholderText(tr("至少 {n} 个字符").format(n=keys.MIN_OFFICE_PASSPHRASE))
        form.addRow(tr("公钥保存到"), row)
        form.addRow(note)

    def _browse(self) -> None:
        name = file_dialogs.save_file(self, tr("保存省局公钥"), self.public_path.text(), tr("公钥 (*.pub)"))
        if name:
            self.public_path.setText(name)

    def checked(self) -> tuple[str, Path]:
        """(passphrase, where to save the public key), or InputError saying what to fix."""
        if self.passphrase.first.text() != self.passphrase.second.text():
            raise InputError(tr("两次输入的私钥口令不一致，请重新输入。"))
        passphrase = self.passphrase.first.text()
        if len(passphrase) < keys.MIN_OFFICE_PASSPHRASE:
            raise InputError(tr("省局私钥口令至少需要 {n} 个字符。").format(n=keys.MIN_OFFICE_PASSPHRASE))
        text = self.public_path.text().strip()
        if not text:
            raise InputError(tr("请选择公钥的保存位置。"))
        target = Path(text).expanduser()
        if not target.parent.is_dir():
            raise InputError(tr("文件夹 {folder} 不存在：请插好U盘或选择其他位置。").format(folder=target.parent))
        if target.is_dir():
            raise InputError(tr("{path} 是一个文件夹：请写上文件名，如 office.pub。").format(path=target))
        return passphrase, target

    def create_office(self, root: Path, office_name: str, user: str) -> Path:
        """Make the office home with its key pair (`province init`), then copy the public key to the chosen
        place; on failure nothing is left behind (see discard_new_office)."""
        passphrase, target = self.checked()
        job = CliProcess.planprogress(
            root, ["province", "init", "--name", office_name], user=user, env={PASSPHRASE_ENV: passphrase}
        )
        outcome: dict[str, Any] = {}
        loop = QEventLoop()
        job.result.connect(lambda result: outcome.setdefault("result", result))
        job.failed.connect(lambda message: outcome.setdefault("error", message))
        job.finished.connect(loop.quit)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            job.start()
            loop.exec()  # the wizard keeps repainting while scrypt runs in the child
        finally:
            QApplication.restoreOverrideCursor()
        if "error" in outcome:
            discard_new_office(root)
            raise StateError(tr("建立省局数据目录失败：{error}").format(error=outcome["error"]))
        source = root / "keys" / keys.OFFICE_PUBLIC
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            discard_new_office(root)
            raise InputError(
                tr("无法把公钥保存到 {path}（{error}）：请换一个位置。").format(path=target, error=reason(exc))
            ) from None
        return target


def discard_new_office(root: Path) -> None:
    """Undo a half-made office set-up: only what `province init` writes (database, keys, intake folders)."""
    home = Home(root)
    for suffix in ("", "-wal", "-shm"):
        home.database.with_name(home.database.name + suffix).unlink(missing_ok=True)
    for folder in (home.keys, home.evidence, home.backups, root / "intake"):
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)
