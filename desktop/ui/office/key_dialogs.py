"""Enrolling a unit's signing key, revoking a unit, and allowing a unit to restart its chain after a
restore: small forms over desktop.services.office.registry (fast, so they run in the GUI thread)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.domain.errors import InputError, PlanProgressError
from desktop.services import keys
from desktop.services.office import registry
from desktop.store.office import OfficeRepo, OfficeUnit
from desktop.ui import file_dialogs, theme
from desktop.ui.dialogs.records import RecordDialog
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.session import Change, Session
from desktop.ui.widgets.unit_code import UnitCodeField

ENROLL_TEXT = {
    "new": tr_noop("已登记单位 {code}（签名密钥 {key}）。"),
    "rotated": tr_noop("已为单位 {code} 更换签名密钥为 {key}，旧密钥停用。"),
    "re-enrolled": tr_noop("已重新登记单位 {code}（新签名密钥 {key}），吊销已解除。"),
    "unchanged": tr_noop("单位 {code} 已登记过这把密钥（{key}），未作改动。"),
}


def code_in_key_file(path: Path) -> str:
    """The unit code the unit's program wrote in the key file's comment line, to fill in the form."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(512)
    except OSError:
        return ""
    return keys.unit_code_in_pub(first) or ""


class EnrollDialog(RecordDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(tr("登记单位签名公钥"), parent)
        self.session = session
        self.file = QLineEdit()
        self.file.setPlaceholderText(tr("单位交来的 unit.pub"))
        self.file.textChanged.connect(self._file_changed)
        browse = QPushButton(tr("选择…"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.file, 1)
        row_layout.addWidget(browse)
        self.key_id = QLabel(tr("（选择文件后显示）"))
        self.code = UnitCodeField()
        note = QLabel(
            tr(
                "请当面或电话核对密钥编号：单位导出签名公钥时、建立数据目录的最后一页和“管理 → 单位信息”中都显示"
                "这个编号，一致后再登记。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(theme.NOTE)
        self.form.addRow(tr("公钥文件"), row)
        self.form.addRow(tr("密钥编号"), self.key_id)
        self.form.addRow(tr("单位代码"), self.code)
        self.form.addRow("", self.code.hint)
        self.form.addRow(note)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(tr("登记"))
        self.save = self._enroll

    def _browse(self) -> None:
        name = file_dialogs.open_file(self, tr("选择单位签名公钥"), tr("公钥 (*.pub);;所有文件 (*)"))
        if name:
            self.file.setText(name)

    def _file_changed(self, text: str) -> None:
        path = Path(text.strip())
        if not text.strip() or not path.is_file():
            self.key_id.setText(tr("（选择文件后显示）"))
            return
        try:
            self.key_id.setText(registry.read_unit_key_file(path)[1].key_id)
        except PlanProgressError as exc:
            self.key_id.setText(str(exc))
            return
        if not self.code.text().strip():
            self.code.setText(code_in_key_file(path))

    def _enroll(self) -> str:
        text = self.file.text().strip()
        if not text:
            raise InputError(tr("请选择单位交来的公钥文件 unit.pub。"))
        if not self.code.text().strip():
            raise InputError(tr("请填写单位代码。"))
        code = self.code.canonical()
        store = self.session.store
        unit, what, key_id = registry.enroll(store, Path(text), code)
        self.session.notify(Change.UNIT, self)
        return tr(ENROLL_TEXT[what]).format(code=unit.code, key=key_id)


class _UnitReasonDialog(RecordDialog):
    """A unit from the register and a reason for the audit trail."""

    def __init__(self, title: str, units: list[OfficeUnit], warning: str, parent: QWidget | None) -> None:
        super().__init__(title, parent)
        self.unit = QComboBox()
        for unit in units:
            self.unit.addItem(f"{unit.code}　{unit.name}" if unit.name else unit.code, unit.code)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("写入审计记录，如：签名密钥遗失"))
        explain = QLabel(warning)
        explain.setWordWrap(True)
        explain.setStyleSheet(theme.ERROR)
        self.form.addRow(tr("单位"), self.unit)
        self.form.addRow(tr("原因"), self.reason)
        self.form.addRow(explain)

    def chosen(self) -> tuple[str, str]:
        code = self.unit.currentData()
        reason = self.reason.text().strip()
        if not code:
            raise InputError(tr("没有可选的单位。"))
        if not reason:
            raise InputError(tr("请写明原因，以便日后查证。"))
        return str(code), reason


class RevokeDialog(_UnitReasonDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        units = [u for u in OfficeRepo(session.store.database, session.store.audit).units() if not u.revoked]
        super().__init__(
            tr("吊销单位"),
            units,
            tr(
                "吊销后不再接收该单位的任何数据包（包括用原密钥签名的）；已导入的数据保留。恢复时需登记该单位新生成的公钥。"
            ),
            parent,
        )
        self.session = session
        self.buttons.button(self.buttons.StandardButton.Ok).setText(tr("吊销"))
        self.save = self._revoke

    def _revoke(self) -> str:
        code, reason = self.chosen()
        unit = registry.revoke(self.session.store, code, reason)
        self.session.notify(Change.UNIT, self)
        return tr("已吊销单位 {code}：不再接收其数据包。").format(code=unit.code)


class ResyncDialog(_UnitReasonDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        units = [u for u in OfficeRepo(session.store.database, session.store.audit).units() if not u.revoked]
        super().__init__(
            tr("允许单位重新同步"),
            units,
            tr("单位从备份恢复后，其数据包序号会倒退。允许后，该单位导出的下一个完整数据包将重新开始数据包链。"),
            parent,
        )
        self.session = session
        self.buttons.button(self.buttons.StandardButton.Ok).setText(tr("允许"))
        self.save = self._resync

    def _resync(self) -> str:
        code, reason = self.chosen()
        unit = registry.allow_resync(self.session.store, code, reason)
        self.session.notify(Change.UNIT, self)
        return tr("已允许 {code} 重新同步：请该单位导出完整数据包后交来导入。").format(code=unit.code)
