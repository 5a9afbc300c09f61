"""Unit side: what 导入省局回执… does, the office's return of the shown period (review page) and
the office's notices until read (dashboard). The work is the Qt-free `receive_answers`, run off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import PlanProgressError
from desktop.services.answer.receive import ALREADY, APPLIED, ReceiveRun
from desktop.services.answer.unit_view import open_returns
from desktop.services.operations import Outcome
from desktop.services.operations import answers as answer_ops
from desktop.store import Store
from desktop.store.unit_answers import UnitAnswers
from desktop.ui import theme
from desktop.ui.dialogs.progress import run_with_progress
from desktop.ui.format import local_time
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.session import Session

STATUS_TEXT = {APPLIED: tr_noop("已导入"), ALREADY: tr_noop("已导入过"), "refused": tr_noop("拒收")}


def receive_from(window: QWidget, session: Session, folder: Path | None = None) -> ReceiveResultDialog | None:
    """Receive the answers in `folder` (asked for when None); show one line per answer in a dialog."""
    if folder is None:
        name = QFileDialog.getExistingDirectory(window, tr("选择省局的回执U盘或文件夹"))
        if not name:
            return None
        folder = Path(name)
    chosen = folder

    def work(_progress: object, _cancelled: object) -> Outcome[ReceiveRun]:
        with session.worker_store() as store:
            return answer_ops.receive_answers(store, [chosen])

    try:
        outcome: Outcome[ReceiveRun] = run_with_progress(window, tr("正在导入省局回执…"), work)
    except PlanProgressError as exc:
        dialog = ReceiveResultDialog(window, None, str(exc))
    else:
        dialog = ReceiveResultDialog(window, session.apply(outcome), "")
    dialog.open()
    return dialog


class ReceiveResultDialog(QDialog):
    """What each answer did, in the words of the command line (applied, already applied, refused and why)."""

    def __init__(self, parent: QWidget | None, run: ReceiveRun | None, error: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("导入省局回执"))
        self.run = run
        lines = [f"{line.name}  [{tr(STATUS_TEXT[line.status])}]  {line.message}" for line in run.lines] if run else []
        if run and run.others:
            lines.append(tr("另有 {n} 份回执是给其他单位的，已跳过。").format(n=len(run.others)))
        ok = run is not None and run.ok
        self.summary = QLabel(
            tr("回执已导入。") if ok else (error or tr("有回执未能导入：请按每行的提示处理，本单位数据未作改动。"))
        )
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("" if ok else theme.text_color(theme.OFFICE_RED))
        self.details = QPlainTextEdit("\n".join(lines))
        self.details.setReadOnly(True)
        self.details.setVisible(bool(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(760, 300)


class OfficeReturnBox(QGroupBox):
    """The office's return of one period: reason, who and when, comments per task. Hidden when none is open."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(tr("省局退回本报告期"), parent)
        self.setStyleSheet(theme.RETURNED_BOX)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.text)
        self.setVisible(False)

    def show_period(self, store: Store, period: str) -> bool:
        back = open_returns(store).get(period)
        self.setVisible(back is not None)
        if back is None:
            self.text.clear()
            return False
        entry = back.entry
        lines = [
            tr("原因：{reason}").format(reason=entry.reason),
            tr("退回人：{who}　时间：{when}").format(who=entry.made_by, when=local_time(entry.made_at)),
        ]
        for comment in entry.comments:
            lines.append(tr("任务 {task}：{text}").format(task=comment.task or comment.target, text=comment.text))
        lines.append(tr("请按意见修改后重新提交审核并导出；省局收到后退回标记自动消除。"))
        self.text.setText("\n".join(lines))
        return True


class NoticesBox(QGroupBox):
    """The office's notices not yet read, each with 标为已读. Hidden when there are none."""

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(tr("省局通知"), parent)
        self.session = session
        self.rows = QVBoxLayout(self)
        self.setVisible(False)

    def refresh(self) -> int:
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        unread = UnitAnswers(self.session.store.database, self.session.store.audit).notices(unread_only=True)
        for notice in unread:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            item_notice = notice.notice
            label = QLabel(
                f"<b>{_escape(item_notice.title)}</b>　{local_time(item_notice.made_at)}<br>{_escape(item_notice.text)}"
            )
            label.setWordWrap(True)
            done = QPushButton(tr("标为已读"))
            done.clicked.connect(lambda _c=False, nid=notice.notice.id: self.mark_read(nid))
            line.addWidget(label, 1)
            line.addWidget(done, 0, Qt.AlignmentFlag.AlignTop)
            self.rows.addWidget(row)
        self.setVisible(bool(unread))
        return len(unread)

    def mark_read(self, notice_id: str) -> None:
        self.session.perform(lambda store: answer_ops.mark_notice_read(store, notice_id), self)
        self.refresh()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
