"""The export wizard: what goes (delta, full, or an earlier bundle again), where to (a stick or any folder),
the export itself as a CLI child process with progress and cancel, and the result.

    wizard = ExportWizard(session, parent)
    wizard.exec()          # or show(); wizard.export_result holds the CLI's result line once it succeeded

pyrage holds the GIL while it encrypts, so the export never runs in this process (see run_page).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.services.answer.unit_view import receipt_text, receipts_by_seq
from desktop.services.bundle.preview import ExportPreview, Readiness, earlier_bundles, preview_export, readiness
from desktop.store.exports import ExportRecord, ExportRepo
from desktop.store.files import disk_free
from desktop.ui import theme
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.export.columns import bundle_columns, fate_columns, period_fates, period_labels
from desktop.ui.export.run_page import ResultPage, RunPage
from desktop.ui.export.target_page import TargetPage
from desktop.ui.export.targets import FreeSpace, Target, list_targets
from desktop.ui.format import size_text
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.models.table import ROW_ROLE, RowTableModel
from desktop.ui.session import Session
from desktop.ui.widgets.cli_wizard import style_wizard
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.tables import data_table

CONTENT, TARGET, RUN, RESULT = range(4)


class ContentPage(QWizardPage):
    """Delta, full, or an earlier bundle again; the size and which periods stay home, computed off-thread."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setTitle(tr("导出内容"))
        self.setSubTitle(tr("进度包用省局公钥加密、用本单位密钥签名，只有省局能打开。"))
        self.problems = MessageBar()
        self.delta = QRadioButton()
        self.full = QRadioButton(tr("完整数据包：本单位的全部数据（省局要求重新同步时使用）"))
        self.resend = QRadioButton(tr("重新写出以前的数据包（U盘丢失或损坏时）"))
        self.choice = QButtonGroup(self)
        for button in (self.delta, self.full, self.resend):
            self.choice.addButton(button)
        self.delta.setChecked(True)
        self.receipts: dict[int, str] = {}  # what the office said about each earlier bundle
        self.bundles = RowTableModel(bundle_columns(lambda e: self.receipts.get(e.seq, "")))
        self.bundle_table = data_table(self.bundles, stretch_last=True, rows_visible=3)
        self.fates = RowTableModel(fate_columns(False))
        self.fate_table = data_table(self.fates, stretch_last=True, rows_visible=3)
        self.fate_note = QLabel(tr("只有审核通过的报告期，其进度才会导出；要导出某个报告期，请先在“审核”页通过它。"))
        self.fate_note.setWordWrap(True)
        self.fate_note.setStyleSheet(theme.NOTE)
        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problems)
        for button in (self.delta, self.full, self.resend):
            layout.addWidget(button)
        layout.addWidget(self.bundle_table)
        layout.addWidget(QLabel(tr("各报告期的进度")))
        layout.addWidget(self.fate_table, 1)
        layout.addWidget(self.fate_note)
        layout.addWidget(self.estimate)
        self.choice.buttonToggled.connect(self._choice_toggled)
        self.bundle_table.selectionModel().selectionChanged.connect(lambda *_: self.refresh_estimate())
        self.ready: Readiness = Readiness((), False)
        self.preview: ExportPreview | None = None
        self._asked = 0  # estimates are numbered; a late answer to an old question is dropped
        self.job: BackgroundJob | None = None

    def initializePage(self) -> None:
        store = self.session.store
        self.ready = readiness(store.home)
        if self.ready.problems:
            self.problems.error("\n".join(self.ready.problems))
        else:
            self.problems.clear()
        earlier = earlier_bundles(store)
        self.receipts = {seq: receipt_text(r) for seq, r in receipts_by_seq(store, earlier).items()}
        self.bundles.set_rows(earlier)
        restart = ExportRepo(store.database, store.audit).must_restart()
        if earlier:
            self.bundle_table.selectRow(0)
        if not restart:
            self.delta.setText(tr("变化数据包：上次导出以来新增和修改的内容（推荐）"))
            self.full.setEnabled(True)
        elif earlier:  # the key was replaced since the last bundle: the office takes only the new key's bundles
            self.delta.setText(tr("更换签名密钥后的第一次导出：完整数据包（省局只接收新密钥签名的数据包）"))
            self.full.setEnabled(False)
        else:
            self.delta.setText(tr("第一次导出：完整数据包"))
            self.full.setEnabled(False)
        self.resend.setEnabled(bool(earlier))
        self.bundle_table.setVisible(bool(earlier))
        self.bundle_table.setEnabled(self.resend.isChecked())
        self.refresh_estimate()

    def _choice_toggled(self, _button: Any, checked: bool) -> None:
        if checked:
            self.bundle_table.setEnabled(self.resend.isChecked())
            self.refresh_estimate()

    def chosen(self) -> tuple[bool, int | None]:
        """(full, resend seq)."""
        if self.resend.isChecked():
            rows = self.bundle_table.selectionModel().selectedRows()
            record: ExportRecord | None = self.bundles.data(rows[0], ROW_ROLE) if rows else None
            return False, record.seq if record else None
        return self.full.isChecked(), None

    def refresh_estimate(self) -> None:
        self.preview = None
        self.completeChanged.emit()
        if self.ready.problems:
            self.estimate.setText("")
            return
        full, resend = self.chosen()
        if self.resend.isChecked() and resend is None:
            self.estimate.setText(tr("请在上表中选择要重新写出的数据包。"))
            return
        self._asked += 1
        asked = self._asked
        session = self.session

        def work(_progress: Any, _cancelled: Any) -> ExportPreview:
            with session.worker_store() as store:
                return preview_export(store, full=full, resend=resend)

        self.estimate.setText(tr("正在计算数据包大小…"))
        self.job = run_in_background(work)
        self.job.result.connect(lambda preview: self._estimated(asked, preview))
        self.job.failed.connect(lambda message: self._estimate_failed(asked, message))

    def _estimated(self, asked: int, preview: ExportPreview) -> None:
        if asked != self._asked:
            return
        self.preview = preview
        self.fates.columns = fate_columns(preview.review_in_use)
        self.fates.set_rows(period_fates(self.session.store, preview.review_in_use, preview.held_periods))
        if preview.resend:
            what = tr("原样重新写出第 {seq} 号数据包").format(seq=preview.seq)
        else:
            kind = tr("完整数据包") if preview.kind == "full" else tr("变化数据包")
            what = tr("第 {seq} 号{kind}：{records} 条记录，{evidence} 份佐证材料（{files}）").format(
                seq=preview.seq,
                kind=kind,
                records=preview.records,
                evidence=preview.evidence,
                files=size_text(preview.evidence_bytes),
            )
        text = tr("{what}。预计占用 {size}。").format(what=what, size=size_text(preview.size))
        if preview.held_periods and not preview.resend:
            text += "\n" + tr("以下报告期尚未审核通过，其进度留在本机：{periods}").format(
                periods=period_labels(preview.held_periods)
            )
        self.estimate.setText(text)
        self.completeChanged.emit()

    def _estimate_failed(self, asked: int, message: str) -> None:
        if asked == self._asked:
            self.estimate.setText("")
            self.problems.error(message)

    def isComplete(self) -> bool:
        return not self.ready.problems and self.preview is not None

    def nextId(self) -> int:
        return TARGET


