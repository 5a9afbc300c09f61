"""The office's answers in the window: at a unit the import of an answer stick, the office's return on the
review page and its notices on the dashboard; at the office the return dialog and the answer stick.

`install_unit` is called while the window is built: it imports nothing beyond QAction, so the first paint
stays short (the dialogs and boxes load on first use)."""

from __future__ import annotations

from PySide6.QtGui import QAction

from desktop.ui.i18n import tr
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session


def install_unit(window: MainWindow, session: Session) -> QAction:
    """导入省局回执… in the file menu (after 导出进度包…) and on the toolbar."""
    action = QAction(tr("导入省局回执…"), window)
    action.setToolTip(tr("从省局送来的U盘导入回执：数据包是否被接收、退回的报告期和通知"))

    def receive() -> None:
        from desktop.ui.answers.unit import receive_from

        receive_from(window, session)

    action.triggered.connect(receive)
    file_menu = window.menu("file")
    actions = file_menu.actions()
    after = actions[1] if len(actions) > 1 else None  # right after 导出进度包… and its separator
    if after is not None:
        file_menu.insertAction(after, action)
    else:
        file_menu.addAction(action)
    window.toolbar.addAction(action)
    return action
