"""Office side: 退回本期… from a unit's detail page (a reason, and a comment per task beside its figures), and
制作回执U盘… (which units, where, the passphrase; the writing runs off the GUI thread behind a progress bar).
Both call the same Qt-free services as `province return` and `province answer`. Those services (and the signing
and encryption libraries they use) are imported when a dialog acts, not with the office window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.office.unit_view import TaskRow
from desktop.store.office import OfficeRepo
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.i18n import tr
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from desktop.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    from desktop.services.answer.office import AnswerRun

COMMENT_COLUMN = 3


class ReturnDialog(QDialog):
    """Send one unit's period back: the reason, and a comment per task typed beside the task's figures."""

    def __init__(
        self,
        session: Session,
        code: str,
        tasks: list[TaskRow],
        parent: QWidget | None = None,
        plan: str | None = None,
    ) -> None:
        """`tasks` of plan `plan` (None: the current plan), as the unit's detail page shows them."""
        super().__init__(parent)
        self.session = session
        self.code = code
        self.plan = plan
        self.period = session.period.code
        self.tasks = tasks
        self.setWindowTitle(tr("退回本期"))
        self.messages = MessageBar()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("必填：为什么退回，单位应当怎样改"))
        self.table = QTableWidget(len(tasks), 4)
        self.table.setHorizontalHeaderLabels([tr("序号"), tr("任务"), tr("本期完成"), tr("意见（可留空）")])
        for row, task in enumerate(tasks):
            for column, text in enumerate((task.key, task.text, f"{task.percent}%")):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            self.table.setItem(row, COMMENT_COLUMN, QTableWidgetItem(""))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COMMENT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        form = QFormLayout()
        form.addRow(tr("单位"), QLabel(code))
        form.addRow(tr("报告期"), QLabel(self.period))
        form.addRow(tr("退回原因"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send = buttons.addButton(tr("退回"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("对各项任务的意见（随回执送到单位，显示在该任务旁）")))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.made: Any = None

    def comments(self) -> list[str]:
        out = []
        for row, task in enumerate(self.tasks):
            item = self.table.item(row, COMMENT_COLUMN)
            text = item.text().strip() if item is not None else ""
            if text:
                out.append(f"{task.uid}={text}")  # the uid: the task of the plan shown, whatever its key
        return out

    def save(self) -> None:
        from desktop.services.operations import answers as answer_ops

        code, period, reason, comments, plan = self.code, self.period, self.reason.text(), self.comments(), self.plan
        made, error = self.session.perform(
            lambda store: answer_ops.return_unit_period(store, code, period, reason, comments, plan), self
        )
        if error:
            self.messages.error(error)  # the reason and the comments stay as typed
            return
        self.made = made
        self.accept()


class AnswerStickDialog(QDialog):
    """制作回执U盘: which units (those with something new, chosen ones, or all), the folder, the passphrase."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("制作回执U盘"))
        self.messages = MessageBar()
        self.fresh = QRadioButton(tr("有新内容的单位（回执、退回、通知）"))
        self.chosen = QRadioButton(tr("下面选中的单位"))
        self.everyone = QRadioButton(tr("全部单位"))
        self.choice = QButtonGroup(self)
        for button in (self.fresh, self.chosen, self.everyone):
            self.choice.addButton(button)
        self.fresh.setChecked(True)
        self.units = QListWidget()
        for unit in OfficeRepo(session.store.database, session.store.audit).units():
            if unit.revoked:
                continue
            item = QListWidgetItem(f"{unit.code}  {unit.name}")
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.units.addItem(item)
        self.folder = QLineEdit()
        browse = QPushButton(tr("选择…"))
        browse.clicked.connect(self.browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setVisible(False)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(tr("写到（U盘或文件夹）"), where)
        form.addRow(tr("省局私钥口令"), self.passphrase)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start = buttons.addButton(tr("制作"), QDialogButtonBox.ButtonRole.ActionRole)
        self.start.clicked.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages)
        for button in (self.fresh, self.chosen, self.everyone):
            layout.addWidget(button)
        layout.addWidget(self.units, 1)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        self.resize(680, 560)
        self.task: BackgroundJob | None = None
        self.outcome: AnswerRun | None = None

    def browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, tr("选择回执U盘或文件夹"))
        if name:
            self.folder.setText(name)

    def selected_units(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.units.item(i) for i in range(self.units.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def run(self) -> BackgroundJob | None:
        from desktop.services.answer.office import write_answers  # here, not in the worker thread

        out = Path(self.folder.text().strip()) if self.folder.text().strip() else None
        if out is None:
            self.messages.error(tr("请选择要写入的U盘或文件夹。"))
            return None
        units = self.selected_units() if self.chosen.isChecked() else None
        if self.chosen.isChecked() and not units:
            self.messages.error(tr("请在列表中勾选要写回执的单位。"))
            return None
        passphrase, everyone, session = self.passphrase.text(), self.everyone.isChecked(), self.session
        if not passphrase:
            self.messages.error(tr("请输入省局私钥的口令。"))
            return None

        def work(progress: Any, _cancelled: Any) -> AnswerRun:
            with session.worker_store() as store:
                return write_answers(store, out, passphrase, units=units, all_units=everyone, progress=progress)

        self.messages.clear()
        self.start.setEnabled(False)
        self.bar.setVisible(True)
        self.bar.setRange(0, 0)
        task = run_in_background(work)
        task.progress.connect(self._progress)
        task.result.connect(self._done)
        task.failed.connect(self._failed)
        self.task = task
        return task

    def _progress(self, _phase: str, done: int, total: int) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def _done(self, run: AnswerRun) -> None:
        self.outcome = run
        self.start.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        lines = [
            tr("{name}：回执 {r} 条，退回 {b} 期，通知 {n} 条").format(
                name=w.path.name, r=w.receipts, b=w.returns, n=w.notices
            )
            for w in run.written
        ]
        lines += [f"{code}：{why}" for code, why in run.skipped]
        if run.unchanged:
            lines.append(tr("另有 {n} 个单位没有新内容，未写回执。").format(n=run.unchanged))
        if run.signer_created:
            lines.append(tr("已生成省局的回执签名密钥，office.pub 已更新：请把新的 office.pub 交各单位导入。"))
        self.report.setPlainText("\n".join(lines) or tr("没有需要写回执的单位。"))
        self.report.setVisible(True)
        self.messages.info(tr("已写出 {n} 份回执。").format(n=len(run.written)))

    def _failed(self, message: str) -> None:
        self.start.setEnabled(True)
        self.bar.setVisible(False)
        self.messages.error(message)


def install(window: MainWindow, session: Session) -> QAction:
    action = QAction(tr("制作回执U盘…"), window)
    action.setToolTip(tr("把回执、退回的报告期和通知写到U盘，送回各单位"))
    action.setEnabled(session.can_edit or session.can_admin)
    action.triggered.connect(lambda: AnswerStickDialog(session, window).exec())
    file_menu = window.menu("file")
    actions = file_menu.actions()
    if len(actions) > 1:
        file_menu.insertAction(actions[1], action)
    else:
        file_menu.addAction(action)
    window.toolbar.addAction(action)
    return action
