"""The office window's first paint of 全省汇总 loads no signing or encryption library: the answer writer and the
key forms import them when a person uses them, and then they work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store import Store
from desktop.ui.office.key_dialogs import EnrollDialog, ResyncDialog, RevokeDialog
from desktop.ui.office.units_page import UnitsPage
from desktop.ui.startup import build_main_window

from .bundle_support import OFFICE_ADMIN, make_office
from .conftest import PASSWORD, make_session, when_modal

REPO = Path(__file__).resolve().parents[2]
LATE = ("minisign", "pyrage", "cryptography", "desktop.services.keys", "desktop.services.answer.office")

# The application's own start-up steps (as bench/office_bench.py runs them), then what was loaded at the first paint.
FIRST_PAINT = """
import json, sys
from pathlib import Path
from desktop.ui.app import prepare_application
from desktop.ui.startup import HomeLock, authenticate_overlapped, discard_window, open_home, prepare_window
home = Path(sys.argv[1])
app = prepare_application([], "zh_CN", font=False)
lock = HomeLock(home)
assert lock.acquire()
store = open_home(home, lock).store
user, prepared = authenticate_overlapped(store, sys.argv[2], sys.argv[3], lambda u: prepare_window(store, u),
                                         discard_window)
prepared.session.user = user
window = prepared.window
def painted():
    print(json.dumps({"title": window.windowTitle(), "page": window.stack.currentWidget() is window.page("overview"),
                      "modules": sorted(sys.modules)}), flush=True)
    app.quit()
window.first_paint.connect(painted)
window.show()
app.exec()
store.close()
lock.release()
"""


def _first_paint(tmp_path: Path) -> dict[str, Any]:
    office = make_office(tmp_path / "省局", PASSWORD)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(office), OFFICE_ADMIN, PASSWORD],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    shown: dict[str, Any] = json.loads([line for line in proc.stdout.splitlines() if line.startswith("{")][-1])
    return shown


def test_the_first_paint_loads_no_signing_or_encryption_library(tmp_path: Path) -> None:
    shown = _first_paint(tmp_path)
    assert str(shown["title"]).startswith("省局汇总") and shown["page"]
    assert [m for m in LATE if m in shown["modules"]] == []


def test_the_pages_not_shown_first_are_built_when_first_shown(tmp_path: Path) -> None:
    """单位详情 and 单位与密钥 (and their modules) wait until a person opens them; the window opens on 全省汇总."""
    shown = _first_paint(tmp_path)
    assert shown["page"]
    pages = ("desktop.ui.office.drilldown", "desktop.ui.office.units_page", "desktop.ui.office.catalogs_page")
    assert [m for m in pages if m in shown["modules"]] == []


def test_the_key_forms_open_from_the_units_page(qtbot: QtBot, tmp_path: Path) -> None:
    office = make_office(tmp_path / "省局", PASSWORD)
    with Store.open(office, OFFICE_ADMIN) as store:
        page = UnitsPage(make_session(store, OFFICE_ADMIN))
        qtbot.addWidget(page)
        page.show()
        for button, kind in (
            (page.enroll_button, EnrollDialog),
            (page.revoke_button, RevokeDialog),
            (page.resync_button, ResyncDialog),
        ):
            opened: list[object] = []
            when_modal(lambda dialog, seen=opened: (seen.append(type(dialog)), dialog.reject()))
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            assert opened == [kind]


def test_the_admin_menu_opens_the_units_page_and_its_forms(qtbot: QtBot, tmp_path: Path) -> None:
    """登记单位公钥… and the others, from the 管理 menu, build 单位与密钥 (not built with the window) and open there."""
    office = make_office(tmp_path / "省局", PASSWORD)
    with Store.open(office, OFFICE_ADMIN) as store:
        window = build_main_window(make_session(store, OFFICE_ADMIN))
        assert window is not None
        qtbot.addWidget(window)
        window.show()
        assert window.current_page_key() == "overview"
        actions = {a.text(): a for a in window.menu("admin").actions()}
        forms = (("登记单位公钥…", EnrollDialog), ("吊销单位…", RevokeDialog), ("允许单位重新同步…", ResyncDialog))
        for text, kind in forms:
            opened: list[object] = []
            when_modal(lambda dialog, seen=opened: (seen.append(type(dialog)), dialog.reject()))
            actions[text].trigger()
            assert opened == [kind]
            assert window.current_page_key() == "units"
            assert isinstance(window.page("units"), UnitsPage)
