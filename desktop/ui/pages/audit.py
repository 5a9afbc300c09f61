"""The audit trail: filter by user, record type, record and date; read before/after; verify the hash chain."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import InputError
from desktop.domain.model import AuditEntry
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.i18n import tr
from desktop.ui.models.audit import ENTITIES, audit_columns
from desktop.ui.models.audit_fields import detail_lines, line_text
from desktop.ui.models.table import ROW_ROLE, KeysetTableModel
from desktop.ui.session import Session
from desktop.ui.widgets.fields import OptionalDate
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.refresh import RefreshOnShow
from desktop.ui.widgets.tables import data_table


class AuditPage(RefreshOnShow, QWidget):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._dirty = True
        self.job: BackgroundJob | None = None
        self.user = QComboBox()
        self.entity = QComboBox()
        self.entity.addItem(tr("全部"), None)
        for key, label in ENTITIES.items():
            self.entity.addItem(tr(label), key)
        self.record = QLineEdit()
        self.record.setPlaceholderText(tr("记录标识（可不填）"))
        today = session.today()
        self.since = OptionalDate(None, today.replace(day=1), tr("从"), what=tr("起始日期"))
        self.until = OptionalDate(None, today, tr("到"), what=tr("截止日期"))
        self.apply_button = QPushButton(tr("查询"))
        self.apply_button.clicked.connect(self.apply)
        self.verify_button = QPushButton(tr("校验审计链"))
        self.verify_button.clicked.connect(self.verify)
        filters = QHBoxLayout()
        for label, widget in ((tr("用户"), self.user), (tr("对象"), self.entity)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.record, 1)
        filters.addWidget(self.since)
        filters.addWidget(self.until)
        filters.addWidget(self.apply_button)
        filters.addWidget(self.verify_button)

        self.model: KeysetTableModel[AuditEntry] = KeysetTableModel(audit_columns(), self._page, page_size=300)
        self.table = data_table(self.model, wrap=False, stretch_last=True)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self._titles: dict[str, str | None] = {}
        self.before = QTextEdit()
        self.after = QTextEdit()
        for box in (self.before, self.after):
            box.setReadOnly(True)
        compare = QSplitter(Qt.Orientation.Horizontal)
        for title, box in ((tr("修改前"), self.before), (tr("修改后"), self.after)):
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.addWidget(QLabel(title))
            holder_layout.addWidget(box)
            compare.addWidget(holder)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(compare)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.messages = MessageBar()
        self._range: tuple[str | None, str | None] = (None, None)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        self.watch(session, period=False)

    def refresh(self) -> None:
        self._dirty = False
        chosen = self.user.currentData()
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItem(tr("全部"), None)
        for user in self.session.store.users.find():
            self.user.addItem(tr("{name}（{role}）").format(name=user.name, role=tr(user.role.value)), user.name)
        self.user.setCurrentIndex(max(self.user.findData(chosen), 0))
        self.user.blockSignals(False)
        self.apply()

    def _bounds(self) -> tuple[str | None, str | None]:
        since, until = self.since.value(), self.until.value()
        # Stored stamps are UTC; the dates typed are local days.
        low = _utc(dt.datetime.combine(since, dt.time.min)) if since else None
        high = _utc(dt.datetime.combine(until, dt.time.max)) if until else None
        return low, high

    def _page(self, after_id: int, limit: int) -> list[AuditEntry]:
        since, until = self._range  # as checked by apply(): a date being retyped does not break paging
        return self.session.store.audit.entries(
            user=self.user.currentData(),
            entity=self.entity.currentData(),
            entity_uid=self.record.text().strip() or None,
            since=since,
            until=until,
            after_id=after_id,
            limit=limit,
        )

    def apply(self) -> None:
        try:
            self._range = self._bounds()
        except InputError as exc:  # a wrong date typed: say so, keep it and the rows shown
            self.messages.error(str(exc))
            return
        if self.messages.kind == "error":
            self.messages.clear()
        self._titles.clear()
        self.model.reset()
        self.before.clear()
        self.after.clear()

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        entry: AuditEntry | None = self.model.data(rows[0], ROW_ROLE) if rows else None
        before, after = (entry.before, entry.after) if entry else (None, None)
        self._show(self.before, before, after)
        self._show(self.after, after, before)

    def _show(self, box: QTextEdit, text: str | None, other: str | None) -> None:
        """Fields by their Chinese names; those the change touched in bold."""
        rows = []
        for line in detail_lines(text, other, self._title):
            shown = html.escape(line_text(line))
            rows.append(f"<div><b>{shown}</b></div>" if line.changed else f"<div>{shown}</div>")
        box.setHtml("".join(rows))

    def _title(self, uid: str) -> str | None:
        """A related record's title, looked up once per query (the same few records recur down the list)."""
        if uid not in self._titles:
            self._titles[uid] = self.session.store.plan.title_by_uid(uid)
        return self._titles[uid]

    def verify(self) -> BackgroundJob:
        """Walk the hash chain in a worker thread with its own connection."""
        session = self.session

        def work(progress: Any, cancelled: Any) -> list[str]:
            with session.worker_store() as store:
                return [problem.message for problem in store.audit.verify()]

        self.verify_button.setEnabled(False)
        self.messages.info(tr("正在校验审计记录…"))
        job = run_in_background(work, phase="audit")
        job.result.connect(self._verified)
        job.failed.connect(self.messages.error)
        job.finished.connect(lambda: self.verify_button.setEnabled(True))
        self.job = job
        return job

    def _verified(self, problems: list[str]) -> None:
        count = self.session.store.audit.count()
        if problems:
            self.messages.error(tr("审计记录校验未通过：") + "；".join(problems[:10]))
        else:
            self.messages.info(tr("审计记录校验通过：共 {n} 条，哈希链完整。").format(n=count))


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
