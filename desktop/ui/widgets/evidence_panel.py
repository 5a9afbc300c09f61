"""Evidence (佐证材料) of one item: add by file dialog or drag-and-drop, preview, open, verify, delete.

New files get the category and the period (所属期) set in the bar above the list; the period starts as the
one chosen in the window and follows it until the clerk types into it.

Copying and hashing run in the thread pool (hashlib releases the GIL); the worker opens its own
store connection, and the panel refreshes when it reports back.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import EvidenceRecord
from desktop.services import operations as ops
from desktop.store.evidence import AddedEvidence
from desktop.store.files import hash_file
from desktop.ui import file_dialogs, theme
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.dialogs.evidence import EvidenceDialog, category_box
from desktop.ui.format import period_code_label, size_text
from desktop.ui.i18n import tr
from desktop.ui.models.evidence import EvidenceModel
from desktop.ui.models.table import ROW_ROLE
from desktop.ui.session import Change, Session
from desktop.ui.widgets.evidence_info import EvidenceInfo, check_text
from desktop.ui.widgets.fields import PeriodEdit
from desktop.ui.widgets.message_bar import MessageBar

FILE_NAME_SAMPLE = "会议纪要（第一期）.pdf"  # a usual name: longer ones are elided (the panel shows them whole)
SIZE_SAMPLE = 1024**3 - 1  # "1024.0 MB": the widest size text (a gigabyte and more shows as "1.0 GB")
PERIOD_SAMPLE = "2026年第四季度"  # the longest period label
PERIOD_COLUMN = 3
PANEL_HIDDEN = (4, 5, 6, 7)  # category, added by, added at, hash: shown beside the preview


def local_files(urls: Sequence[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and Path(url.toLocalFile()).is_file()]


class EvidencePanel(QWidget):
    files_added = Signal(list)  # list[AddedEvidence]
    verified = Signal(bool, str)  # ok, message

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAcceptDrops(session.can_edit)
        self.jobs: list[BackgroundJob] = []

        self.owner = QComboBox()
        self.owner.setMinimumContentsLength(24)
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.owner.currentIndexChanged.connect(self._owner_changed)
        self.category = category_box(session.store.evidence.categories())
        self.category.setToolTip(tr("新添加的文件归入这个类别（添加后也可修改）"))
        self.category.setMinimumContentsLength(8)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if (line := self.category.lineEdit()) is not None:
            line.setPlaceholderText(tr("可不填"))
        self.period = PeriodEdit(session.period.code, tr("所属期"))
        self.period.setToolTip(
            tr("新添加的文件属于哪个报告期：默认为窗口当前选择的报告期，可改写（如 2026-11、2026-Q4、2026）或清空")
        )
        self.period.setMinimumWidth(self.period.fontMetrics().horizontalAdvance(tr("可不填，如 2026-Q4")) + 40)
        self.period.problem_changed.connect(self._period_problem)
        self._period_refused = False  # the message bar shows why the typed period was refused
        session.period_changed.connect(self.period.offer)
        self.add_button = QPushButton(tr("添加文件…"))
        self.add_button.clicked.connect(self.choose_files)
        self.open_button = QPushButton(tr("用系统程序打开"))
        self.open_button.clicked.connect(self.open_external)
        self.verify_button = QPushButton(tr("校验文件"))
        self.verify_button.clicked.connect(self.verify_selected)
        self.edit_button = QPushButton(tr("修改类别和所属期…"))
        self.edit_button.setToolTip(tr("修改选中材料的标题、类别和所属期"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(tr("删除"))
        self.delete_button.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("材料归属")))
        bar.addWidget(self.owner, 1)
        bar.addWidget(QLabel(tr("类别")))
        bar.addWidget(self.category)
        bar.addWidget(QLabel(tr("所属期")))
        bar.addWidget(self.period)
        for button in (self.add_button, self.open_button, self.verify_button, self.edit_button, self.delete_button):
            bar.addWidget(button)

        self.model = EvidenceModel(session.store, None, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in PANEL_HIDDEN:  # shown beside the preview instead
            self.table.setColumnHidden(column, True)
        # Widths from the font (a larger system font gets wider columns), never from the rows: the list is lazy.
        metrics = self.table.fontMetrics()
        air = metrics.horizontalAdvance("空白")
        header.resizeSection(1, metrics.horizontalAdvance(FILE_NAME_SAMPLE) + air)
        header.resizeSection(2, metrics.horizontalAdvance(size_text(SIZE_SAMPLE)) + air)
        header.resizeSection(PERIOD_COLUMN, metrics.horizontalAdvance(PERIOD_SAMPLE) + air)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.open_external)

        self.info = EvidenceInfo()
        # the facts beside the list keep the names the panel has always offered
        self.preview, self.info_category, self.info_period = self.info.preview, self.info.category, self.info.period
        self.info_hash, self.info_check = self.info.hash, self.info.check

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.info)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self.messages = MessageBar()
        hint = QLabel(tr("提示：可以把文件直接拖到这里添加。"))
        hint.setStyleSheet(theme.HINT)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)
        hint.setVisible(session.can_edit)
        self._update_buttons()

    # -- which item --------------------------------------------------------------------------------
    def set_owners(self, owners: Sequence[tuple[str, int]], select: int | None = None) -> None:
        """The items evidence can belong to here: the selected task or measure and its milestones."""
        self.owner.blockSignals(True)
        self.owner.clear()
        for label, item_id in owners:
            self.owner.addItem(label, item_id)
        position = self.owner.findData(select) if select is not None else 0
        self.owner.setCurrentIndex(max(position, 0))
        self.owner.blockSignals(False)
        self._owner_changed()

    def item_id(self) -> int | None:
        value = self.owner.currentData()
        return int(value) if value is not None else None

    def _owner_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Start over at the first page (read now, so the list is never briefly empty)."""
        self.model.show_item(self.item_id())
        self.model.fetchMore()
        self._show_record(None)

    # -- selection and preview -----------------------------------------------------------------------
    def selected(self) -> EvidenceRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_record(self.selected())

    def _show_record(self, record: EvidenceRecord | None) -> None:
        self._update_buttons()
        self.info.show_record(record, self.session.store.evidence.path_of(record) if record else None)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        editable = self.session.can_edit and self.item_id() is not None
        chosen = self.selected() is not None
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and chosen)
        self.edit_button.setEnabled(editable and chosen)
        self.open_button.setEnabled(chosen)
        self.verify_button.setEnabled(chosen)

    # -- adding ----------------------------------------------------------------------------------------
    def _period_problem(self, problem: str) -> None:
        if not problem and self._period_refused:
            self._period_refused = False
            if self.messages.kind == "error":
                self.messages.clear()  # the refused period is right now

    def choose_files(self) -> None:
        names = file_dialogs.open_files(self, tr("选择佐证材料"), tr("所有文件 (*)"))
        if names:
            self.add_files([Path(n) for n in names])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.session.can_edit and self.item_id() is not None and local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if self.session.can_edit:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData().urls())
        if not files or not self.session.can_edit:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(files)

    def add_files(self, files: Sequence[Path]) -> BackgroundJob | None:
        """Copy `files` into the home as evidence of the chosen item, in a worker thread."""
        item_id = self.item_id()
        if item_id is None or not self.session.can_edit:
            self.messages.error(tr("请先在左侧选择任务或措施，再添加佐证材料。"))
            return None
        problem = self.period.problem()
        if problem:  # refused before anything is copied; the typed period stays for the clerk to correct
            self.messages.error(problem)
            self._period_refused = True
            self.period.setFocus()
            return None
        session = self.session
        category = self.category.currentText().strip()
        period = self.period.text()

        def work(progress: Any, cancelled: Any) -> list[AddedEvidence]:
            added = []
            with session.worker_store() as store:
                for path in files:
                    added += ops.add_evidence(
                        store, item_id, [path], category=category, period=period, progress=progress
                    ).value
            return added

        self.messages.info(tr("正在添加 {n} 个文件…").format(n=len(files)))
        self.add_button.setEnabled(False)
        job = run_in_background(work, phase="copy")
        job.result.connect(self._added)
        job.failed.connect(self._add_failed)
        job.finished.connect(self._update_buttons)
        self.jobs = [t for t in self.jobs if not t.done.is_set()] + [job]
        return job

    def _added(self, added: list[AddedEvidence]) -> None:
        self.session.notify(Change.EVIDENCE, self)
        self.reload()
        self.model.fetch_all()
        notes = [f"{a.record.original_name}：{w}" for a in added for w in a.warnings]
        same = [a.record.original_name for a in added if a.deduplicated]
        text = tr("已添加 {n} 份佐证材料。").format(n=len(added))
        if same:
            text += tr("（{names} 与已有文件内容相同，只保存一份）").format(names=tr("、").join(same))
        if notes:
            self.messages.warning(text + "\n" + "\n".join(notes))
        else:
            self.messages.info(text)
        if added:
            self.select_row(self.model.rowCount() - 1)
        self.files_added.emit(added)

    def _add_failed(self, message: str) -> None:
        self.messages.error(message)
        self.reload()  # files before the failing one were added
        self.files_added.emit([])

    # -- open, verify, delete ----------------------------------------------------------------------------
    def open_external(self) -> None:
        record = self.selected()
        if record is None:
            return
        source = self.session.store.evidence.path_of(record)
        if not source.is_file():
            self.messages.error(
                tr("文件缺失：{name}。请从备份恢复，或删除这条记录后重新添加。").format(name=record.original_name)
            )
            return
        # A copy under the original name: the viewer picks the right program, and cannot alter the stored file.
        folder = Path(tempfile.gettempdir()) / "planprogress-view" / record.sha256[:12]
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / record.original_name
        if not target.exists():
            shutil.copyfile(source, target)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            self.messages.error(tr("系统没有能打开这种文件的程序：副本在 {path}").format(path=target))

    def verify_selected(self) -> BackgroundJob | None:
        record = self.selected()
        if record is None:
            return None
        path = self.session.store.evidence.path_of(record)

        def work(progress: Any, cancelled: Any) -> str | None:
            if not path.is_file():
                return None
            return hash_file(path, progress)[0]

        job = run_in_background(work, phase="hash")
        job.result.connect(lambda digest: self._verified(record, digest))
        job.failed.connect(lambda message: self._verified_failed(message))
        self.jobs = [t for t in self.jobs if not t.done.is_set()] + [job]
        self.info_check.setText(tr("正在校验…"))
        return job

    def _verified(self, record: EvidenceRecord, digest: str | None) -> None:
        ok, text = check_text(record, digest)
        self.info_check.setText(text)
        (self.messages.info if ok else self.messages.error)(text)
        self.verified.emit(ok, text)

    def _verified_failed(self, message: str) -> None:
        self.info_check.setText(message)
        self.messages.error(message)
        self.verified.emit(False, message)

    def edit_selected(self) -> EvidenceDialog | None:
        """修改类别和所属期…: the selected record's title, category and period, in a dialog that keeps a refusal
        inside it."""
        record = self.selected()
        if record is None or not self.session.can_edit:
            return None
        dialog = EvidenceDialog(record, self.session.store.evidence.categories(), self)
        dialog.perform_on_save(
            self.session, lambda store: ops.update_evidence(store, record.id, **dialog.values()), self
        )
        dialog.accepted.connect(lambda: self._edited(record.id, dialog.result_value))
        dialog.open()
        return dialog

    def _edited(self, evidence_id: int, changed: EvidenceRecord) -> None:
        self.reload()
        self.model.fetch_all()
        rows = [self.model.row(n).id for n in range(self.model.rowCount())]
        if evidence_id in rows:
            self.select_row(rows.index(evidence_id))
        self.messages.info(
            tr("已修改“{title}”：类别 {category}，所属期 {period}。").format(
                title=changed.title,
                category=changed.category or tr("（未分类）"),
                period=period_code_label(changed.period) if changed.period else tr("（未指定）"),
            )
        )

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        answer = QMessageBox.question(
            self,
            tr("删除佐证材料"),
            tr("确定删除“{name}”吗？删除会写入审计记录。").format(name=record.original_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        _, error = self.session.perform(lambda s: ops.delete_evidence(s, record.id), self)
        if error:
            self.messages.error(error)
        else:
            self.messages.info(tr("已删除“{name}”。").format(name=record.original_name))
        self.reload()
