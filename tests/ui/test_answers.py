"""The office's answers in the window: the unit imports an answer stick (result per answer, the office's return
on the review page, the notice on the dashboard until read, 省局已接收 in the export wizard); the office sends a
period back from the unit's detail page and writes an answer stick behind a progress bar."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from desktop.domain.catalog import Catalog
from desktop.domain.status import Role, Status
from desktop.services import keys, office_keys
from desktop.services.answer.office import add_notice, return_period, write_answers
from desktop.services.bundle.export import export_bundle
from desktop.services.office import registry
from desktop.services.office.intake import Intake
from desktop.store import Store
from desktop.store.answers import OfficeAnswers
from desktop.ui.answers.office import AnswerStickDialog
from desktop.ui.answers.unit import receive_from
from desktop.ui.export.wizard import ExportWizard
from desktop.ui.office.drilldown import UnitDetailPage
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.pages.review import ReviewPage
from desktop.ui.session import Session
from desktop.ui.startup import build_main_window

from .conftest import PASSWORD, TODAY, make_session

PASSPHRASE = "省局回执-口令-2026"


@dataclass
class Scene:
    office: Store
    unit: Store
    root: Path


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    root = tmp_path_factory.mktemp("answers") / "省局"
    with Store.create(root, "setup", "office", catalog) as office:
        office.users.add("office-admin", Role.ADMIN, PASSWORD, "省局管理员")
        office.database.set_meta("office_name", "广东省监狱管理局")
    office_keys.create_office_key(Store.open(root, "setup").home, PASSPHRASE, [], "广东省监狱管理局")
    return root


@pytest.fixture
def scene(store: Store, tmp_path: Path, office_template: Path) -> Iterator[Scene]:
    """Unit GD-GZ01 (the `store` fixture) exported bundle 1, the office accepted it."""
    import shutil

    root = tmp_path / "省局"
    shutil.copytree(office_template, root)
    office = Store.open(root, "office-admin")
    keys.create_unit_key(store.home, "GD-GZ01", None)
    keys.import_office_key(store.home, root / "keys" / keys.OFFICE_PUBLIC)
    registry.enroll(office, store.home.keys / keys.UNIT_PUBLIC, "GD-GZ01")
    task = store.plan.tasks()[0]
    store.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 60, "已开展两次专题教育")
    stick = tmp_path / "U盘"
    stick.mkdir()
    bundle = export_bundle(store, stick).path
    identity = office_keys.load_office_identity(office.home, PASSPHRASE)
    assert all(r.ok for r in Intake(office, identity).run([bundle]))
    yield Scene(office, store, tmp_path)
    office.close()


def type_text(widget: QWidget, text: str) -> None:
    """Chinese arrives as an input method's committed text (what a person's IME sends), not as key codes."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _answered(scene: Scene) -> Path:
    return_period(scene.office, "GD-GZ01", "2026-Q4", "进度与佐证不符", ["1.01=请补充会议纪要", "1.02=完成比例偏高"])
    add_notice(scene.office, "年终检查", "十二月中旬开展年终检查，请提前准备材料。", None)
    out = scene.root / "回执U盘"
    out.mkdir()
    write_answers(scene.office, out, PASSPHRASE)
    return out


def test_unit_receives_and_sees_return_notice_and_receipt(scene: Scene, qtbot: object) -> None:
    stick = _answered(scene)
    session = make_session(scene.unit, "clerk")
    window = build_main_window(session)
    assert window is not None
    texts = [a.text() for a in window.menu("file").actions()]
    assert "导入省局回执…" in texts
    assert "导入省局回执…" in [a.text() for a in window.toolbar.actions()]

    dialog = receive_from(window, session, stick)
    assert dialog is not None and dialog.run is not None and dialog.run.ok
    assert "已导入" in dialog.details.toPlainText() and "2026-Q4" in dialog.details.toPlainText()
    dialog.close()

    session.set_period("2026-Q4")
    review = window.show_page("review")
    assert isinstance(review, ReviewPage)
    review.refresh()
    assert review.office_return.isVisibleTo(review)
    shown = review.office_return.text.text()
    assert "进度与佐证不符" in shown and "1.01：请补充会议纪要" in shown and "1.02：完成比例偏高" in shown
    assert "退回" in review.state.text()

    plan = window.show_page("plan")
    assert isinstance(plan, PlanPage)
    assert plan.office_note.isVisibleTo(plan) and "进度与佐证不符" in plan.office_note.text()
    marked = [
        plan.model.index(r, 0, plan.model.index(0, 0)).data()
        for r in range(plan.model.rowCount(plan.model.index(0, 0)))
    ]
    assert [m for m in marked if m.startswith("【省局意见】")] == [marked[0], marked[1]]
    tip = plan.model.index(0, 0, plan.model.index(0, 0)).data(Qt.ItemDataRole.ToolTipRole)
    assert "省局意见：请补充会议纪要" in tip

    dashboard = window.show_page("dashboard")
    assert isinstance(dashboard, DashboardPage)
    dashboard.refresh()
    assert dashboard.notices.isVisibleTo(dashboard)
    from PySide6.QtWidgets import QPushButton

    [read] = [b for b in dashboard.notices.findChildren(QPushButton) if b.text() == "标为已读"]
    qtbot.mouseClick(read, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert not dashboard.notices.isVisibleTo(dashboard)
    dashboard.refresh()
    assert not dashboard.notices.isVisibleTo(dashboard)  # read stays read

    wizard = ExportWizard(session, window)
    wizard.restart()
    page = wizard.currentPage()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=30000)  # type: ignore[attr-defined]
    column = [page.bundles.headerData(c, Qt.Orientation.Horizontal) for c in range(page.bundles.columnCount())]
    office = column.index("省局回执")
    assert page.bundles.index(0, office).data().startswith("省局已接收")
    wizard.close()
    window.close()


