"""Unit codes and key numbers in the window, typed as a clerk types: the set-up wizard and the office's enroll
dialog take any case and full width and show the canonical code; the key number the office compares is on the
wizard's last page, in 单位信息 and in the message after exporting unit.pub; the export wizard offers a full
bundle after a key rotation; the import wizard counts what is on the stick and can set a dead bundle aside."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from desktop.domain.catalog import Catalog
from desktop.services import keys
from desktop.services.office import registry
from desktop.services.operations import keys as key_ops
from desktop.store import Store
from desktop.store.office import OfficeRepo
from desktop.ui.dialogs.setup_wizard import DONE, UNIT, SetupWizard
from desktop.ui.export.targets import describe
from desktop.ui.export.wizard import ExportWizard
from desktop.ui.office.import_wizard import RESULT, ImportWizard
from desktop.ui.office.key_dialogs import EnrollDialog
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window
from desktop.ui.unit_mode import export_unit_key, show_unit_info

from .bundle_support import OFFICE_ADMIN, OFFICE_PASSPHRASE, OfficeScene, build_scene, give_unit_keys, make_office
from .conftest import PASSWORD, TODAY, make_session


def ime_type(widget: QLineEdit, text: str) -> None:
    """Text as a Chinese input method delivers it: committed by the input method, not as key presses."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_the_wizard_takes_a_lower_case_code_and_shows_what_it_stores(qtbot, tmp_path: Path, catalog: Catalog) -> None:
    root = tmp_path / "广州"
    wizard = SetupWizard(root, catalog)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentId() == UNIT
    page = wizard.unit_page
    qtbot.keyClicks(page.code, "gd-gz01")
    assert page.code.hint.isVisible() and "GD-GZ01" in page.code.hint.text()
    ime_type(page.name, "广州监狱")
    wizard.next()
    assert page.code.text() == "GD-GZ01"  # the stored form, in the field the clerk sees
    assert "gd-gz01" in page.code.hint.text() and "GD-GZ01" in page.code.hint.text()
    qtbot.keyClicks(wizard.admin_page.passwords.first, PASSWORD)
    qtbot.keyClicks(wizard.admin_page.passwords.second, PASSWORD)
    wizard.next()
    wizard.next()  # keys page: no office key yet, no passphrase
    assert wizard.currentId() == DONE, wizard.keys_page.messages.text()
    key_id = keys.unit_key_id(wizard.store.home) if wizard.store else None
    assert key_id and wizard.done_page.key_id.text() == key_id
    assert wizard.done_page.key_box.isVisible() and "核对" in wizard.done_page.key_note.text()
    wizard.store.close()
    with Store.open(root, "t") as store:
        assert store.unit().code == "GD-GZ01"


def test_the_wizard_keeps_a_wrong_code_and_says_why(qtbot, tmp_path: Path, catalog: Catalog) -> None:
    wizard = SetupWizard(tmp_path / "h", catalog)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    qtbot.keyClicks(wizard.unit_page.code, "gd_gz01")
    ime_type(wizard.unit_page.name, "广州监狱")
    wizard.next()
    assert wizard.currentId() == UNIT
    assert wizard.unit_page.code.text() == "gd_gz01"  # kept as typed
    assert "gd_gz01" in wizard.unit_page.messages.text() and "不合规" in wizard.unit_page.messages.text()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Session]:
    root = make_office(tmp_path / "省局", PASSWORD)
    with Store.open(root, OFFICE_ADMIN) as store:
        yield Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)


def _old_unit_pub(tmp_path: Path, catalog: Catalog, office: Session) -> Path:
    """unit.pub as the unit's program wrote it before codes were canonical: the comment says gd-hz03."""
    with Store.create(tmp_path / "惠州", "admin", "unit", catalog) as unit:
        unit.set_unit("GD-HZ03", "惠州监狱")
        keys.create_unit_key(unit.home, "gd-hz03", None)
        return unit.home.keys / keys.UNIT_PUBLIC


def test_enroll_fills_the_code_from_an_old_key_file_and_enrolls_it_upper_case(
    qtbot, tmp_path: Path, catalog: Catalog, office: Session
) -> None:
    public = _old_unit_pub(tmp_path, catalog, office)
    dialog = EnrollDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.file.setText(str(public))  # as the “选择…” button fills it
    assert dialog.code.text() == "gd-hz03"  # as the file says it
    assert dialog.code.hint.isVisible() and "将保存为 GD-HZ03" in dialog.code.hint.text()
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.code.text() == "GD-HZ03"
    assert "GD-HZ03" in dialog.result_value
    assert [u.code for u in OfficeRepo(office.store.database, office.store.audit).units()] == ["GD-HZ03"]


