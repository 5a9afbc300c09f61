"""Tables of a task's measures and milestones, with their add / edit / delete / mark-done buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import operations as ops
from desktop.store.overview import MeasureView, MilestoneView, TaskView
from desktop.ui.dialogs.records import MarkDoneDialog, MeasureDialog, MilestoneDialog
from desktop.ui.format import date_text, number_text
from desktop.ui.i18n import tr
from desktop.ui.models.table import CENTER, RIGHT, ROW_ROLE, Column, RowTableModel
from desktop.ui.session import Session
from desktop.ui.widgets.lights import light_icon
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.tables import data_table


def measure_columns() -> list[Column[MeasureView]]:
    return [
        Column(tr("措施"), lambda v: v.measure.title, icon=lambda v: light_icon(v.light)),
        Column(tr("责任部门"), lambda v: v.measure.department),
        Column(tr("责任人"), lambda v: v.measure.person),
        Column(tr("配合单位"), lambda v: v.measure.co_units),
        Column(tr("开始"), lambda v: date_text(v.measure.start_date)),
        Column(tr("期限"), lambda v: date_text(v.measure.due_date)),
        Column(tr("完成"), lambda v: f"{v.progress.percent}%" if v.progress else "", RIGHT),
        Column(tr("状态"), lambda v: tr(v.progress.status.value) if v.progress else tr("未填报")),
        Column(tr("佐证"), lambda v: str(v.evidence), CENTER),
    ]


def date_samples(*columns: int) -> dict[int, str]:
    """A date's width plus air for each date column: the header of an empty table (a new measure has no
    milestones yet) stays readable, and a filled one does not squeeze its dates and counts edge to edge."""
    return dict.fromkeys(columns, date_text(dt.date(2026, 12, 31)))


def _target(v: MilestoneView) -> str:
    m = v.milestone
    return "" if m.target_value is None else f"{number_text(m.target_value)}{m.target_unit}"


def _actual(v: MilestoneView) -> str:
    m = v.milestone
    return "" if m.actual_value is None else f"{number_text(m.actual_value)}{m.target_unit}"


def milestone_columns() -> list[Column[MilestoneView]]:
    return [
        Column(
            tr("时间节点"),
            lambda v: v.milestone.title,
            icon=lambda v: light_icon(v.light),
            tooltip=lambda v: f"{v.milestone.title}\n{tr(v.light.label)}",
        ),
        Column(tr("期限"), lambda v: date_text(v.milestone.due_date)),
        Column(tr("目标"), _target, RIGHT),
        Column(tr("实际"), _actual, RIGHT),
        Column(tr("完成日期"), lambda v: date_text(v.milestone.achieved_date) or tr("未完成")),
        Column(tr("佐证"), lambda v: str(v.evidence), CENTER),
    ]


class _RecordPanel(QWidget):
    """A table of records with buttons; `record_id` tells which record a row holds, to keep the selection."""

    def __init__(
        self,
        session: Session,
        model: RowTableModel[Any],
        record_id: Callable[[Any], int],
        samples: Mapping[int, str],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.model = model
        self._id = record_id
        self.table = data_table(model, stretch=0, samples=samples)
        self.messages = MessageBar()
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.messages)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def select_id(self, record_id: int) -> None:
        for row, value in enumerate(self.model.rows()):
            if self._id(value) == record_id:
                self.table.selectRow(row)
                return

    def _restore(self, rows: Sequence[Any]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            self.select_id(self._id(chosen))
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Enable what the signed-in user may do with the selection (each panel has its own buttons)."""

    def _confirm(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.StandardButton.Yes


class MeasuresPanel(_RecordPanel):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(
            session, RowTableModel(measure_columns()), lambda view: view.measure.id, date_samples(4, 5), parent
        )
        self.task: TaskView | None = None
        self.add_button = self._button(tr("添加措施…"), self.add)
        self.edit_button = self._button(tr("编辑…"), self.edit)
        self.delete_button = self._button(tr("删除"), self.delete)
        self.buttons.addStretch(1)
        self.table.doubleClicked.connect(lambda *_: self.edit())

    def set_task(self, task: TaskView | None) -> None:
        self.task = task
        self._restore(task.measures if task else ())

    def _update_buttons(self) -> None:
        editable = self.session.can_edit and self.task is not None
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and self.selected() is not None)
        self.delete_button.setEnabled(editable and self.selected() is not None)

    def add(self) -> None:
        if self.task is None:
            return
        task = self.task.task
        dialog = MeasureDialog(f"{task.key} {task.text}", None, self.session.today(), self)
        dialog.perform_on_save(self.session, lambda store: ops.add_measure(store, task.id, **dialog.values()), self)
        if dialog.exec():
            measure = dialog.result_value
            self.messages.info(tr("已添加措施“{title}”。").format(title=measure.title))

    def edit(self) -> None:
        chosen: MeasureView | None = self.selected()
        if chosen is None or self.task is None or not self.session.can_edit:
            return
        task = self.task.task
        dialog = MeasureDialog(f"{task.key} {task.text}", chosen.measure, self.session.today(), self)
        dialog.perform_on_save(
            self.session, lambda store: ops.update_measure(store, chosen.measure.id, **dialog.values()), self
        )
        dialog.exec()

    def delete(self) -> None:
        chosen: MeasureView | None = self.selected()
        if chosen is None:
            return
        if not self._confirm(tr("删除措施"), tr("确定删除措施“{title}”吗？").format(title=chosen.measure.title)):
            return
        _, error = self.session.perform(lambda s: ops.delete_measure(s, chosen.measure.id), self)
        if error:
            self.messages.error(error)


