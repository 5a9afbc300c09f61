"""单位信息: what identifies this unit to the office — code, name, plan, data folder and the signing key number
the office compares before it enrolls the unit's public key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.errors import PlanProgressError
from desktop.services import keys
from desktop.store import Store
from desktop.ui import theme
from desktop.ui.i18n import tr


class UnitInfoDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("单位信息"))
        self.setMinimumWidth(480)
        unit = store.unit()
        try:
            key_id = keys.unit_key_id(store.home) or tr("尚未生成（请管理员运行 planprogress keys init）")
        except PlanProgressError as exc:
            key_id = str(exc)
        self.key_id = _value(key_id)
        form = QFormLayout()
        form.addRow(tr("单位代码"), _value(unit.code))
        form.addRow(tr("单位名称"), _value(unit.name))
        form.addRow(tr("规划目录"), _value(f"{unit.catalog_id} {unit.catalog_version}"))
        form.addRow(tr("数据目录"), _value(str(store.home.root)))
        form.addRow(tr("签名密钥编号"), self.key_id)
        note = QLabel(tr("省局登记本单位的签名公钥时，会与您核对这个编号。"))
        note.setWordWrap(True)
        note.setStyleSheet(theme.NOTE)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def _value(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
