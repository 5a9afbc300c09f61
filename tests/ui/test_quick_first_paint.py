"""The main window's first paint does without PySide's `Qt` namespace (desktop/ui/qt_numbers.py says why).

Checked end to end in a fresh interpreter (this test process has built the namespace long ago): the real
start-up builds the window for a home with measures, shows it, and records which Python enums PySide made
before the first paint. Then the parts that waited for the paint: shortcuts, and the numbers used instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop.domain.health import Light
from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui import qt_numbers as qn
from desktop.ui.models.plan_tree import PlanTreeModel
from desktop.ui.startup import build_main_window, prepare_window
from desktop.ui.widgets.lights import COLORS, RING_DARKER, dot_image, light_icon
from tests.ui.conftest import make_session

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import enum, json, sys
from pathlib import Path
made = []
real_create = enum.EnumType._create_
def create(cls, name, names=None, **kw):
    made.append(name)
    return real_create(cls, name, names, **kw)
enum.EnumType._create_ = create
from desktop.store import Store
from desktop.ui.app import prepare_application
from desktop.ui.startup import prepare_window
app = prepare_application([], "zh_CN", font=False)
store = Store.open(Path(sys.argv[1]), "admin")
window = prepare_window(store, store.users.get("clerk")).window
before_paint = []
def painted():
    before_paint.extend(made)
    app.quit()
window.first_paint.connect(painted)
window.show()
app.exec()
print(json.dumps({"enums": before_paint, "rows": window.page("plan").tree.model().rowCount()}))
"""


def _with_measures(store: Store) -> None:
    for task in store.plan.tasks()[:3]:
        measure = store.measures.add(task.id, f"措施 {task.key}", department="办公室", person="张三")
        store.progress.record(measure.id, "2026-Q4", Status.IN_PROGRESS, 40, "进展")


def test_the_first_paint_builds_no_enum_of_the_qt_namespace(store: Store) -> None:
    _with_measures(store)
    root = store.home.root
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(root)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["rows"] == 5  # the five projects were on screen
    namespace = {"Key", "ItemDataRole", "AlignmentFlag", "Orientation", "GlobalColor", "WindowType"}
    assert namespace.isdisjoint(result["enums"]), sorted(namespace & set(result["enums"]))


def test_shortcuts_are_set_right_after_the_first_paint(qtbot: QtBot, store: Store) -> None:
    prepared = prepare_window(store, store.users.get("clerk"))  # the app's start-up path
    window = prepared.window
    assert window is not None
    qtbot.addWidget(window)
    plan_action = window.page_group.actions()[0]
    assert plan_action.shortcut().isEmpty()  # not before the paint
    assert plan_action.toolTip().endswith("（Ctrl+1）")  # the tooltip says it already
    with qtbot.waitSignal(window.first_paint, timeout=5000):
        window.show()
    qtbot.waitUntil(lambda: not plan_action.shortcut().isEmpty(), timeout=3000)
    assert plan_action.shortcut().toString() == "Ctrl+1"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_a_window_built_outside_start_up_has_its_shortcuts_at_once(qtbot: QtBot, store: Store) -> None:
    window = build_main_window(make_session(store, "clerk"))
    assert window is not None
    qtbot.addWidget(window)
    assert window.page_group.actions()[0].shortcut().toString() == "Ctrl+1"


def test_the_numbers_are_qts_own() -> None:
    pairs = {
        qn.DISPLAY_ROLE: Qt.ItemDataRole.DisplayRole,
        qn.DECORATION_ROLE: Qt.ItemDataRole.DecorationRole,
        qn.TOOLTIP_ROLE: Qt.ItemDataRole.ToolTipRole,
        qn.TEXT_ALIGNMENT_ROLE: Qt.ItemDataRole.TextAlignmentRole,
        qn.USER_ROLE: Qt.ItemDataRole.UserRole,
        qn.ALIGN_LEFT: Qt.AlignmentFlag.AlignLeft,
        qn.ALIGN_RIGHT: Qt.AlignmentFlag.AlignRight,
        qn.ALIGN_V_CENTER: Qt.AlignmentFlag.AlignVCenter,
        qn.ALIGN_CENTER: Qt.AlignmentFlag.AlignCenter,
    }
    assert [(number, flag.value) for number, flag in pairs.items() if number != flag.value] == []


def test_the_tree_header_shows_the_models_titles(qtbot: QtBot, store: Store) -> None:
    window = build_main_window(make_session(store, "clerk"))
    assert window is not None
    qtbot.addWidget(window)
    plan = window.page("plan")
    header = plan.tree.header()  # type: ignore[attr-defined]
    model = PlanTreeModel()
    titles = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    assert titles == [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    plan.filter.setText("措施")  # type: ignore[attr-defined]  # the filter swaps the tree's model ...
    assert plan.tree.model() is plan.proxy  # type: ignore[attr-defined]
    assert header.model() is plan.header_labels  # type: ignore[attr-defined]  # ... the header keeps its labels
    assert header.sectionResizeMode(0) is header.ResizeMode.Stretch
    header.resizeSection(1, 150)  # the user widens two columns; filtering on and off keeps their widths
    header.resizeSection(2, 300)
    plan.filter.setText("")  # type: ignore[attr-defined]
    plan.filter.setText("措施")  # type: ignore[attr-defined]
    assert (header.sectionSize(1), header.sectionSize(2)) == (150, 300)


def test_status_dots_are_drawn_as_before(qtbot: QtBot) -> None:
    """A disc of the light's colour with a darker 1 px ring, transparent corners, at 1x and 2x."""
    for light, color in COLORS.items():
        fill = QColor(color)
        small = dot_image(fill, 14)
        assert small.pixelColor(7, 7) == fill  # the middle: the colour itself, opaque
        assert small.pixelColor(0, 0).alpha() == 0  # a corner: nothing
        ring = small.pixelColor(7, 1)  # on the ring, inside the outer edge
        assert ring.alpha() > 200 and ring.value() < fill.value()
        assert abs(ring.red() - fill.darker(RING_DARKER).red()) <= 40
        icon = light_icon(light)
        assert icon.actualSize(QSize(16, 16)) == QSize(14, 14), light  # a 1x view gets the 14 px dot ...
        assert icon.pixmap(QSize(14, 14), 2.0).width() == 28, light  # ... a 2x screen the 28 px one
    assert light_icon(Light.RED) is light_icon(Light.RED)  # made once
