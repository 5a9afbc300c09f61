"""Review of a reporting period: what was filled in and what changed (of the plan shown); submit, approve, return,
reopen. The review itself is of the whole period, every plan together."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import AuditEntry, ProgressEntry
from desktop.domain.status import ReviewState
from desktop.services import operations as ops
from desktop.ui import theme
from desktop.ui.answers.unit import OfficeReturnBox
from desktop.ui.format import local_time, period_label
from desktop.ui.i18n import tr
from desktop.ui.models.audit import audit_columns
from desktop.ui.models.table import RIGHT, Column, RowTableModel
from desktop.ui.session import Session
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.refresh import RefreshOnShow
from desktop.ui.widgets.tables import data_table

CHANGE_ENTITIES = ("progress", "measure", "milestone", "evidence")
MAX_CHANGES = 1000


@dataclass(frozen=True)
class FilledRow:
    entry: ProgressEntry
    title: str
    kind: str


def filled_columns() -> list[Column[FilledRow]]:
    return [
        Column(tr("任务/措施"), lambda r: r.title, tooltip=lambda r: r.title),
        Column(tr("类别"), lambda r: r.kind),
        Column(tr("状态"), lambda r: tr(r.entry.status.value)),
        Column(tr("完成"), lambda r: f"{r.entry.percent}%", RIGHT),
        Column(tr("进展说明"), lambda r: r.entry.note, tooltip=lambda r: r.entry.note),
        Column(tr("填报人"), lambda r: r.entry.updated_by),
        Column(tr("保存时间"), lambda r: local_time(r.entry.updated_at)),
    ]


def _touches_period(entry: AuditEntry, period: str) -> bool:
    if entry.entity != "progress":
        return True
    return any(text and json.loads(text).get("period") == period for text in (entry.after, entry.before))


def _of_plan(entry: AuditEntry, plan_id: str, uids: set[str]) -> bool:
    """Whether a change belongs to the plan shown: a measure or milestone by its task, progress and evidence by
    their item (an entry naming neither is kept)."""
    for text in (entry.after, entry.before):
        if not text:
            continue
        data = json.loads(text)
        if isinstance(data.get("task_uid"), str):
            return str(data["task_uid"]).startswith(f"{plan_id}/")
        if isinstance(data.get("item_uid"), str):
            return data["item_uid"] in uids
    return True


class ReviewPage(RefreshOnShow, QWidget):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._dirty = True
        self.heading = QLabel()
        self.heading.setStyleSheet(theme.HEADING)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(tr("审核意见；退回或重新打开时必须填写原因"))
        self.submit_button = QPushButton(tr("提交审核"))
        self.approve_button = QPushButton(tr("审核通过并锁定"))
        self.return_button = QPushButton(tr("退回修改"))
        self.reopen_button = QPushButton(tr("重新打开"))
        self.submit_button.clicked.connect(lambda: self._move("submit"))
        self.approve_button.clicked.connect(lambda: self._move("approve"))
        self.return_button.clicked.connect(lambda: self._move("return"))
        self.reopen_button.clicked.connect(lambda: self._move("reopen"))
        actions = QHBoxLayout()
        actions.addWidget(QLabel(tr("意见")))
        actions.addWidget(self.comment, 1)
        for button in (self.submit_button, self.approve_button, self.return_button, self.reopen_button):
            actions.addWidget(button)
        self.messages = MessageBar()

        self.filled = RowTableModel(filled_columns())
        self.changes = RowTableModel(audit_columns())
        self.filled_box = QGroupBox()
        self.changes_box = QGroupBox()
        QVBoxLayout(self.filled_box).addWidget(data_table(self.filled, single=False, wrap=False, stretch_last=True))
        QVBoxLayout(self.changes_box).addWidget(data_table(self.changes, single=False, wrap=False, stretch_last=True))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.filled_box)
        splitter.addWidget(self.changes_box)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        self.office_return = OfficeReturnBox()
        layout.addWidget(self.office_return)
        layout.addLayout(actions)
        layout.addWidget(self.messages)
        layout.addWidget(splitter, 1)
        self.watch(session)

    def since(self) -> str:
        """Changes are shown from the period's start, or from when it was last returned or reopened."""
        return self._since()[0]

    def _since(self) -> tuple[str, int]:
        """The time shown and the audit id after which changes count: audit times have whole seconds, so an
        edit made in the same second just before a return is told apart by its id."""
        period = self.session.period
        start = dt.datetime.combine(period.start, dt.time(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        history = self.session.store.audit.entries(entity="review", entity_uid=period.code)
        moves = [e for e in history if e.after and json.loads(e.after).get("action") in ("return", "reopen")]
        if moves and moves[-1].at >= start:
            return moves[-1].at, moves[-1].id
        return start, 0

    def refresh(self) -> None:
        self._dirty = False
        store, period = self.session.store, self.session.period
        record = store.reviews.get(period.code)
        self.heading.setText(tr("{period}审核").format(period=period_label(period)))
        returned = self.office_return.show_period(store, period.code)
        state_label = tr("退回（省局）") if returned else tr(record.state.label)
        text = tr("当前状态：{state}").format(state=state_label)
        if record.updated_by:
            text += tr("　最近操作：{who} {when}").format(who=record.updated_by, when=local_time(record.updated_at))
        if record.comment:
            text += tr("　意见：{comment}").format(comment=record.comment)
        self.state.setText(text)
        plan_id = self.session.plan_id
        items = store.plan.plan_items(plan_id)  # the plan shown: its tasks, measures and milestones
        rows = []
        elsewhere = 0  # entries of the other plans: the review covers them too
        for entry in store.progress.find(period=period.code):
            if entry.item_id not in items:
                elsewhere += 1
                continue
            kind = store.plan.item_kind(entry.item_id)
            rows.append(FilledRow(entry, store.plan.item_title(entry.item_id), tr(kind.label)))
        self.filled.set_rows(rows)
        title = tr("本期填报的进度（{n} 条）").format(n=len(rows))
        if elsewhere:
            title += tr("；其他规划另有 {n} 条，审核对本期全部规划一并生效，请切换规划查看").format(n=elsewhere)
        self.filled_box.setTitle(title)
        since, after_id = self._since()
        uids = set(items.values())
        changes = [
            e
            for entity in CHANGE_ENTITIES
            for e in store.audit.entries(entity=entity, since=since, after_id=after_id, limit=MAX_CHANGES)
            if _touches_period(e, period.code) and _of_plan(e, plan_id, uids)
        ]
        changes.sort(key=lambda e: e.id, reverse=True)
        self.changes.set_rows(changes[:MAX_CHANGES])
        self.changes_box.setTitle(
            tr("自 {since} 以来的变更（{n} 条）").format(since=local_time(since), n=len(changes[:MAX_CHANGES]))
        )
        state = record.state
        self.submit_button.setVisible(self.session.can_edit)
        self.submit_button.setEnabled(self.session.can_edit and state is ReviewState.DRAFT)
        for button in (self.approve_button, self.return_button, self.reopen_button):
            button.setVisible(self.session.can_review)
        self.approve_button.setEnabled(self.session.can_review and state is ReviewState.SUBMITTED)
        self.return_button.setEnabled(self.session.can_review and state is ReviewState.SUBMITTED)
        self.reopen_button.setEnabled(self.session.can_review and state is ReviewState.APPROVED)

    def _move(self, action: str) -> None:
        code, comment = self.session.period.code, self.comment.text().strip()
        steps = {
            "submit": ops.submit_period,
            "approve": ops.approve_period,
            "return": ops.return_period,
            "reopen": ops.reopen_period,
        }
        record, error = self.session.perform(lambda s: steps[action](s, code, comment), self)
        if error:
            self.messages.error(error)
            return
        assert record is not None
        self.comment.clear()
        done = {
            "submit": tr("已提交审核。"),
            "approve": tr("已审核通过：本报告期已锁定。"),
            "return": tr("已退回填报员修改。"),
            "reopen": tr("已重新打开：本报告期可以再次修改。"),
        }
        self.messages.info(done[action])
        self.refresh()
