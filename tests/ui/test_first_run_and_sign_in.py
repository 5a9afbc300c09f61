"""First-run set-up wizard and the sign-in dialog, driven through their real widgets."""

from __future__ import annotations

from pathlib import Path

import pyrage
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from desktop.domain.catalog import Catalog
from desktop.domain.model import User
from desktop.domain.status import Role
from desktop.services import keys
from desktop.store import Home, Store
from desktop.ui.dialogs.setup_wizard import DONE, KEYS, UNIT, SetupWizard
from desktop.ui.dialogs.sign_in import RecoveryResetDialog, SignInDialog

from .conftest import PASSWORD


def _office_pub(folder: Path) -> Path:
    path = folder / "省局 公钥.pub"
    path.write_text(f"# office\n{pyrage.x25519.Identity.generate().to_public()}\n", encoding="utf-8")
    return path


def test_unit_wizard_creates_the_home_with_admin_keys_and_recovery_code(
    qtbot, tmp_path: Path, catalog: Catalog
) -> None:
    root = tmp_path / "广州 监狱"
    wizard = SetupWizard(root, catalog)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentId() == UNIT
    wizard.unit_page.code.setText("GD GZ01")  # a space: refused with the rule
    wizard.next()
    assert wizard.currentId() == UNIT
    assert "单位代码" in wizard.unit_page.messages.text()
    wizard.unit_page.code.setText("GD-GZ01")
    wizard.unit_page.name.setText("广州监狱")
    wizard.next()
    wizard.admin_page.name.setText("admin")
    wizard.admin_page.display_name.setText("王管理")
    wizard.admin_page.passwords.first.setText(PASSWORD)
    wizard.admin_page.passwords.second.setText(PASSWORD + "x")
    wizard.next()
    assert "不一致" in wizard.admin_page.messages.text()
    wizard.admin_page.passwords.set_text(PASSWORD)
    wizard.next()
    assert wizard.currentId() == KEYS
    assert not Home(root).exists()  # nothing is written before the commit page
    wizard.keys_page.office_key.setText(str(_office_pub(tmp_path)))
    wizard.next()
    assert wizard.currentId() == DONE
    code = wizard.done_page.code.code.text()
    assert len(code) == 23
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # must confirm the code was noted
    wizard.done_page.confirm.setChecked(True)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.store is not None
    wizard.store.close()

    with Store.open(root, "test") as store:
        assert store.kind == "unit"
        assert store.unit().code == "GD-GZ01" and store.unit().name == "广州监狱"
        admin = store.users.authenticate("admin", PASSWORD)
        assert admin.role is Role.ADMIN and admin.display_name == "王管理"
        store.users.reset_with_recovery_code("admin", code, "new-password")
        assert store.users.authenticate("admin", "new-password").name == "admin"
    home = Home(root)
    assert (home.keys / keys.UNIT_PUBLIC).is_file()
    assert keys.office_recipients(home)[0].startswith("age1")


