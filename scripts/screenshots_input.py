"""Screenshots of the input checks, Chinese file dialogs and the user guide, saved to docs/screenshots/.

usage: xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshots_input.py [--out DIR]

A throw-away unit home: the progress editor refusing a typed 150, the milestone dialog refusing a number and
taking a whole typed date, sign-in with the one user's name offered, Qt's file dialog in Chinese, a failed
export said once, and 帮助 → 使用指南. Also shrinks the guide's pictures (resources/guide/*.jpg) from the
main screenshots, which scripts/screenshots.py and scripts/screenshots_office.py make.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402
from screenshots import save, settle  # noqa: E402

from desktop.domain.status import Role  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.app import prepare_application  # noqa: E402
from desktop.ui.dialogs.guide import GuideDialog, guide_dir  # noqa: E402
from desktop.ui.dialogs.records import MilestoneDialog  # noqa: E402
from desktop.ui.dialogs.sign_in import SignInDialog  # noqa: E402
from desktop.ui.models.plan_tree import NodeKind  # noqa: E402
from desktop.ui.pages.plan_page import PlanPage  # noqa: E402
from desktop.ui.session import Session  # noqa: E402
from desktop.ui.startup import default_catalog  # noqa: E402

PASSWORD = "演示-密码-2026"
TODAY = dt.date(2026, 11, 26)
# the guide's pictures: (screenshot, width in pixels); JPEG keeps them small for the frozen build
GUIDE_PICTURES = {
    "sign-in": 360,
    "main-window": 640,
    "export-wizard": 520,
    "review": 640,
    "office-import": 560,
    "office-matrix": 640,
    "office-units": 640,
}


def retype(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)


def shrink_guide_pictures() -> None:
    for name, width in GUIDE_PICTURES.items():
        image = QImage(str(REPO / "docs" / "screenshots" / f"{name}.png"))
        small = image.scaledToWidth(min(width, image.width()), Qt.TransformationMode.SmoothTransformation)
        small.save(str(guide_dir() / f"{name}.jpg"), "JPG", 72)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    options = parser.parse_args()
    prepare_application([], "zh_CN")
    shrink_guide_pictures()
    with tempfile.TemporaryDirectory() as folder, Store.create(Path(folder) / "home", "admin", "unit",
                                                               default_catalog()) as store:  # fmt: skip
        store.set_unit("GD-GZ01", "广州监狱")
        store.users.add("admin", Role.ADMIN, PASSWORD, "管理员")
        task = store.plan.tasks()[0]
        measure = store.measures.add(task.id, "开展理想信念教育专题轮训", department="政治处", person="张三")

        sign_in = SignInDialog(store)
        sign_in.show()
        save(sign_in, options.out, "sign-in-one-user")
        sign_in.close()

        store.users.add("clerk", Role.CLERK, PASSWORD, "填报员")
        session = Session(store, store.users.get("clerk"), today=lambda: TODAY)
        page = PlanPage(session)
        page.resize(1400, 860)
        page.show()
        page.select_key((NodeKind.MEASURE, measure.id))
        editor = page.detail.progress
        retype(editor.percent, "150")
        QTest.keyClick(editor.percent, Qt.Key.Key_Return)
        save(editor, options.out, "percent-refused")
        page.close()

        dialog = MilestoneDialog(f"措施：{measure.title}", None, store.plan.targets(), TODAY)
        dialog.title.setText("完成第一期轮训")
        dialog.show()
        dialog.activateWindow()
        settle()
        retype(dialog.due, "2027-06-30")
        retype(dialog.target_value, "4x")
        QTest.keyClick(dialog.target_value, Qt.Key.Key_Tab)
        save(dialog, options.out, "milestone-refused")
        dialog.close()

        files = QFileDialog(None, "选择佐证材料", str(Path.home()), "所有文件 (*)")
        files.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        files.resize(760, 460)
        files.show()
        save(files, options.out, "file-dialog")
        files.close()

    guide = GuideDialog()
    guide.show()
    settle()
    save(guide, options.out, "guide")


if __name__ == "__main__":
    main()
