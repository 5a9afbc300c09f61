"""The whole main window for each role: pages, Ctrl+F, dashboard, settings, users, audit, backup and restore."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.domain.health import Light
from desktop.domain.status import Role, Status
from desktop.store import Home, Store
from desktop.ui import home_actions
from desktop.ui.dialogs.settings import SettingsDialog
from desktop.ui.dialogs.users import AddUserDialog, UsersDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.audit import AuditPage
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window
from desktop.ui.widgets.period_selector import PeriodSelector

from .conftest import PASSWORD, TODAY, make_session, when_modal


def _data(store: Store) -> None:
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展理想信念教育", person="张三", due_date=dt.date(2027, 6, 30))
    store.milestones.add(measure.id, "逾期的节点", dt.date(2026, 10, 1))
    store.milestones.add(measure.id, "六十天后的节点", TODAY + dt.timedelta(days=60))
    done = store.milestones.add(measure.id, "已完成无佐证", dt.date(2026, 9, 1))
    store.milestones.mark_done(done.id, dt.date(2026, 8, 30))
    goal = store.plan.tasks(project=5)[-1]
    ms = store.milestones.add(goal.id, "通过验收", dt.date(2025, 11, 30), target_key="standardized-prison-rate")
    store.milestones.update(ms.id, actual_value=100.0, achieved_date=dt.date(2025, 11, 20))
    store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 30)


def _window(qtbot, session: Session) -> MainWindow:
    window = build_main_window(session)
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_clerk_window_has_the_pages_and_ctrl_f(qtbot, store: Store) -> None:
    _data(store)
    window = _window(qtbot, make_session(store, "clerk"))
    with qtbot.waitSignal(window.first_paint, timeout=5000, raising=False):
        pass
    for key in ("plan", "dashboard", "review", "audit"):
        window.show_page(key)
        assert window.current_page_key() == key
    plan = window.page("plan")
    assert isinstance(plan, PlanPage)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "plan"
    qtbot.waitUntil(plan.filter.hasFocus, timeout=3000)
    assert window.findChild(PeriodSelector) is not None


def test_dashboard_shows_overdue_gaps_and_targets(qtbot, store: Store) -> None:
    _data(store)
    window = _window(qtbot, make_session(store, "clerk"))
    dashboard = window.show_page("dashboard")
    assert isinstance(dashboard, DashboardPage)
    assert [r.view.milestone.title for r in dashboard.overdue.rows()] == ["逾期的节点"]
    assert dashboard.upcoming.rowCount() == 0  # 60 days away is beyond the default 30
    assert [r.view.milestone.title for r in dashboard.gaps.rows()] == ["已完成无佐证", "通过验收"]
    target = dashboard.targets.rows()[0]
    assert target.actual == 100.0 and target.reached is True
    assert dashboard.targets.index(0, 1).data() == "2023年 80%；2025年 100%"
    assert "待审核" not in dashboard.review_state.text() and "草稿" in dashboard.review_state.text()
    assert [bar.value() for bar in dashboard.bars][0] > 0


def test_settings_change_the_due_soon_threshold_everywhere(qtbot, store: Store) -> None:
    _data(store)
    admin = make_session(store, "admin")
    window = _window(qtbot, admin)
    dashboard = window.show_page("dashboard")
    assert isinstance(dashboard, DashboardPage)
    dialog = SettingsDialog(admin, window)
    dialog.due_soon.setValue(90)
    dialog.submit()
    assert store.settings.thresholds().due_soon_days == 90
    assert [r.view.milestone.title for r in dashboard.upcoming.rows()] == ["六十天后的节点"]
    assert dashboard.upcoming.rows()[0].view.light is Light.YELLOW


def test_admin_adds_a_user_and_resets_a_password(qtbot, store: Store) -> None:
    admin = make_session(store, "admin")
    dialog = UsersDialog(admin)
    qtbot.addWidget(dialog)

    def fill(add: AddUserDialog) -> None:
        add.name.setText("clerk2")
        add.display_name.setText("赵填报")
        add.passwords.set_text(PASSWORD)
        add.submit()

    when_modal(fill, AddUserDialog)
    dialog.add()
    assert store.users.get("clerk2").role is Role.CLERK
    assert store.users.authenticate("clerk2", PASSWORD).display_name == "赵填报"
    dialog.table.selectRow([u.name for u in dialog.model.rows()].index("clerk2"))
    dialog.toggle_active()
    assert not store.users.get("clerk2").active
    dialog.table.selectRow([u.name for u in dialog.model.rows()].index("admin"))
    dialog.toggle_active()
    assert "自己" in dialog.messages.text() and store.users.get("admin").active


def test_audit_page_filters_and_verifies(qtbot, store: Store) -> None:
    _data(store)
    window = _window(qtbot, make_session(store, "reviewer"))
    audit = window.show_page("audit")
    assert isinstance(audit, AuditPage)
    audit.entity.setCurrentIndex(audit.entity.findData("milestone"))
    audit.apply()
    audit.model.fetch_all()
    assert audit.model.rowCount() == 6 and {e.entity for e in audit.model.rows()} == {"milestone"}
    with qtbot.waitSignal(audit.verify().result, timeout=10000):
        pass
    assert "校验通过" in audit.messages.text()


def test_backup_then_restore_from_the_menu(qtbot, store: Store, tmp_path: Path) -> None:
    _data(store)
    admin = make_session(store, "admin")
    window = _window(qtbot, admin)
    backup = home_actions.backup(window, admin, tmp_path / "备份.tar")
    assert backup is not None and backup.stat().st_size > 0
    store.progress.record(store.plan.tasks()[1].id, "2026-Q4", Status.DONE, 100)  # made after the backup
    when_modal(lambda box: box.accept(), QMessageBox)
    assert home_actions.restore(window, admin, backup)
    assert window.outcome == "restore"
    with Store.open(store.home.root, "test") as restored:
        assert restored.progress.get(restored.plan.tasks()[1].id, "2026-Q4") is None
    kept = [p for p in store.home.root.parent.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1


def test_restore_behind_the_last_export_tells_what_to_do(qtbot, store: Store, tmp_path: Path) -> None:
    from desktop.services import keys, office_keys
    from desktop.services.bundle.export import export_bundle

    office = office_keys.create_office_key(Home(tmp_path / "省局"), "省局口令-2026", [], "测试省局")
    keys.create_unit_key(store.home, "GD-GZ01", None)
    keys.import_office_key(store.home, office.public_key_path)
    admin = make_session(store, "admin")
    window = _window(qtbot, admin)
    backup = home_actions.backup(window, admin, tmp_path / "备份.tar")
    assert backup is not None
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert export_bundle(store, stick).seq == 1  # sent after the backup was made
    texts: list[str] = []
    when_modal(lambda box: (texts.append(box.text()), box.accept()), QMessageBox)
    assert home_actions.restore(window, admin, backup)
    assert "已从备份恢复" in texts[0]
    assert "恢复前本机已导出到第 1 号数据包，恢复后的数据里没有导出记录" in texts[0]
    assert "planprogress province resync GD-GZ01" in texts[0] and "完整数据包" in texts[0]
