"""Enrolling and revoking units at the office through the dialogs, on a real office home with real keys;
a revoked unit's next bundle is refused by the real import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services import keys
from desktop.store import Store
from desktop.store.office import OfficeRepo
from desktop.ui.office.key_dialogs import EnrollDialog, ResyncDialog, RevokeDialog, code_in_key_file
from desktop.ui.office.units_page import UnitsPage
from desktop.ui.session import Session

from .bundle_support import OFFICE_ADMIN, OFFICE_PASSPHRASE, make_office, make_unit, planprogress
from .conftest import PASSWORD, TODAY, when_modal


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Session]:
    root = make_office(tmp_path / "省局", PASSWORD)
    with Store.open(root, OFFICE_ADMIN) as store:
        yield Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)


@pytest.fixture
def unit_home(tmp_path: Path, office: Session, catalog) -> Path:
    office_pub = office.store.home.keys / keys.OFFICE_PUBLIC
    with make_unit(tmp_path / "惠州 监狱", "GD-HZ03", "惠州监狱", catalog, office_pub, PASSWORD):
        pass
    return tmp_path / "惠州 监狱"


def _repo(session: Session) -> OfficeRepo:
    return OfficeRepo(session.store.database, session.store.audit)


def test_enroll_dialog_reads_the_key_and_registers_the_unit(qtbot, office: Session, unit_home: Path) -> None:
    public = unit_home / "keys" / keys.UNIT_PUBLIC
    dialog = EnrollDialog(office)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert "unit.pub" in dialog.messages.text()  # nothing chosen: the form says what is missing
    dialog.file.setText(str(public))
    key_id = keys.public_key_id(keys.load_public_key(public))
    assert dialog.key_id.text() == key_id
    assert dialog.code.text() == "GD-HZ03"  # from the key file's comment, written by the unit's program
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_value == f"已登记单位 GD-HZ03（签名密钥 {key_id}）。"
    unit = _repo(office).unit("GD-HZ03")
    assert unit is not None and not unit.revoked
    assert [k.key_id for k in _repo(office).keys_of("GD-HZ03")] == [key_id]


def test_enroll_refuses_a_file_that_is_not_a_key(qtbot, office: Session, tmp_path: Path) -> None:
    bogus = tmp_path / "不是公钥.pub"
    bogus.write_text("hello\n", encoding="utf-8")
    dialog = EnrollDialog(office)
    qtbot.addWidget(dialog)
    dialog.file.setText(str(bogus))
    assert "不是 minisign 公钥文件" in dialog.key_id.text()
    dialog.code.setText("GD-HZ03")
    dialog.submit()
    assert "不是 minisign 公钥文件" in dialog.messages.text()
    assert _repo(office).units() == []


def test_enroll_refuses_a_key_file_naming_another_unit_and_keeps_the_form(
    qtbot, office: Session, unit_home: Path
) -> None:
    dialog = EnrollDialog(office)
    qtbot.addWidget(dialog)
    dialog.file.setText(str(unit_home / "keys" / keys.UNIT_PUBLIC))
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "GD-HZ04")
    dialog.submit()
    assert dialog.result() != dialog.DialogCode.Accepted
    message = dialog.messages.text()
    assert "写明属于单位 GD-HZ03" in message and "填写的单位代码 GD-HZ04 不一致" in message
    assert dialog.code.text() == "GD-HZ04" and _repo(office).units() == []


def test_enroll_says_office_pub_is_the_offices_own_key(qtbot, office: Session) -> None:
    dialog = EnrollDialog(office)
    qtbot.addWidget(dialog)
    dialog.file.setText(str(office.store.home.keys / keys.OFFICE_PUBLIC))
    assert "是省局自己的公钥" in dialog.key_id.text()  # said as soon as the file is chosen
    qtbot.keyClicks(dialog.code, "GD-HZ03")
    dialog.submit()
    assert "不是单位的签名公钥" in dialog.messages.text() and _repo(office).units() == []


def test_revoke_then_the_units_bundle_is_refused(qtbot, office: Session, unit_home: Path, tmp_path: Path) -> None:
    page = UnitsPage(office)
    qtbot.addWidget(page)
    page.show()
    enroll = EnrollDialog(office, page)
    enroll.file.setText(str(unit_home / "keys" / keys.UNIT_PUBLIC))
    when_modal(lambda dialog: dialog.submit())
    assert page.run_dialog(enroll) is not None
    assert [page.units.index(0, c).data() for c in (0, 2)] == ["GD-HZ03", "在用"]

    revoke = RevokeDialog(office, page)
    revoke.submit()  # no reason given
    assert "原因" in revoke.messages.text() and not _repo(office).unit("GD-HZ03").revoked
    revoke.reason.setText("签名密钥遗失")

    when_modal(lambda dialog: dialog.submit())
    assert page.run_dialog(revoke) == "已吊销单位 GD-HZ03：不再接收其数据包。"
    assert page.units.index(0, 2).data() == "已吊销"
    assert _repo(office).unit("GD-HZ03").revoked_reason == "签名密钥遗失"
    assert RevokeDialog(office).unit.count() == 0  # nothing left to revoke
    assert ResyncDialog(office).unit.count() == 0

    stick = tmp_path / "U盘"
    stick.mkdir()
    assert planprogress(unit_home, "export", "--out", str(stick)).code == 0
    imported = planprogress(office.home_root, "province", "import", str(stick), passphrase=OFFICE_PASSPHRASE)
    assert imported.code != 0
    [line] = imported.result()["bundles"]
    assert line["outcome"] == "revoked_unit" and "已于" in line["message"]
    page.refresh()
    log = [[page.log.index(r, c).data() for c in (1, 4)] for r in range(page.log.rowCount())]
    assert ["PB-GD-HZ03-000001", "拒收：单位已被吊销"] in log


def test_units_page_models_pass_the_model_tester(qtbot, qtmodeltester, office: Session, unit_home: Path) -> None:
    dialog = EnrollDialog(office)
    dialog.file.setText(str(unit_home / "keys" / keys.UNIT_PUBLIC))
    dialog.submit()
    page = UnitsPage(office)
    qtbot.addWidget(page)
    page.refresh()
    qtmodeltester.check(page.units)
    qtmodeltester.check(page.log)
    assert page.units.rowCount() == 1


def test_code_in_key_file(tmp_path: Path) -> None:
    key = tmp_path / "unit.pub"
    key.write_text("untrusted comment: planprogress unit GD-GZ01 minisign public key 8C18\nRWQ...\n", encoding="utf-8")
    assert code_in_key_file(key) == "GD-GZ01"
    key.write_text("untrusted comment: minisign public key 8C18\nRWQ...\n", encoding="utf-8")
    assert code_in_key_file(key) == ""
    assert code_in_key_file(tmp_path / "missing.pub") == ""
