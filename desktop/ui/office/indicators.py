"""Province-wide indicators against the plan's dated goals (e.g. 规范化监狱创建达标率: 80% by 2023, 100% by
2025), one row per indicator and goal year, from `province_status(...).indicators`."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QIcon

from desktop.domain.health import Light
from desktop.services.office.status import GoalStatus, IndicatorStatus
from desktop.ui.i18n import tr
from desktop.ui.models.table import CENTER, RIGHT, Column
from desktop.ui.widgets.lights import light_icon


@dataclass(frozen=True)
class GoalRow:
    indicator: IndicatorStatus
    goal: GoalStatus


def goal_rows(indicators: tuple[IndicatorStatus, ...]) -> list[GoalRow]:
    return [GoalRow(i, g) for i in indicators for g in i.goals]


def verdict(row: GoalRow) -> str:
    if row.goal.met:
        return tr("已达成")
    return tr("未达成") if row.goal.final else tr("尚未达到")


def _light(row: GoalRow) -> QIcon:
    if row.goal.met:
        return light_icon(Light.GREEN)
    return light_icon(Light.RED if row.goal.final else Light.YELLOW)


def _value(value: float, unit: str) -> str:
    return f"{value:g}{unit}"


def goal_columns() -> list[Column[GoalRow]]:
    return [
        Column(tr("全省指标"), lambda r: r.indicator.name),
        Column(tr("目标年份"), lambda r: str(r.goal.year), CENTER, sort_key=lambda r: r.goal.year),
        Column(tr("目标值"), lambda r: _value(r.goal.value, r.indicator.unit), RIGHT, sort_key=lambda r: r.goal.value),
        Column(
            tr("当年实际"),
            lambda r: _value(r.goal.share, r.indicator.unit),
            RIGHT,
            tooltip=lambda r: tr("该年年末的实际值") if r.goal.final else tr("截至今日的实际值"),
            sort_key=lambda r: r.goal.share,
        ),
        Column(
            tr("目前达标单位"),  # today's count; a past year's share above is as of that year's end
            lambda r: f"{len(r.indicator.achieved)}/{r.indicator.total}",
            CENTER,
            tooltip=lambda r: tr("、").join(r.indicator.achieved) or tr("暂无"),
        ),
        Column(tr("结果"), verdict, CENTER, icon=_light),
    ]
