"""Table models from a column list: an in-memory one, and a lazy one that pages by id (keyset paging).

A `Column` says how to show one field of a row object; headers are translated by the caller. `data()`
only reads the row objects already held: no SQL runs in it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

import msgspec
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

_DISPLAY = Qt.ItemDataRole.DisplayRole  # looked up once: data() runs for every visible cell on each paint
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole


class Column(msgspec.Struct, Generic[R], frozen=True):
    header: str
    text: Callable[[R], str]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[R], str] | None = None
    icon: Callable[[R], QIcon | None] | None = None
    sort_key: Callable[[R], Any] | None = None


class _ColumnModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def row(self, number: int) -> R:
        return self._rows[number]

    def rows(self) -> list[R]:
        return list(self._rows)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == _DISPLAY:
            return column.text(row)
        if role == _TOOLTIP:
            return column.tooltip(row) if column.tooltip else column.text(row)
        if role == _DECORATION and column.icon is not None:
            return column.icon(row)
        if role == _ALIGNMENT:
            return column.align
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key else column.text(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None


class RowTableModel(_ColumnModel[R]):
    """All rows in memory: for short lists (measures of a task, users, the dashboard's tables)."""

    def __init__(self, columns: Sequence[Column[R]], rows: Sequence[R] = (), parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()


class KeysetTableModel(_ColumnModel[R]):
    """Rows fetched in pages keyed by id (`WHERE id > last LIMIT page`), as the view scrolls.

    `fetch(after_id, limit)` returns rows in id order. A list of 100,000 rows opens with one page read.
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        fetch: Callable[[int, int], Sequence[R]],
        *,
        key: Callable[[R], int] = lambda row: int(row.id),  # type: ignore[attr-defined]
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent)
        self._fetch = fetch
        self._key = key
        self.page_size = page_size
        self._more = True
        self._fetching = False
        self.fetches = 0  # pages read so far (tests and benchmarks look at this)

    def reset(self, fetch: Callable[[int, int], Sequence[R]] | None = None) -> None:
        """Forget loaded rows (after a change, or with a new query); the view fetches again as needed."""
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        self._rows = []
        self._more = True
        self.endResetModel()

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index = ROOT) -> None:
        # Views (and the model tester) may ask again from inside beginInsertRows: ignore that.
        if parent.isValid() or not self._more or self._fetching:
            return
        self._fetching = True
        try:
            after = self._key(self._rows[-1]) if self._rows else 0
            batch = list(self._fetch(after, self.page_size))
            self.fetches += 1
            if len(batch) < self.page_size:
                self._more = False
            if batch:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(batch) - 1)
                self._rows.extend(batch)
                self.endInsertRows()
        finally:
            self._fetching = False

    def fetch_all(self) -> None:
        while self._more:
            self.fetchMore()
