"""Add and edit dialogs for measures and milestones. The store validates; a refusal keeps the dialog open,
and its message goes away as soon as the form is put right (re-checked with the store's own rules)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import PlanProgressError
from desktop.domain.model import Measure, Milestone, Target
from desktop.store.measures import check_measure
from desktop.store.milestones import check_milestone
from desktop.ui.i18n import tr
from desktop.ui.widgets.fields import CheckedEdit, DateEdit, NumberEdit, OptionalDate
from desktop.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    from desktop.services.operations import Outcome
    from desktop.store import Store
    from desktop.ui.session import Session


def _nothing() -> None:
    """What OK saves until the dialog is given its operation."""


class RecordDialog(QDialog):
    """A form whose OK runs `save()`; a PlanProgressError is shown in the dialog, which stays open.

    A dialog that edits the home is given its operation with `perform_on_save`, so the edit takes the route
    every edit takes; `save` is set only by a dialog class itself."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout()
        self.messages = MessageBar()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.save: Callable[[], Any] = _nothing
        self.check: Callable[[], Any] = lambda: None  # the form's rules, without saving (raises InputError)
        self.result_value: Any = None
        self._wired = False

    def perform_on_save(
        self, session: Session, operation: Callable[[Store], Outcome[Any]], initiator: object = None
    ) -> None:
        """OK runs `operation` through `session` (its undo step, audit row and the views' refresh, as every edit);
        a refusal is shown here and the dialog stays open. Afterwards `result_value` is the operation's value."""
        self.save = functools.partial(session.run, operation, initiator)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._wire()
        super().showEvent(event)

    def _wire(self) -> None:
        """Watch every field: a wrong number or date is told on leaving it; a shown error is re-checked on
        each change and goes away once the form is right."""
        if self._wired:
            return
        self._wired = True
        for field in self.findChildren(CheckedEdit):
            field.editingFinished.connect(lambda f=field: self._left(f))
        for edit in self.findChildren(QLineEdit):
            edit.textChanged.connect(self._recheck)
        for box in self.findChildren(QCheckBox):
            box.toggled.connect(self._recheck)
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self._recheck)

    def _left(self, field: CheckedEdit) -> None:
        problem = field.problem() if field.isEnabled() else ""
        if problem:
            self.messages.error(problem)

    def _recheck(self) -> None:
        if self.messages.kind != "error":
            return
        try:
            self.check()
        except PlanProgressError as exc:
            self.messages.error(str(exc))
        else:
            self.messages.clear()

    def submit(self) -> None:
        self._wire()
        try:
            self.check()
            self.result_value = self.save()
        except PlanProgressError as exc:
            self.messages.error(str(exc))
            return
        self.accept()


class MeasureDialog(RecordDialog):
    def __init__(self, task_text: str, measure: Measure | None, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(tr("编辑措施") if measure else tr("添加措施"), parent)
        task = QLabel(task_text)
        task.setWordWrap(True)
        self.title = QLineEdit(measure.title if measure else "")
        self.department = QLineEdit(measure.department if measure else "")
        self.person = QLineEdit(measure.person if measure else "")
        self.co_units = QLineEdit(measure.co_units if measure else "")
        self.start = OptionalDate(measure.start_date if measure else None, today, tr("设定"), what=tr("开始日期"))
        self.due = OptionalDate(measure.due_date if measure else None, today, tr("设定"), what=tr("完成期限"))
        self.form.addRow(tr("所属任务"), task)
        self.form.addRow(tr("措施名称"), self.title)
        self.form.addRow(tr("责任部门"), self.department)
        self.form.addRow(tr("责任人"), self.person)
        self.form.addRow(tr("配合单位"), self.co_units)
        self.form.addRow(tr("开始日期"), self.start)
        self.form.addRow(tr("完成期限"), self.due)
        self.check = self._check

    def _check(self) -> None:
        values = self.values()
        check_measure(values["title"], values["start_date"], values["due_date"])

    def values(self) -> dict[str, Any]:
        """Raises InputError for a malformed date (shown by `submit`)."""
        return {
            "title": self.title.text().strip(),
            "department": self.department.text().strip(),
            "person": self.person.text().strip(),
            "co_units": self.co_units.text().strip(),
            "start_date": self.start.value(),
            "due_date": self.due.value(),
        }


class MilestoneDialog(RecordDialog):
    def __init__(
        self,
        parent_text: str,
        milestone: Milestone | None,
        targets: list[Target],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("编辑时间节点") if milestone else tr("添加时间节点"), parent)
        self.editing = milestone is not None
        owner = QLabel(parent_text)
        owner.setWordWrap(True)
        self.title = QLineEdit(milestone.title if milestone else "")
        self.due = DateEdit(milestone.due_date if milestone else today, what=tr("完成期限"))
        self.target_value = NumberEdit(milestone.target_value if milestone else None, tr("目标值"))
        self.target_unit = QLineEdit(milestone.target_unit if milestone else "")
        self.target_unit.setPlaceholderText(tr("如 %、个、人次"))
        self.target_key = QComboBox()
        self.target_key.addItem(tr("（不对应规划指标）"), None)
        for target in targets:
            self.target_key.addItem(f"{target.name}（{target.unit}）", target.key)
        if milestone and milestone.target_key:
            self.target_key.setCurrentIndex(max(self.target_key.findData(milestone.target_key), 0))
        self.actual_value = NumberEdit(milestone.actual_value if milestone else None, tr("实际值"))
        self.achieved = OptionalDate(
            milestone.achieved_date if milestone else None, today, tr("已完成"), what=tr("完成日期")
        )
        self.form.addRow(tr("所属"), owner)
        self.form.addRow(tr("节点名称"), self.title)
        self.form.addRow(tr("完成期限"), self.due)
        self.form.addRow(tr("目标值"), self.target_value)
        self.form.addRow(tr("计量单位"), self.target_unit)
        self.form.addRow(tr("对应规划指标"), self.target_key)
        if milestone is not None:
            self.form.addRow(tr("实际值"), self.actual_value)
            self.form.addRow(tr("完成日期"), self.achieved)
        self.check = lambda: check_milestone(self.values()["title"])

    def values(self) -> dict[str, Any]:
        """Raises InputError for a malformed number (shown by `submit`)."""
        data: dict[str, Any] = {
            "title": self.title.text().strip(),
            "due_date": self.due.value(),
            "target_value": self.target_value.value(),
            "target_unit": self.target_unit.text().strip(),
            "target_key": self.target_key.currentData(),
        }
        if self.editing:
            data["actual_value"] = self.actual_value.value()
            data["achieved_date"] = self.achieved.value()
        return data


class MarkDoneDialog(RecordDialog):
    def __init__(self, milestone: Milestone, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(tr("标记时间节点完成"), parent)
        name = QLabel(milestone.title)
        name.setWordWrap(True)
        self.achieved = DateEdit(today, what=tr("完成日期"))
        self.actual_value = NumberEdit(milestone.actual_value, tr("实际值"))
        self.form.addRow(tr("时间节点"), name)
        self.form.addRow(tr("完成日期"), self.achieved)
        target = "" if milestone.target_value is None else f"{milestone.target_value:g}{milestone.target_unit}"
        label = tr("实际值（目标 {target}）").format(target=target) if target else tr("实际值")
        self.form.addRow(label, self.actual_value)
        self.check = lambda: (self.achieved.value(), self.actual_value.value())
