"""The preview and the facts shown beside the evidence list: file, category, period, hash, who added it and
when, and what the last check found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.model import EvidenceRecord
from desktop.ui.format import local_time, period_code_label, size_text
from desktop.ui.i18n import tr
from desktop.ui.widgets.preview import PreviewPane


def check_text(record: EvidenceRecord, digest: str | None) -> tuple[bool, str]:
    """Whether the stored file is intact, and the sentence saying so (`digest` None: the file is missing)."""
    if digest is None:
        return False, tr("文件缺失：{name}，请从备份恢复。").format(name=record.original_name)
    if digest == record.sha256:
        return True, tr("校验通过：文件完好，SHA-256 一致。")
    return False, tr("校验失败：文件内容已被改动（SHA-256 不符），请从备份恢复。")


class EvidenceInfo(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.preview = PreviewPane()
        self.name = QLabel()
        self.category = QLabel()
        self.period = QLabel()
        self.hash = QLabel()
        self.added = QLabel()
        self.check = QLabel()
        self.labels = (self.name, self.category, self.period, self.hash, self.added, self.check)
        for label in self.labels:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
        info = QFormLayout()
        info.addRow(tr("文件"), self.name)
        info.addRow(tr("类别"), self.category)
        info.addRow(tr("所属期"), self.period)
        info.addRow(tr("SHA-256"), self.hash)
        info.addRow(tr("添加"), self.added)
        info.addRow(tr("校验"), self.check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addLayout(info)

    def show_record(self, record: EvidenceRecord | None, path: Path | None) -> None:
        """`record` and its stored file `path` (None, None: nothing selected)."""
        if record is None or path is None:
            self.preview.show_message(tr("选择一份材料即可在此预览。"))
            for label in self.labels:
                label.clear()
            return
        self.name.setText(
            tr("{name}（{size}，{type}）").format(
                name=record.original_name, size=size_text(record.size), type=record.media_type
            )
        )
        self.category.setText(record.category or tr("（未分类）"))
        self.period.setText(period_code_label(record.period) if record.period else tr("（未指定）"))
        self.hash.setText(record.sha256)
        self.added.setText(f"{record.added_by}　{local_time(record.added_at)}")
        self.check.setText(tr("未校验") if path.is_file() else tr("文件缺失"))
        self.preview.show_file(path, record.media_type)