class ExportWizard(QWizard):
    def __init__(
        self,
        session: Session,
        parent: Any = None,
        *,
        targets: Any = list_targets,
        free_space: FreeSpace = disk_free,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.export_result: dict[str, Any] | None = None
        style_wizard(self, tr("导出进度包"), 780, commit=tr_noop("开始导出"), cancel=tr_noop("取消"))
        self.content = ContentPage(session)
        self.target_page = TargetPage(targets, free_space)
        self.run_page = RunPage(session)
        self.result_page = ResultPage()
        for page_id, page in (
            (CONTENT, self.content),
            (TARGET, self.target_page),
            (RUN, self.run_page),
            (RESULT, self.result_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(CONTENT)

    # what the pages agreed on ----------------------------------------------------------------------
    @property
    def preview(self) -> ExportPreview | None:
        return self.content.preview

    def chosen(self) -> tuple[bool, int | None]:
        return self.content.chosen()

    def target(self) -> Path | None:
        return self.target_page.target

    def passphrase(self) -> str | None:
        return self.target_page.passphrase() if self.content.ready.key_protected else None

    def key_protected(self) -> bool:
        return self.content.ready.key_protected

    def choose_target(self, target: Target | Path) -> None:
        """Pick a drive or folder (what a click in the list or the folder dialog does)."""
        self.target_page.choose(target)

    # leaving while the export runs -----------------------------------------------------------------
    def reject(self) -> None:
        if self.run_page.is_running():
            answer = QMessageBox.question(
                self,
                tr("取消导出"),
                tr("导出正在进行。确定取消吗？\n取消后不会留下数据包，导出序号不变，本机数据不受影响。"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.run_page.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.run_page.is_running():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape and self.run_page.is_running():
            self.reject()
            return
        super().keyPressEvent(event)
