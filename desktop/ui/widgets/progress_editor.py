"""Progress of one task or measure in the chosen period: status, percent, narrative — saved as you go.

Status and percent are written the moment they change; the narrative shortly after typing stops and
whenever the editor loses focus or switches item, so a crash loses at most a second of typing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import ProgressEntry
from desktop.domain.status import Status, coupled
from desktop.services import operations as ops
from desktop.ui import theme
from desktop.ui.format import local_time, period_label
from desktop.ui.i18n import tr
from desktop.ui.session import Session
from desktop.ui.widgets.fields import IntEdit
from desktop.ui.widgets.lock_note import show_edit_lock
from desktop.ui.widgets.message_bar import MessageBar

NOTE_DELAY_MS = 700


class _NoteEdit(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class ProgressEditor(QWidget):
    saved = Signal(object)  # ProgressEntry

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.item_id: int | None = None
        self.title = ""
        self._loading = False
        self._dirty = False

        self.heading = QLabel()
        self.heading.setStyleSheet(theme.BOLD)
        self.lock_note = MessageBar()
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(tr(status.value), status)
        self.percent = IntEdit(0, tr("完成百分比"), minimum=0, maximum=100)
        self.percent.setPlaceholderText("0–100")
        self.note = _NoteEdit()
        self.note.setPlaceholderText(tr("本期工作进展、存在问题和下一步打算"))
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet(theme.HINT)
        self.messages = MessageBar()

        form = QFormLayout()
        form.addRow(tr("状态"), self.status)
        form.addRow(tr("完成百分比（%）"), self.percent)
        form.addRow(tr("进展说明"), self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.lock_note)
        layout.addLayout(form, 1)
        layout.addWidget(self.messages)
        layout.addWidget(self.saved_label, 0, Qt.AlignmentFlag.AlignRight)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self.flush)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.percent.valueChanged.connect(self._percent_changed)
        self.percent.rejected.connect(self.messages.error)  # nothing is saved; the typed text stays
        self.percent.problem_changed.connect(self._percent_problem)
        self.note.textChanged.connect(self._note_changed)
        self.note.focus_lost.connect(self.flush)
        self.set_item(None)

    # -- loading -------------------------------------------------------------------------------------
    def set_item(self, item_id: int | None, title: str = "") -> None:
        self.flush()
        self.item_id = item_id
        self.title = title
        self.reload()

    def reload(self) -> None:
        self.flush()
        self._loading = True
        try:
            self.messages.clear()
            entry = self._entry()
            period = self.session.period
            self.heading.setText(tr("{period}进度").format(period=period_label(period)))
            self.heading.setToolTip(self.title)
            if entry is not None:
                self.status.setCurrentIndex(list(Status).index(entry.status))
                self.percent.setValue(entry.percent)
                self.note.setPlainText(entry.note)
                self.saved_label.setText(
                    tr("{period}：{who} 于 {when} 保存").format(
                        period=period_label(period), who=entry.updated_by, when=local_time(entry.updated_at)
                    )
                )
            else:
                previous = self._previous()
                self.status.setCurrentIndex(list(Status).index(previous.status) if previous else 0)
                self.percent.setValue(previous.percent if previous else 0)
                self.note.setPlainText("")
                self.saved_label.setText(
                    tr("{period}尚未填报（显示的是 {earlier} 的数值，修改后即保存为本期）").format(
                        period=period_label(period), earlier=previous.period
                    )
                    if previous
                    else tr("{period}尚未填报：修改后即自动保存。").format(period=period_label(period))
                )
            self._apply_permissions()
        finally:
            self._loading = False
            self._dirty = False

    def _entry(self) -> ProgressEntry | None:
        if self.item_id is None:
            return None
        return self.session.store.progress.get(self.item_id, self.session.period.code)

    def _previous(self) -> ProgressEntry | None:
        """The entry this item shows for the period from another one (as the plan tree shows it), offered as
        the starting point for this period."""
        if self.item_id is None:
            return None
        shown = self.session.store.progress.shown(self.item_id, self.session.period)
        return shown[0] if shown else None

    def _apply_permissions(self) -> None:
        locked = self.session.is_locked()
        editable = self.item_id is not None and self.session.can_edit and not locked
        for widget in (self.status, self.percent):
            widget.setEnabled(editable)
        self.note.setReadOnly(not editable)
        if self.item_id is None:
            self.lock_note.info(tr("请在左侧选择任务或措施。"))
        else:
            show_edit_lock(self.lock_note, self.session, locked)

    def is_editable(self) -> bool:
        return self.status.isEnabled()

    # -- saving ----------------------------------------------------------------------------------------
    def _status_changed(self) -> None:
        if self._loading:
            return
        status: Status = self.status.currentData()
        self._loading = True
        _, percent = coupled(status, self.percent.value(), status_chosen=True)
        if percent != self.percent.value():
            self.percent.setValue(percent)
        self._loading = False
        self._dirty = True
        self.flush()

    def _percent_changed(self, value: int) -> None:
        if self._loading:
            return
        status, _ = coupled(self.status.currentData(), value, status_chosen=False)
        self._loading = True
        if status is not self.status.currentData():
            self.status.setCurrentIndex(list(Status).index(status))
        self._loading = False
        self._dirty = True
        self.flush()

    def _percent_problem(self, problem: str) -> None:
        """Take the percent's message away once its text is put right."""
        if not problem and self.messages.kind == "error":
            self.messages.clear()

    def _note_changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._note_timer.start()

    def has_unsaved(self) -> bool:
        return self._dirty

    def flush(self) -> ProgressEntry | None:
        """Write what is on screen now (called by the timers, on focus loss, item or period change)."""
        self._note_timer.stop()
        if not self._dirty or self.item_id is None or self._loading:
            return None
        self._dirty = False
        item_id, period = self.item_id, self.session.period.code
        status: Status = self.status.currentData()
        percent, note = self.percent.value(), self.note.toPlainText()
        entry, error = self.session.perform(
            lambda s: ops.record_progress(s, item_id, period, status, percent, note), self
        )
        if error:
            self.messages.error(error)
            return None
        assert entry is not None
        if problem := self.percent.problem():  # saved with the last valid percent; the wrong one stays shown
            self.messages.error(problem)
        else:
            self.messages.clear()
        self.saved_label.setText(tr("已保存 {when}").format(when=local_time(entry.updated_at)))
        self.saved.emit(entry)
        return entry
