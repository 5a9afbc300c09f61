"""Screenshots of plans as data, saved to docs/screenshots/: the unit window's plan selector and the office's
规划目录 page.

usage: xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshots_plans.py [--out DIR]

Throw-away homes. The second plan is the sample catalog the tests use (tests/data/sample-plan-15.json, titled
示例规划（测试用）): the program carries no plan text it was not given. The unit holds it beside 十四五 and shows
it; the office issues it from a filled template, then imports a spoilt copy whose problems fill the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from openpyxl import load_workbook  # noqa: E402
from screenshots import save, settle  # noqa: E402

from desktop.domain.catalog import load_catalog  # noqa: E402
from desktop.domain.status import Role, Status  # noqa: E402
from desktop.services.catalogs.template import TARGETS, TASKS  # noqa: E402
from desktop.store import Store  # noqa: E402
from desktop.ui.app import prepare_application  # noqa: E402
from desktop.ui.office.catalogs_page import CatalogsPage  # noqa: E402
from desktop.ui.session import Session  # noqa: E402
from desktop.ui.startup import build_main_window, default_catalog  # noqa: E402
from tests.core.catalogs.conftest import fill_template  # noqa: E402

PASSWORD = "演示-密码-2026"
TODAY = dt.date(2026, 11, 26)
SAMPLE = REPO / "tests" / "data" / "sample-plan-15.json"
SIZE = (1360, 820)


def unit_window(root: Path, out: Path) -> None:
    with Store.create(root, "admin", "unit", default_catalog()) as store:
        store.set_unit("GD-GZ01", "广州监狱")
        store.users.add("admin", Role.ADMIN, PASSWORD, "管理员")
        store.plan.load_catalog(load_catalog(SAMPLE))
        shipped = store.plan.tasks(catalog_id="gd-prison-14fyp")[0]
        store.progress.record(shipped.id, "2026-Q4", Status.DONE, 100, "十四五收尾：已完成")
        task = store.plan.tasks(catalog_id="sample-15fyp")[0]
        measure = store.measures.add(task.id, "示例措施：建立测试用的工作台账", department="狱政科", person="李四")
        store.milestones.add(measure.id, "示例节点：台账初稿", dt.date(2026, 12, 20))
        store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 40, "示例进展（测试用）")
        window = build_main_window(Session(store, store.users.get("admin"), today=lambda: TODAY))
        assert window is not None
        window.resize(*SIZE)
        window.show()
        settle()
        window.page("plan").tree.expandAll()  # type: ignore[attr-defined]
        save(window, out, "plan-selector")
        window.close()


def office_window(root: Path, work: Path, out: Path) -> None:
    with Store.create(root, "省局经办", "office", default_catalog()) as store:
        store.users.add("省局经办", Role.ADMIN, PASSWORD, "规划处经办")
        window = build_main_window(Session(store, store.users.get("省局经办"), today=lambda: TODAY))
        assert window is not None
        window.resize(*SIZE)
        window.show()
        page = window.show_page("catalogs")
        assert isinstance(page, CatalogsPage)
        plan = json.loads(SAMPLE.read_text(encoding="utf-8"))
        good = fill_template(work / "示例规划.xlsx", plan)
        page.import_file(good)
        while page.is_checking():
            settle(50)
        settle()
        spoilt = fill_template(work / "示例规划-有误.xlsx", plan)
        wb = load_workbook(spoilt)
        wb[TASKS]["D3"].value = None
        wb[TASKS].cell(4, 3, "1.02")
        wb[TARGETS].cell(2, 6, "六十")
        wb[TARGETS].cell(3, 5, 2035)
        wb.save(spoilt)
        page.import_file(spoilt)
        while page.is_checking():
            settle(50)
        save(window, out, "office-catalogs")
        window.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    options = parser.parse_args()
    prepare_application([], "zh_CN")
    with tempfile.TemporaryDirectory() as folder:
        unit_window(Path(folder) / "unit", options.out)
        office_window(Path(folder) / "office", Path(folder), options.out)


if __name__ == "__main__":
    main()
