"""Drill-down into one unit at the office: its tasks with progress for the period, then for the chosen task
its measures, milestones and evidence. Evidence is hash-checked (in the thread pool) before it is previewed
with the unit mode's preview pane, so the office never looks at a file that differs from what was sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import PlanProgressError
from desktop.services.office import evidence as office_evidence
from desktop.services.office.evidence import OfficeEvidence
from desktop.services.office.unit_view import TaskRow, UnitView, build_unit_view
from desktop.store.files import hash_file
from desktop.store.office import OfficeRepo
from desktop.ui import file_dialogs
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.format import local_time, period_label, size_text
from desktop.ui.i18n import tr
from desktop.ui.models.table import ROW_ROLE, KeysetTableModel, RowTableModel
from desktop.ui.office.drill_columns import (
    evidence_columns,
    measure_columns,
    milestone_columns,
    size_evidence_table,
    task_columns,
)
from desktop.ui.session import Change, Session
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.preview import PreviewPane
from desktop.ui.widgets.tables import data_table


def sha256_of(path: Path) -> str | None:
    """The file's hash, or None when it is missing (hashlib releases the GIL: fine in the pool)."""
    return hash_file(path)[0] if path.is_file() else None


class UnitDetailPage(QWidget):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.view: UnitView | None = None
        self.plan: str | None = None  # the plan 全省汇总 showed when the unit was opened; None: the current plan
        self._dirty = True
        self.jobs: list[BackgroundJob] = []
        self.unit = QComboBox()
        self.unit.setMinimumContentsLength(20)
        self.unit.currentIndexChanged.connect(lambda _i: self.refresh())
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("单位")))
        top.addWidget(self.unit)
        top.addWidget(self.heading, 1)
        self.return_button = QPushButton(tr("退回本期…"))
        self.return_button.setToolTip(tr("把该单位本报告期退回重报：写明原因，可对各项任务写意见"))
        self.return_button.clicked.connect(self.open_return)
        top.addWidget(self.return_button)

        self.task_model = RowTableModel(task_columns(), parent=self)
        self.task_table = data_table(self.task_model, stretch=1)
        self.task_table.selectionModel().selectionChanged.connect(lambda *_: self._task_selected())
        self.measure_model = RowTableModel(measure_columns(), parent=self)
        self.milestone_model = RowTableModel(milestone_columns(), parent=self)
        self.evidence_model: KeysetTableModel[OfficeEvidence] = KeysetTableModel(
            evidence_columns(), self._evidence_page, parent=self
        )
        self.task_text = QLabel()
        self.task_text.setWordWrap(True)
        self.task_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.addTab(data_table(self.measure_model, stretch=0), tr("措施与进度"))
        self.tabs.addTab(data_table(self.milestone_model, stretch=0), tr("时间节点"))
        self.tabs.addTab(self._evidence_tab(), tr("佐证材料"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.task_text)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.task_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 840])  # the tabs and the evidence preview get the room (the window is 1360 wide)
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        session.changed.connect(self._changed)
        session.period_changed.connect(lambda _code: self._changed(Change.ALL))

    def open_return(self) -> Any:
        """The return dialog for the shown unit and period, with the tasks' figures beside the comments."""
        from desktop.ui.answers.office import ReturnDialog

        code = self.code()
        if code is None:
            self.messages.error(tr("请先选择单位。"))
            return None
        dialog = ReturnDialog(self.session, code, list(self.view.tasks) if self.view else [], self, self.plan)
        dialog.open()
        return dialog

    def _evidence_tab(self) -> QWidget:
        self.evidence_table = data_table(self.evidence_model)
        size_evidence_table(self.evidence_table)
        self.evidence_table.selectionModel().selectionChanged.connect(lambda *_: self._evidence_selected())
        self.preview = PreviewPane()
        self.check = QLabel()
        self.check.setWordWrap(True)
        self.file_info = QLabel()
        self.file_info.setWordWrap(True)
        self.file_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(tr("另存副本…"))
        self.save_button.clicked.connect(self.save_copy)
        self.save_button.setEnabled(False)
        info = QFormLayout()
        info.addRow(tr("文件"), self.file_info)
        info.addRow(tr("校验"), self.check)
        info.addRow("", self.save_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.preview, 1)
        side_layout.addLayout(info)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.evidence_table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 400])  # a page of a scanned PDF is readable at ~400 px wide
        return splitter

    # which unit --------------------------------------------------------------------------------------
    def _changed(self, _changes: Change, _initiator: object = None) -> None:
        self._dirty = True
        if self.isVisible():
            self.reload_units()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.reload_units()

    def reload_units(self) -> None:
        self._dirty = False
        chosen = self.unit.currentData()
        units = OfficeRepo(self.session.store.database, self.session.store.audit).units()
        self.unit.blockSignals(True)
        self.unit.clear()
        for unit in units:
            self.unit.addItem(f"{unit.code}　{unit.name}" if unit.name else unit.code, unit.code)
        position = self.unit.findData(chosen) if chosen else 0
        self.unit.setCurrentIndex(max(position, 0) if units else -1)
        self.unit.blockSignals(False)
        self.refresh()

    def show_unit(self, code: str, plan: str | None = None) -> bool:
        """Show unit `code`'s tasks of `plan` (None: keep the plan shown)."""
        if plan is not None:
            self.plan = plan
        if self._dirty or self.unit.findData(code) < 0:
            self.reload_units()
        position = self.unit.findData(code)
        if position < 0:
            return False
        self.unit.setCurrentIndex(position)
        self.refresh()
        return True

    def code(self) -> str | None:
        value = self.unit.currentData()
        return str(value) if value else None

    def refresh(self) -> None:
        code = self.code()
        chosen = self.selected_task()
        if code is None:
            self.view = None
            self.task_model.set_rows([])
            self.heading.setText(tr("还没有登记任何单位。"))
            self._task_selected()
            return
        session = self.session
        try:
            view = build_unit_view(
                session.store, code, session.period.code, session.today(), session.thresholds(), self.plan
            )
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return
        self.messages.clear()
        self.view = view
        unit = view.unit
        last = (
            tr("最近接收第 {seq} 号数据包（{when}）").format(seq=unit.last_seq, when=local_time(unit.last_at or ""))
            if unit.last_seq
            else tr("尚未收到数据包")
        )
        state = tr("　已吊销（{when}）").format(when=local_time(unit.revoked_at)) if unit.revoked_at else ""
        self.heading.setText(
            tr("{name}　{period}　{last}{state}").format(
                name=unit.name or unit.code, period=period_label(session.period), last=last, state=state
            )
        )
        self.task_model.set_rows(view.tasks)
        if chosen is not None:
            self.select_task(chosen.uid)
        self._task_selected()

    # which task --------------------------------------------------------------------------------------
    def selected_task(self) -> TaskRow | None:
        rows = self.task_table.selectionModel().selectedRows()
        return self.task_model.data(rows[0], ROW_ROLE) if rows else None

    def select_task(self, uid_or_key: str) -> bool:
        for row, task in enumerate(self.task_model.rows()):
            if uid_or_key in (task.uid, task.key):
                self.task_table.selectRow(row)
                return True
        return False

    def _task_selected(self) -> None:
        task = self.selected_task()
        self.measure_model.set_rows(task.measures if task else [])
        self.milestone_model.set_rows(task.milestones if task else [])
        self.task_text.setText(f"{task.key}　{task.text}" if task else tr("在左侧选择一项任务。"))
        self.evidence_model.reset()
        self.evidence_model.fetchMore()
        self._show_evidence(None)

    def _evidence_page(self, after: int, limit: int) -> list[OfficeEvidence]:
        task, code = self.selected_task(), self.code()
        if task is None or code is None:
            return []
        return office_evidence.list_evidence(self.session.store, unit=code, task=task.uid, after=after, limit=limit)

    # evidence ----------------------------------------------------------------------------------------
    def selected_evidence(self) -> OfficeEvidence | None:
        rows = self.evidence_table.selectionModel().selectedRows()
        return self.evidence_model.data(rows[0], ROW_ROLE) if rows else None

    def _evidence_selected(self) -> None:
        self._show_evidence(self.selected_evidence())

    def _show_evidence(self, record: OfficeEvidence | None) -> BackgroundJob | None:
        self.save_button.setEnabled(False)
        if record is None:
            self.preview.show_message(tr("选择一份材料，校验通过后在此预览。"))
            self.file_info.clear()
            self.check.clear()
            return None
        digest = f"{record.sha256[:32]}\n{record.sha256[32:]}"  # two lines: a 64-digit word never wraps
        name = tr("{name}（{size}）").format(name=record.original_name, size=size_text(record.size))
        self.file_info.setText(f"{name}\nSHA-256 {digest}")
        self.check.setText(tr("正在校验…"))
        self.preview.show_message(tr("正在校验文件…"))
        path = self.session.store.home.blob_path(record.sha256)
        job = run_in_background(lambda _progress, _cancelled: sha256_of(path), phase="hash")
        job.result.connect(lambda digest: self._checked(record, path, digest))
        job.failed.connect(self.check.setText)
        self.jobs = [t for t in self.jobs if not t.done.is_set()] + [job]
        return job

    def _checked(self, record: OfficeEvidence, path: Path, digest: str | None) -> None:
        if record != self.selected_evidence():
            return  # another row was chosen meanwhile
        if digest is None:
            self.check.setText(tr("文件缺失：请让 {unit} 重新导出完整数据包。").format(unit=record.unit))
            self.preview.show_message(self.check.text())
        elif digest != record.sha256:
            self.check.setText(tr("文件已被改动（哈希不符），不予显示：请从备份恢复或让单位重新导出。"))
            self.preview.show_message(self.check.text())
        else:
            self.check.setText(tr("校验通过：与单位报送的文件一致。"))
            self.preview.show_file(path, record.media_type)
            self.save_button.setEnabled(True)

    def save_copy(self, target: Path | None = None) -> Path | None:
        record = self.selected_evidence()
        if record is None:
            return None
        if target is None:
            name = file_dialogs.save_file(self, tr("另存佐证材料"), record.original_name)
            if not name:
                return None
            target = Path(name)
        try:
            saved = office_evidence.copy_out(self.session.store, record.id, target)
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return None
        self.messages.info(tr("已另存（哈希校验通过）：{path}").format(path=saved))
        return saved
