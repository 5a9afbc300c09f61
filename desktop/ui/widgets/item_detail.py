"""What the detail panel shows for a task or measure: plan text, progress, measures, milestones, evidence.

Built on the first selection (desktop.ui.widgets.detail), so the window paints before these load.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services import operations as ops
from desktop.store.overview import MeasureView, TaskView
from desktop.ui.dialogs.records import MeasureDialog
from desktop.ui.format import date_text
from desktop.ui.i18n import tr
from desktop.ui.session import Change, Session
from desktop.ui.widgets.evidence_panel import EvidencePanel
from desktop.ui.widgets.progress_editor import ProgressEditor
from desktop.ui.widgets.record_panels import MeasuresPanel, MilestonesPanel


class ItemDetail(QWidget):
    """The selected task's or measure's plan text, fields and tabs (progress, measures, milestones, evidence)."""

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.task: TaskView | None = None
        self.measure: MeasureView | None = None
        self.plan_text = QPlainTextEdit()
        self.plan_text.setReadOnly(True)
        self.plan_text.setMaximumHeight(64)
        self.measure_fields = QLabel()
        self.measure_fields.setWordWrap(True)
        self.edit_measure = QPushButton(tr("编辑措施…"))
        self.edit_measure.clicked.connect(self._edit_measure)
        fields_row = QHBoxLayout()
        fields_row.addWidget(self.measure_fields, 1)
        fields_row.addWidget(self.edit_measure, 0, Qt.AlignmentFlag.AlignTop)
        self.progress = ProgressEditor(session)
        self.measures = MeasuresPanel(session)
        self.milestones = MilestonesPanel(session)
        self.evidence = EvidencePanel(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.progress, tr("本期进度"))
        self.tabs.addTab(self.measures, tr("措施"))
        self.tabs.addTab(self.milestones, tr("时间节点"))
        self.tabs.addTab(self.evidence, tr("佐证材料"))
        self.milestones.show_evidence.connect(self.show_evidence_of)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.addRow(tr("规划原文"), self.plan_text)
        layout.addLayout(form)
        layout.addLayout(fields_row)
        layout.addWidget(self.tabs, 1)

    def show_item(self, tv: TaskView, mv: MeasureView | None, changes: Change, initiator: object) -> None:
        """Fill every tab for a task (mv None) or one of its measures."""
        self.task, self.measure = tv, mv
        self.plan_text.setPlainText(f"{tv.task.key}　{tv.task.text}")
        is_measure = mv is not None
        self.measure_fields.setVisible(is_measure)
        self.edit_measure.setVisible(is_measure and self.session.can_edit)
        self.tabs.setTabVisible(self.tabs.indexOf(self.measures), not is_measure)
        if mv is not None:
            m = mv.measure
            self.measure_fields.setText(
                tr("责任部门：{department}　责任人：{person}　配合单位：{co}　开始：{start}　期限：{due}").format(
                    department=m.department or "—",
                    person=m.person or "—",
                    co=m.co_units or "—",
                    start=date_text(m.start_date) or "—",
                    due=date_text(m.due_date) or "—",
                )
            )
            item_id, label = m.id, tr("措施：{title}").format(title=m.title)
        else:
            item_id, label = tv.task.id, tr("任务 {key}（本身）").format(key=tv.task.key)
        progress_changed = changes & (Change.PROGRESS | Change.REVIEW) and initiator is not self.progress
        if progress_changed or self.progress.item_id != item_id:
            self.progress.set_item(item_id, label)
        self.measures.set_task(tv)
        self.milestones.set_owner(tv, mv.measure.id if mv else None)
        milestones = [v for v in tv.milestones if mv is None or v.milestone.measure_id == mv.measure.id]
        owners = [(label, item_id)] + [
            (tr("时间节点：{title}").format(title=v.milestone.title), v.milestone.id) for v in milestones
        ]
        if [o[1] for o in owners] != [self.evidence.owner.itemData(i) for i in range(self.evidence.owner.count())]:
            self.evidence.set_owners(owners, item_id)
        elif changes & Change.EVIDENCE:
            self.evidence.reload()

    def show_evidence_of(self, milestone_id: int) -> None:
        position = self.evidence.owner.findData(milestone_id)
        if position >= 0:
            self.evidence.owner.setCurrentIndex(position)
        self.tabs.setCurrentWidget(self.evidence)

    def _edit_measure(self) -> None:
        tv, mv = self.task, self.measure
        if tv is None or mv is None:
            return
        dialog = MeasureDialog(f"{tv.task.key} {tv.task.text}", mv.measure, self.session.today(), self)
        dialog.perform_on_save(
            self.session, lambda store: ops.update_measure(store, mv.measure.id, **dialog.values()), self
        )
        dialog.exec()
