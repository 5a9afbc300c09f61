"""Toolbar control for the reporting period: kind (month / quarter / year) and the period itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop.domain.periods import Period, PeriodKind, current_period, parse_period
from desktop.ui.format import period_label
from desktop.ui.i18n import tr, tr_noop

KIND_LABELS = {PeriodKind.MONTH: tr_noop("月度"), PeriodKind.QUARTER: tr_noop("季度"), PeriodKind.YEAR: tr_noop("年度")}
YEARS_BACK = 6  # the 14th plan began in 2021; earlier periods are rarely needed


def periods_of(kind: PeriodKind, today: dt.date, extra: Sequence[str] = ()) -> list[Period]:
    """Every period of `kind` from a few years back up to the current one, newest first."""
    now = current_period(kind, today)
    found: set[Period] = set()
    for year in range(today.year - YEARS_BACK, today.year + 1):
        if kind is PeriodKind.MONTH:
            found.update(Period(year, kind, m) for m in range(1, 13))
        elif kind is PeriodKind.QUARTER:
            found.update(Period(year, kind, q) for q in range(1, 5))
        else:
            found.add(Period(year, kind, 0))
    for code in extra:
        period = parse_period(code)
        if period.kind is kind:
            found.add(period)
    return sorted((p for p in found if p <= now or p.code in extra), reverse=True)


class PeriodSelector(QWidget):
    period_selected = Signal(str)

    def __init__(self, today: dt.date, period: Period, known: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._known = known
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(QLabel(tr("报告期")))
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(tr(label), kind)
        self.period = QComboBox()
        self.period.setMinimumContentsLength(10)  # 2026年第四季度
        layout.addWidget(self.kind)
        layout.addWidget(self.period)
        self.kind.setCurrentIndex(list(KIND_LABELS).index(period.kind))
        self._fill(period.kind, period)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.period.currentIndexChanged.connect(self._period_changed)

    def _fill(self, kind: PeriodKind, selected: Period) -> None:
        self.period.blockSignals(True)
        self.period.clear()
        for p in periods_of(kind, self._today, self._known):
            self.period.addItem(period_label(p), p.code)
        position = self.period.findData(selected.code)
        self.period.setCurrentIndex(max(position, 0))
        self.period.blockSignals(False)

    def _kind_changed(self) -> None:
        kind: PeriodKind = self.kind.currentData()
        self._fill(kind, current_period(kind, self._today))
        self._period_changed()

    def _period_changed(self) -> None:
        code = self.period.currentData()
        if code:
            self.period_selected.emit(str(code))

    def select(self, code: str) -> None:
        period = parse_period(code)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(list(KIND_LABELS).index(period.kind))
        self.kind.blockSignals(False)
        self._fill(period.kind, period)
        if self.period.findData(period.code) < 0:
            self.period.addItem(period_label(period), period.code)
            self.period.setCurrentIndex(self.period.count() - 1)
        self._period_changed()
