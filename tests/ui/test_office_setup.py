"""First run at the provincial office: the office key pair (passphrase asked twice, public key saved to a
chosen place) is made by the real `province init`, and the new home opens in office mode."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.catalog import Catalog
from desktop.services import keys, office_keys
from desktop.store import Home, Store
from desktop.ui.dialogs.setup_wizard import ADMIN, DONE, OFFICE, SetupWizard
from desktop.ui.office.overview_page import OverviewPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .conftest import PASSWORD, TODAY

PASSPHRASE = "省局私钥 口令 2026"


def _to_office_page(qtbot, root: Path, catalog: Catalog) -> SetupWizard:
    wizard = SetupWizard(root, catalog)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.intro.office.setChecked(True)
    wizard.next()
    assert wizard.currentId() == OFFICE
    return wizard


def test_office_first_run_makes_the_key_pair_and_saves_the_public_key(qtbot, tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "省局 数据"
    stick = tmp_path / "U盘"
    stick.mkdir()
    wizard = _to_office_page(qtbot, root, catalog)
    box = wizard.office_page.keys
    box.passphrase.first.setText(PASSPHRASE)
    box.passphrase.second.setText(PASSPHRASE + "x")
    wizard.next()
    assert wizard.currentId() == OFFICE and "不一致" in wizard.office_page.messages.text()
    box.passphrase.set_text("short")
    wizard.next()
    assert wizard.currentId() == OFFICE and "至少需要 8 个字符" in wizard.office_page.messages.text()
    box.passphrase.set_text(PASSPHRASE)
    box.public_path.setText(str(tmp_path / "没有这个U盘" / "office.pub"))
    wizard.next()
    assert wizard.currentId() == OFFICE and "不存在" in wizard.office_page.messages.text()
    box.public_path.setText(str(stick / "省局公钥.pub"))
    wizard.next()
    assert wizard.currentId() == ADMIN
    assert not Home(root).exists()  # nothing is made before the administrator is set
    wizard.admin_page.name.setText("office-admin")
    wizard.admin_page.passwords.set_text(PASSWORD)
    wizard.next()
    assert wizard.currentId() == DONE, wizard.admin_page.messages.text()
    store = wizard.store
    assert store is not None and store.kind == "office"
    home = Home(root)
    saved = stick / "省局公钥.pub"
    assert saved.read_bytes() == (home.keys / keys.OFFICE_PUBLIC).read_bytes()
    # the private key opens with the passphrase (age's own format), and its public half is what was saved
    identity = office_keys.load_office_identity(home, PASSPHRASE)
    assert str(identity.to_public()) in keys.parse_recipients(saved.read_bytes(), saved.name)
    assert store.unit().name == "广东省监狱管理局"
    assert store.users.get("office-admin").name == "office-admin"

    # the new home opens in office mode
    window = build_main_window(Session(store, store.users.get("office-admin"), today=lambda: TODAY))
    assert window is not None
    qtbot.addWidget(window)
    assert isinstance(window.page("overview"), OverviewPage)
    store.close()


def test_a_failed_office_set_up_leaves_nothing_behind(qtbot, tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "省局"
    wizard = _to_office_page(qtbot, root, catalog)
    wizard.office_page.keys.passphrase.set_text(PASSPHRASE)
    target = tmp_path / "公钥.pub"
    wizard.office_page.keys.public_path.setText(str(target))
    wizard.next()
    target.mkdir()  # the chosen place became a folder after the page was checked: the copy must fail
    wizard.admin_page.name.setText("office-admin")
    wizard.admin_page.passwords.set_text(PASSWORD)
    wizard.next()
    assert wizard.currentId() == ADMIN
    assert "是一个文件夹" in wizard.admin_page.messages.text() or "无法把公钥" in wizard.admin_page.messages.text()
    assert wizard.store is None
    assert not Home(root).exists() and not Home(root).keys.exists()
    # put right, the same wizard goes through
    target.rmdir()
    wizard.next()
    assert wizard.currentId() == DONE
    assert isinstance(wizard.store, Store)
    wizard.store.close()
