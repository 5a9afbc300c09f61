"""帮助 → 使用指南: the Chinese user guide opens offline from the unit's and the office's window, whole."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from desktop.store import Store
from desktop.ui.dialogs.guide import GUIDE, GuideDialog, guide_dir
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .bundle_support import OFFICE_ADMIN, make_office
from .conftest import PASSWORD, TODAY, make_session

SIZE_BUDGET = 400 * 1024  # the frozen build has little room left (docs/packaging.md): keep the guide small


def _help_texts(window) -> list[str]:
    return [a.text() for a in window.menu("help").actions() if a.text()]


def _open_guide(qtbot, window) -> GuideDialog:
    guide = next(a for a in window.menu("help").actions() if a.text() == "使用指南")
    guide.trigger()
    dialog = window.findChild(GuideDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def test_the_unit_window_opens_the_guide_from_help(qtbot, store: Store) -> None:
    window = build_main_window(make_session(store, "clerk"))
    qtbot.addWidget(window)
    window.show()
    assert _help_texts(window)[0] == "使用指南" and "关于" in _help_texts(window)
    dialog = _open_guide(qtbot, window)
    text = dialog.browser.toPlainText()
    assert "一、单位：填报、审核、导出" in text and "二、省局：登记单位、导入、汇总" in text
    assert "导出进度包" in text and "完成百分比" in text
    window.menu("help").actions()[0].trigger()  # asked again: the same guide comes up, not a second one
    assert len(window.findChildren(GuideDialog)) == 1


def test_the_office_window_has_the_guide_too(qtbot, tmp_path: Path) -> None:
    root = make_office(tmp_path / "office", PASSWORD)
    with Store.open(root, OFFICE_ADMIN) as store:
        window = build_main_window(Session(store, store.users.get(OFFICE_ADMIN), today=lambda: TODAY))
        qtbot.addWidget(window)
        window.show()
        assert "使用指南" in _help_texts(window)
        dialog = _open_guide(qtbot, window)
        assert "导入进度包" in dialog.browser.toPlainText()
        window.close()


def test_every_picture_of_the_guide_loads_and_the_guide_stays_small(qtbot) -> None:
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    html = (guide_dir() / GUIDE).read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 6
    for name in pictures:
        data = dialog.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert not QImage.fromData(data).isNull(), name  # found beside the page and decodable (JPEG plugin)
    for anchor in re.findall(r'<a href="#(\w+)"', html):
        assert f'name="{anchor}"' in html, anchor
    assert sum(p.stat().st_size for p in guide_dir().iterdir()) < SIZE_BUDGET
