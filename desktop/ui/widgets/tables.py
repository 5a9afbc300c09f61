"""The read-only table every page shows: whole rows selected, no row numbers, columns sized to their
contents; the options are the few ways the pages differ."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class SampledHeader(QHeaderView):
    """A horizontal header whose sections are at least their title plus some air, or as wide as a sample of
    the column's widest usual value: an empty table keeps readable headers, and columns do not jump when
    the first rows arrive. Used where a table is often empty (the dashboard's lists)."""

    def __init__(self, samples: Mapping[int, str], parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.samples = dict(samples)

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        size = super().sectionSizeFromContents(logical_index)
        metrics = self.fontMetrics()
        air = metrics.horizontalAdvance("空白")
        width = size.width() + air
        sample = self.samples.get(logical_index)
        if sample:
            width = max(width, metrics.horizontalAdvance(sample) + air)
        return QSize(width, size.height())


def data_table(
    model: Any,
    *,
    stretch: int | None = None,
    stretch_last: bool = False,
    single: bool = True,
    striped: bool = True,
    wrap: bool = True,
    rows_visible: int = 0,
    samples: Mapping[int, str] | None = None,
) -> QTableView:
    """`stretch` is the column that takes the spare width; `rows_visible` a minimum height in rows; `samples`
    (column -> a typical widest value) gives a SampledHeader."""
    table = QTableView()
    if samples is not None:
        table.setHorizontalHeader(SampledHeader(samples, table))
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(striped)
    table.setWordWrap(wrap)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(stretch_last)
    if rows_visible:
        table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * rows_visible + 30)
    return table
