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


_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
Cell = dict[int, Any]  # role -> value


class UnitMatrixModel(QAbstractTableModel):
    """Rows: units; columns: unit, reporting state, last bundle, then one per project, then the average.

    Every cell's text, sort key, alignment and colour are worked out once when a status is loaded: the view asks
    for each cell's roles several times while it sizes the columns and paints the first screen. Tooltips are
    made when asked for."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.status: ProvinceStatus | None = None
        self._units: list[UnitStatus] = []
        self._projects: list[tuple[int, str]] = []
        self._cells: list[list[Cell]] = []
        self._columns = 0

    def load(self, status: ProvinceStatus) -> None:
        projects = sorted({(p.number, p.name) for u in status.units for p in u.projects})
        self.beginResetModel()
        self.status = status
        self._units = list(status.units)
        self._projects = projects
        self._columns = len(Fixed) + len(projects) + (1 if projects else 0)
        self._cells = [self._row_cells(unit) for unit in self._units]
        self.endResetModel()

    def _row_cells(self, unit: UnitStatus) -> list[Cell]:
        cells = [self._fixed(unit, column) for column in Fixed]
        if not self._projects:
            return cells
        by_number = {p.number: p.percent for p in unit.projects}
        average = round(sum(p.percent for p in unit.projects) / len(unit.projects)) if unit.projects else 0
        for percent in [*(by_number.get(number, 0) for number, _ in self._projects), average]:
            cell: Cell = {_DISPLAY: f"{percent}%", SORT_ROLE: percent, _ALIGNMENT: CENTER}
            if not unit.revoked:
                cell[_BACKGROUND] = QBrush(QColor(percent_color(percent)))
            cells.append(cell)
        return cells

    # shape ----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._units)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._columns

    def project_column(self, number: int) -> int:
        return len(Fixed) + [n for n, _ in self._projects].index(number)

    def unit_at(self, row: int) -> UnitStatus:
        return self._units[row]

    def row_of(self, code: str) -> int:
        return next((i for i, u in enumerate(self._units) if u.code == code), -1)

    # cells ----------------------------------------------------------------------------------------
    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._units) and 0 <= column < self._columns):  # an invalid index has row -1
            return None
        if role == ROW_ROLE:
            return self._units[row]
        if role == CODE_ROLE:
            return self._units[row].code
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        return self._cells[row][column].get(role)

    def _fixed(self, unit: UnitStatus, column: Fixed) -> Cell:
        if column is Fixed.UNIT:
            text = f"{unit.code}　{unit.name}" if unit.name else unit.code
            return {_DISPLAY: text, SORT_ROLE: text, _ALIGNMENT: LEFT}
        if column is Fixed.STATE:
            text = state_text(unit)
            state = QBrush(QColor(theme.REPORT_STATE_BACKGROUNDS[state_of(unit)]))
            return {_DISPLAY: text, SORT_ROLE: text, _BACKGROUND: state, _ALIGNMENT: LEFT}
        if not unit.last_seq:
            last = tr("尚未收到")
        else:
            last = tr("第 {seq} 号　{when}").format(seq=unit.last_seq, when=local_time(unit.last_at or ""))
        return {_DISPLAY: last, SORT_ROLE: unit.last_at or "", _ALIGNMENT: LEFT}

    def _tooltip(self, row: int, column: int) -> str | None:
        unit = self._units[row]
        if column == Fixed.UNIT.value:
            return tr("双击查看 {unit} 的任务、时间节点和佐证材料").format(unit=unit.name or unit.code)
        if column == Fixed.STATE.value:
            periods = tr("、").join(unit.periods) or tr("无")
            return tr("已收到的报告期：{periods}").format(periods=periods)
        if column < len(Fixed):
            return None
        title = self.headerData(column, Qt.Orientation.Horizontal)
        percent = self._cells[row][column][SORT_ROLE]
        name = unit.name or unit.code
        return tr("{unit}：{project} 完成 {percent}%").format(unit=name, project=title, percent=percent)

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
