"""The right-hand side of the plan page: everything about the item selected in the tree."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.store.overview import MeasureView, ProjectView, TaskView
from desktop.ui.dialogs.records import MeasureDialog
from desktop.ui.format import date_text
from desktop.ui.i18n import tr
from desktop.ui.models.plan_tree import NodeKey, NodeKind, project_title
from desktop.ui.models.table import RIGHT, Column, RowTableModel
from desktop.ui.session import Change, Session
from desktop.ui.widgets.evidence_panel import EvidencePanel
from desktop.ui.widgets.lights import light_icon
from desktop.ui.widgets.progress_editor import ProgressEditor
from desktop.ui.widgets.record_panels import MeasuresPanel, MilestonesPanel


def task_columns() -> list[Column[TaskView]]:
    return [
        Column(tr("任务"), lambda v: f"{v.task.key} {v.task.text}", icon=lambda v: light_icon(v.light)),
        Column(tr("措施"), lambda v: str(len(v.measures)), RIGHT),
        Column(tr("完成"), lambda v: f"{v.percent}%", RIGHT),
    ]


class DetailPanel(QWidget):
    """A project shows its tasks; a task or measure shows plan text, progress, measures, milestones, evidence."""

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.key: NodeKey | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size:15px; font-weight:bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color:#555;")

        # project face
        self.project_tasks = RowTableModel(task_columns())
        project_table = QTableView()
        project_table.setModel(self.project_tasks)
        project_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        project_table.verticalHeader().setVisible(False)
        project_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        project_table.setWordWrap(False)

        # item face
        self.plan_text = QPlainTextEdit()
        self.plan_text.setReadOnly(True)
        self.plan_text.setMaximumHeight(90)
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

        item_face = QWidget()
        item_layout = QVBoxLayout(item_face)
        item_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.addRow(tr("规划原文"), self.plan_text)
        item_layout.addLayout(form)
        item_layout.addLayout(fields_row)
        item_layout.addWidget(self.tabs, 1)

        self.empty = QLabel(tr("在左侧选择一个工程、任务或措施。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.faces = QStackedWidget()
        self.faces.addWidget(self.empty)
        self.faces.addWidget(project_table)
        self.faces.addWidget(item_face)
        self._item_face = item_face
        self._project_face = project_table

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.faces, 1)

    # -- lookups in the shared overview -------------------------------------------------------------
    def _find(self, key: NodeKey) -> tuple[ProjectView | None, TaskView | None, MeasureView | None]:
        kind, ident = key
        for pv in self.session.overview():
            if kind is NodeKind.PROJECT and pv.project.id == ident:
                return pv, None, None
            for tv in pv.tasks:
                if kind is NodeKind.TASK and tv.task.id == ident:
                    return pv, tv, None
                for mv in tv.measures:
                    if kind is NodeKind.MEASURE and mv.measure.id == ident:
                        return pv, tv, mv
        return None, None, None

    def show_key(self, key: NodeKey | None) -> None:
        if key != self.key:
            self.progress.flush()
        self.key = key
        self.refresh(Change.ALL)

    def refresh(self, changes: Change, initiator: object = None) -> None:
        """Redraw from the (cached) overview; the evidence list reloads only when evidence changed."""
        pv, tv, mv = self._find(self.key) if self.key else (None, None, None)
        if pv is None:
            self.key = None
            self.title.setText("")
            self.subtitle.setText("")
            self.faces.setCurrentWidget(self.empty)
            return
        if tv is None:
            self.title.setText(project_title(pv.project.number, pv.project.name))
            self.subtitle.setText(tr("{n} 项任务，平均完成 {percent}%").format(n=len(pv.tasks), percent=pv.percent))
            self.project_tasks.set_rows(pv.tasks)
            self.faces.setCurrentWidget(self._project_face)
            return
        self.faces.setCurrentWidget(self._item_face)
        self.plan_text.setPlainText(f"{tv.task.key}　{tv.task.text}")
        is_measure = mv is not None
        self.measure_fields.setVisible(is_measure)
        self.edit_measure.setVisible(is_measure and self.session.can_edit)
        self.tabs.setTabVisible(self.tabs.indexOf(self.measures), not is_measure)
        if mv is not None:
            m = mv.measure
            self.title.setText(tr("措施：{title}").format(title=m.title))
            self.measure_fields.setText(
                tr("责任部门：{department}　责任人：{person}　配合单位：{co}　开始：{start}　期限：{due}").format(
                    department=m.department or "—",
                    person=m.person or "—",
                    co=m.co_units or "—",
                    start=date_text(m.start_date) or "—",
                    due=date_text(m.due_date) or "—",
                )
            )
            percent = mv.progress.percent if mv.progress else 0
            light = mv.light
            item_id, label = m.id, tr("措施：{title}").format(title=m.title)
        else:
            self.title.setText(tr("任务 {key}").format(key=tv.task.key))
            percent, light = tv.percent, tv.light
            item_id, label = tv.task.id, tr("任务 {key}（本身）").format(key=tv.task.key)
        self.subtitle.setText(
            tr("{period}　{light}　完成 {percent}%").format(
                period=self.session.period.label, light=tr(light.label), percent=percent
            )
        )
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
        if not self.key or self.key[0] is not NodeKind.MEASURE:
            return
        _, tv, mv = self._find(self.key)
        if tv is None or mv is None:
            return
        dialog = MeasureDialog(f"{tv.task.key} {tv.task.text}", mv.measure, self.session.today(), self)
        dialog.save = lambda: self.session.store.measures.update(mv.measure.id, **dialog.values())
        if dialog.exec():
            self.session.notify(Change.STRUCTURE, self)
