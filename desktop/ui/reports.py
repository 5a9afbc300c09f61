"""The report entry in the file menu and on the toolbar, for both kinds of home; the dialog loads on first use."""

from __future__ import annotations

from PySide6.QtGui import QAction

from desktop.ui.i18n import tr
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session


def open_report_dialog(window: MainWindow, session: Session, *, office: bool = False) -> object:
    from desktop.ui.dialogs.report_dialog import ReportDialog  # loaded on first use: start-up stays short

    window.flush_pages()  # a narrative still being typed belongs in the report
    plan = None
    if office and window.has_page("overview"):
        from desktop.ui.office.overview_page import OverviewPage

        overview = window.page("overview")
        plan = overview.shown_plan() if isinstance(overview, OverviewPage) else None  # the plan 全省汇总 shows
    dialog = ReportDialog(session, office=office, parent=window, office_plan=plan)
    dialog.exec()
    return dialog


def install(window: MainWindow, session: Session, *, office: bool = False) -> QAction:
    """Right after the first file-menu entry (export, or the office's import), and on the toolbar."""
    if office:
        action = QAction(tr("生成全省汇总报告…"), window)
        action.setToolTip(tr("全省汇总报告（PDF）或汇总表（Excel）（Ctrl+P）"))
    else:
        action = QAction(tr("生成进度报告…"), window)
        action.setToolTip(tr("本单位的进度报告（PDF）或台账（Excel）（Ctrl+P）"))
    window.set_shortcut(action, "Ctrl+P")
    action.triggered.connect(lambda: open_report_dialog(window, session, office=office))
    file_menu = window.menu("file")
    entries = file_menu.actions()
    if len(entries) > 1:
        file_menu.insertAction(entries[1], action)
    else:
        file_menu.addAction(action)
    window.toolbar.addAction(action)
    return action
