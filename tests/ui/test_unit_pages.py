"""The unit's working pages on a real store: progress saved at once, evidence added, periods approved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog

from desktop.domain.status import ReviewState, Status
from desktop.store import Store
from desktop.ui.dialogs.records import MeasureDialog
from desktop.ui.models.plan_tree import NodeKind
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.pages.review import ReviewPage
from desktop.ui.session import Change, Session

from .conftest import make_session, when_modal, write_pdf, write_png


@pytest.fixture
def measure_id(store: Store) -> int:
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展理想信念教育", department="政治处", person="张三")
    store.milestones.add(measure.id, "完成第一轮专题教育", dt.date(2026, 12, 20), target_value=4, target_unit="次")
    return measure.id


def _plan_page(qtbot, session: Session, measure_id: int) -> PlanPage:
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    assert page.select_key((NodeKind.MEASURE, measure_id))
    return page


def test_editing_progress_saves_to_the_store_at_once(qtbot, clerk: Session, measure_id: int) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    editor = page.detail.progress
    assert editor.is_editable()
    editor.status.setCurrentIndex(list(Status).index(Status.IN_PROGRESS))
    entry = clerk.store.progress.get(measure_id, "2026-Q4")
    assert entry is not None and entry.status is Status.IN_PROGRESS and entry.updated_by == "clerk"
    editor.percent.setValue(35)
    assert clerk.store.progress.get(measure_id, "2026-Q4").percent == 35
    editor.note.setFocus()
    editor.note.insertPlainText("完成两次专题学习")  # as typed (QTest cannot type Chinese keys)
    with qtbot.waitSignal(editor.saved, timeout=3000):
        pass  # the narrative is written shortly after typing stops
    assert clerk.store.progress.get(measure_id, "2026-Q4").note == "完成两次专题学习"
    # the tree shows the new percent without losing the selection
    assert page.selected_key() == (NodeKind.MEASURE, measure_id)
    index = page.tree.selectionModel().selectedRows()[0]
    assert index.siblingAtColumn(1).data() == "35%"
    editor.status.setCurrentIndex(list(Status).index(Status.DONE))
    assert clerk.store.progress.get(measure_id, "2026-Q4").percent == 100


def test_unsaved_narrative_is_written_when_switching_item(qtbot, clerk: Session, measure_id: int) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    editor = page.detail.progress
    editor.note.setPlainText("切换前的说明")
    assert editor.has_unsaved()
    task_id = clerk.store.plan.tasks()[0].id
    page.select_key((NodeKind.TASK, task_id))
    assert clerk.store.progress.get(measure_id, "2026-Q4").note == "切换前的说明"
    assert page.detail.progress.item_id == task_id


def test_filter_box_finds_a_measure_by_its_responsible_person(qtbot, clerk: Session, measure_id: int) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    assert page.tree.model() is page.model  # no proxy between tree and model while nothing is typed
    page.filter.setText("张三")
    assert page.tree.model() is page.proxy
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data().endswith("凝心聚力工程")

    # pick the measure in the filtered tree, then clear the filter: it stays selected and shown
    task = page.proxy.index(0, 0, page.proxy.index(0, 0))
    page.tree.setCurrentIndex(page.proxy.index(0, 0, task))
    assert page.selected_key() == (NodeKind.MEASURE, measure_id)
    page.filter.clear()
    assert page.tree.model() is page.model
    assert page.selected_key() == (NodeKind.MEASURE, measure_id)
    assert page.detail.progress.item_id == measure_id
    page.tree.setCurrentIndex(page.model.index(1, 0))  # the new selection model still drives the detail panel
    assert page.selected_key() is not None and page.selected_key()[0] is NodeKind.PROJECT


def test_reviewer_sees_progress_read_only(qtbot, reviewer: Session, measure_id: int) -> None:
    page = _plan_page(qtbot, reviewer, measure_id)
    assert not page.detail.progress.is_editable()
    assert "只能查看" in page.detail.progress.lock_note.text()
    assert not page.detail.measures.add_button.isEnabled()


def test_adding_a_measure_through_its_dialog(qtbot, clerk: Session, measure_id: int) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    task_id = clerk.store.plan.tasks()[0].id
    page.select_key((NodeKind.TASK, task_id))

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MeasureDialog)
        dialog.submit()  # empty title: refused inside the dialog, which stays open
        assert "不能为空" in dialog.messages.text()
        dialog.title.setText("组织青年民警读书会")
        dialog.person.setText("李四")
        dialog.submit()

    when_modal(fill)
    page.detail.measures.add()
    titles = [m.title for m in clerk.store.measures.find(task_id)]
    assert titles == ["开展理想信念教育", "组织青年民警读书会"]
    assert page.detail.measures.model.rowCount() == 2  # the table refreshed from the change notice


def test_adding_evidence_by_handler_and_by_drop(qtbot, clerk: Session, measure_id: int, tmp_path: Path) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    panel = page.detail.evidence
    photo = write_png(tmp_path / "现场 照片 1.png")
    with qtbot.waitSignal(panel.files_added, timeout=10000) as blocker:
        panel.add_files([photo])
    assert len(blocker.args[0]) == 1
    records = clerk.store.evidence.find(measure_id)
    assert [r.original_name for r in records] == ["现场 照片 1.png"]
    assert records[0].added_by == "clerk"
    assert panel.preview.kind == "image"  # the new file is selected and previewed
    assert panel.info_hash.text() == records[0].sha256

    report = write_pdf(tmp_path / "工作 总结.pdf")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(report))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(panel.files_added, timeout=10000):
        # QWidget.event, not QApplication.sendEvent: the application drops a Drop that has no drag behind it
        assert panel.event(drop)
    assert drop.isAccepted()
    assert [r.original_name for r in clerk.store.evidence.find(measure_id)] == ["现场 照片 1.png", "工作 总结.pdf"]
    assert panel.preview.kind == "pdf" and panel.preview.pdf_pages == 2
    # the tree's evidence count and the milestone table came along through the change notice
    assert page.detail.milestones.model.rowCount() == 1


def test_evidence_columns_are_sized_from_the_font(qtbot, clerk: Session) -> None:
    """File name and size columns fit a usual name and the widest size text, also with a large system font."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.format import size_text
    from desktop.ui.widgets.evidence_panel import FILE_NAME_SAMPLE, SIZE_SAMPLE, EvidencePanel

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    usual = app.font()
    large = app.font()
    large.setPointSizeF(usual.pointSizeF() * 1.6)
    app.setFont(large)
    try:
        panel = EvidencePanel(clerk)
        qtbot.addWidget(panel)
        header = panel.table.horizontalHeader()
        metrics = panel.table.fontMetrics()
        assert header.sectionSize(1) > metrics.horizontalAdvance(FILE_NAME_SAMPLE)
        assert header.sectionSize(2) > metrics.horizontalAdvance(size_text(SIZE_SAMPLE))
    finally:
        app.setFont(usual)


