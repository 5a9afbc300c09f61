"""Screenshots of the office's answers, saved to docs/screenshots/: at the office the return dialog and the
answer stick; at the demo unit (广州监狱) the import result, the plan tree's marks, the review page with the
office's return, the dashboard's notice and the export wizard's 省局回执 column.

usage: xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshots_answers.py [--out DIR]
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

from demo_home import TODAY, build_demo_home  # noqa: E402
from screenshots import save, settle, window_for  # noqa: E402

from desktop.domain.status import Role  # noqa: E402
from desktop.services import keys, office_keys  # noqa: E402
from desktop.services.answer.office import add_notice  # noqa: E402
from desktop.services.bundle.export import export_bundle  # noqa: E402
from desktop.services.office import registry  # noqa: E402
from desktop.services.office.intake import Intake  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.answers.office import AnswerStickDialog  # noqa: E402
from desktop.ui.answers.unit import receive_from  # noqa: E402
from desktop.ui.app import prepare_application  # noqa: E402
from desktop.ui.export.wizard import ExportWizard  # noqa: E402
from desktop.ui.office.drilldown import UnitDetailPage  # noqa: E402
from desktop.ui.session import Session  # noqa: E402

PASSPHRASE = "demo office passphrase"


def shoot(out: Path, work: Path) -> None:
    from desktop import paths
    from desktop.domain.catalog import load_catalog

    catalog = load_catalog(paths.catalogs_dir() / "gd-prison-14fyp.json")
    office_root = work / "省局"
    with Store.create(office_root, "setup", "office", catalog) as office:
        office.database.set_meta("office_name", "广东省监狱管理局")
        office.users.add("zhangmin", Role.ADMIN, "demo-pass", "张敏")
    office_keys.create_office_key(Store.open(office_root, "setup").home, PASSPHRASE, [], "广东省监狱管理局")
    unit = build_demo_home(work / "广州监狱")
    keys.create_unit_key(unit.home, "GD-GZ01", None)
    keys.import_office_key(unit.home, office_root / "keys" / keys.OFFICE_PUBLIC)
    stick = work / "U盘"
    stick.mkdir()
    bundle = export_bundle(unit, stick).path
    office = Store.open(office_root, "zhangmin")
    registry.enroll(office, unit.home.keys / keys.UNIT_PUBLIC, "GD-GZ01")
    Intake(office, office_keys.load_office_identity(office.home, PASSPHRASE)).run([bundle])

    session = Session(office, office.users.get("zhangmin"), today=lambda: TODAY)
    period = session.period.code
    page = UnitDetailPage(session)
    page.resize(1400, 860)
    page.show()
    page.show_unit("GD-GZ01")
    dialog = page.open_return()
    dialog.reason.setText("第四季度进度与佐证材料不符，请核实后重报")
    for row, text in ((0, "请补充专题教育的会议纪要"), (2, "完成比例偏高，请按节点核实")):
        dialog.table.item(row, 3).setText(text)
    save(dialog, out, "office-return")
    dialog.save()
    page.close()
    add_notice(office, "年终检查安排", "省局将于十二月中旬开展年终检查，请各单位提前整理佐证材料。", None)
    answers = work / "回执U盘"
    answers.mkdir()
    stick_dialog = AnswerStickDialog(session)
    stick_dialog.folder.setText(str(answers))
    stick_dialog.passphrase.setText(PASSPHRASE)
    stick_dialog.show()
    stick_dialog.run()
    for _ in range(600):
        if stick_dialog.outcome is not None:
            break
        settle(100)
    save(stick_dialog, out, "office-answer-stick")
    stick_dialog.close()

    window, unit_session = window_for(unit, "wangjianguo")
    result = receive_from(window, unit_session, answers)
    assert result is not None
    save(result, out, "answer-received")
    result.close()
    unit_session.set_period(period)
    window.show_page("plan")
    save(window, out, "answer-plan")
    window.show_page("review")
    save(window, out, "answer-review")
    window.show_page("dashboard")
    save(window, out, "answer-dashboard")
    wizard = ExportWizard(unit_session, window)
    wizard.resize(980, 640)
    wizard.show()
    for _ in range(300):
        if wizard.content.preview is not None:
            break
        settle(100)
    save(wizard, out, "answer-export-wizard")
    wizard.close()
    window.close()
    office.close()
    unit.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    prepare_application([], "zh_CN")
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="pp-answer-shots-"))
    try:
        shoot(args.out, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
