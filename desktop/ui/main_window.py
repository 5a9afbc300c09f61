"""The application shell: menus, a toolbar with a page switcher, a stack of pages, a status bar.

Modes (unit, office) fill it through a small surface instead of reaching into it:
    window.add_page(key, title, widget, shortcut)   a page (or a factory, built on first show) and its button
    window.set_shortcut(action, key)                a shortcut (a standard key or a string such as "Ctrl+E")
    window.menu(key) / window.add_menu(key, title)  named menus: file, view, review, admin, help, ...
    window.add_toolbar_widget(widget)               e.g. the period selector
    window.request_restart(reason)                  sign out, or reopen after a restore
The window keeps no data of its own: everything comes from the Session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSizePolicy, QStackedWidget, QToolBar, QWidget

from desktop.ui import theme
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.session import Session
from desktop.ui.startup_gc import wake as wake_collector

MENU_ORDER = (
    ("file", tr_noop("文件(&F)")),
    ("edit", tr_noop("编辑(&E)")),
    ("view", tr_noop("视图(&V)")),
    ("review", tr_noop("审核(&R)")),
    ("admin", tr_noop("管理(&M)")),
    ("help", tr_noop("帮助(&H)")),
)


class MainWindow(QMainWindow):
    first_paint = Signal()  # once, when the window has painted (start-up benchmark, screenshots)

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.outcome = "quit"  # or "logout" / "restore": the start-up loop reads it after the window closes
        self._painted = False
        unit = session.store.unit()
        self.setWindowTitle(tr("{unit} — 广东监狱规划进度填报").format(unit=unit.name or tr("省局汇总")))
        self.resize(1360, 820)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._pages: dict[str, QWidget] = {}
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._page_actions: dict[str, QAction] = {}
        self.page_group = QActionGroup(self)
        self.page_group.setExclusive(True)

        self.toolbar = QToolBar(tr("主工具栏"))
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self._spacer = QWidget()
        self._spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._spacer_action = self.toolbar.addWidget(self._spacer)

        self._menus: dict[str, QMenu] = {}
        for key, title in MENU_ORDER:
            self._menus[key] = self.menuBar().addMenu(tr(title))

        who = QLabel(
            tr("{name}（{role}）").format(
                name=session.user.display_name or session.user.name, role=tr(session.user.role.value)
            )
        )
        where = QLabel(tr("{unit}　数据目录 {root}").format(unit=unit.name, root=session.home_root))
        where.setStyleSheet(theme.HINT)
        self.statusBar().addWidget(who)
        self.statusBar().addPermanentWidget(where)

        self.undo_action = QAction(tr("撤销"), self)
        self.set_shortcut(self.undo_action, QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self._undo)
        self.menu("edit").addAction(self.undo_action)
        session.undo_stack.changed.connect(self._undo_changed)
        self._undo_changed()

    def _undo_changed(self) -> None:
        stack = self.session.undo_stack
        self.undo_action.setEnabled(stack.can_undo())
        self.undo_action.setText(stack.text() or tr("撤销"))

    def _undo(self) -> None:
        self.flush_pages()  # a narrative still being typed is saved (and becomes the step to undo)
        error = self.session.undo()
        if error:
            self.statusBar().showMessage(error, 10000)

    # -- extension surface -------------------------------------------------------------------------
    def menu(self, key: str) -> QMenu:
        return self._menus[key]

    def add_menu(self, key: str, title: str, before: str = "help") -> QMenu:
        menu = QMenu(title, self)
        self.menuBar().insertMenu(self._menus[before].menuAction(), menu)
        self._menus[key] = menu
        return menu

    def add_page(
        self, key: str, title: str, widget: QWidget | Callable[[], QWidget], shortcut: str | None = None
    ) -> QAction:
        """A page and its switcher button. Pass a factory instead of a widget to build the page only when
        it is first shown (keeps start-up short)."""
        if isinstance(widget, QWidget):
            self._add_built(key, widget)
        else:
            self._factories[key] = widget
        action = QAction(title, self)
        action.setCheckable(True)
        if shortcut:
            self.set_shortcut(action, shortcut)
            action.setToolTip(tr("{title}（{shortcut}）").format(title=title, shortcut=shortcut))
        action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
        self.page_group.addAction(action)
        self.toolbar.insertAction(self._spacer_action, action)
        self.menu("view").addAction(action)
        self._page_actions[key] = action
        if len(self._page_actions) == 1:
            self.show_page(key)
        return action

    def _add_built(self, key: str, widget: QWidget) -> None:
        self.stack.addWidget(widget)
        self._pages[key] = widget

    def set_shortcut(self, action: QAction, key: QKeySequence.StandardKey | str) -> None:
        action.setShortcut(QKeySequence(key))

    def add_toolbar_widget(self, widget: QWidget) -> None:
        self.toolbar.addWidget(widget)

    def page(self, key: str) -> QWidget:
        """The page's widget, built now if it was added as a factory."""
        if key not in self._pages:
            self._add_built(key, self._factories.pop(key)())
        return self._pages[key]

    def has_page(self, key: str) -> bool:
        return key in self._pages or key in self._factories

    def show_page(self, key: str) -> QWidget:
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        self._page_actions[key].setChecked(True)
        return widget

    def current_page_key(self) -> str:
        current = self.stack.currentWidget()
        return next((k for k, w in self._pages.items() if w is current), "")

    def request_restart(self, reason: str) -> None:
        """Close the window and let the start-up loop sign in again (`logout`) or reopen the home (`restore`)."""
        self.outcome = reason
        QTimer.singleShot(0, self.close)

    # -- events ------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted and self.isVisible():  # a render while hidden (grab) is not the first paint
            self._painted = True
            wake_collector()  # start-up is over: see desktop.ui.startup_gc
            QTimer.singleShot(0, self.first_paint.emit)

    def flush_pages(self) -> None:
        """Write what is still being typed (pages with a `flush()` method)."""
        for page in self._pages.values():
            flush = getattr(page, "flush", None)
            if callable(flush):
                flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_pages()  # nothing typed is lost when the window closes
        super().closeEvent(event)
