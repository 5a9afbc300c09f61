"""The read-only table every page shows: whole rows selected, no row numbers, columns sized to their
contents; the options are the few ways the pages differ."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def data_table(
    model: Any,
    *,
    stretch: int | None = None,
    stretch_last: bool = False,
    single: bool = True,
    striped: bool = True,
    wrap: bool = True,
    rows_visible: int = 0,
) -> QTableView:
    """`stretch` is the column that takes the spare width; `rows_visible` a minimum height in rows."""
    table = QTableView()
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
