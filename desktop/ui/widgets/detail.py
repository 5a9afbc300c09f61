"""The right-hand side of the plan page: everything about the item selected in the tree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.store.overview import MeasureView, ProjectView, TaskView
from desktop.ui import theme
from desktop.ui.format import period_label
from desktop.ui.i18n import tr
from desktop.ui.models.plan_tree import NodeKey, NodeKind, project_title
from desktop.ui.models.table import RIGHT, Column, RowTableModel
from desktop.ui.session import Change, Session
from desktop.ui.widgets.lights import light_icon

if TYPE_CHECKING:
    from desktop.ui.widgets.evidence_panel import EvidencePanel
    from desktop.ui.widgets.item_detail import ItemDetail
    from desktop.ui.widgets.progress_editor import ProgressEditor
    from desktop.ui.widgets.record_panels import MeasuresPanel, MilestonesPanel


def task_columns() -> list[Column[TaskView]]:
    return [
        Column(tr("任务"), lambda v: f"{v.task.key} {v.task.text}", icon=lambda v: light_icon(v.light)),
        Column(tr("措施"), lambda v: str(len(v.measures)), RIGHT),
        Column(tr("完成"), lambda v: f"{v.percent}%", RIGHT),
    ]


class DetailPanel(QWidget):
    """A project shows its tasks; a task or measure shows plan text, progress, measures, milestones, evidence.

    The task/measure view (ItemDetail, and the modules behind it) is built on the first such selection.
    """

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.key: NodeKey | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet(theme.ITEM_TITLE)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet(theme.NOTE)

        self.project_tasks = RowTableModel(task_columns())
        self._project_table: QTableView | None = None  # built when a project is first chosen (project_table)
        self._item_detail: ItemDetail | None = None

        self.empty = QLabel(tr("在左侧选择一个工程、任务或措施。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.stack, 1)

    # -- the views, built when first needed ------------------------------------------------------------
    def project_table(self) -> QTableView:
        """A project's tasks, built when a project is first chosen."""
        if self._project_table is None:
            table = QTableView()
            table.setModel(self.project_tasks)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.setWordWrap(False)
            self._project_table = table
            self.stack.addWidget(table)
        return self._project_table

    def item_detail(self) -> ItemDetail:
        if self._item_detail is None:
            from desktop.ui.widgets.item_detail import ItemDetail

            self._item_detail = ItemDetail(self.session)
            self.stack.addWidget(self._item_detail)
        return self._item_detail

    @property
    def progress(self) -> ProgressEditor:
        return self.item_detail().progress

    @property
    def measures(self) -> MeasuresPanel:
        return self.item_detail().measures

    @property
    def milestones(self) -> MilestonesPanel:
        return self.item_detail().milestones

    @property
    def evidence(self) -> EvidencePanel:
        return self.item_detail().evidence

    @property
    def tabs(self) -> QTabWidget:
        return self.item_detail().tabs

    def flush(self) -> None:
        """Save a narrative still being typed (nothing to do before the item view exists)."""
        if self._item_detail is not None:
            self._item_detail.progress.flush()

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
            self.flush()
        self.key = key
        self.refresh(Change.ALL)

    def refresh(self, changes: Change, initiator: object = None) -> None:
        """Redraw from the (cached) overview; the evidence list reloads only when evidence changed."""
        pv, tv, mv = self._find(self.key) if self.key else (None, None, None)
        if pv is None:
            self.key = None
            self.title.setText("")
            self.subtitle.setText("")
            self.stack.setCurrentWidget(self.empty)
            return
        if tv is None:
            self.title.setText(project_title(pv.project.number, pv.project.name))
            self.subtitle.setText(tr("{n} 项任务，平均完成 {percent}%").format(n=len(pv.tasks), percent=pv.percent))
            self.project_tasks.set_rows(pv.tasks)
            self.stack.setCurrentWidget(self.project_table())
            return
        detail = self.item_detail()
        self.stack.setCurrentWidget(detail)
        if mv is not None:
            self.title.setText(tr("措施：{title}").format(title=mv.measure.title))
            percent, light = (mv.progress.percent if mv.progress else 0), mv.light
        else:
            self.title.setText(tr("任务 {key}").format(key=tv.task.key))
            percent, light = tv.percent, tv.light
        self.subtitle.setText(
            tr("{period}　{light}　完成 {percent}%").format(
                period=period_label(self.session.period), light=tr(light.label), percent=percent
            )
        )
        detail.show_item(tv, mv, changes, initiator)

    def show_evidence_of(self, milestone_id: int) -> None:
        self.item_detail().show_evidence_of(milestone_id)
