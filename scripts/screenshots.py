"""Screenshots of the main screens on the demo unit (广州监狱), saved to docs/screenshots/.

usage: xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshots.py [--out DIR] [--keep-home DIR]

Runs the real application code under the current display: the sign-in dialog, the main window with the
plan tree and a measure's details, the dashboard, an evidence preview (photo and PDF), the review page,
the audit trail and the first-run wizard (its first and last page). Each PNG is checked to stay under 400 KB.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from demo_home import PASSWORD, TODAY, build_demo_home  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop.store import Store  # noqa: E402
from desktop.ui.app import prepare_application  # noqa: E402
from desktop.ui.dialogs.setup_wizard import SetupWizard  # noqa: E402
from desktop.ui.dialogs.sign_in import SignInDialog  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.models.plan_tree import NodeKind  # noqa: E402
from desktop.ui.pages.audit import AuditPage  # noqa: E402
from desktop.ui.pages.plan_page import PlanPage  # noqa: E402
from desktop.ui.session import Session  # noqa: E402
from desktop.ui.startup import build_main_window, default_catalog  # noqa: E402

MAX_BYTES = 400 * 1024
SIZE = (1400, 860)


def settle(ms: int = 300) -> None:
    """Let layouts, lazy pages and queued worker results arrive before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def save(widget: QWidget, out: Path, name: str) -> Path:
    settle()
    path = out / f"{name}.png"
    pixmap = widget.grab()
    if not pixmap.save(str(path), "PNG", 0):
        raise SystemExit(f"could not write {path}")
    if path.stat().st_size > MAX_BYTES:
        raise SystemExit(f"{path} is {path.stat().st_size // 1024} KB (> 400 KB): make the screen simpler")
    print(
        f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {pixmap.width()}x{pixmap.height()}  "
        f"{path.stat().st_size // 1024} KB"
    )
    return path


def window_for(store: Store, user: str) -> tuple[MainWindow, Session]:
    session = Session(store, store.users.get(user), today=lambda: TODAY)
    window = build_main_window(session)
    assert window is not None
    window.resize(*SIZE)
    window.show()
    return window, session


def measure_id(store: Store, title: str) -> int:
    return next(m.id for m in store.measures.find() if m.title == title)


def shoot(out: Path, home: Path) -> None:
    store = build_demo_home(home)

    dialog = SignInDialog(store)
    dialog.name.setText("lixiaomei")
    dialog.password.setText(PASSWORD)
    dialog.show()
    save(dialog, out, "sign-in")
    dialog.close()

    window, session = window_for(store, "lixiaomei")
    plan = window.page("plan")
    assert isinstance(plan, PlanPage)
    plan.select_key((NodeKind.MEASURE, measure_id(store, "建设民警实训基地二期")))
    save(window, out, "main-window")

    plan.select_key((NodeKind.MEASURE, measure_id(store, "开展“牢记训词、忠诚履职”专题教育")))
    detail = plan.detail
    detail.tabs.setCurrentWidget(detail.evidence)
    milestone = next(m for m in store.milestones.find() if m.title == "完成全员集中轮训")
    detail.show_evidence_of(milestone.id)
    detail.evidence.select_row(0)
    save(window, out, "evidence-photo")
    detail.evidence.owner.setCurrentIndex(0)
    detail.evidence.select_row(0)
    save(window, out, "evidence-pdf")

    plan.filter.setText("刘伟")
    plan.select_key((NodeKind.MEASURE, measure_id(store, "组织全员岗位练兵比武")))
    detail.tabs.setCurrentWidget(detail.milestones)
    detail.milestones.table.selectRow(1)
    save(window, out, "filter-milestones")
    plan.filter.clear()

    window.show_page("dashboard")
    save(window, out, "dashboard")
    window.show_page("audit")
    audit = window.page("audit")
    assert isinstance(audit, AuditPage)
    audit.since.set_value(TODAY.replace(day=1))  # this month's entries
    audit.apply()
    save(window, out, "audit")
    window.close()

    window, session = window_for(store, "chenzhiqiang")
    window.show_page("review")
    save(window, out, "review")
    window.close()
    store.close()

    shoot_setup(out, home.parent / "new-home")


def shoot_setup(out: Path, root: Path) -> None:
    """The first-run wizard: the unit code typed in lower case (the hint shows what is stored), and the last
    page with the signing key number the office will compare."""
    wizard = SetupWizard(root, default_catalog())
    wizard.show()
    wizard.next()
    wizard.unit_page.code.setText("gd-sg02")
    wizard.unit_page.name.setText("韶关监狱")
    save(wizard, out, "setup-wizard")
    wizard.next()
    wizard.admin_page.display_name.setText("李明")
    wizard.admin_page.passwords.set_text(PASSWORD)
    wizard.next()
    wizard.next()
    save(wizard, out, "setup-wizard-done")
    wizard.close()
    if wizard.store is not None:
        wizard.store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--keep-home", type=Path, help="build the demo home here and keep it")
    parser.add_argument("--lang", default="zh_CN", help="zh_CN (default) or en")
    args = parser.parse_args()
    prepare_application([], args.lang)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.keep_home:
        shoot(args.out, args.keep_home)
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="pp-shots-"))
    try:
        shoot(args.out, scratch / "广州监狱")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
