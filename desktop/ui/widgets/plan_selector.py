"""Toolbar control for the plan the unit's views show, beside the period selector: every plan the home holds
(desktop.services.plans.held_plans), the current one chosen first. With one plan held it only names it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop.ui.i18n import tr

if TYPE_CHECKING:
    from desktop.services.plans import HeldPlan

_TOOLTIP = Qt.ItemDataRole.ToolTipRole


def plan_label(plan: HeldPlan) -> str:
    """E.g. 广东省监狱工作发展“十四五”规划（2021–2025）."""
    return tr("{title}（{start}–{end}）").format(title=plan.title, start=plan.start_year, end=plan.end_year)


def plan_tooltip(plan: HeldPlan) -> str:
    source = (
        tr("随程序附带") if plan.received_at is None else tr("省局送达于 {when}").format(when=plan.received_at[:10])
    )
    text = tr("{id} 版本 {version}，{source}").format(id=plan.id, version=plan.version, source=source)
    return text + (tr("（当前规划）") if plan.current else "")


class PlanSelector(QWidget):
    plan_selected = Signal(str)  # a plan's id

    def __init__(self, plans: Sequence[HeldPlan], chosen: str, parent: Any = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(QLabel(tr("规划")))
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(self.combo)
        self.set_plans(plans, chosen)
        self.combo.currentIndexChanged.connect(self._changed)

    def set_plans(self, plans: Sequence[HeldPlan], chosen: str) -> None:
        """Fill the list (again, after an answer brought a plan) without announcing a choice."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for plan in plans:
            self.combo.addItem(plan_label(plan), plan.id)
            self.combo.setItemData(self.combo.count() - 1, plan_tooltip(plan), _TOOLTIP)
        self.combo.setCurrentIndex(max(self.combo.findData(chosen), 0))
        self.combo.setEnabled(len(plans) > 1)  # one plan: named, nothing to choose
        self.combo.setToolTip(self.combo.currentData(_TOOLTIP) or "")
        self.combo.blockSignals(False)

    def chosen(self) -> str:
        return str(self.combo.currentData() or "")

    def _changed(self) -> None:
        self.combo.setToolTip(self.combo.currentData(_TOOLTIP) or "")
        if self.chosen():
            self.plan_selected.emit(self.chosen())