def test_enroll_takes_a_code_typed_in_full_width(qtbot, tmp_path: Path, catalog: Catalog, office: Session) -> None:
    public = _old_unit_pub(tmp_path, catalog, office)
    dialog = EnrollDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    ime_type(dialog.code, "ＧＤ－ＨＺ０３")
    assert "将保存为 GD-HZ03" in dialog.code.hint.text()
    dialog.file.setText(str(public))  # as the “选择…” button fills it
    assert dialog.code.text() == "ＧＤ－ＨＺ０３"  # typed first: the key file does not overwrite it
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.code.text() == "GD-HZ03"
    assert OfficeRepo(office.store.database, office.store.audit).unit("GD-HZ03") is not None


def test_unit_info_and_the_unit_pub_export_show_the_key_number(
    qtbot, store: Store, office_pub: Path, tmp_path: Path
) -> None:
    give_unit_keys(store, office_pub)
    key_id = keys.unit_key_id(store.home)
    window = build_main_window(make_session(store, "admin"))
    assert window is not None
    qtbot.addWidget(window)
    dialog = show_unit_info(window, make_session(store, "admin"))
    assert dialog.key_id.text() == key_id  # type: ignore[attr-defined]
    dialog.close()
    stick = tmp_path / "U盘"
    stick.mkdir()
    written = export_unit_key(window, make_session(store, "admin"), stick)
    assert written == stick / "GD-GZ01-unit.pub" and written.is_file()
    box = window.findChild(QMessageBox, "unit-key-exported")
    assert box is not None and box.isVisible() and key_id in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "unit-key-exported") is None)


def test_after_a_key_rotation_the_export_wizard_offers_a_full_bundle(
    qtbot, store: Store, office_pub: Path, tmp_path: Path
) -> None:
    give_unit_keys(store, office_pub)
    stick = tmp_path / "U盘"
    stick.mkdir()
    from desktop.services.bundle.export import export_bundle

    assert export_bundle(store, stick).kind == "full"
    key_ops.rotate_unit_key(store, store.home, "GD-GZ01", None)
    wizard = ExportWizard(make_session(store, "admin"), targets=lambda: [describe(stick, "U盘")])
    qtbot.addWidget(wizard)
    wizard.show()
    content = wizard.content
    qtbot.waitUntil(lambda: content.preview is not None, timeout=15000)
    assert content.delta.isChecked() and "更换签名密钥后的第一次导出：完整数据包" in content.delta.text()
    assert not content.full.isEnabled()
    assert content.preview is not None and content.preview.kind == "full" and content.preview.seq == 2


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_office(tmp_path_factory.mktemp("template") / "office", PASSWORD)


def test_a_dead_bundle_is_set_aside_and_the_next_import_counts_the_stick(
    qtbot, tmp_path: Path, office_template: Path, catalog: Catalog
) -> None:
    scene: OfficeScene = build_scene(tmp_path, office_template, catalog, PASSWORD)
    with Store.open(scene.root, OFFICE_ADMIN) as store:
        registry.revoke(store, "GD-GZ01", "单位撤并")
        session = Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)

        def run() -> ImportWizard:
            wizard = ImportWizard(session, targets=lambda: [describe(scene.stick, "U盘")])
            qtbot.addWidget(wizard)
            wizard.show()
            wizard.source.passphrase.setText(OFFICE_PASSPHRASE)
            wizard.next()
            qtbot.waitUntil(lambda: wizard.run_page.state != "running", timeout=120000)
            assert wizard.currentId() == RESULT
            return wizard

        first_wizard = run()
        first = first_wizard.result_page
        assert first.summary.text().startswith("共 2 个数据包：0 个已接收或已导入过，2 个未接收")
        first.table.selectRow(1)  # the unknown unit's: its problem can be solved, it cannot be set aside
        assert not first.dismiss_row.isVisible()
        first.table.selectRow(0)
        assert first.model.index(0, 3).data() == "拒收：单位已被吊销"
        assert first.dismiss_row.isVisible()
        first.dismiss_button.click()  # no reason yet
        assert "原因" in first.messages.text()
        ime_type(first.reason, "单位撤并，数据包作废")
        first.dismiss_button.click()
        assert "已搁置 PB-GD-GZ01-000001" in first.messages.text()

        second_wizard = run()
        second = second_wizard.result_page
        assert second.summary.text().startswith("共 2 个数据包：0 个已接收或已导入过，1 个未接收")
        assert "1 个此前已搁置、未再导入" in second.summary.text()
        assert [second.model.index(r, 0).data() for r in range(second.model.rowCount())] == ["PB-GD-XX99-000001"]
