"""The main page of unit mode: the plan tree with a filter box on the left, the selected item on the right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelection
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QSplitter, QTreeView, QVBoxLayout, QWidget

from desktop.ui import theme
from desktop.ui.i18n import tr
from desktop.ui.models.plan_tree import KEY_ROLE, NodeKey, PlanFilterProxy, PlanTreeModel, StatusWords
from desktop.ui.session import Change, Session
from desktop.ui.widgets.detail import DetailPanel


class PlanPage(QWidget):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = PlanTreeModel(self)
        self._proxy: PlanFilterProxy | None = None  # made when a filter is first typed
        # The header has its own labels model: when the filter swaps the tree's model for the proxy and back,
        # the header keeps its labels and the column widths the user set.
        self.header_labels = QStandardItemModel(0, len(PlanTreeModel.COLUMNS), self)
        self.header_labels.setHorizontalHeaderLabels([tr(title) for title in PlanTreeModel.COLUMNS])

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("筛选（Ctrl+F）：任务、措施、责任人、进展说明…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.tree = QTreeView()
        # The filter proxy sits between tree and model only while a filter is typed: without one it would add
        # a Python index() call to every cell's every role when painting, for nothing.
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)  # long titles are elided on the right: the view's default
        self._set_up_header()
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.tree, 1)
        self.detail = DetailPanel(session)
        splitter = QSplitter()  # side by side: the default orientation
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 780])
        self.splitter = splitter
        self.office_note = QLabel()  # the shown period was sent back by the office
        self.office_note.setWordWrap(True)
        self.office_note.setStyleSheet(theme.OFFICE_NOTE)
        self.office_note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.office_note)
        layout.addWidget(splitter, 1)  # the tree and details take the height; the note only its line

        session.changed.connect(self.on_changed)
        session.period_changed.connect(lambda _code: self.on_changed(Change.ALL, None))
        session.plan_changed.connect(lambda _plan: self.on_changed(Change.ALL, None))
        self._office_marks()
        self.model.load(session.overview())
        self.tree.expandToDepth(0)

    def _office_marks(self) -> None:
        """The office's return of the shown period: a line above the tree, a mark on each task it commented."""
        from desktop.services.answer.unit_view import open_returns

        store = self.session.store
        back = open_returns(store).get(self.session.period.code)
        comments = {c.target: c.text for c in back.entry.comments if c.task} if back else {}
        tasks = store.plan.tasks() if comments else []
        self.model.office_comments = {t.id: comments[t.uid] for t in tasks if t.uid in comments}
        self.office_note.setVisible(back is not None)
        if back is not None:
            self.office_note.setText(
                tr("省局已退回本报告期：{reason}（意见见标有【省局意见】的任务，或“审核”页）").format(
                    reason=back.entry.reason
                )
            )

    def _set_up_header(self) -> None:
        """Labels (their own model, see __init__), then section sizes."""
        header = self.tree.header()
        header.setModel(self.header_labels)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths from the font, not ResizeToContents: that would read every row before the first paint.
        metrics = self.tree.fontMetrics()
        header.resizeSection(1, metrics.horizontalAdvance("100%") + 16)
        widest = max(StatusWords().longest(), key=metrics.horizontalAdvance)  # in the interface language
        header.resizeSection(2, metrics.horizontalAdvance(widest) + 12)

    @property
    def proxy(self) -> PlanFilterProxy:
        if self._proxy is None:
            self._proxy = PlanFilterProxy(self)
            self._proxy.setSourceModel(self.model)
        return self._proxy

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def _filter_changed(self, text: str) -> None:
        text = text.strip()
        self.proxy.setFilterFixedString(text)
        self._show_model(self.proxy if text else self.model)
        if text:
            self.tree.expandAll()

    def _show_model(self, model: QAbstractItemModel) -> None:
        """Switch the tree between the model and the filter proxy, keeping the selected item selected."""
        if self.tree.model() is model:
            return
        key = self.selected_key()
        old_selection = self.tree.selectionModel()
        self.tree.setModel(model)  # a new selection model comes with it; the old one is ours to delete
        self.tree.header().setModel(self.header_labels)  # the labels again; the user's column widths stay
        old_selection.deleteLater()
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        if model is self.model:
            self.tree.expandToDepth(0)
        if key is None or not self.select_key(key):
            self.detail.show_key(None)

    def on_changed(self, changes: Change, initiator: object = None) -> None:
        if changes & (Change.STRUCTURE | Change.PROGRESS | Change.EVIDENCE | Change.SETTINGS | Change.REVIEW):
            key = self.selected_key()
            self._office_marks()
            self.model.load(self.session.overview())
            if key is not None and self.selected_key() != key:
                self.select_key(key)
        self.detail.refresh(changes, initiator)

    # -- selection ---------------------------------------------------------------------------------
    def selected_key(self) -> NodeKey | None:
        rows = self.tree.selectionModel().selectedRows()
        return rows[0].data(KEY_ROLE) if rows else None

    def select_key(self, key: NodeKey) -> bool:
        source = self.model.index_of(key)
        filtered = self._proxy is not None and self.tree.model() is self._proxy
        index = self.proxy.mapFromSource(source) if filtered and source.isValid() else source
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.detail.show_key(self.selected_key())

    def flush(self) -> None:
        """Save a narrative still being typed (called when the window closes)."""
        self.detail.flush()
