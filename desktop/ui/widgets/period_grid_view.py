"""The period grid's table view and cell editors, made for typing a whole period with the keyboard.

Typing on a cell starts editing it with that key; Tab and Enter save the cell and open the next one (status,
percent, note, then the next row's status); Shift+Tab goes back; Esc drops the edit. In a status cell the
keys 1–4 choose the status (the list shows which is which); a note keeps line breaks (Shift+Enter adds one).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.domain.status import Status
from desktop.ui.i18n import tr
from desktop.ui.models.period_grid import EDITABLE, Col

Index = QModelIndex | QPersistentModelIndex
_RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_STATUS_KEYS = {Qt.Key.Key_1 + n: status for n, status in enumerate(Status)}


class GridDelegate(QStyledItemDelegate):
    """Editors per column: a status list, a percent line, a note line (a text box for a note with line breaks)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        if column == Col.STATUS:
            combo = QComboBox(parent)
            combo.setObjectName("grid-status")
            for n, status in enumerate(Status, 1):
                combo.addItem(f"{n} {tr(status.value)}", status)
            return combo
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if column == Col.NOTE and "\n" in text:
            box = QPlainTextEdit(parent)
            box.setObjectName("grid-note")
            return box
        line = QLineEdit(parent)
        line.setObjectName("grid-percent" if column == Col.PERCENT else "grid-note")
        if column == Col.NOTE:
            line.setPlaceholderText(tr("本期工作进展、存在问题和下一步打算"))
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))
            editor.selectAll()  # typing replaces the cell, as in a spreadsheet
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            key_event: Any = event
            assert isinstance(key_event, QKeyEvent)
            key = key_event.key()
            shift = bool(key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if isinstance(watched, QComboBox) and key in _STATUS_KEYS:
                watched.setCurrentIndex(watched.findData(_STATUS_KEYS[key]))
                return True
            if key in _RETURN and not (shift and isinstance(watched, QPlainTextEdit)):
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
        return super().eventFilter(watched, event)


class PeriodGridView(QTableView):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(GridDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def set_up_columns(self) -> None:
        """Widths from the font (a larger system font gets wider columns), never from the rows."""
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Col.ITEM, metrics.horizontalAdvance("一" * 26))
        header.resizeSection(Col.STATUS, metrics.horizontalAdvance("完成百分比空"))
        header.resizeSection(Col.PERCENT, metrics.horizontalAdvance("完成百分比空"))
        header.resizeSection(Col.NOTE, metrics.horizontalAdvance("一" * 24))
        header.setStretchLastSection(True)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Tab and Enter walk status → percent → note, then the next row's status; Shift+Tab walks back."""
        current = self.currentIndex()
        model = self.model()
        forward = action is QAbstractItemView.CursorAction.MoveNext
        if model is None or not current.isValid() or not (forward or action is self.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        columns = [int(c) for c in EDITABLE]
        row, column = current.row(), current.column()
        if column not in columns:
            column = columns[0] if forward else columns[-1]
        else:
            place = columns.index(column) + (1 if forward else -1)
            if 0 <= place < len(columns):
                column = columns[place]
            else:
                row += 1 if forward else -1
                column = columns[0] if forward else columns[-1]
        if not 0 <= row < model.rowCount():
            return current
        return model.index(row, column)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a cell that is not being edited starts editing it (F2 does too)."""
        current = self.currentIndex()
        if (
            event.key() in _RETURN
            and self.state() is not QAbstractItemView.State.EditingState
            and current.isValid()
            and current.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(current)
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Text an input method commits at once (handwriting, a full-width punctuation mark) onto a cell not
        being edited opens the cell with that text; Qt's view would open the editor and drop the text."""
        current = self.currentIndex()
        if (
            event.commitString()
            and not event.preeditString()
            and self.state() is not QAbstractItemView.State.EditingState
            and current.isValid()
            and current.flags() & Qt.ItemFlag.ItemIsEditable
            and self.edit(current, QAbstractItemView.EditTrigger.AnyKeyPressed, event)
        ):
            editor = QApplication.focusWidget()
            if editor is not None and editor is not self:
                QApplication.sendEvent(editor, event)
            return
        super().inputMethodEvent(event)
