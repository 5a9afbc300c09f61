"""Unit mode's export of progress bundles to removable media: a menu entry, a toolbar button, the wizard."""

from __future__ import annotations

from PySide6.QtGui import QAction

from desktop.ui.i18n import tr
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session


def open_export_wizard(window: MainWindow, session: Session) -> object:
    from desktop.ui.export.wizard import ExportWizard  # loaded on first use: start-up stays short

    window.flush_pages()  # what is being typed belongs in the bundle
    wizard = ExportWizard(session, window)
    wizard.exec()
    return wizard.export_result


def install(window: MainWindow, session: Session) -> QAction:
    action = QAction(tr("导出进度包…"), window)
    window.set_shortcut(action, "Ctrl+E")
    action.setToolTip(tr("把进度加密签名后写到U盘，交省局（Ctrl+E）"))
    action.triggered.connect(lambda: open_export_wizard(window, session))
    file_menu = window.menu("file")
    first = file_menu.actions()[0] if file_menu.actions() else None
    if first is not None:
        file_menu.insertAction(first, action)
        file_menu.insertSeparator(first)
    else:
        file_menu.addAction(action)
    window.toolbar.addAction(action)
    return action
