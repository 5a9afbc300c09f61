"""Screenshots of the export wizard (at the demo unit 广州监狱) and of office mode (the enroll dialog, six units,
one of them silent, one stranger's bundle rejected), saved to docs/screenshots/.

usage: xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshots_office.py [--out DIR] [--keep DIR]

Everything runs for real: keys, `export` and `province import` as child processes through the wizards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from demo_home import build_demo_home  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop import paths  # noqa: E402
from desktop.domain.catalog import load_catalog  # noqa: E402
from desktop.domain.status import Role, Status  # noqa: E402
from desktop.services import keys  # noqa: E402
from desktop.services.office import registry  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.app import prepare_application  # noqa: E402
from desktop.ui.export.targets import describe  # noqa: E402
from desktop.ui.export.wizard import ExportWizard  # noqa: E402
from desktop.ui.office.drilldown import UnitDetailPage  # noqa: E402
from desktop.ui.office.import_wizard import ImportWizard  # noqa: E402
from desktop.ui.office.key_dialogs import EnrollDialog  # noqa: E402
from desktop.ui.session import Session  # noqa: E402
from desktop.ui.startup import build_main_window  # noqa: E402

MAX_BYTES = 400 * 1024
PASSPHRASE = "demo office passphrase"
TODAY = dt.date(2026, 11, 26)
# Other units: code, name, how far along (0..1), standardisation achieved on, whether they send a bundle.
UNITS = (
    ("GD-SG02", "韶关监狱", 0.55, dt.date(2023, 5, 20), True),
    ("GD-HZ03", "惠州监狱", 0.35, None, True),
    ("GD-FS04", "佛山监狱", 0.7, dt.date(2022, 11, 30), True),
    ("GD-NV05", "广东省女子监狱", 0.6, dt.date(2023, 9, 15), True),
    ("GD-MM06", "茂名监狱", 0.2, None, False),
)


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def wait_until(condition: object, seconds: float = 120) -> None:
    for _ in range(int(seconds * 20)):
        if condition():  # type: ignore[operator]
            return
        settle(50)
    raise SystemExit("timed out")


def save(widget: QWidget, out: Path, name: str) -> None:
    settle()
    path = out / f"{name}.png"
    if not widget.grab().save(str(path), "PNG", 0):
        raise SystemExit(f"could not write {path}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SystemExit(f"{path} is {size // 1024} KB (> 400 KB): make the screen simpler")
    print(f"{path}  {size // 1024} KB")


def cli(home: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PLANPROGRESS_PASSPHRASE": PASSPHRASE}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(home), "--json", *args],
        capture_output=True,
        encoding="utf-8",
        env=env,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0:
        raise SystemExit(f"planprogress {' '.join(args)}: {done.stderr.strip()}")


def other_unit(root: Path, code: str, name: str, share: float, standard: dt.date | None, office_pub: Path) -> Path:
    catalog = load_catalog(paths.catalogs_dir() / "gd-prison-14fyp.json")
    with Store.create(root, "admin", "unit", catalog) as store:
        store.set_unit(code, name)
        store.users.add("admin", Role.ADMIN, "demo-pass", "管理员")
        keys.create_unit_key(store.home, code, None)
        keys.import_office_key(store.home, office_pub)
        for n, task in enumerate(store.plan.tasks()):
            percent = min(100, int(share * 100 + ((n * 37) % 41) - 20))
            if percent > 0:
                status = Status.DONE if percent == 100 else Status.IN_PROGRESS
                store.progress.record(task.id, "2026-Q4", status, percent, "按计划推进")
        task = store.plan.tasks()[0]
        milestone = store.milestones.add(
            task.id, "规范化监狱创建达标", dt.date(2023, 12, 31), target_key="standardized-prison-rate"
        )
        if standard is not None:
            store.milestones.mark_done(milestone.id, standard)
    return root


def shoot_enroll(out: Path, office: Store, unit_pub: Path) -> None:
    """The enroll dialog as the clerk fills it: the key file chosen, the code typed in lower case (the hint says
    what will be stored), then enrolled."""
    session = Session(office, office.users.get("zhangmin"), today=lambda: TODAY)
    dialog = EnrollDialog(session)
    dialog.show()
    dialog.file.setText(str(unit_pub))
    dialog.code.setText("gd-gz01")
    save(dialog, out, "office-enroll")
    dialog.submit()
    dialog.close()


def shoot(out: Path, work: Path) -> None:
    office_root = work / "省局"
    cli(office_root, "province", "init", "--name", "广东省监狱管理局")
    with Store.open(office_root, "setup") as office:
        office.set_unit("GD-PROVINCE", "广东省监狱管理局")
        office.users.add("zhangmin", Role.ADMIN, "demo-pass", "张敏")
    office_pub = office_root / "keys" / keys.OFFICE_PUBLIC
    stick = work / "U盘"
    stick.mkdir()

    unit = build_demo_home(work / "广州监狱")
    keys.create_unit_key(unit.home, "GD-GZ01", None)
    keys.import_office_key(unit.home, office_pub)
    session = Session(unit, unit.users.get("wangjianguo"), today=lambda: TODAY)
    drive = describe(stick, "KINGSTON")
    assert drive is not None
    wizard = ExportWizard(session, targets=lambda: [drive])
    wizard.resize(860, 640)
    wizard.show()
    wait_until(lambda: wizard.content.preview is not None)
    save(wizard, out, "export-wizard")
    wizard.next()
    save(wizard, out, "export-target")
    wizard.next()
    wait_until(lambda: wizard.run_page.state != "running")
    save(wizard, out, "export-done")
    wizard.close()
    unit_pub = unit.home.keys / keys.UNIT_PUBLIC
    unit.close()

    with Store.open(office_root, "zhangmin") as office:
        shoot_enroll(out, office, unit_pub)
        for code, name, share, standard, sends in UNITS:
            home = other_unit(work / name, code, name, share, standard, office_pub)
            registry.enroll(office, home / "keys" / keys.UNIT_PUBLIC, code)
            if sends:
                cli(home, "export", "--out", str(stick))
    stranger = other_unit(work / "湛江监狱", "GD-ZJ07", "湛江监狱", 0.5, None, office_pub)
    cli(stranger, "export", "--out", str(stick))

    office = Store.open(office_root, "zhangmin")
    session = Session(office, office.users.get("zhangmin"), today=lambda: TODAY)
    importing = ImportWizard(session, targets=lambda: [describe(stick, "KINGSTON")])
    importing.resize(1000, 640)
    importing.show()
    importing.source.passphrase.setText(PASSPHRASE)
    importing.next()
    wait_until(lambda: importing.run_page.state != "running", 300)
    save(importing, out, "office-import")
    importing.close()

    window = build_main_window(session)
    assert window is not None
    window.resize(1400, 860)
    window.show()
    window.show_page("overview")
    save(window, out, "office-matrix")
    window.show_page("unit")
    detail = window.page("unit")
    assert isinstance(detail, UnitDetailPage)
    detail.show_unit("GD-GZ01")
    task = next(t for t in detail.task_model.rows() if t.evidence)
    detail.select_task(task.uid)
    detail.tabs.setCurrentIndex(2)
    detail.evidence_table.selectRow(0)
    wait_until(lambda: detail.check.text().startswith("校验"))
    save(window, out, "office-unit")
    window.show_page("units")
    save(window, out, "office-units")
    window.close()
    office.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--keep", type=Path, help="build the homes here and keep them")
    args = parser.parse_args()
    prepare_application([], "zh_CN")
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.keep or Path(tempfile.mkdtemp(prefix="pp-office-shots-"))
    try:
        shoot(args.out, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