def test_wizard_refuses_a_wrong_office_key_and_leaves_nothing(qtbot, tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "home"
    wizard = SetupWizard(root, catalog)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.unit_page.code.setText("GD-GZ01")
    wizard.unit_page.name.setText("广州监狱")
    wizard.next()
    wizard.admin_page.passwords.set_text(PASSWORD)
    wizard.next()
    bogus = tmp_path / "office.pub"
    bogus.write_text("not a key\n", encoding="utf-8")
    wizard.keys_page.office_key.setText(str(bogus))
    wizard.next()
    assert wizard.currentId() == KEYS
    assert "age 公钥" in wizard.keys_page.messages.text()
    assert not Home(root).exists() and not Home(root).keys.exists()


def test_office_path_creates_an_office_home(qtbot, tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "省局"
    wizard = SetupWizard(root, catalog)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.intro.office.setChecked(True)
    wizard.next()
    wizard.office_page.keys.passphrase.set_text("office-passphrase")
    wizard.office_page.keys.public_path.setText(str(tmp_path / "office.pub"))
    wizard.next()
    wizard.admin_page.name.setText("office-admin")
    wizard.admin_page.passwords.set_text(PASSWORD)
    wizard.next()
    assert wizard.currentId() == DONE
    assert wizard.store is not None and wizard.store.kind == "office"
    assert wizard.store.users.get("office-admin").role is Role.ADMIN
    assert wizard.recovery_code
    wizard.store.close()


def test_sign_in_wrong_password_then_right(qtbot, store: Store) -> None:
    dialog = SignInDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "clerk")
    qtbot.keyClicks(dialog.password, "wrong-password")
    dialog.sign_in_button.click()
    assert dialog.user is None
    assert dialog.isVisible()
    assert "用户名或密码不正确" in dialog.messages.text() and "再错 4 次" in dialog.messages.text()
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.sign_in_button.click()
    assert dialog.user is not None and dialog.user.name == "clerk"
    logins = store.audit.entries(entity="login", entity_uid="clerk")
    assert [e.user for e in logins] == ["clerk", "clerk"]


def test_enter_in_the_password_field_signs_in_not_the_password_reset(qtbot, store: Store) -> None:
    dialog = SignInDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    opened: list[str] = []

    def close_other_dialog() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not dialog:
            opened.append(type(modal).__name__)
            modal.close()

    timer = QTimer(dialog)
    timer.timeout.connect(close_other_dialog)
    timer.start(20)
    dialog.name.setText("clerk")
    dialog.password.setFocus()
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert opened == []
    assert dialog.user is not None and dialog.user.name == "clerk"


def test_sign_in_lockout_message(qtbot, store: Store) -> None:
    dialog = SignInDialog(store)
    qtbot.addWidget(dialog)
    dialog.name.setText("clerk")
    for _ in range(5):
        dialog.password.setText("wrong-password")
        dialog.sign_in_button.click()
    assert "锁定" in dialog.messages.text()
    dialog.password.setText(PASSWORD)  # even the right password waits out the lockout
    dialog.sign_in_button.click()
    assert dialog.user is None and "分钟后再试" in dialog.messages.text()


def test_recovery_code_resets_the_admin_password(qtbot, store: Store) -> None:
    code = store.users.new_recovery_code("admin")
    dialog = RecoveryResetDialog(store, "admin")
    qtbot.addWidget(dialog)
    dialog.code.setText("WRONG-CODE0-00000-00000")
    dialog.passwords.set_text("brand-new-1")
    dialog.submit()
    assert "恢复码不正确" in dialog.messages.text()
    dialog.code.setText(code)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.submit()
    assert store.users.authenticate("admin", "brand-new-1").name == "admin"


def test_window_built_during_the_password_check_is_thrown_away_on_failure(qtbot, store: Store) -> None:
    built: list[str] = []
    thrown: list[str] = []

    def prepare(user: User) -> str:
        built.append(user.name)
        return f"window for {user.name}"

    dialog = SignInDialog(store, prepare=prepare, discard=thrown.append)
    qtbot.addWidget(dialog)
    dialog.name.setText("nobody")  # an unknown name: nothing is prepared
    dialog.password.setText(PASSWORD)
    dialog.attempt()
    assert built == [] and "用户名或密码不正确" in dialog.messages.text()
    dialog.name.setText("clerk")
    dialog.password.setText("wrong-password")
    dialog.attempt()
    assert built == ["clerk"] and thrown == ["window for clerk"] and dialog.prepared is None
    dialog.password.setText(PASSWORD)
    dialog.attempt()
    assert dialog.user is not None and dialog.user.name == "clerk"
    assert dialog.prepared == "window for clerk" and len(thrown) == 1
    assert dialog.user.failed_logins == 0  # the user as the check left it, not as it was read before


# -- one active user: the name is offered, and both ways of typing sign in -----------------------------------------
def _only_admin(store: Store) -> SignInDialog:
    store.users.set_active("clerk", False)
    store.users.set_active("reviewer", False)
    dialog = SignInDialog(store)
    dialog.show()
    dialog.activateWindow()
    return dialog


def _failed_attempts(store: Store) -> int:
    return store.users.get("admin").failed_logins


def test_one_user_typing_name_tab_password_signs_in(qtbot, store: Store) -> None:
    dialog = _only_admin(store)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.name.text() == "admin" and dialog.name.hasFocus() and dialog.name.selectedText() == "admin"
    qtbot.keyClicks(dialog.focusWidget(), "admin")  # typed over the offered name
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.password.hasFocus()
    qtbot.keyClicks(dialog.focusWidget(), PASSWORD)
    assert (dialog.name.text(), dialog.password.text()) == ("admin", PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.user is not None and dialog.user.name == "admin"
    assert _failed_attempts(store) == 0


def test_one_user_keeping_the_offered_name_signs_in(qtbot, store: Store) -> None:
    dialog = _only_admin(store)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # the offered name is right: on to the password
    qtbot.keyClicks(dialog.focusWidget(), PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.user is not None and dialog.user.name == "admin"


def test_enter_after_the_name_asks_for_the_password_without_a_failed_attempt(qtbot, store: Store) -> None:
    dialog = _only_admin(store)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.user is None and dialog.password.hasFocus()
    assert "请输入密码" in dialog.messages.text()
    assert _failed_attempts(store) == 0


def test_a_home_made_on_the_command_line_says_how_to_add_its_first_user(
    qtbot, tmp_path: Path, catalog: Catalog
) -> None:
    # `planprogress init` / `province init` make a home without users: the sign-in was a dead end
    with Store.create(tmp_path / "命令行建立", "cli", "unit", catalog) as bare:
        dialog = SignInDialog(bare)
        qtbot.addWidget(dialog)
        dialog.show()
        shown = dialog.messages.text()
        assert "还没有可以登录的用户" in shown
        assert f"planprogress --home {bare.home.root} user add 用户名 --role 管理员" in shown


def test_a_home_with_users_shows_no_such_note(qtbot, store: Store) -> None:
    dialog = SignInDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "还没有可以登录的用户" not in dialog.messages.text()
