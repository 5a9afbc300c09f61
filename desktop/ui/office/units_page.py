"""The register of units with their signing keys (enroll, revoke, resync), and the intake log: every
bundle ever offered to this office with its outcome and, for a rejection, the reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.health import Light
from desktop.services.bundle.format import Outcome
from desktop.services.suite import active_key_suite
from desktop.store.office import IntakeEntry, OfficeRepo, OfficeUnit, UnitKey
from desktop.ui.format import local_time
from desktop.ui.i18n import tr
from desktop.ui.models.table import CENTER, RIGHT, Column, RowTableModel
from desktop.ui.session import Session
from desktop.ui.widgets.lights import light_icon
from desktop.ui.widgets.message_bar import MessageBar
from desktop.ui.widgets.refresh import RefreshOnShow
from desktop.ui.widgets.tables import data_table

LOG_LIMIT = 500


@dataclass(frozen=True)
class UnitRow:
    unit: OfficeUnit
    keys: tuple[UnitKey, ...]

    @property
    def active_key(self) -> str:
        return next((k.key_id for k in reversed(self.keys) if k.retired_at is None), "")

    @property
    def suite(self) -> str:
        suite = active_key_suite(self.keys)
        if suite is None:
            return ""
        return tr("国密（SM2/SM3/SM4）") if suite.gm else tr("age（X25519/Ed25519）")


def unit_state(row: UnitRow) -> str:
    if row.unit.revoked:
        return tr("已吊销")
    return tr("等待重新同步") if row.unit.resync else tr("在用")


def unit_columns() -> list[Column[UnitRow]]:
    return [
        Column(tr("单位代码"), lambda r: r.unit.code),
        Column(tr("名称"), lambda r: r.unit.name or tr("（尚未收到数据包）")),
        Column(
            tr("状态"),
            unit_state,
            CENTER,
            icon=lambda r: light_icon(Light.GREY if r.unit.revoked else Light.GREEN),
            tooltip=lambda r: r.unit.revoked_reason or unit_state(r),
        ),
        Column(
            tr("签名密钥"),
            lambda r: r.active_key or tr("无"),
            tooltip=lambda r: "\n".join(
                tr("{key}　登记 {when}").format(key=k.key_id, when=local_time(k.enrolled_at))
                + (tr("　停用 {when}").format(when=local_time(k.retired_at)) if k.retired_at else "")
                for k in r.keys
            ),
        ),
        Column(tr("密码套件"), lambda r: r.suite, CENTER),
        Column(tr("登记时间"), lambda r: local_time(r.unit.enrolled_at)),
        Column(tr("最近序号"), lambda r: str(r.unit.last_seq) if r.unit.last_seq else "", RIGHT),
        Column(tr("最近接收"), lambda r: local_time(r.unit.last_at or "")),
    ]


def outcome_label(value: str) -> str:
    try:
        return tr(Outcome(value).label)
    except ValueError:
        return {"resync_allowed": tr("允许重新同步"), "merged": tr("单位代码合并")}.get(value, value)


def outcome_light(value: str) -> Light:
    try:
        outcome = Outcome(value)
    except ValueError:
        return Light.GREY
    if outcome.ok:
        return Light.GREEN
    return Light.YELLOW if outcome is Outcome.GAP else Light.RED


def log_columns() -> list[Column[IntakeEntry]]:
    return [
        Column(tr("时间"), lambda e: local_time(e.at)),
        Column(tr("数据包"), lambda e: e.name, tooltip=lambda e: e.source),
        Column(tr("单位"), lambda e: e.unit or ""),
        Column(tr("序号"), lambda e: str(e.seq) if e.seq is not None else "", RIGHT),
        Column(tr("结果"), lambda e: outcome_label(e.outcome), icon=lambda e: light_icon(outcome_light(e.outcome))),
        Column(tr("原因"), lambda e: e.reason, tooltip=lambda e: e.reason),
        Column(tr("操作人"), lambda e: e.actor),
    ]


def key_dialog(kind: Literal["enroll", "revoke", "resync"], session: Session, parent: QWidget) -> QDialog:
    """The enroll, revoke or resync form, imported when first opened: the key libraries it uses are not needed
    to show the office window."""
    from desktop.ui.office import key_dialogs

    forms = {"enroll": key_dialogs.EnrollDialog, "revoke": key_dialogs.RevokeDialog, "resync": key_dialogs.ResyncDialog}
    return forms[kind](session, parent)


class UnitsPage(RefreshOnShow, QWidget):
    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self._dirty = True
        self.enroll_button = QPushButton(tr("登记单位公钥…"))
        self.revoke_button = QPushButton(tr("吊销单位…"))
        self.resync_button = QPushButton(tr("允许重新同步…"))
        self.enroll_button.clicked.connect(lambda: self.run_dialog(key_dialog("enroll", session, self)))
        self.revoke_button.clicked.connect(lambda: self.run_dialog(key_dialog("revoke", session, self)))
        self.resync_button.clicked.connect(lambda: self.run_dialog(key_dialog("resync", session, self)))
        buttons = QHBoxLayout()
        for button in (self.enroll_button, self.revoke_button, self.resync_button):
            button.setEnabled(session.can_admin)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.units = RowTableModel(unit_columns(), parent=self)
        self.log = RowTableModel(log_columns(), parent=self)
        units_box = QGroupBox(tr("已登记的单位"))
        QVBoxLayout(units_box).addWidget(data_table(self.units, stretch=1, single=False))
        log_box = QGroupBox(tr("导入记录（最近 {n} 条，含被拒收的数据包及原因）").format(n=LOG_LIMIT))
        self.log_table = data_table(self.log, stretch=5, single=False)
        QVBoxLayout(log_box).addWidget(self.log_table)
        self.messages = MessageBar()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.messages)
        layout.addWidget(units_box, 2)
        layout.addWidget(log_box, 3)
        self.watch(session, period=False)

    def run_dialog(self, dialog: Any) -> str | None:
        """Show an enroll / revoke / resync form; its message goes to the page's message line."""
        if dialog.exec() and dialog.result_value:
            self.messages.info(str(dialog.result_value))
            self.refresh()
            return str(dialog.result_value)
        return None

    def refresh(self) -> None:
        self._dirty = False
        office = OfficeRepo(self.session.store.database, self.session.store.audit)
        self.units.set_rows([UnitRow(u, tuple(office.keys_of(u.code))) for u in office.units()])
        self.log.set_rows(list(reversed(office.intake_log(limit=LOG_LIMIT))))