def test_refused_answer_says_why_and_changes_nothing(scene: Scene) -> None:
    stick = _answered(scene)
    folder = next(stick.iterdir())
    data = bytearray((folder / "payload.tar.age").read_bytes())
    data[len(data) // 2] ^= 1
    (folder / "payload.tar.age").write_bytes(bytes(data))
    session = make_session(scene.unit, "clerk")
    dialog = receive_from(None, session, stick)  # type: ignore[arg-type]
    assert dialog is not None and dialog.run is not None and not dialog.run.ok
    assert "拒收" in dialog.details.toPlainText() and "未作改动" in dialog.summary.text()
    dialog.close()


def test_office_returns_the_period_with_a_reason_and_comments(scene: Scene, qtbot: object) -> None:
    session = Session(scene.office, scene.office.users.get("office-admin"), today=lambda: TODAY)
    session.set_period("2026-Q4")
    page = UnitDetailPage(session)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    page.show()
    page.show_unit("GD-GZ01")
    dialog = page.open_return()
    assert dialog is not None and dialog.table.rowCount() == 54
    assert dialog.table.item(0, 0).text() == "1.01" and dialog.table.item(0, 2).text().endswith("%")

    dialog.send.click()  # no reason yet: refused, nothing recorded, the dialog stays
    assert dialog.isVisible() and "原因" in dialog.messages.text()
    type_text(dialog.reason, "佐证材料不足")
    dialog.table.setCurrentCell(0, 3)
    dialog.table.editItem(dialog.table.item(0, 3))
    editor = dialog.table.findChild(QLineEdit)
    assert editor is not None
    type_text(editor, "请补充会议纪要")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.table.item(0, 3).text() == "请补充会议纪要")  # type: ignore[attr-defined]
    dialog.send.click()
    assert not dialog.isVisible()
    [made] = OfficeAnswers(scene.office.database, scene.office.audit).returns("GD-GZ01")
    assert made.entry.reason == "佐证材料不足" and made.entry.period == "2026-Q4"
    assert [(c.task, c.text) for c in made.entry.comments] == [("1.01", "请补充会议纪要")]


def test_office_writes_an_answer_stick_off_the_gui_thread(scene: Scene, qtbot: object) -> None:
    return_period(scene.office, "GD-GZ01", "2026-Q4", "请重报", [])
    session = Session(scene.office, scene.office.users.get("office-admin"), today=lambda: TODAY)
    window = build_main_window(session)
    assert window is not None
    assert "制作回执U盘…" in [a.text() for a in window.menu("file").actions()]
    dialog = AnswerStickDialog(session, window)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    out = scene.root / "回执"
    out.mkdir()
    dialog.start.click()
    assert "U盘" in dialog.messages.text()
    type_text(dialog.folder, str(out))
    type_text(dialog.passphrase, PASSPHRASE)
    dialog.start.click()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60000)  # type: ignore[attr-defined]
    assert [p.name for p in out.iterdir()] == ["PO-GD-GZ01-000001"]
    assert dialog.bar.value() == dialog.bar.maximum()
    assert "PO-GD-GZ01-000001" in dialog.report.toPlainText()
    window.close()
    QApplication.processEvents()


def test_overview_matrix_says_returned_until_reported_again(scene: Scene) -> None:
    from desktop.services.office.status import province_status
    from desktop.ui.office.matrix import state_of, state_text

    return_period(scene.office, "GD-GZ01", "2026-Q4", "请重报", [])
    [unit] = province_status(scene.office, "2026-Q4").units
    assert "已退回 2026-Q4，待单位重报" in state_text(unit) and state_of(unit) == "waiting"
