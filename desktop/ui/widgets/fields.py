"""Form fields for dates and numbers that keep what was typed and say what is wrong with it.

Qt's spin boxes and date edits, and line edits with a validator, silently drop or clip keys they do not like
(a percent box kept "15" of "150"; a date edit turned a typed 2027-06-30 into 2026-06-30). These fields take
any text, check it with the Qt-free rules (desktop.domain.numbers, desktop.domain.periods.parse_date), mark a
wrong value red and report it through `problem_changed`; `value()` raises InputError with the message.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QPoint, Signal
from PySide6.QtWidgets import QCalendarWidget, QCheckBox, QHBoxLayout, QLineEdit, QMenu, QStyle, QWidget, QWidgetAction

from desktop.domain.errors import InputError
from desktop.domain.numbers import parse_number
from desktop.domain.periods import Period, parse_date, parse_optional_period
from desktop.ui import theme
from desktop.ui.i18n import tr


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class CheckedEdit(QLineEdit):
    """A line edit whose text is parsed by `parse`; a text that does not parse is kept, marked and reported."""

    problem_changed = Signal(str)  # "" once the text is fine again

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problem = ""
        self.textChanged.connect(self._recheck)

    def parse(self, text: str) -> Any:
        """The value of `text`; subclasses refuse what their rule does not accept (this base takes any text)."""
        return text

    def problem(self) -> str:
        """The message for the text as it stands, or "" when it is a valid value."""
        try:
            self.parse(self.text())
        except InputError as exc:
            return str(exc)
        return ""

    def _recheck(self) -> None:
        problem = self.problem()
        if problem == self._problem:
            return
        self._problem = problem
        self.setStyleSheet(theme.WRONG_FIELD if problem else "")
        self.setToolTip(problem)
        self.problem_changed.emit(problem)


class NumberEdit(CheckedEdit):
    """A number, optional unless `required`, within `minimum`..`maximum`, an integer if `integer`."""

    def __init__(
        self,
        value: float | None,
        what: str,
        parent: Any = None,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        integer: bool = False,
        required: bool = False,
    ) -> None:
        super().__init__(parent)
        self.what = what
        self._rule: dict[str, Any] = {
            "minimum": minimum,
            "maximum": maximum,
            "integer": integer,
            "required": required,
        }
        if not required:
            self.setPlaceholderText(tr("可不填"))
        self.setValue(value)

    def parse(self, text: str) -> float | int | None:
        number = parse_number(text, self.what, **self._rule)
        if number is not None and self._rule["integer"]:
            return int(number)
        return number

    def value(self) -> Any:
        """The number (int for an integer field), None if left empty; InputError when the text is not valid."""
        return self.parse(self.text())

    def setValue(self, value: float | None) -> None:  # noqa: N802 - the name QSpinBox callers know
        self.setText("" if value is None else f"{value:g}")


class IntEdit(NumberEdit):
    """A required whole number that acts like a spin box without keyboard tracking: `valueChanged` fires when
    a valid number is entered (Enter, or leaving the field) or set, and `value()` is the last valid one. A wrong
    text stays as typed, marked, and `rejected(message)` fires instead; nothing takes it as a value."""

    valueChanged = Signal(int)  # noqa: N815 - the name QSpinBox callers know
    rejected = Signal(str)

    def __init__(self, value: int, what: str, parent: Any = None, *, minimum: int, maximum: int) -> None:
        self._value = value
        super().__init__(value, what, parent, minimum=minimum, maximum=maximum, integer=True, required=True)
        self.editingFinished.connect(self._commit)

    def value(self) -> int:
        return self._value

    def setValue(self, value: float | None) -> None:  # noqa: N802 - the name QSpinBox callers know
        super().setValue(value)
        self._commit()

    def _commit(self) -> None:
        try:
            parsed = self.parse(self.text())
        except InputError as exc:
            self.rejected.emit(str(exc))
            return
        value = int(parsed or 0)  # required and whole: parse() gave an int
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)


class DateEdit(CheckedEdit):
    """A date typed whole (2027-06-30, 2027/6/30, 2027年6月30日) or picked from the calendar button."""

    def __init__(self, value: dt.date, parent: Any = None, *, what: str = "") -> None:
        super().__init__(parent)
        self.what = what or tr("日期")
        self.setPlaceholderText("2026-11-30")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self._menu = QMenu(self)
        picker = QWidgetAction(self._menu)
        picker.setDefaultWidget(self.calendar)
        self._menu.addAction(picker)
        button = self.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown), QLineEdit.ActionPosition.TrailingPosition
        )
        button.setToolTip(tr("从日历中选择"))
        button.triggered.connect(self.show_calendar)
        self.set_value(value)

    def parse(self, text: str) -> dt.date:
        return parse_date(text, self.what)

    def value(self) -> dt.date:
        """The date typed; InputError when the text is not a date."""
        return self.parse(self.text())

    def set_value(self, value: dt.date) -> None:
        self.setText(value.isoformat())

    def show_calendar(self) -> None:
        if not self.problem():
            self.calendar.setSelectedDate(to_qdate(self.value()))
        self._menu.popup(self.mapToGlobal(QPoint(0, self.height())))

    def _picked(self, date: QDate) -> None:
        self._menu.close()
        self.set_value(from_qdate(date))
        self.editingFinished.emit()


class PeriodEdit(CheckedEdit):
    """A reporting period that may be left empty (2026-11, 2026-Q4, 2026, or the labels 2026年第四季度…), read by
    the same rule as every period; `what` names the field in the message."""

    def __init__(self, code: str | None, what: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.what = what
        self.setPlaceholderText(tr("可不填，如 2026-Q4"))
        self.setClearButtonEnabled(True)
        self.setText(code or "")
        self.typed = False  # the clerk typed (or cleared) it: offered defaults no longer replace it
        self.textEdited.connect(self._edited)

    def parse(self, text: str) -> Period | None:
        return parse_optional_period(text, self.what)

    def offer(self, code: str) -> None:
        """A new default (the period chosen in the window): taken until the clerk has typed their own."""
        if not self.typed:
            self.setText(code)

    def _edited(self, _text: str) -> None:
        self.typed = True


class OptionalDate(QWidget):
    """A date that may be left empty (a measure without a start date)."""

    def __init__(
        self, value: dt.date | None, default: dt.date, label: str = "", parent: Any = None, *, what: str = ""
    ) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label or tr("有"))
        self.edit = DateEdit(value or default, what=what)
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
