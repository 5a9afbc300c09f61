"""A reviewer returns a submitted period with a comment and reopens an approved one with a reason."""

from __future__ import annotations

import json

import pytest

from desktop.domain.status import ReviewState, Status
from desktop.store import Store
from desktop.ui.pages.review import ReviewPage
from desktop.ui.session import Session

from .conftest import make_session

PERIOD = "2026-Q4"


@pytest.fixture
def submitted(store: Store) -> Store:
    """A period with one progress entry, submitted by the clerk."""
    store.audit.actor = "clerk"
    measure = store.measures.add(store.plan.tasks()[0].id, "开展理想信念教育")
    store.progress.record(measure.id, PERIOD, Status.IN_PROGRESS, 40, "已开展两次")
    store.reviews.submit(PERIOD)
    return store


def _page(qtbot, session: Session) -> ReviewPage:
    page = ReviewPage(session)
    qtbot.addWidget(page)
    page.show()
    return page


def _review_moves(store: Store) -> list[dict]:
    return [json.loads(e.after or "{}") for e in store.audit.entries(entity="review", entity_uid=PERIOD)]


def test_reviewer_returns_a_submitted_period_with_a_comment(qtbot, submitted: Store) -> None:
    reviewer = make_session(submitted, "reviewer")
    page = _page(qtbot, reviewer)
    assert page.return_button.isEnabled() and page.approve_button.isEnabled()
    assert not page.reopen_button.isEnabled() and not page.submit_button.isVisible()
    assert "待审核" in page.state.text() or "已提交" in page.state.text()

    page.comment.setText("第四季度 进展说明过于简略，请补充")
    page.return_button.click()
    record = submitted.reviews.get(PERIOD)
    assert record.state is ReviewState.DRAFT
    assert record.comment == "第四季度 进展说明过于简略，请补充"
    assert record.updated_by == "reviewer"
    last = submitted.audit.entries(entity="review", entity_uid=PERIOD)[-1]
    assert last.user == "reviewer"
    assert json.loads(last.after or "{}") == {
        "state": "draft",
        "comment": "第四季度 进展说明过于简略，请补充",
        "action": "return",
    }
    assert json.loads(last.before or "{}")["state"] == "submitted"
    # the page shows the new state and the comment, clears the field, and offers nothing more to the reviewer
    assert "已退回" in page.messages.text()
    assert "请补充" in page.state.text()
    assert page.comment.text() == ""
    assert not page.return_button.isEnabled() and not page.approve_button.isEnabled()
    # changes since the return start over: the clerk's earlier edits (in the same second) are not listed again
    assert page.changes.rowCount() == 0

    clerk = make_session(submitted, "clerk")
    clerk_page = _page(qtbot, clerk)
    assert clerk_page.submit_button.isEnabled()  # the clerk can submit again
    assert "请补充" in clerk_page.state.text()
    measure_id = submitted.measures.find(submitted.plan.tasks()[0].id)[0].id
    submitted.progress.record(measure_id, PERIOD, Status.IN_PROGRESS, 60, "补充了第三次专题学习")
    page.refresh()
    assert page.changes.rowCount() == 1  # only the edit made after the return


def test_wrong_step_is_refused_and_nothing_changes(qtbot, submitted: Store) -> None:
    reviewer = make_session(submitted, "reviewer")
    page = _page(qtbot, reviewer)
    audit_before = submitted.audit.count()
    page.comment.setText("想重新打开")
    page.reopen_button.setEnabled(True)  # as if the button were stale: the store still refuses
    page.reopen_button.click()
    assert "只有已审核通过的报告期需要重新打开" in page.messages.text()
    assert submitted.reviews.get(PERIOD).state is ReviewState.SUBMITTED
    assert submitted.audit.count() == audit_before
    assert page.comment.text() == "想重新打开"  # the typed text is kept for another try


def test_reviewer_reopens_an_approved_period_with_a_reason(qtbot, submitted: Store) -> None:
    reviewer = make_session(submitted, "reviewer")
    page = _page(qtbot, reviewer)
    page.comment.setText("数据核实无误")
    page.approve_button.click()
    assert submitted.reviews.get(PERIOD).state is ReviewState.APPROVED
    assert page.reopen_button.isEnabled() and not page.approve_button.isEnabled()

    page.reopen_button.click()  # no reason: refused, still locked
    assert "原因" in page.messages.text()
    assert submitted.reviews.get(PERIOD).state is ReviewState.APPROVED

    page.comment.setText("补充第四季度 教育数据")
    page.reopen_button.click()
    record = submitted.reviews.get(PERIOD)
    assert record.state is ReviewState.DRAFT and record.comment == "补充第四季度 教育数据"
    assert not submitted.reviews.is_locked(PERIOD)
    moves = _review_moves(submitted)
    assert [m["action"] for m in moves] == ["submit", "approve", "reopen"]
    assert moves[-1]["comment"] == "补充第四季度 教育数据"
    assert submitted.audit.entries(entity="review", entity_uid=PERIOD)[-1].user == "reviewer"
    assert "已重新打开" in page.messages.text()
    assert not page.reopen_button.isEnabled()
    assert page.since() == submitted.audit.entries(entity="review", entity_uid=PERIOD)[-1].at
