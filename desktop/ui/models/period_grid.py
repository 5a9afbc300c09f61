"""The period grid's table: every task and measure with status, percent and note for one period.

Each committed cell is saved at once through `save` (the page routes it to the progress operation). A percent
that is refused (150, text) stays in its cell as typed, marked, with the message; nothing is saved for it.
`data()` reads only the rows held: they are loaded by desktop.services.period_sheet, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.errors import InputError
from desktop.domain.model import ItemKind, ProgressEntry
from desktop.domain.status import Status, coupled, parse_percent
from desktop.services.period_sheet import SheetRow
from desktop.ui import theme
from desktop.ui.i18n import tr, tr_noop

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
# (item, status, percent, note) -> the entry written, or the store's message when it refused.
Save = Callable[[int, Status, int, str], tuple[ProgressEntry | None, str | None]]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole


class Col(IntEnum):
    ITEM = 0
    STATUS = 1
    PERCENT = 2
    NOTE = 3
    EARLIER = 4


EDITABLE = (Col.STATUS, Col.PERCENT, Col.NOTE)
HEADERS = {
    Col.ITEM: tr_noop("任务 / 措施"),
    Col.STATUS: tr_noop("状态"),
    Col.PERCENT: tr_noop("完成百分比"),
    Col.NOTE: tr_noop("本期进展说明"),
    Col.EARLIER: tr_noop("上期说明（可沿用）"),
}


def typed_percent(text: str) -> int:
    """The percent a clerk typed in a cell ("60", "60 %", "６０"), by the one percent rule (parse_percent)."""
    plain = text.strip().removesuffix("%").removesuffix("％").strip()
    return parse_percent(plain or text)


class PeriodGridModel(QAbstractTableModel):
    saved = Signal(object)  # ProgressEntry
    refused = Signal(str)  # the message for the clerk; what was typed stays in the cell

    def __init__(self, save: Save, parent: Any = None) -> None:
        super().__init__(parent)
        self._save = save
        self._rows: list[SheetRow] = []
        self._refused: dict[int, tuple[str, str]] = {}  # item id -> (typed percent, message)
        self.editable = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._grey = QBrush(QColor(theme.HINT_GREY))
        self._red = QBrush(QColor(theme.ERROR_RED))
        self._refused_back = QBrush(QColor(theme.REFUSED_CELL_BACKGROUND))

    # -- contents ------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[SheetRow], editable: bool, *, keep_refused: bool = False) -> None:
        """Show `rows`; `keep_refused` keeps refused percents still being corrected (a reload of the same
        period after an edit elsewhere), so what a clerk typed is not lost."""
        self.beginResetModel()
        self._rows = list(rows)
        if not keep_refused:
            self._refused = {}
        self.editable = editable
        self.endResetModel()

    def rows(self) -> list[SheetRow]:
        return list(self._rows)

    def row(self, number: int) -> SheetRow:
        return self._rows[number]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(Col)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Col):
            return tr(HEADERS[Col(section)])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    @staticmethod
    def values(row: SheetRow) -> tuple[Status, int, str]:
        """What a row saves unless a cell is changed: the period's own entry, else what the period shows
        (carried forward, as the progress editor starts from it) with an empty note."""
        if row.own is not None:
            return row.own.status, row.own.percent, row.own.note
        if row.shown is not None:
            return row.shown.status, row.shown.percent, ""
        return Status.NOT_STARTED, 0, ""

    def refused_text(self, number: int) -> str | None:
        held = self._refused.get(self._rows[number].item_id)
        return held[0] if held else None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(Col):
            return None
        number, column = index.row(), Col(index.column())
        row = self._rows[number]
        status, percent, note = self.values(row)
        refused = self._refused.get(row.item_id) if column is Col.PERCENT else None
        if role == _DISPLAY:
            return self._text(row, column, status, percent, note, refused)
        if role == _EDIT:
            if column is Col.STATUS:
                return status
            if column is Col.PERCENT:
                return refused[0] if refused else str(percent)
            if column is Col.NOTE:
                return note
            return self._text(row, column, status, percent, note, refused)
        if role == _TOOLTIP:
            return self._tooltip(row, column, refused)
        if role == _FONT and column is Col.ITEM and row.kind is ItemKind.TASK:
            return self._bold
        if role == _FOREGROUND:
            if refused:
                return self._red
            if column is Col.EARLIER or (column in (Col.STATUS, Col.PERCENT) and row.own is None):
                return self._grey
            return None
        if role == _BACKGROUND and refused:
            return self._refused_back
        if role == _ALIGNMENT and column is Col.PERCENT:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    @staticmethod
    def _text(
        row: SheetRow, column: Col, status: Status, percent: int, note: str, refused: tuple[str, str] | None
    ) -> str:
        if column is Col.ITEM:
            return row.label if row.kind is ItemKind.TASK else "　　" + row.label
        if column is Col.STATUS:
            return tr(status.value) if row.shown is not None else tr("未填报")
        if column is Col.PERCENT:
            return refused[0] if refused else f"{percent} %" if row.shown is not None else "—"
        if column is Col.NOTE:
            return note
        return row.earlier.note if row.earlier is not None else ""

    @staticmethod
    def _tooltip(row: SheetRow, column: Col, refused: tuple[str, str] | None) -> str:
        if refused:
            return refused[1]
        if column is Col.ITEM:
            return f"{row.project}\n{row.label}"
        if column is Col.EARLIER and row.earlier is not None:
            return tr("{period} 的说明：\n{note}").format(period=row.earlier.period, note=row.earlier.note)
        if column in (Col.STATUS, Col.PERCENT) and row.own is None:
            if row.shown is None:
                return tr("尚未填报：填写后即保存为本期。")
            return tr("本期尚未填报：显示的是 {period} 的数值，修改后即保存为本期。").format(period=row.shown.period)
        if column is Col.NOTE:
            return row.own.note if row.own is not None else ""
        return ""

    # -- editing -------------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        number, column = index.row(), Col(index.column())
        row = self._rows[number]
        status, percent, note = self.values(row)
        if column is Col.STATUS:
            chosen = value if isinstance(value, Status) else Status.parse(str(value))
            if chosen is status and row.own is not None:
                return False
            status, percent = coupled(chosen, percent, status_chosen=True)
        elif column is Col.PERCENT:
            text = str(value)
            try:
                typed = typed_percent(text)
            except InputError as exc:
                self._refused[row.item_id] = (text, str(exc))
                self._changed(number, Col.PERCENT)
                self.refused.emit(str(exc))
                return False
            had_refused = self._refused.pop(row.item_id, None) is not None
            if typed == percent and row.own is not None:
                if had_refused:
                    self._changed(number, Col.PERCENT)
                return False
            status, percent = coupled(status, typed, status_chosen=False)
        else:
            text = str(value)
            if text == note and row.own is not None:
                return False
            note = text
        return self.save_row(number, status, percent, note)

    def save_row(self, number: int, status: Status, percent: int, note: str) -> bool:
        """Save one row's values through `save`; a refusal (a locked period) is reported, nothing changes."""
        row = self._rows[number]
        entry, error = self._save(row.item_id, status, percent, note)
        if error or entry is None:
            self.refused.emit(error or "")
            self._changed(number, Col.STATUS, Col.NOTE)
            return False
        self.replace_own(number, entry)
        self.saved.emit(entry)
        return True

    def replace_own(self, number: int, entry: ProgressEntry) -> None:
        """Show `entry`, just written, as the row's own entry for the period."""
        row = self._rows[number]
        self._rows[number] = SheetRow(row.item_id, row.kind, row.project, row.label, entry, entry, row.earlier)
        self._changed(number, Col.STATUS, Col.NOTE)

    def _changed(self, number: int, first: Col, last: Col | None = None) -> None:
        self.dataChanged.emit(self.index(number, first), self.index(number, last if last is not None else first))
