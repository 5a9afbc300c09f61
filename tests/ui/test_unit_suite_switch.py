"""管理 → 导入省局公钥 with an office.pub of the other suite: the clerk is asked for the new key's passphrase,
the unit changes to a signing key of that suite and is told to have it enrolled; cancelling changes nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.services import keys, office_keys
from desktop.services.suite import AGE, GM
from desktop.store import Home, Store
from desktop.ui.main_window import MainWindow
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window
from desktop.ui.unit_mode import import_office_key

from .conftest import make_session, when_modal

OFFICE_PASSPHRASE = "省局口令-2026-国密"


def _offices(tmp_path: Path) -> tuple[Path, Path]:
    age = office_keys.create_office_key(Home(tmp_path / "age省局"), OFFICE_PASSPHRASE, [], "测试省局")
    gm = office_keys.create_office_key(Home(tmp_path / "国密省局"), OFFICE_PASSPHRASE, [], "测试省局", GM)
    return age.public_key_path, gm.public_key_path


def _window(qtbot, store: Store) -> tuple[MainWindow, Session]:
    session = make_session(store, "admin")
    window = build_main_window(session)
    assert window is not None
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, session


def test_an_office_key_of_the_other_suite_switches_the_signing_key(qtbot, store: Store, tmp_path: Path) -> None:
    age_pub, gm_pub = _offices(tmp_path)
    keys.create_unit_key(store.home, "GD-GZ01", None)
    keys.import_office_key(store.home, age_pub)
    old_id = keys.unit_key_id(store.home)
    window, session = _window(qtbot, store)

    asked: list[str] = []

    def type_passphrase(dialog: QInputDialog) -> None:
        asked.append(dialog.labelText())
        dialog.setTextValue("新密钥口令 2026")
        dialog.accept()

    told: list[str] = []
    when_modal(type_passphrase, QInputDialog)
    when_modal(lambda box: (told.append(box.text()), box.accept()), QMessageBox)
    assert import_office_key(window, session, gm_pub)
    assert "国密（SM2/SM3/SM4）" in asked[0] and "可留空" in asked[0]
    new = keys.unit_verify_key(store.home)
    assert new.suite is GM and keys.unit_key_id(store.home) != old_id
    assert keys.unit_key_is_protected(store.home)  # the passphrase typed in the dialog protects the new key
    assert f"编号 {keys.unit_key_id(store.home)}" in told[0] and "重新登记" in told[0]
    assert keys.office_pub_suite((store.home.keys / keys.OFFICE_PUBLIC).read_bytes(), keys.OFFICE_PUBLIC)[0] is GM


def test_cancelling_the_passphrase_changes_nothing(qtbot, store: Store, tmp_path: Path) -> None:
    age_pub, gm_pub = _offices(tmp_path)
    keys.create_unit_key(store.home, "GD-GZ01", None)
    keys.import_office_key(store.home, age_pub)
    office_before = (store.home.keys / keys.OFFICE_PUBLIC).read_bytes()
    key_before = (store.home.keys / keys.UNIT_PUBLIC).read_bytes()
    window, session = _window(qtbot, store)
    when_modal(lambda dialog: dialog.reject(), QInputDialog)
    assert not import_office_key(window, session, gm_pub)
    assert (store.home.keys / keys.OFFICE_PUBLIC).read_bytes() == office_before
    assert (store.home.keys / keys.UNIT_PUBLIC).read_bytes() == key_before
    assert keys.unit_verify_key(store.home).suite is AGE
