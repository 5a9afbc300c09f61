"""Small form fields the store's records need: an optional date and an optional number."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

from desktop.domain.errors import InputError
from desktop.ui.i18n import tr


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    def __init__(self, value: dt.date, parent: Any = None) -> None:
        super().__init__(to_qdate(value), parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")

    def value(self) -> dt.date:
        return from_qdate(self.date())

    def set_value(self, value: dt.date) -> None:
        self.setDate(to_qdate(value))


class OptionalDate(QWidget):
    """A date that may be left empty (a measure without a start date)."""

    def __init__(self, value: dt.date | None, default: dt.date, label: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label or tr("有"))
        self.edit = DateEdit(value or default)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> dt.date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.set_value(value)


class NumberEdit(QLineEdit):
    """A number that may be left empty (a milestone without a quantitative target)."""

    def __init__(self, value: float | None, what: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.what = what
        validator = QDoubleValidator(self)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.setValidator(validator)
        self.setPlaceholderText(tr("可不填"))
        if value is not None:
            self.setText(f"{value:g}")

    def value(self) -> float | None:
        text = self.text().strip().replace(",", "")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise InputError(
                tr("{what}“{text}”不是数字：请填写数字，或留空。").format(what=self.what, text=text)
            ) from None