def test_verify_one_evidence_file_finds_tampering(qtbot, clerk: Session, measure_id: int, tmp_path: Path) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    panel = page.detail.evidence
    with qtbot.waitSignal(panel.files_added, timeout=10000):
        panel.add_files([write_png(tmp_path / "a.png")])
    with qtbot.waitSignal(panel.verified, timeout=10000) as ok:
        panel.verify_selected()
    assert ok.args[0] is True and "校验通过" in panel.info_check.text()
    record = clerk.store.evidence.find(measure_id)[0]
    clerk.store.evidence.path_of(record).write_bytes(b"changed")
    with qtbot.waitSignal(panel.verified, timeout=10000) as bad:
        panel.verify_selected()
    assert bad.args[0] is False and "被改动" in panel.messages.text()


def test_missing_evidence_file_is_explained(qtbot, clerk: Session, measure_id: int, tmp_path: Path) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    panel = page.detail.evidence
    with qtbot.waitSignal(panel.files_added, timeout=10000):
        panel.add_files([write_png(tmp_path / "b.png")])
    record = clerk.store.evidence.find(measure_id)[0]
    clerk.store.evidence.path_of(record).unlink()
    panel.reload()
    panel.select_row(0)
    assert panel.preview.kind == "message" and "文件缺失" in panel.preview.message.text()


def test_marking_a_milestone_done_without_evidence_warns(qtbot, clerk: Session, measure_id: int) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    milestones = page.detail.milestones
    milestones.table.selectRow(0)
    when_modal(lambda dialog: dialog.submit())
    milestones.mark_done()
    milestone = clerk.store.milestones.find(measure_id=measure_id)[0]
    assert milestone.done
    assert "还没有佐证材料" in milestones.messages.text()
    milestones.evidence_button.click()  # jumps to the evidence tab with the milestone as owner
    assert page.detail.tabs.currentWidget() is page.detail.evidence
    assert page.detail.evidence.item_id() == milestone.id


