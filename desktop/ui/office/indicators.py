"""Province-wide indicators against the plan's dated goals (e.g. 规范化监狱创建达标率: 80% by 2023, 100% by
2025), one row per indicator and goal year: the lines, headings and words of
desktop.services.office.indicator_lines, which the summary PDF prints too."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from desktop.domain.health import Light
from desktop.services.office.indicator_lines import (
    HEADINGS,
    HINTS,
    UNITS_NOW,
    IndicatorLine,
    Outcome,
    indicator_lines,
)
from desktop.services.office.status import IndicatorStatus
from desktop.ui.i18n import tr
from desktop.ui.models.table import CENTER, LEFT, RIGHT, Column
from desktop.ui.widgets.lights import light_icon

_ALIGN = (LEFT, CENTER, RIGHT, RIGHT, CENTER, CENTER)
_LIGHTS = {Outcome.MET: Light.GREEN, Outcome.MISSED: Light.RED, Outcome.NOT_YET: Light.YELLOW}


def goal_rows(indicators: tuple[IndicatorStatus, ...]) -> list[IndicatorLine]:
    return indicator_lines(indicators)


def _light(line: IndicatorLine) -> QIcon | None:
    return light_icon(_LIGHTS[line.outcome]) if line.outcome else None


def _sort_keys(line: IndicatorLine) -> tuple[object, ...]:
    return (
        line.name,
        line.goal_year or 0,
        -1.0 if line.by_year_end is None else line.by_year_end,
        line.now,
        len(line.achieved),
        line.outcome.value if line.outcome else "",
    )


def _column(index: int, heading: str) -> Column[IndicatorLine]:
    def tooltip(line: IndicatorLine) -> str:
        if heading == UNITS_NOW:
            return tr("、").join(line.achieved) or tr("暂无")
        return tr(HINTS[heading]) if heading in HINTS else ""

    return Column(
        tr(heading),
        lambda line: line.texts(tr)[index],
        _ALIGN[index],
        tooltip=tooltip,
        icon=_light if index == len(HEADINGS) - 1 else None,
        sort_key=lambda line: _sort_keys(line)[index],
    )


def goal_columns() -> list[Column[IndicatorLine]]:
    return [_column(index, heading) for index, heading in enumerate(HEADINGS)]
