"""Layouts a clerk notices: the password fields line up with the other fields of their form, and the
dashboard's lists keep readable headers while empty (no column squeezed to its bare title)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QTableView, QWidget

from desktop.store import Store
from desktop.ui.dialogs.sign_in import RecoveryResetDialog
from desktop.ui.dialogs.users import AddUserDialog, ResetPasswordDialog
from desktop.ui.office.setup_keys import OfficeKeysBox
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.widgets.record_panels import MeasuresPanel, MilestonesPanel
from desktop.ui.widgets.tables import SampledHeader

from .conftest import make_session


def _field_edges(widget: QWidget) -> set[int]:
    """The left edge of every text field, in the widget's coordinates."""
    return {edit.mapTo(widget, QPoint(0, 0)).x() for edit in widget.findChildren(QLineEdit) if edit.isVisible()}


@pytest.mark.parametrize("which", ["reset", "recovery", "add-user", "office-keys"])
def test_password_fields_line_up_with_the_other_fields(qtbot, store: Store, which: str) -> None:
    dialogs = {
        "reset": lambda: ResetPasswordDialog(store.users.get("clerk")),
        "recovery": lambda: RecoveryResetDialog(store, "admin"),
        "add-user": lambda: AddUserDialog(),
        "office-keys": lambda: OfficeKeysBox(),
    }
    dialog = dialogs[which]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edits = [e for e in dialog.findChildren(QLineEdit) if e.isVisible()]
    assert len(edits) >= 2
    edges = _field_edges(dialog)
    # one column of fields, not the password pair in a form of its own with its own label width
    assert len(edges) == 1, edges
    if isinstance(dialog, QDialog):
        dialog.reject()


def test_reset_dialog_names_whose_password_it_sets(qtbot, store: Store) -> None:
    dialog = ResetPasswordDialog(store.users.get("clerk"))
    qtbot.addWidget(dialog)
    assert "填报员乙（clerk）　填报员" in [label.text() for label in dialog.findChildren(QLabel)]


def test_empty_dashboard_lists_keep_readable_headers(qtbot, store: Store) -> None:
    page = DashboardPage(make_session(store, "clerk"))
    qtbot.addWidget(page)
    page.resize(1340, 800)
    page.show()
    qtbot.waitExposed(page)
    assert page.overdue.rowCount() == page.upcoming.rowCount() == page.gaps.rowCount() == 0
    tables = page.findChildren(QTableView)
    assert len(tables) == 4
    for table in tables:
        header = table.horizontalHeader()
        assert isinstance(header, SampledHeader)
        metrics = header.fontMetrics()
        model = table.model()
        for column in range(model.columnCount()):
            title = str(model.headerData(column, header.orientation()))
            air = metrics.horizontalAdvance("空")
            assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + air, title
    overdue = next(t for t in tables if t.model() is page.overdue)
    metrics = overdue.horizontalHeader().fontMetrics()
    date_width = metrics.horizontalAdvance(dt.date(2026, 12, 31).isoformat())
    assert overdue.horizontalHeader().sectionSize(2) >= date_width  # room for the dates before any arrive
    targets = next(t for t in tables if t.model() is page.targets)
    name = page.targets.index(0, 0).data()
    assert targets.horizontalHeader().sectionSize(0) >= targets.fontMetrics().horizontalAdvance(name)  # not cut


@pytest.mark.parametrize("panel", [MeasuresPanel, MilestonesPanel])
def test_empty_measure_and_milestone_tables_keep_room_for_their_dates(qtbot, store: Store, panel: type) -> None:
    widget = panel(make_session(store, "clerk"))
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    qtbot.waitExposed(widget)
    header = widget.table.horizontalHeader()
    model = widget.table.model()
    assert model.rowCount() == 0
    metrics = header.fontMetrics()
    date_width = metrics.horizontalAdvance(dt.date(2026, 12, 31).isoformat())
    titles = [str(model.headerData(c, header.orientation())) for c in range(model.columnCount())]
    for column, title in enumerate(titles):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + metrics.horizontalAdvance("空"), title
    for column in (c for c, title in enumerate(titles) if title in ("开始", "期限", "完成日期")):
        assert header.sectionSize(column) > date_width, titles[column]  # a date plus air before any arrive