def test_approving_a_period_locks_the_editor(qtbot, store: Store, measure_id: int) -> None:
    clerk = make_session(store, "clerk")
    clerk_page = _plan_page(qtbot, clerk, measure_id)
    clerk_page.detail.progress.percent.setValue(50)
    review = ReviewPage(clerk)
    qtbot.addWidget(review)
    review.show()
    assert review.filled.rowCount() == 1 and review.changes.rowCount() >= 1
    assert not review.approve_button.isVisible()
    review.submit_button.click()
    assert store.reviews.get("2026-Q4").state is ReviewState.SUBMITTED

    reviewer = make_session(store, "reviewer")
    reviewer_review = ReviewPage(reviewer)
    qtbot.addWidget(reviewer_review)
    reviewer_review.show()
    reviewer_review.return_button.click()  # returning needs a reason
    assert "原因" in reviewer_review.messages.text()
    reviewer_review.comment.setText("数据核实无误")
    reviewer_review.approve_button.click()
    assert store.reviews.get("2026-Q4").state is ReviewState.APPROVED

    clerk.notify(Change.REVIEW)  # another user's step on the same home: reopening the view shows it
    editor = clerk_page.detail.progress
    assert not editor.is_editable()
    assert "已审核通过并锁定" in editor.lock_note.text()

    reviewer_review.reopen_button.click()
    assert "原因" in reviewer_review.messages.text()
    reviewer_review.comment.setText("补充第四季度数据")
    reviewer_review.reopen_button.click()
    assert store.reviews.get("2026-Q4").state is ReviewState.DRAFT
    clerk_page.detail.progress.reload()
    assert clerk_page.detail.progress.is_editable()


def test_period_selector_switches_the_editor(qtbot, clerk: Session, measure_id: int) -> None:
    page = _plan_page(qtbot, clerk, measure_id)
    page.detail.progress.percent.setValue(20)
    clerk.set_period("2026-11")
    editor = page.detail.progress
    assert clerk.store.progress.get(measure_id, "2026-11") is None
    assert "尚未填报" in editor.saved_label.text() and editor.percent.value() == 0  # Q4 ends after November
    editor.percent.setValue(10)
    assert clerk.store.progress.get(measure_id, "2026-11").percent == 10


def test_undo_takes_back_the_last_edits(qtbot, store: Store, measure_id: int) -> None:
    clerk = make_session(store, "clerk")
    page = _plan_page(qtbot, clerk, measure_id)
    editor = page.detail.progress
    editor.percent.setValue(30)
    editor.percent.setValue(45)  # a run of saves of one entry folds into one step
    editor.note.setPlainText("第一稿")
    editor.flush()
    assert clerk.store.progress.get(measure_id, "2026-Q4").note == "第一稿"
    milestones = page.detail.milestones
    milestones.table.selectRow(0)
    when_modal(lambda dialog: dialog.submit())
    milestones.mark_done()
    assert clerk.store.milestones.find(measure_id=measure_id)[0].done
    assert clerk.undo_stack.text().startswith("撤销修改时间节点")

    assert clerk.undo() is None
    assert not clerk.store.milestones.find(measure_id=measure_id)[0].done
    assert clerk.undo() is None
    assert clerk.store.progress.get(measure_id, "2026-Q4") is None  # back to "not reported"
    assert editor.percent.value() == 0  # the editor shows the restored state
    assert not clerk.undo_stack.can_undo()
    entries = [e.action for e in store.audit.entries(entity="progress")]
    assert entries[-1] == "delete"  # undoing is an audited edit like any other


def test_undo_is_refused_once_the_period_is_locked(qtbot, store: Store, measure_id: int) -> None:
    clerk = make_session(store, "clerk")
    page = _plan_page(qtbot, clerk, measure_id)
    page.detail.progress.percent.setValue(60)
    store.reviews.submit("2026-Q4")
    store.audit.actor = "reviewer"
    store.reviews.approve("2026-Q4")
    error = clerk.undo()
    assert error is not None and "已审核通过并锁定" in error
    assert store.progress.get(measure_id, "2026-Q4").percent == 60
