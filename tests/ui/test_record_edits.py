"""Editing and deleting measures, milestones and evidence through their panels, checked in the real store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.store import Store
from desktop.ui.dialogs.records import MeasureDialog, MilestoneDialog
from desktop.ui.models.plan_tree import NodeKind
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.session import Session

from .conftest import when_modal, write_png


@pytest.fixture
def task_id(store: Store) -> int:
    return store.plan.tasks()[0].id


@pytest.fixture
def measure_id(store: Store, task_id: int) -> int:
    return store.measures.add(task_id, "开展理想信念教育", department="政治处", person="张三").id


def _page(qtbot, session: Session, key: tuple[NodeKind, int]) -> PlanPage:
    page = PlanPage(session)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    assert page.select_key(key)
    return page


def _select(panel, record_id: int) -> None:
    panel.select_id(record_id)
    assert panel.selected() is not None


def _answer_yes(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Yes).click()


def test_editing_a_measure_changes_its_title_and_person(qtbot, clerk: Session, task_id: int, measure_id: int) -> None:
    panel = _page(qtbot, clerk, (NodeKind.TASK, task_id)).detail.measures
    _select(panel, measure_id)
    assert panel.edit_button.isEnabled()

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MeasureDialog)
        assert dialog.title.text() == "开展理想信念教育"  # the form starts from the stored record
        dialog.title.setText("开展理想信念 专题教育")
        dialog.person.setText("王五")
        dialog.submit()

    when_modal(fill)
    panel.edit()
    measure = clerk.store.measures.get(measure_id)
    assert (measure.title, measure.person, measure.department) == ("开展理想信念 专题教育", "王五", "政治处")
    assert panel.model.index(0, 0).data() == "开展理想信念 专题教育"  # the table refreshed from the change notice
    assert panel.selected().measure.id == measure_id  # and kept the selection
    audit = clerk.store.audit.entries(entity="measure")
    assert audit[-1].action == "update" and audit[-1].user == "clerk"


def test_an_emptied_measure_title_is_refused_and_nothing_changes(
    qtbot, clerk: Session, task_id: int, measure_id: int
) -> None:
    panel = _page(qtbot, clerk, (NodeKind.TASK, task_id)).detail.measures
    _select(panel, measure_id)
    seen: list[str] = []

    def fill(dialog: QDialog) -> None:
        dialog.title.setText("  ")
        dialog.submit()  # refused: the dialog stays open with the store's message
        seen.append(dialog.messages.text())
        dialog.reject()

    when_modal(fill)
    panel.edit()
    assert seen and "不能为空" in seen[0]
    assert clerk.store.measures.get(measure_id).title == "开展理想信念教育"


def test_deleting_a_measure_after_confirming(qtbot, clerk: Session, task_id: int, measure_id: int) -> None:
    panel = _page(qtbot, clerk, (NodeKind.TASK, task_id)).detail.measures
    _select(panel, measure_id)
    questions: list[str] = []

    def say_no(title: str, text: str) -> bool:
        questions.append(text)
        return False

    panel._confirm = say_no  # first the user says no
    panel.delete()
    assert [m.id for m in clerk.store.measures.find(task_id)] == [measure_id]

    when_modal(_answer_yes, QMessageBox)  # then the real question box, answered yes
    del panel._confirm
    panel.delete()
    assert "开展理想信念教育" in questions[0]
    assert clerk.store.measures.find(task_id) == []
    assert panel.model.rowCount() == 0
    assert clerk.store.audit.entries(entity="measure")[-1].action == "delete"


def test_deleting_a_measure_that_has_milestones_is_refused(
    qtbot, clerk: Session, task_id: int, measure_id: int
) -> None:
    clerk.store.milestones.add(measure_id, "完成第一轮专题教育", dt.date(2026, 12, 20))
    audit_before = clerk.store.audit.count()
    panel = _page(qtbot, clerk, (NodeKind.TASK, task_id)).detail.measures
    _select(panel, measure_id)
    panel._confirm = lambda title, text: True
    panel.delete()
    assert "还有 1 条时间节点" in panel.messages.text()
    assert [m.id for m in clerk.store.measures.find(task_id)] == [measure_id]
    assert len(clerk.store.milestones.find(measure_id=measure_id)) == 1
    assert clerk.store.audit.count() == audit_before
    assert panel.model.rowCount() == 1


def test_milestone_add_edit_and_delete(qtbot, clerk: Session, measure_id: int) -> None:
    panel = _page(qtbot, clerk, (NodeKind.MEASURE, measure_id)).detail.milestones
    assert panel.model.rowCount() == 0 and panel.add_button.isEnabled()

    def add(dialog: QDialog) -> None:
        assert isinstance(dialog, MilestoneDialog) and not dialog.editing
        dialog.title.setText("完成第一轮专题教育")
        dialog.due.set_value(dt.date(2026, 12, 20))
        dialog.target_value.setText("4")
        dialog.target_unit.setText("次")
        dialog.submit()

    when_modal(add)
    panel.add()
    [milestone] = clerk.store.milestones.find(measure_id=measure_id)
    assert (milestone.title, milestone.due_date, milestone.target_value, milestone.target_unit) == (
        "完成第一轮专题教育",
        dt.date(2026, 12, 20),
        4,
        "次",
    )
    assert panel.model.rowCount() == 1

    _select(panel, milestone.id)

    def edit(dialog: QDialog) -> None:
        assert isinstance(dialog, MilestoneDialog) and dialog.editing
        assert dialog.title.text() == "完成第一轮专题教育"
        dialog.title.setText("完成两轮专题教育")
        dialog.actual_value.setText("2")
        dialog.submit()

    when_modal(edit)
    panel.edit()
    edited = clerk.store.milestones.get(milestone.id)
    assert (edited.title, edited.actual_value, edited.target_value) == ("完成两轮专题教育", 2, 4)
    assert panel.model.index(0, 0).data() == "完成两轮专题教育"

    _select(panel, milestone.id)
    panel._confirm = lambda title, text: True
    panel.delete()
    assert clerk.store.milestones.find(measure_id=measure_id) == []
    assert panel.model.rowCount() == 0
    actions = [e.action for e in clerk.store.audit.entries(entity="milestone")]
    assert actions == ["insert", "update", "delete"]


def test_deleting_a_milestone_with_evidence_is_refused(qtbot, clerk: Session, measure_id: int, tmp_path: Path) -> None:
    milestone = clerk.store.milestones.add(measure_id, "完成第一轮专题教育", dt.date(2026, 12, 20))
    clerk.store.evidence.add(milestone.id, write_png(tmp_path / "现场 照片.png"))
    panel = _page(qtbot, clerk, (NodeKind.MEASURE, measure_id)).detail.milestones
    _select(panel, milestone.id)
    panel._confirm = lambda title, text: True
    panel.delete()
    assert "1 份佐证材料" in panel.messages.text()
    assert [m.id for m in clerk.store.milestones.find(measure_id=measure_id)] == [milestone.id]


def test_deleting_evidence_removes_the_file_only_when_unused(
    qtbot, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    photo = write_png(tmp_path / "现场 照片.png")
    other = write_png(tmp_path / "另一张.png", "#1565c0")
    store = clerk.store
    first = store.evidence.add(measure_id, photo).record
    same = store.evidence.add(measure_id, tmp_path / "现场 照片.png").record  # same content: one stored file
    lone = store.evidence.add(measure_id, other).record
    assert first.sha256 == same.sha256 != lone.sha256
    panel = _page(qtbot, clerk, (NodeKind.MEASURE, measure_id)).detail.evidence
    panel.model.fetch_all()
    assert panel.model.rowCount() == 3

    def delete_row(row: int) -> None:
        panel.select_row(row)
        when_modal(_answer_yes, QMessageBox)
        panel.delete_selected()

    delete_row(0)  # the first copy: the other record still uses the file
    assert [r.id for r in store.evidence.find(measure_id)] == [same.id, lone.id]
    assert store.evidence.path_of(same).is_file()
    assert "已删除" in panel.messages.text()

    delete_row(1)  # the lone file goes with its record
    assert [r.id for r in store.evidence.find(measure_id)] == [same.id]
    assert not store.evidence.path_of(lone).exists()
    assert store.evidence.path_of(same).is_file()
    assert panel.model.rowCount() == 1
    deleted = [e for e in store.audit.entries(entity="evidence") if e.action == "delete"]
    assert [e.entity_uid for e in deleted] == [first.uid, lone.uid]


def test_declining_the_evidence_question_keeps_the_record(
    qtbot, clerk: Session, measure_id: int, tmp_path: Path
) -> None:
    record = clerk.store.evidence.add(measure_id, write_png(tmp_path / "a.png")).record
    panel = _page(qtbot, clerk, (NodeKind.MEASURE, measure_id)).detail.evidence
    panel.select_row(0)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click(), QMessageBox)
    panel.delete_selected()
    assert [r.id for r in clerk.store.evidence.find(measure_id)] == [record.id]
    assert clerk.store.evidence.path_of(record).is_file()
