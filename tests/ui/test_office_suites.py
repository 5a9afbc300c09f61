"""An office migrating to the 国密 suite unit by unit: the enroll dialog reads either suite's unit.pub, and the
unit list shows each unit's suite."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.domain.status import Role
from desktop.services import keys
from desktop.services.suite import GM
from desktop.store import Store
from desktop.ui.office.key_dialogs import EnrollDialog
from desktop.ui.office.units_page import UnitsPage
from desktop.ui.session import Session

from .bundle_support import OFFICE_ADMIN, OFFICE_PASSPHRASE, make_office, make_unit, planprogress
from .conftest import PASSWORD, TODAY, when_modal


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Session]:
    root = make_office(tmp_path / "省局", PASSWORD)
    added = planprogress(root, "province", "keys", "add", "--suite", "gm", passphrase=OFFICE_PASSPHRASE)
    assert added.code == 0, added.err
    with Store.open(root, OFFICE_ADMIN) as store:
        yield Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY)


def _gm_unit(root: Path, catalog: object, office_pub: Path) -> Path:
    with Store.create(root, "admin", "unit", catalog) as store:  # type: ignore[arg-type]
        store.set_unit("GD-SZ01", "深圳监狱")
        store.users.add("admin", Role.ADMIN, PASSWORD, "管理员")
        suite, _ = keys.office_pub_suite(office_pub.read_bytes(), office_pub.name)
        assert suite is GM
        info = keys.create_unit_key(store.home, "GD-SZ01", None, suite)
        keys.import_office_key(store.home, office_pub)
        return info.public_key_path


def test_units_of_both_suites_are_enrolled_and_listed_with_their_suite(
    qtbot, office: Session, tmp_path: Path, catalog
) -> None:
    office_pub = office.store.home.keys / keys.OFFICE_PUBLIC
    age_only = tmp_path / "office-age.pub"  # what a unit kept from before the office added 国密
    text = keys.gm_keys.without_pem(office_pub.read_text(encoding="utf-8"))
    age_only.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith(("# suite", "# role"))) + "\n")
    with make_unit(tmp_path / "惠州", "GD-HZ03", "惠州监狱", catalog, age_only, PASSWORD) as unit:
        age_pub = unit.home.keys / keys.UNIT_PUBLIC
    gm_pub = _gm_unit(tmp_path / "深圳", catalog, office_pub)
    shutil.copy(gm_pub, tmp_path / "GD-SZ01-unit.pub")

    page = UnitsPage(office)
    qtbot.addWidget(page)
    page.show()
    for path in (age_pub, tmp_path / "GD-SZ01-unit.pub"):
        dialog = EnrollDialog(office, page)
        dialog.file.setText(str(path))  # as the file chooser fills it
        expected = keys.read_unit_pub(path)[0].key_id
        assert dialog.key_id.text() == expected  # the key number the clerk compares by phone, either suite
        when_modal(lambda d: d.submit())
        assert page.run_dialog(dialog) is not None
    headers = [page.units.headerData(c, Qt.Orientation.Horizontal) for c in range(page.units.columnCount())]
    column = headers.index("密码套件")
    listed = {page.units.index(r, 0).data(): page.units.index(r, column).data() for r in range(page.units.rowCount())}
    assert listed == {"GD-HZ03": "age（X25519/Ed25519）", "GD-SZ01": "国密（SM2/SM3/SM4）"}
