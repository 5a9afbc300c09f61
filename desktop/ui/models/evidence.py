"""The evidence list of one item (or of the whole home), read lazily page by page."""

from __future__ import annotations

from typing import Any

from desktop.domain.model import EvidenceRecord
from desktop.store import Store
from desktop.ui.format import local_time, period_code_label, size_text
from desktop.ui.i18n import tr
from desktop.ui.models.table import RIGHT, Column, KeysetTableModel

PAGE_SIZE = 200


def evidence_columns() -> list[Column[EvidenceRecord]]:
    return [
        Column(tr("标题"), lambda r: r.title),
        Column(tr("文件名"), lambda r: r.original_name),
        Column(tr("大小"), lambda r: size_text(r.size), RIGHT, sort_key=lambda r: r.size),
        Column(tr("所属期"), lambda r: period_code_label(r.period) if r.period else ""),
        Column(tr("类别"), lambda r: r.category),
        Column(tr("添加人"), lambda r: r.added_by),
        Column(tr("添加时间"), lambda r: local_time(r.added_at)),
        Column(tr("SHA-256"), lambda r: r.sha256[:16] + "…", tooltip=lambda r: r.sha256),
    ]


class EvidenceModel(KeysetTableModel[EvidenceRecord]):
    """Evidence records of `item_id` (None: every item), fetched with `store.evidence.find(after_id, limit)`."""

    def __init__(self, store: Store, item_id: int | None, parent: Any = None) -> None:
        self.store = store
        self.item_id = item_id
        super().__init__(evidence_columns(), self._page, page_size=PAGE_SIZE, parent=parent)

    def _page(self, after_id: int, limit: int) -> list[EvidenceRecord]:
        return self.store.evidence.find(self.item_id, after_id=after_id, limit=limit)

    def show_item(self, item_id: int | None) -> None:
        self.item_id = item_id
        self.reset()
