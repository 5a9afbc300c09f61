"""The remaining table models pass pytest-qt's model tester, as the pages and dialogs build them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui.dialogs.users import UsersDialog, user_columns
from desktop.ui.export.targets import describe
from desktop.ui.office.import_wizard import SourcePage
from desktop.ui.pages.dashboard import DashboardPage, due_columns
from desktop.ui.pages.review import ReviewPage, filled_columns

from .conftest import TODAY, make_session


def test_review_page_filled_table(qtbot, qtmodeltester, store: Store) -> None:
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展理想信念教育")
    store.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 30, "任务层面的说明")
    store.progress.record(measure.id, "2026-Q4", Status.DONE, 100, "已开展四次\n第二行")
    page = ReviewPage(make_session(store, "reviewer"))
    qtbot.addWidget(page)
    page.show()
    qtmodeltester.check(page.filled)
    assert page.filled.rowCount() == 2 and page.filled.columnCount() == len(filled_columns())
    assert {page.filled.index(r, 3).data() for r in range(2)} == {"30%", "100%"}


def test_dashboard_due_tables(qtbot, qtmodeltester, store: Store) -> None:
    task = store.plan.tasks()[0]
    store.milestones.add(task.id, "逾期的节点", TODAY - dt.timedelta(days=10))
    store.milestones.add(task.id, "临近的节点", TODAY + dt.timedelta(days=5))
    done = store.milestones.add(task.id, "已完成无佐证", TODAY - dt.timedelta(days=3))
    store.milestones.mark_done(done.id, TODAY - dt.timedelta(days=2))
    page = DashboardPage(make_session(store, "clerk"))
    qtbot.addWidget(page)
    page.show()
    for model, title, columns in (
        (page.overdue, "逾期的节点", due_columns(True)),
        (page.upcoming, "临近的节点", due_columns(True)),
        (page.gaps, "已完成无佐证", due_columns(False)),
    ):
        qtmodeltester.check(model)
        assert model.rowCount() == 1 and model.columnCount() == len(columns)
        assert model.index(0, 0).data() == title
        assert model.index(0, 1).data() == task.key


def test_users_dialog_table(qtbot, qtmodeltester, store: Store) -> None:
    store.users.set_active("clerk", False)
    dialog = UsersDialog(make_session(store, "admin"))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.columnCount() == len(user_columns())
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert sorted(names) == ["admin", "clerk", "reviewer"]
    assert dialog.model.index(names.index("clerk"), 3).data() == "已停用"


def test_import_wizard_drive_list(qtbot, qtmodeltester, tmp_path: Path) -> None:
    sticks = [tmp_path / "U盘 甲", tmp_path / "U盘 乙"]
    for stick in sticks:
        stick.mkdir()
    page = SourcePage(lambda: [t for t in (describe(s, s.name) for s in sticks) if t is not None])
    qtbot.addWidget(page)
    page.refresh()
    qtmodeltester.check(page.drives)
    assert [page.drives.index(r, 0).data() for r in range(2)] == ["U盘 甲", "U盘 乙"]
    assert page.drives.index(0, 1).data() == str(sticks[0])
    assert not page.empty.isVisibleTo(page)
