"""逐项填报: one grid to fill a whole period — every task and measure with status, percent and note.

Follows the plan and period selectors. Each committed cell is saved at once through the progress operation (one undo
step per cell, as in the progress editor); last period's note can be copied forward for one row or for every
row still without a note. A period approved by review is shown read-only with the reason. The rows are read
in a worker thread (a unit with 1,350 measures), with its own store connection.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain.model import ProgressEntry
from desktop.domain.periods import Period
from desktop.domain.status import Status
from desktop.services import operations as ops
from desktop.services.period_sheet import SheetRow, period_sheet
from desktop.ui import theme
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.format import local_time, period_label
from desktop.ui.i18n import tr
from desktop.ui.models.period_grid import Col, PeriodGridModel
from desktop.ui.session import Change, Session
from desktop.ui.widgets.lock_note import show_edit_lock
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.period_grid_view import PeriodGridView
from desktop.ui.widgets.refresh import RefreshOnShow

_RELOAD_ON = Change.PROGRESS | Change.STRUCTURE | Change.REVIEW | Change.USERS


class PeriodGridPage(RefreshOnShow, QWidget):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.job: BackgroundJob | None = None
        self._generation = 0
        self._shown: tuple[Period, str] | None = None  # the period and plan on screen

        self.heading = QLabel()
        self.heading.setStyleSheet(theme.HEADING)
        self.hint = QLabel(
            tr(
                "直接输入即可填写：Tab 或 Enter 保存并跳到下一格（状态 → 完成百分比 → 说明 → 下一行），"
                "Shift+Tab 返回，Esc 放弃本格修改；状态格按 1–4 选择。每格保存后可用 Ctrl+Z 撤销。"
            )
        )
        self.hint.setStyleSheet(theme.HINT)
        self.hint.setWordWrap(True)
        self.lock_note = MessageBar()
        self.messages = MessageBar()

        self.copy_row = QAction(tr("沿用上期说明（本行）"), self)
        self.copy_row.setShortcut(QKeySequence("Ctrl+D"))
        self.copy_row.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_row.triggered.connect(self.copy_current_row)
        self.copy_all = QAction(tr("全部沿用上期说明"), self)
        self.copy_all.triggered.connect(self.copy_all_rows)
        self.copy_row_button = QPushButton(tr("沿用上期说明（本行，Ctrl+D）"))
        self.copy_row_button.clicked.connect(self.copy_row.trigger)
        self.copy_all_button = QPushButton(tr("全部沿用上期说明"))
        self.copy_all_button.setToolTip(tr("把上期说明填入本期还没有说明的每一行（可一次撤销）"))
        self.copy_all_button.clicked.connect(self.copy_all.trigger)
        self.count_label = QLabel()
        self.count_label.setStyleSheet(theme.HINT)
        bar = QHBoxLayout()
        bar.addWidget(self.copy_row_button)
        bar.addWidget(self.copy_all_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.model = PeriodGridModel(self._save, self)
        self.model.refused.connect(self._refused)
        self.model.saved.connect(self._saved)
        self.view = PeriodGridView()
        self.view.setModel(self.model)
        self.view.set_up_columns()
        self.view.addAction(self.copy_row)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.lock_note)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.messages)
        self.addAction(self.copy_row)
        self.watch(session)
        self._update_actions()

    # -- loading -------------------------------------------------------------------------------------
    def _changed(self, changes: Change, initiator: object = None) -> None:
        if initiator is self or not changes & _RELOAD_ON:
            return  # the page's own saves are already on screen
        super()._changed(changes, initiator)

    def refresh(self) -> None:
        """Read the rows of the session's period in a worker; a newer reload supersedes an older one."""
        self._dirty = False
        self._generation += 1
        generation, period, session = self._generation, self.session.period, self.session
        plan_id = session.plan_id
        self.heading.setText(tr("{period} 逐项填报").format(period=period_label(period)))
        self.count_label.setText(tr("正在读取…"))

        def work(progress: Any, cancelled: Any) -> list[SheetRow]:
            with session.worker_store() as store:
                return period_sheet(store, period, progress, plan_id)

        job = run_in_background(work, phase="read")
        job.result.connect(lambda rows: self._loaded(generation, (period, plan_id), rows))
        job.failed.connect(self.messages.error)
        self.job = job

    def _loaded(self, generation: int, shown: tuple[Period, str], rows: list[SheetRow]) -> None:
        if generation != self._generation:
            return  # a later reload is on its way
        same = shown == self._shown
        current = self.view.currentIndex()
        self.model.set_rows(rows, self._editable(), keep_refused=same)
        self._shown = shown
        if not same:
            self.messages.clear()
        if same and current.isValid() and current.row() < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        elif rows:
            self.view.setCurrentIndex(self.model.index(0, Col.STATUS))
        self._show_lock()
        self._update_actions()

    def _editable(self) -> bool:
        return self.session.can_edit and not self.session.is_locked()

    def _show_lock(self) -> None:
        show_edit_lock(self.lock_note, self.session, self.session.is_locked())

    def _update_actions(self) -> None:
        rows = self.model.rows()
        done = sum(1 for r in rows if r.own is not None)
        if rows:
            self.count_label.setText(tr("本期已填 {done} / {total} 项").format(done=done, total=len(rows)))
        editable = self.model.editable
        current = self.view.currentIndex()
        row = self.model.row(current.row()) if current.isValid() and current.row() < len(rows) else None
        self.copy_row.setEnabled(editable and row is not None and bool(row.earlier and row.earlier.note))
        self.copy_row_button.setEnabled(self.copy_row.isEnabled())
        self.copy_all.setEnabled(editable and bool(self._copyable()))
        self.copy_all_button.setEnabled(self.copy_all.isEnabled())

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()

    # -- saving --------------------------------------------------------------------------------------
    def _save(self, item_id: int, status: Status, percent: int, note: str) -> tuple[ProgressEntry | None, str | None]:
        code = self.session.period.code
        return self.session.perform(lambda s: ops.record_progress(s, item_id, code, status, percent, note), self)

    def _saved(self, entry: ProgressEntry) -> None:
        if self.messages.kind != "error" or not self._has_refused():
            self.messages.info(tr("已保存 {when}").format(when=local_time(entry.updated_at)))
        self._update_actions()

    def _refused(self, message: str) -> None:
        self.messages.error(message + tr("（未保存：请改正后再按 Tab 或 Enter）"))

    def _has_refused(self) -> bool:
        return any(self.model.refused_text(n) is not None for n in range(self.model.rowCount()))

    def flush(self) -> None:
        """Commit a cell still being edited (the window calls this before an undo, a period change or closing)."""
        editor = self.view.focusWidget()
        if self.view.state() is PeriodGridView.State.EditingState and editor is not None:
            self.view.commitData(editor)

    # -- copying last period's note --------------------------------------------------------------------
    def copy_current_row(self) -> bool:
        current = self.view.currentIndex()
        if not self.model.editable or not current.isValid():
            return False
        row = self.model.row(current.row())
        if row.earlier is None or not row.earlier.note:
            self.messages.info(tr("这一行没有上期说明可以沿用。"))
            return False
        status, percent, _note = self.model.values(row)
        return self.model.save_row(current.row(), status, percent, row.earlier.note)

    def _copyable(self) -> list[int]:
        """Rows without a note of their own for the period whose earlier entry has one (a retired task's rows
        are read-only)."""
        rows = self.model.rows()
        return [
            n
            for n, r in enumerate(rows)
            if r.earlier is not None and r.earlier.note and not (r.own is not None and r.own.note) and not r.retired
        ]

    def copy_all_rows(self) -> int:
        """Fill every row still without a note with its earlier note, in one step to undo; return the count."""
        numbers = self._copyable()
        if not self.model.editable or not numbers:
            return 0
        code = self.session.period.code
        entries = []
        for n in numbers:
            row = self.model.row(n)
            status, percent, _note = self.model.values(row)
            assert row.earlier is not None
            entries.append((row.item_id, status, percent, row.earlier.note))
        written, error = self.session.perform(lambda s: ops.record_progress_many(s, code, entries), self)
        if error or written is None:
            self.messages.error(error or "")
            return 0
        for n, entry in zip(numbers, written, strict=True):
            self.model.replace_own(n, entry)
        self.messages.info(tr("已为 {n} 行沿用上期说明（Ctrl+Z 可一次撤销）。").format(n=len(written)))
        self._update_actions()
        return len(written)
