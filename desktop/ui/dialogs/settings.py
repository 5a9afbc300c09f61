"""Settings shared by everyone on this home: when a status light turns yellow."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.domain.health import Thresholds
from desktop.services import operations as ops
from desktop.store.settings import MAX_DUE_SOON_DAYS
from desktop.ui.dialogs.records import RecordDialog
from desktop.ui.i18n import tr
from desktop.ui.session import Session
from desktop.ui.widgets.fields import NumberEdit


class SettingsDialog(RecordDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(tr("设置"), parent)
        self.session = session
        self.due_soon = NumberEdit(
            session.thresholds().due_soon_days,
            tr("临近到期提醒天数"),
            minimum=1,
            maximum=MAX_DUE_SOON_DAYS,
            integer=True,
            required=True,
        )
        explain = QLabel(tr("距完成期限不足这么多天、尚未完成的措施和时间节点显示黄灯；已过期限显示红灯。"))
        explain.setWordWrap(True)
        self.form.addRow(tr("临近到期提醒（天）"), self.due_soon)
        self.form.addRow(explain)
        self.check = self.due_soon.value
        self.save = self._save

    def _save(self) -> Thresholds:
        outcome = ops.set_thresholds(self.session.store, Thresholds(due_soon_days=self.due_soon.value()))
        return self.session.apply(outcome, self)