class MilestonesPanel(_RecordPanel):
    show_evidence = Signal(int)  # milestone id

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(
            session, RowTableModel(milestone_columns()), lambda view: view.milestone.id, date_samples(1, 4), parent
        )
        self.task: TaskView | None = None
        self.measure_id: int | None = None
        self.add_button = self._button(tr("添加节点…"), self.add)
        self.edit_button = self._button(tr("编辑…"), self.edit)
        self.done_button = self._button(tr("标记完成…"), self.mark_done)
        self.delete_button = self._button(tr("删除"), self.delete)
        self.evidence_button = self._button(tr("佐证材料"), self._evidence)
        self.buttons.addStretch(1)
        self.table.doubleClicked.connect(lambda *_: self.edit())

    def set_owner(self, task: TaskView | None, measure_id: int | None = None) -> None:
        """Milestones of a task (all of them) or of one of its measures."""
        self.task = task
        self.measure_id = measure_id
        rows = [] if task is None else list(task.milestones)
        if measure_id is not None:
            rows = [v for v in rows if v.milestone.measure_id == measure_id]
        self._restore(rows)

    def _update_buttons(self) -> None:
        editable = self.session.can_edit and self.task is not None
        chosen: MilestoneView | None = self.selected()
        self.add_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and chosen is not None)
        self.delete_button.setEnabled(editable and chosen is not None)
        self.done_button.setEnabled(editable and chosen is not None and not chosen.milestone.done)
        self.evidence_button.setEnabled(chosen is not None)

    def _owner_text(self) -> str:
        assert self.task is not None
        if self.measure_id is not None:
            for v in self.task.measures:
                if v.measure.id == self.measure_id:
                    return tr("措施：{title}").format(title=v.measure.title)
        return tr("任务 {key} {text}").format(key=self.task.task.key, text=self.task.task.text)

    def add(self) -> None:
        if self.task is None:
            return
        parent_id = self.measure_id or self.task.task.id
        targets = self.session.store.plan.targets(self.task.task.catalog)
        dialog = MilestoneDialog(self._owner_text(), None, targets, self.session.today(), self)
        dialog.perform_on_save(self.session, lambda store: ops.add_milestone(store, parent_id, **dialog.values()), self)
        dialog.exec()

    def edit(self) -> None:
        chosen: MilestoneView | None = self.selected()
        if chosen is None or self.task is None or not self.session.can_edit:
            return
        targets = self.session.store.plan.targets(self.task.task.catalog)
        dialog = MilestoneDialog(self._owner_text(), chosen.milestone, targets, self.session.today(), self)
        dialog.perform_on_save(
            self.session, lambda store: ops.update_milestone(store, chosen.milestone.id, **dialog.values()), self
        )
        if dialog.exec():
            self._warn_if_no_evidence(chosen)

    def mark_done(self) -> None:
        chosen: MilestoneView | None = self.selected()
        if chosen is None:
            return
        dialog = MarkDoneDialog(chosen.milestone, self.session.today(), self)
        dialog.perform_on_save(
            self.session,
            lambda store: ops.mark_milestone_done(
                store, chosen.milestone.id, dialog.achieved.value(), dialog.actual_value.value()
            ),
            self,
        )
        if dialog.exec():
            self._warn_if_no_evidence(chosen)

    def _warn_if_no_evidence(self, chosen: MilestoneView) -> None:
        milestone = self.session.store.milestones.get(chosen.milestone.id)
        if milestone.done and self.session.store.evidence.count(milestone.id) == 0:
            self.messages.warning(
                tr("时间节点“{title}”已标记完成，但还没有佐证材料：请点“佐证材料”为它添加文件。").format(
                    title=milestone.title
                )
            )
        else:
            self.messages.clear()

    def delete(self) -> None:
        chosen: MilestoneView | None = self.selected()
        if chosen is None:
            return
        if not self._confirm(
            tr("删除时间节点"), tr("确定删除时间节点“{title}”吗？").format(title=chosen.milestone.title)
        ):
            return
        _, error = self.session.perform(lambda s: ops.delete_milestone(s, chosen.milestone.id), self)
        if error:
            self.messages.error(error)

    def _evidence(self) -> None:
        chosen: MilestoneView | None = self.selected()
        if chosen is not None:
            self.show_evidence.emit(chosen.milestone.id)
