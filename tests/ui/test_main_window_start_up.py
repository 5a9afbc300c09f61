"""The main window on the start-up path: shortcuts, the plan tree's header, the status dots, and the first paint."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from desktop.domain.health import Light
from desktop.store import Store
from desktop.ui.models.plan_tree import PlanTreeModel
from desktop.ui.startup import build_main_window, prepare_window
from desktop.ui.widgets.lights import COLORS, RING_DARKER, dot_image, light_icon
from tests.ui.conftest import make_session


def test_the_start_up_window_has_its_shortcuts_and_paints_once(qtbot: QtBot, store: Store) -> None:
    prepared = prepare_window(store, store.users.get("clerk"))  # the app's start-up path
    window = prepared.window
    assert window is not None
    qtbot.addWidget(window)
    plan_action = window.page_group.actions()[0]
    assert plan_action.shortcut().toString() == "Ctrl+1"  # before the window is even shown
    assert plan_action.toolTip().endswith("（Ctrl+1）")
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    painted: list[bool] = []
    window.first_paint.connect(lambda: painted.append(True))
    with qtbot.waitSignal(window.first_paint, timeout=5000):
        window.show()
    window.repaint()
    qtbot.wait(50)
    assert painted == [True]


def test_a_window_built_outside_start_up_has_its_shortcuts_at_once(qtbot: QtBot, store: Store) -> None:
    window = build_main_window(make_session(store, "clerk"))
    assert window is not None
    qtbot.addWidget(window)
    assert window.page_group.actions()[0].shortcut().toString() == "Ctrl+1"


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
