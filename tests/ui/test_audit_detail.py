"""The audit page's 修改前/修改后 panes name a record's fields in Chinese and show values as the window does:
a clerk marks a milestone done through its panel, then reads that change in the audit trail."""

from __future__ import annotations

import datetime as dt
import json
import re

from PySide6.QtWidgets import QDialog

from desktop.domain.status import Status
from desktop.store import Store
from desktop.ui.dialogs.records import MarkDoneDialog
from desktop.ui.models.audit_fields import detail_text, short_uid
from desktop.ui.models.plan_tree import NodeKind
from desktop.ui.pages.audit import AuditPage
from desktop.ui.pages.plan_page import PlanPage
from desktop.ui.session import Session

from .conftest import when_modal

SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # achieved_date, measure_uid, ...


def _audit_page(qtbot, session: Session) -> AuditPage:
    page = AuditPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.since.set_value(None)
    page.apply()
    page.model.fetch_all()
    return page


def _select(page: AuditPage, entity: str, action: str, uid: str | None = None) -> None:
    rows = page.model.rows()
    [row] = [n for n, e in enumerate(rows) if (e.entity, e.action) == (entity, action) and uid in (None, e.entity_uid)]
    page.table.selectRow(row)


def test_a_milestone_marked_done_reads_in_chinese_in_the_audit_panes(qtbot, clerk: Session, store: Store) -> None:
    task = store.plan.tasks()[0]
    measure = store.measures.add(task.id, "开展全员轮训", department="政治处")
    milestone = store.milestones.add(measure.id, "完成第一期轮训", dt.date(2026, 12, 20), target_value=100)
    plan = PlanPage(clerk)
    qtbot.addWidget(plan)
    plan.show()
    assert plan.select_key((NodeKind.MEASURE, measure.id))
    panel = plan.detail.milestones
    panel.select_id(milestone.id)

    def done(dialog: QDialog) -> None:
        assert isinstance(dialog, MarkDoneDialog)
        dialog.achieved.set_value(dt.date(2026, 11, 20))
        dialog.actual_value.setText("96")
        dialog.submit()

    when_modal(done)
    panel.mark_done()
    assert store.milestones.get(milestone.id).achieved_date == dt.date(2026, 11, 20)

    page = _audit_page(qtbot, clerk)
    _select(page, "milestone", "update")
    before, after = page.before.toPlainText(), page.after.toPlainText()
    assert "名称：完成第一期轮训" in after
    assert "完成日期：—" in before and "完成日期：2026-11-20" in after
    assert "实际值：—" in before and "实际值：96" in after
    assert "目标值：100" in after  # a number as the milestone table shows it, not 100.0
    assert "所属措施：开展全员轮训" in after  # the related record by its title, not its uid
    assert f"所属任务：{task.key} " in after
    assert f"记录标识：{milestone.uid}" in after  # what the record filter box takes
    for text in (before, after):
        assert not SNAKE.search(text), SNAKE.findall(text)
        assert "measure_id" not in text and "null" not in text and "{" not in text
    assert after.count("所属措施") == 1  # measure_id and measure_uid name the same record: one line
    # the fields the change touched are bold, the rest plain
    html = page.after.toHtml()
    assert re.search(r"font-weight:\s*(?:700|bold)[^>]*>完成日期：2026-11-20", html), html
    assert not re.search(r"font-weight:\s*(?:700|bold)[^>]*>名称：", html)


def test_progress_and_user_entries_show_labels_for_their_values(qtbot, clerk: Session, store: Store) -> None:
    task = store.plan.tasks()[0]
    store.progress.record(task.id, "2026-Q4", Status.IN_PROGRESS, 60, "已完成两期")
    page = _audit_page(qtbot, clerk)
    _select(page, "progress", "insert")
    after = page.after.toPlainText()
    for line in ("报告期：2026年第四季度", "状态：推进中", "完成百分比：60%", "进展说明：已完成两期", "填报人：clerk"):
        assert line in after, after
    assert page.before.toPlainText() == ""  # nothing before an insert
    _select(page, "user", "insert", "reviewer")
    assert "角色：审核员" in page.after.toPlainText() and "在用：是" in page.after.toPlainText()


def test_unknown_fields_keep_their_name_and_deleted_records_a_short_uid() -> None:
    uid = "0f3c2a9e-5d1b-4c7a-9e2f-1a2b3c4d5e6f"
    text = detail_text(json.dumps({"measure_uid": uid, "future_field": "x", "task_uid": "gd-prison-14fyp/2.3"}))
    assert text.splitlines() == ["所属任务：2.3", f"所属措施：{short_uid(uid)}", "future_field：x"]
    assert short_uid(uid) == "0f3c2a9e…"
    assert detail_text("not json") == "not json" and detail_text(None) == ""
