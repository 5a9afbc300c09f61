"""Screenshots of 逐项填报 (the period grid) and of 修改佐证材料 on the demo unit, saved to docs/screenshots/.

usage: xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshots_grid.py [--out DIR]

The grid is shown with rows reported, last period's notes in the right-hand column (the current row's can be
copied forward) and one refused percent (150) kept in its cell with the message; the evidence dialog with a
category and the period the file belongs to being changed.
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

from demo_home import build_demo_home  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from screenshots import measure_id, save, settle, window_for  # noqa: E402

from desktop.ui.app import prepare_application  # noqa: E402
from desktop.ui.dialogs.evidence import EvidenceDialog  # noqa: E402
from desktop.ui.models.period_grid import Col  # noqa: E402
from desktop.ui.models.plan_tree import NodeKind  # noqa: E402
from desktop.ui.pages.period_grid import PeriodGridPage  # noqa: E402
from desktop.ui.pages.plan_page import PlanPage  # noqa: E402


def shoot(out: Path, home: Path) -> None:
    store = build_demo_home(home)
    window, session = window_for(store, "lixiaomei")
    grid = window.show_page("grid")
    assert isinstance(grid, PeriodGridPage)
    while grid.model.rowCount() == 0:
        settle(100)
    row = next(n for n, r in enumerate(grid.model.rows()) if r.earlier is not None and r.own is None)
    refused = grid.model.index(row + 1, Col.PERCENT)
    grid.model.setData(refused, "150")
    grid.view.setCurrentIndex(grid.model.index(row, Col.NOTE))  # a row whose last note can be copied forward
    grid.view.scrollTo(grid.model.index(max(row - 3, 0), 0), grid.view.ScrollHint.PositionAtTop)
    save(window, out, "period-grid")

    plan = window.show_page("plan")
    assert isinstance(plan, PlanPage)
    plan.select_key((NodeKind.MEASURE, measure_id(store, "开展“牢记训词、忠诚履职”专题教育")))
    detail = plan.detail
    detail.tabs.setCurrentWidget(detail.evidence)
    detail.evidence.select_row(0)
    dialog = detail.evidence.edit_selected()
    assert isinstance(dialog, EvidenceDialog)
    dialog.category.setCurrentText("会议记录")
    dialog.period.setText("2026-Q3")
    save(dialog, out, "evidence-dialog")
    dialog.reject()
    panel = detail.evidence  # a milestone's file, filed under the quarter the milestone was reached in
    panel.owner.setCurrentIndex(next(n for n in range(panel.owner.count()) if "集中轮训" in panel.owner.itemText(n)))
    panel.select_row(0)
    save(window, out, "evidence-category")
    QTimer.singleShot(0, window.close)
    settle()
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    prepare_application([], "zh_CN")
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="pp-shots-"))
    try:
        shoot(args.out, scratch / "广州监狱")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
