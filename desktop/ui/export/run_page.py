"""Running the export: `planprogress --home H --json export --out DIR [--full | --resend SEQ]` as a child
process (CliProcess), its JSON progress lines on a bar, cancel by stopping the process; then the result page.

The CLI writes under a hidden temporary name and renames only after reading the bundle back, so a killed
export leaves nothing that looks like a bundle and does not advance the seq. The hidden leftover of a
cancelled run is removed here at once (the next export would remove it too) so the stick gets its space back.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from desktop.services.bundle.preview import remove_unfinished
from desktop.ui import theme
from desktop.ui.export.columns import period_labels
from desktop.ui.format import size_text
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.session import Change, Session
from desktop.ui.widgets.cli_wizard import PASSPHRASE_ENV, CliProgressPage

# Share of the bar each phase fills: encrypting and writing, then reading back from the stick to verify.
PHASES = {
    "prepare": (tr_noop("准备"), 0.0, 0.0),
    "encrypt": (tr_noop("加密并写入"), 0.0, 0.85),
    "verify": (tr_noop("从U盘读回校验"), 0.85, 1.0),
}


class RunPage(CliProgressPage):
    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            tr("正在导出"),
            tr("请不要拔出U盘。可以随时取消：取消不会留下数据包，也不会改动本机数据。"),
            tr("签名密钥的口令"),
        )
        self.phases_seen: list[str] = []
        self._planned: tuple[Path, int, bool] | None = None
        self._started = 0.0
        self._passphrase: str | None = None
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.body.insertWidget(0, self.where)
        self.body.insertSpacing(1, 12)
        self.retry_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("取消导出"))
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.buttons.addWidget(self.cancel_button)

    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        wizard: Any = self.wizard()
        full, resend = wizard.chosen()
        target: Path = wizard.target()
        preview = wizard.preview
        arguments = ["export", "--out", str(target)]
        if resend is not None:
            arguments += ["--resend", str(resend)]
        elif full:
            arguments.append("--full")
        passphrase = self.typed_passphrase(wizard.passphrase())
        self._passphrase = passphrase
        env = {PASSPHRASE_ENV: passphrase} if passphrase else {}
        self._planned = (target, preview.seq, resend is not None) if preview is not None else None
        self.where.setText(tr("目标：{path}").format(path=target))
        self.phases_seen = []
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._started = time.monotonic()
        job = self.launch(arguments, env, progress=self._progress, done=self._done, failed=self._failed)
        job.cancelled.connect(self._cancelled)
        job.start()

    def _progress(self, phase: str, done: int, total: int) -> None:
        if phase not in self.phases_seen:
            self.phases_seen.append(phase)
        label, start, end = PHASES.get(phase, (phase, 0.0, 0.0))
        self.phase.setText(tr(label) + "…")
        share = done / total if total > 0 else 0.0
        self.bar.setValue(int(1000 * (start + (end - start) * min(share, 1.0))))
        self.show_amount(done, total)

    def _done(self, result: dict[str, Any]) -> None:
        self.state = "done"
        self.bar.setValue(1000)
        self.phase.setText(tr("完成"))
        self.cancel_button.setEnabled(False)
        wizard: Any = self.wizard()
        wizard.export_result = result
        self.session.notify(Change.NONE, self)  # the audit trail has a new export entry
        self.completeChanged.emit()
        wizard.next()

    def _failed(self, message: str) -> None:
        self._tidy()
        self.cancel_button.hide()
        wizard: Any = self.wizard()
        note = tr("本机数据没有任何改动。处理好后可以点“重试”。")
        self.show_failure(message, tr("导出失败"), f"{message}\n{note}")
        if wizard.key_protected():
            self.passphrase_edit.setText("" if "口令" in message else self._passphrase or "")
            self.passphrase_edit.show()

    def ask_cancel(self) -> None:
        answer = QMessageBox.question(
            self, tr("取消导出"), tr("确定取消吗？不会留下数据包，导出序号不变，本机数据不受影响。")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.cancel()

    def cancel(self) -> None:
        if self.job is not None and self.job.is_running():
            self.phase.setText(tr("正在取消…"))
            self.job.cancel()

    def _cancelled(self) -> None:
        self.state = "cancelled"
        self._tidy()
        self.phase.setText(tr("已取消"))
        self.bar.setValue(0)
        self.amount.setText("")
        self.cancel_button.hide()
        self.retry_button.show()
        self.messages.info(tr("已取消导出：没有生成数据包，导出序号未变。"))
        self.completeChanged.emit()

    def _tidy(self) -> None:
        if self._planned is not None:
            target, seq, resend = self._planned
            remove_unfinished(self.session.store, target, seq, resend=resend)


class ResultPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("导出完成"))
        self.setSubTitle(tr("请安全弹出U盘，交省局导入。数据包已加密，丢失也不会泄露内容。"))
        self.path = QLabel()
        self.seq = QLabel()
        self.kind = QLabel()
        self.size_label = QLabel()
        self.check = QLabel()
        self.check.setStyleSheet(theme.SUCCESS)
        self.held = QLabel()
        for label in (self.path, self.seq, self.kind, self.size_label, self.check, self.held):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(tr("打开所在文件夹"))
        self.open_button.clicked.connect(self.open_folder)
        form = QFormLayout()
        form.addRow(tr("数据包"), self.path)
        form.addRow(tr("序号"), self.seq)
        form.addRow(tr("类型"), self.kind)
        form.addRow(tr("大小"), self.size_label)
        form.addRow(tr("校验"), self.check)
        form.addRow(tr("留在本机"), self.held)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard: Any = self.wizard()
        result: dict[str, Any] = wizard.export_result or {}
        self.path.setText(str(result.get("path", "")))
        self.seq.setText(str(result.get("seq", "")))
        if result.get("resend"):
            kind = tr("重新写出的数据包（与原来的完全相同）")
        else:
            kind = tr("完整数据包") if result.get("kind") == "full" else tr("变化数据包")
        self.kind.setText(kind)
        parts = result.get("parts") or []
        self.size_label.setText(
            tr("{size}（{n} 个分卷）").format(size=size_text(int(result.get("payload_bytes", 0))), n=len(parts))
        )
        self.check.setText(tr("已从目标读回并校验通过：签名有效，哈希全部相符。"))
        held = result.get("held_periods") or []
        self.held.setText(
            tr("{periods}：尚未审核通过，审核通过后随下一个数据包导出。").format(periods=period_labels(held))
            if held
            else tr("无：所有报告期的进度都已导出。")
        )

    def open_folder(self) -> None:
        folder = Path(self.path.text()).parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
