"""修改佐证材料: an evidence record's title, category and period, changed after it was added (the file never
changes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.domain.model import EvidenceRecord
from desktop.ui.dialogs.records import RecordDialog
from desktop.ui.format import size_text
from desktop.ui.i18n import tr
from desktop.ui.widgets.fields import PeriodEdit

# Offered first in every category list (the command line's examples); categories already used follow.
USUAL_CATEGORIES = ("照片", "文件", "会议记录")


def category_choices(used: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*USUAL_CATEGORIES, *used]))


def category_box(used: Sequence[str], current: str = "", parent: QWidget | None = None) -> QComboBox:
    """An editable list of categories: pick a usual one or type a new one (empty: no category)."""
    box = QComboBox(parent)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItem("")
    box.addItems(category_choices(used))
    box.setCurrentText(current)
    line = box.lineEdit()
    if line is not None:
        line.setPlaceholderText(tr("可不填，如 照片、文件、会议记录"))
    return box


class EvidenceDialog(RecordDialog):
    def __init__(self, record: EvidenceRecord, used: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(tr("修改佐证材料"), parent)
        self.setObjectName("evidence-dialog")
        name = QLabel(tr("{name}（{size}）").format(name=record.original_name, size=size_text(record.size)))
        name.setWordWrap(True)
        self.title = QLineEdit(record.title)
        self.category = category_box(used, record.category, self)
        self.period = PeriodEdit(record.period, tr("所属期"), self)
        self.period.setToolTip(
            tr("这份材料属于哪个报告期：2026-11（月）、2026-Q4（季度）或 2026（年度）；清空表示不限定")
        )
        note = QLabel(tr("只修改标题、类别和所属期，文件本身不变；修改会写入审计记录，可用 Ctrl+Z 撤销。"))
        note.setWordWrap(True)
        self.form.addRow(tr("文件"), name)
        self.form.addRow(tr("标题"), self.title)
        self.form.addRow(tr("类别"), self.category)
        self.form.addRow(tr("所属期"), self.period)
        self.form.addRow("", note)
        self.check = lambda: self.period.parse(self.period.text())

    def values(self) -> dict[str, Any]:
        """As typed: the operation reads the period (empty clears it) and refuses a malformed one."""
        return {"title": self.title.text(), "category": self.category.currentText(), "period": self.period.text()}
