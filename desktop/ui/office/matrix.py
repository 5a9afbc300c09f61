"""The office's main table: enrolled units × the plan's projects, with each unit's reporting state for the
period and its completion per project, from `province_status` (desktop.services.office.status)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.services.office.status import ProvinceStatus, UnitStatus
from desktop.ui import theme
from desktop.ui.format import local_time
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.models.table import CENTER, LEFT, ROW_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
CODE_ROLE = Qt.ItemDataRole.UserRole + 10


class Fixed(Enum):
    UNIT = 0
    STATE = 1
    LAST = 2


FIXED_HEADERS = {Fixed.UNIT: tr_noop("单位"), Fixed.STATE: tr_noop("本期报送"), Fixed.LAST: tr_noop("最近接收的数据包")}


def state_of(unit: UnitStatus) -> str:
    if unit.revoked:
        return "revoked"
    if unit.resync_pending or unit.held or unit.returned:
        return "waiting"
    return "reported" if unit.reported else "missing"


def state_text(unit: UnitStatus) -> str:
    if unit.revoked:
        return tr("已吊销")
    text = tr("已报送") if unit.reported else tr("未报送")
    if unit.held:
        text += tr("（暂存 {n} 个待补）").format(n=len(unit.held))
    if unit.resync_pending:
        text += tr("（等待重新同步）")
    if unit.returned:
        text += tr("（已退回 {periods}，待单位重报）").format(periods=tr("、").join(unit.returned))
    return text


def percent_color(percent: int) -> str:
    """A pale band colour: the eye finds the laggards without reading every number."""
    return next(
        (color for start, color in theme.PERCENT_BACKGROUNDS if percent >= start), theme.PERCENT_BACKGROUNDS[-1][1]
    )


class UnitMatrixModel(QAbstractTableModel):
    """Rows: units; columns: unit, reporting state, last bundle, then one per project, then the average."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.status: ProvinceStatus | None = None
        self._units: list[UnitStatus] = []
        self._projects: list[tuple[int, str]] = []

    def load(self, status: ProvinceStatus) -> None:
        projects = sorted({(p.number, p.name) for u in status.units for p in u.projects})
        self.beginResetModel()
        self.status = status
        self._units = list(status.units)
        self._projects = projects
        self.endResetModel()

    # shape ----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._units)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(Fixed) + len(self._projects) + (1 if self._projects else 0)

    def project_column(self, number: int) -> int:
        return len(Fixed) + [n for n, _ in self._projects].index(number)

    def unit_at(self, row: int) -> UnitStatus:
        return self._units[row]

    def row_of(self, code: str) -> int:
        return next((i for i, u in enumerate(self._units) if u.code == code), -1)

    # cells ----------------------------------------------------------------------------------------
    def _percent(self, unit: UnitStatus, column: int) -> int:
        offset = column - len(Fixed)
        if offset < len(self._projects):
            number = self._projects[offset][0]
            return next((p.percent for p in unit.projects if p.number == number), 0)
        return round(sum(p.percent for p in unit.projects) / len(unit.projects)) if unit.projects else 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._units) or index.column() >= self.columnCount():
            return None
        unit = self._units[index.row()]
        column = index.column()
        if role == ROW_ROLE:
            return unit
        if role == CODE_ROLE:
            return unit.code
        if column < len(Fixed):
            return self._fixed(unit, Fixed(column), role)
        percent = self._percent(unit, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{percent}%"
        if role == SORT_ROLE:
            return percent
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER
        if role == Qt.ItemDataRole.BackgroundRole and not unit.revoked:
            return QBrush(QColor(percent_color(percent)))
        if role == Qt.ItemDataRole.ToolTipRole:
            title = self.headerData(column, Qt.Orientation.Horizontal)
            return tr("{unit}：{project} 完成 {percent}%").format(
                unit=unit.name or unit.code, project=title, percent=percent
            )
        return None

    def _fixed(self, unit: UnitStatus, column: Fixed, role: int) -> Any:
        if column is Fixed.UNIT:
            text = f"{unit.code}　{unit.name}" if unit.name else unit.code
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return text
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("双击查看 {unit} 的任务、时间节点和佐证材料").format(unit=unit.name or unit.code)
        elif column is Fixed.STATE:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return state_text(unit)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(theme.REPORT_STATE_BACKGROUNDS[state_of(unit)]))
            if role == Qt.ItemDataRole.ToolTipRole:
                periods = tr("、").join(unit.periods) or tr("无")
                return tr("已收到的报告期：{periods}").format(periods=periods)
        else:
            if role == Qt.ItemDataRole.DisplayRole:
                if not unit.last_seq:
                    return tr("尚未收到")
                return tr("第 {seq} 号　{when}").format(seq=unit.last_seq, when=local_time(unit.last_at or ""))
            if role == SORT_ROLE:
                return unit.last_at or ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._units) else None
        if 0 <= section < len(Fixed):
            return tr(FIXED_HEADERS[Fixed(section)])
        offset = section - len(Fixed)
        if 0 <= offset < len(self._projects):
            number, name = self._projects[offset]
            return f"{number}. {name}"
        if offset == len(self._projects) and self._projects:
            return tr("平均")
        return None
