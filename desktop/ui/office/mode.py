"""Office mode (a home made by `province init` or the set-up wizard's office path): the units × projects
overview with province-wide indicators, a unit's drill-down, the register of units and keys, the plans the office
issues, the import."""

from __future__ import annotations

from typing import Any, Literal

from PySide6.QtGui import QAction

from desktop.ui.answers.office import install as install_answers
from desktop.ui.home_actions import install_home_actions, verify_all_evidence
from desktop.ui.i18n import tr
from desktop.ui.main_window import MainWindow
from desktop.ui.office.overview_page import OverviewPage
from desktop.ui.reports import install as install_reports
from desktop.ui.session import Session
from desktop.ui.widgets.period_selector import PeriodSelector


def open_import_wizard(window: MainWindow, session: Session) -> Any:
    from desktop.ui.office.import_wizard import ImportWizard

    wizard = ImportWizard(session, window)
    wizard.exec()
    return wizard.lines


def install(window: MainWindow, session: Session) -> None:
    overview = OverviewPage(session)
    window.add_page("overview", tr("全省汇总"), overview, "Ctrl+1")
    # The other pages (and their modules) are built when first shown: the window opens on 全省汇总.
    window.add_page("unit", tr("单位详情"), lambda: _detail_page(session), "Ctrl+2")
    window.add_page("units", tr("单位与密钥"), lambda: _units_page(session), "Ctrl+3")
    window.add_page("catalogs", tr("规划目录"), lambda: _catalogs_page(session), "Ctrl+4")

    def drill_down(code: str) -> None:
        from desktop.ui.office.drilldown import UnitDetailPage

        detail = window.show_page("unit")
        assert isinstance(detail, UnitDetailPage)
        detail.show_unit(code, overview.shown_plan())  # the plan 全省汇总 shows

    overview.open_unit.connect(drill_down)

    selector = PeriodSelector(session.today(), session.period, [])
    selector.period_selected.connect(session.set_period)
    window.add_toolbar_widget(selector)

    importing = QAction(tr("导入进度包…"), window)
    window.set_shortcut(importing, "Ctrl+I")
    importing.setToolTip(tr("从U盘或文件夹导入各单位的进度包（Ctrl+I）"))
    importing.triggered.connect(lambda: open_import_wizard(window, session))
    importing.setEnabled(session.can_edit or session.can_admin)
    install_home_actions(window, session)
    file_menu = window.menu("file")
    first = file_menu.actions()[0]  # backup, from the home actions
    file_menu.insertAction(first, importing)
    file_menu.insertSeparator(first)
    window.toolbar.addAction(importing)
    install_answers(window, session)  # 制作回执U盘…, right after the import
    install_reports(window, session, office=True)

    admin = window.menu("admin")
    admin.addSeparator()
    for text, kind in (
        (tr("登记单位公钥…"), "enroll"),
        (tr("吊销单位…"), "revoke"),
        (tr("允许单位重新同步…"), "resync"),
    ):
        action = QAction(text, window)
        action.setEnabled(session.can_admin)
        action.triggered.connect(lambda _checked=False, k=kind: _admin_dialog(window, session, k))
        admin.addAction(action)
    verify = QAction(tr("校验全部佐证材料"), window)
    verify.triggered.connect(lambda: verify_all_evidence(window, session))
    window.menu("review").addAction(verify)


def _detail_page(session: Session) -> Any:
    from desktop.ui.office.drilldown import UnitDetailPage  # built when first shown

    return UnitDetailPage(session)


def _units_page(session: Session) -> Any:
    from desktop.ui.office.units_page import UnitsPage  # built when first shown

    return UnitsPage(session)


def _catalogs_page(session: Session) -> Any:
    from desktop.ui.office.catalogs_page import CatalogsPage  # built when first shown

    return CatalogsPage(session)


def _admin_dialog(window: MainWindow, session: Session, kind: Literal["enroll", "revoke", "resync"]) -> None:
    from desktop.ui.office.units_page import UnitsPage, key_dialog

    units = window.show_page("units")
    assert isinstance(units, UnitsPage)
    units.run_dialog(key_dialog(kind, session, window))
