"""The office's import wizard: pick a stick or folder, import every bundle on it with
`planprogress --home H --json province import B1 B2 ...` as a child process (pyrage holds the GIL while it
decrypts), then one result line per bundle with its outcome and, for a rejection, the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain.errors import PlanProgressError
from desktop.services.bundle.format import Outcome
from desktop.services.office.intake_counts import IntakeCounts, count_results
from desktop.services.office.sources import bundles_in, no_bundle_message
from desktop.ui import file_dialogs, theme
from desktop.ui.cli_process import CliProcess
from desktop.ui.export.targets import Target, list_targets, target_columns
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.models.table import ROW_ROLE, RowTableModel
from desktop.ui.office.intake_lines import IntakeLine, intake_columns, lines_from
from desktop.ui.session import Change, Session
from desktop.ui.widgets.cli_wizard import PASSPHRASE_ENV, CliProgressPage, passphrase_field, style_wizard
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.tables import data_table

SOURCE, RUN, RESULT = range(3)
PHASES = {
    "copy": tr_noop("复制到暂存区"),
    "verify": tr_noop("校验签名和哈希"),
    "decrypt": tr_noop("解密并检查内容"),
    "merge": tr_noop("合并"),
}


class IntakeJob(CliProcess):
    """A CliProcess that keeps the result line when the CLI exits non-zero: `province import` exits 7 when a
    bundle was rejected, and the per-bundle lines are exactly what the clerk needs then."""

    def result_line(self) -> dict[str, Any] | None:
        return self._result


class SourcePage(QWizardPage):
    def __init__(self, targets: Any) -> None:
        super().__init__()
        self._targets = targets
        self.folder: Path | None = None
        self.bundles: list[Path] = []
        self.setTitle(tr("从哪里导入"))
        self.setSubTitle(tr("插入各单位交来的U盘，选择它；也可以选择存放数据包的任意文件夹。"))
        self.drives = RowTableModel(target_columns())
        self.table = data_table(self.drives, stretch=1, striped=False)
        self.table.selectionModel().selectionChanged.connect(self._drive_selected)
        refresh = QPushButton(tr("刷新"))
        refresh.clicked.connect(self.refresh)
        other = QPushButton(tr("其他文件夹…"))
        other.clicked.connect(self.browse)
        self.empty = QLabel(tr("没有找到U盘：插好后点“刷新”，或点“其他文件夹…”。"))
        self.empty.setStyleSheet(theme.HINT)
        row = QHBoxLayout()
        row.addWidget(self.empty, 1)
        row.addWidget(refresh)
        row.addWidget(other)
        self.found = QLabel(tr("尚未选择"))
        self.found.setWordWrap(True)
        self.passphrase = passphrase_field(tr("省局私钥的口令"))
        self.passphrase.textChanged.connect(lambda _t: self.completeChanged.emit())
        form = QFormLayout()
        form.addRow(tr("找到的数据包"), self.found)
        form.addRow(tr("私钥口令"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(form)
        self.setCommitPage(True)

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        drives: list[Target] = self._targets()
        self.drives.set_rows(drives)
        self.empty.setVisible(not drives)
        if self.folder is None and len(drives) == 1:
            self.table.selectRow(0)
        self.choose(self.folder) if self.folder else self.completeChanged.emit()

    def _drive_selected(self, *_args: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            drive: Target = self.drives.data(rows[0], ROW_ROLE)
            self.choose(drive.path)

    def browse(self) -> None:
        name = file_dialogs.choose_folder(self, tr("选择存放数据包的文件夹"), self.folder)
        if name:
            self.choose(Path(name))

    def choose(self, folder: Path) -> None:
        self.folder = folder
        self.bundles = bundles_in(folder)
        if self.bundles:
            names = tr("、").join(p.name for p in self.bundles[:6]) + ("…" if len(self.bundles) > 6 else "")
            self.found.setText(
                tr("{folder} 中有 {n} 个：{names}").format(folder=folder, n=len(self.bundles), names=names)
            )
            self.found.setStyleSheet("")
        else:
            self.found.setText(no_bundle_message(folder))
            self.found.setStyleSheet(theme.ERROR)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.bundles) and bool(self.passphrase.text())

    def nextId(self) -> int:
        return RUN


class ImportRunPage(CliProgressPage):
    def __init__(self, session: Session) -> None:
        super().__init__(
            session,
            tr("正在导入"),
            tr("每个数据包先复制到暂存区，校验签名和哈希后才解密；有问题的数据包不会改动任何数据。"),
            tr("省局私钥的口令"),
        )
        self.retry_button.clicked.connect(self.start)

    @property
    def passphrase(self) -> QLineEdit:
        """The field for a second try after a wrong passphrase."""
        return self.passphrase_edit

    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        wizard: Any = self.wizard()
        source: SourcePage = wizard.source
        passphrase = self.typed_passphrase(source.passphrase.text()) or ""
        arguments = ["province", "import", *(str(p) for p in source.bundles)]
        env = {PASSPHRASE_ENV: passphrase}
        job = self.launch(
            arguments, env, progress=self._progress, done=self._finished, failed=self._failed, job_class=IntakeJob
        )
        job.start()

    def _progress(self, phase: str, done: int, total: int) -> None:
        self.phase.setText(tr(PHASES.get(phase, phase)) + "…")
        if total > 0:
            self.bar.setValue(int(1000 * min(done / total, 1.0)))
        self.show_amount(done, total)

    def _finished(self, result: dict[str, Any]) -> None:
        self.state = "done"
        wizard: Any = self.wizard()
        wizard.lines = lines_from(result)
        self.session.notify(Change.ALL, self)
        self.completeChanged.emit()
        wizard.next()

    def _failed(self, message: str) -> None:
        assert isinstance(self.job, IntakeJob)
        result = self.job.result_line()
        if result is not None and "bundles" in result:  # some bundles were rejected: that is a result too
            self._finished(result)
            return
        self.bar.setValue(0)
        if "口令" in message:
            self.passphrase_edit.clear()
            self.passphrase_edit.show()
        inline = tr("{error}\n没有导入任何数据包，省局数据未改动。").format(error=message)
        self.show_failure(message, tr("导入未进行"), inline)

    def nextId(self) -> int:
        return RESULT


class ImportResultPage(QWizardPage):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setTitle(tr("导入结果"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowTableModel(intake_columns())
        self.table = data_table(self.model, stretch=4, striped=False)
        self.table.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("搁置原因（写入审计记录），如：单位已吊销，数据包作废"))
        self.dismiss_button = QPushButton(tr("搁置所选数据包"))
        self.dismiss_button.setToolTip(tr("被吊销单位或已停用密钥签名的数据包：搁置后，再导入同一U盘时不再显示为拒收"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.dismiss_row = QWidget()
        row = QHBoxLayout(self.dismiss_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.reason, 1)
        row.addWidget(self.dismiss_button)
        self.dismiss_row.hide()
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.dismiss_row)
        layout.addWidget(self.messages)

    def initializePage(self) -> None:
        wizard: Any = self.wizard()
        lines: list[IntakeLine] = wizard.lines
        self.model.set_rows([line for line in lines if line.outcome != Outcome.DISMISSED.value])
        self.table.resizeRowsToContents()
        counts = count_results([(line.outcome, line.from_held) for line in lines])
        self.summary.setText(summary_text(counts))
        self.summary.setStyleSheet(theme.ERROR if counts.refused else theme.SUCCESS)
        if self.model.rowCount():
            self.table.selectRow(0)

    def _line(self) -> IntakeLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _selected(self, *_args: Any) -> None:
        line = self._line()
        self.detail.setText(f"{line.name}：{line.message}" if line else "")
        self.dismiss_row.setVisible(line is not None and _dead(line))
        self.messages.clear()

    def dismiss_selected(self) -> None:
        line = self._line()
        if line is None or not _dead(line):
            return
        from desktop.services.office.dismiss import dismiss  # loads the key libraries: only when used

        try:
            dismiss(self.session.store, line.name, self.reason.text())
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return
        self.reason.clear()
        self.dismiss_row.hide()
        self.messages.info(tr("已搁置 {name}：以后导入含有它的U盘时不再显示为拒收。").format(name=line.name))


def _dead(line: IntakeLine) -> bool:
    try:
        return Outcome(line.outcome).dead
    except ValueError:
        return False


def summary_text(counts: IntakeCounts) -> str:
    """The count over the bundles found on the medium, then what became of them."""
    parts = [tr("{n} 个已接收或已导入过").format(n=counts.accepted)]
    if counts.waiting:
        parts.append(tr("{n} 个暂存待补").format(n=counts.waiting))
    if counts.refused:
        parts.append(
            tr("{n} 个未接收（已隔离，原因见下表，也可在“单位与密钥”页的导入记录中查看）").format(n=counts.refused)
        )
    if counts.dismissed:
        parts.append(tr("{n} 个此前已搁置、未再导入").format(n=counts.dismissed))
    text = tr("共 {n} 个数据包：{parts}。").format(n=counts.found, parts=tr("，").join(parts))
    if counts.from_held:
        text += tr("另有 {n} 个此前暂存的数据包补齐后已导入。").format(n=counts.from_held)
    return text


class ImportWizard(QWizard):
    def __init__(self, session: Session, parent: Any = None, *, targets: Any = list_targets) -> None:
        super().__init__(parent)
        self.session = session
        self.lines: list[IntakeLine] = []
        style_wizard(self, tr("导入进度包"), 860, commit=tr_noop("开始导入"), cancel=tr_noop("关闭"))
        self.source = SourcePage(targets)
        self.run_page = ImportRunPage(session)
        self.result_page = ImportResultPage(session)
        for page_id, page in ((SOURCE, self.source), (RUN, self.run_page), (RESULT, self.result_page)):
            self.setPage(page_id, page)
        self.setStartId(SOURCE)

    def reject(self) -> None:
        if self.run_page.is_running():
            QMessageBox.information(
                self, tr("正在导入"), tr("导入正在进行，请等它完成（每个数据包要么完整导入，要么不改动任何数据）。")
            )
            return
        super().reject()
