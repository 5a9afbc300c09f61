"""The plan as a tree: five projects -> their plan tasks -> the unit's measures, with lights and percent.

Built from `Store.overview(period)`; refreshing with the same shape only updates the cells (selection and
expansion survive), a new shape resets the model.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import msgspec
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop.domain.health import Light, worst
from desktop.domain.model import ProgressEntry
from desktop.domain.status import Status
from desktop.store.overview import ProjectView, TaskView
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.widgets.lights import light_icon

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument

KEY_ROLE = Qt.ItemDataRole.UserRole + 10  # (NodeKind, id)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 11  # all text of the row, for the filter box
LIGHT_ROLE = Qt.ItemDataRole.UserRole + 12
PERCENT_ROLE = Qt.ItemDataRole.UserRole + 13

CHINESE_NUMBERS = "一二三四五六七八九十"

# Looked up once: data() is called for every visible cell on each paint.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class NodeKind(Enum):
    PROJECT = "project"
    TASK = "task"
    MEASURE = "measure"


NodeKey = tuple[NodeKind, int]


class Node(msgspec.Struct):
    kind: NodeKind
    id: int
    parent: int  # index into the node list, -1 for a project
    row: int
    title: str
    percent: int | None
    light: Light
    status: str
    search: str
    detail: str = ""  # extra tooltip line (a measure's department and person)
    children: list[int] = msgspec.field(default_factory=list)

    @property
    def key(self) -> NodeKey:
        return (self.kind, self.id)


class StatusWords:
    """Translated status and light names, looked up once per build instead of once per row."""

    def __init__(self) -> None:
        self._status: dict[Status, str] = {}
        self.not_reported = tr("未填报")
        self.carried = tr("{status}（沿用{period}）")
        self.derived = tr("{status}（据措施）")
        self.retired = tr("已调整（{status}）")

    def status(self, status: Status) -> str:
        if status not in self._status:
            self._status[status] = tr(status.value)
        return self._status[status]

    def longest(self) -> list[str]:
        """The longest texts of the status column, for sizing it before any row is read."""
        ongoing = self.status(Status.IN_PROGRESS)
        return [self.carried.format(status=ongoing, period="2026-Q3"), self.derived.format(status=ongoing)]

    def entry(self, entry: ProgressEntry | None, carried: bool) -> str:
        if entry is None:
            return self.not_reported
        if carried:
            return self.carried.format(status=self.status(entry.status), period=entry.period)
        return self.status(entry.status)

    def task(self, tv: TaskView) -> str:
        """A task's own entry if it has one; else what its measures add up to, marked as derived. A task a new
        version of the plan retired is marked 已调整 (its records are read-only)."""
        status = self._task(tv)
        return self.retired.format(status=status) if tv.task.retired else status

    def _task(self, tv: TaskView) -> str:
        if tv.progress is not None or not tv.measures:
            return self.entry(tv.progress, tv.carried)
        reported = [m.progress.status for m in tv.measures if m.progress is not None]
        if not reported:
            return self.not_reported
        if Status.LAGGING in reported:
            derived = Status.LAGGING
        elif len(reported) == len(tv.measures) and all(s is Status.DONE for s in reported):
            derived = Status.DONE
        elif all(s is Status.NOT_STARTED for s in reported):
            derived = Status.NOT_STARTED
        else:
            derived = Status.IN_PROGRESS
        return self.derived.format(status=self.status(derived))


def project_title(number: int, name: str) -> str:
    prefix = CHINESE_NUMBERS[number - 1] if 1 <= number <= len(CHINESE_NUMBERS) else str(number)
    return f"{prefix}、{name}"


def build_nodes(overview: list[ProjectView]) -> tuple[list[Node], list[int]]:
    words = StatusWords()
    nodes: list[Node] = []
    roots: list[int] = []
    red_light = Light.RED
    for p_row, pv in enumerate(overview):
        lights = [t.light for t in pv.tasks]
        red = sum(1 for light in lights if light is red_light)
        project = Node(
            NodeKind.PROJECT,
            pv.project.id,
            -1,
            p_row,
            project_title(pv.project.number, pv.project.name),
            pv.percent,
            worst(lights),
            tr("{count} 项逾期或滞后").format(count=red) if red else "",
            pv.project.name,
        )
        p_index = len(nodes)
        nodes.append(project)
        roots.append(p_index)
        for t_row, tv in enumerate(pv.tasks):
            task_text = f"{tv.task.key} {tv.task.text}"
            status = words.task(tv)
            note = tv.progress.note if tv.progress else ""
            milestones = " ".join(m.milestone.title for m in tv.milestones)
            task = Node(
                NodeKind.TASK,
                tv.task.id,
                p_index,
                t_row,
                task_text,
                tv.percent,
                tv.light,
                status,
                f"{task_text} {status} {note} {milestones}",
            )
            t_index = len(nodes)
            nodes.append(task)
            project.children.append(t_index)
            for m_row, mv in enumerate(tv.measures):
                m = mv.measure
                progress = mv.progress
                m_status = words.entry(progress, mv.carried)
                m_note = progress.note if progress else ""
                nodes.append(
                    Node(
                        NodeKind.MEASURE,
                        m.id,
                        t_index,
                        m_row,
                        m.title,
                        progress.percent if progress else None,
                        mv.light,
                        m_status,
                        f"{m.title} {m.department} {m.person} {m.co_units} {m_status} {m_note}",
                        f"{m.department}　{m.person}",
                    )
                )
                task.children.append(len(nodes) - 1)
    return nodes, roots


class PlanTreeModel(QAbstractItemModel):
    COLUMNS = (tr_noop("名称"), tr_noop("完成"), tr_noop("状态"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[Node] = []
        self._roots: list[int] = []
        self.office_comments: dict[int, str] = {}  # task id -> the office's comment on the shown period

    def load(self, overview: list[ProjectView]) -> None:
        nodes, roots = build_nodes(overview)
        same_shape = len(nodes) == len(self._nodes) and all(
            a.key == b.key and a.parent == b.parent for a, b in zip(nodes, self._nodes, strict=True)
        )
        if not same_shape:
            self.beginResetModel()
            self._nodes, self._roots = nodes, roots
            self.endResetModel()
            return
        self._nodes, self._roots = nodes, roots
        last = self.columnCount() - 1
        if roots:
            self.dataChanged.emit(self.index(0, 0), self.index(len(roots) - 1, last))
        for position, node in enumerate(nodes):
            if node.children:
                parent = self.createIndex(node.row, 0, position)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(node.children) - 1, last, parent))

    # -- structure -------------------------------------------------------------------------------
    def _children(self, parent: Index) -> list[int]:
        if not parent.isValid():
            return self._roots
        return self._nodes[parent.internalId()].children

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if column < 0 or column >= len(self.COLUMNS) or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        children = self._children(parent)
        if not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._nodes[index.internalId()]
        if node.parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[node.parent].row, 0, node.parent)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(self.COLUMNS)

    def hasChildren(self, parent: Index = ROOT) -> bool:
        return self.rowCount(parent) > 0

    # -- content ---------------------------------------------------------------------------------
    def node(self, index: Index) -> Node | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        column = index.column()
        if role == _DISPLAY:
            if column == 0:
                if node.kind is NodeKind.TASK and node.id in self.office_comments:
                    return tr("【省局意见】") + node.title
                return node.title
            if column == 1:
                return "" if node.percent is None else f"{node.percent}%"
            return node.status
        if role == _DECORATION and column == 0:
            return light_icon(node.light)
        if role == _TOOLTIP:
            lines = [node.title, node.detail, tr(node.light.label)]
            if node.kind is NodeKind.TASK and node.id in self.office_comments:
                lines.append(tr("省局意见：{text}").format(text=self.office_comments[node.id]))
            return "\n".join(line for line in lines if line.strip())
        if role == _ALIGNMENT and column == 1:
            return _RIGHT
        if role == KEY_ROLE:
            return node.key
        if role == SEARCH_ROLE:
            return node.search
        if role == LIGHT_ROLE:
            return node.light.value
        if role == PERCENT_ROLE:
            return node.percent
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        """For other views and tests: the plan page's header shows `header_labels()` (see PlanPage)."""
        horizontal = orientation == Qt.Orientation.Horizontal and role == _DISPLAY
        if horizontal and 0 <= section < len(self.COLUMNS):
            return tr(self.COLUMNS[section])
        return None

    def index_of(self, key: NodeKey) -> QModelIndex:
        for position, node in enumerate(self._nodes):
            if node.key == key:
                return self.createIndex(node.row, 0, position)
        return QModelIndex()


class PlanFilterProxy(QSortFilterProxyModel):
    """Ctrl+F over all text of every row; a match keeps its ancestors, a matching parent keeps its children."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setFilterRole(SEARCH_ROLE)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
