"""Province-wide indicators as the office reads them, one line per goal: the goal, what was reached by the end
of the goal's year, what is reached now, how many units, and the verdict. The office window, the summary
PDF and the Excel workbook show these lines with these headings, so the same figure has the same name
everywhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from desktop.services.office.status import IndicatorStatus

INDICATOR = "全省指标"
GOAL = "规划目标"
BY_YEAR_END = "目标年底达到"
NOW = "目前达到"
UNITS_NOW = "目前达标单位"
VERDICT = "结论"
HEADINGS = (INDICATOR, GOAL, BY_YEAR_END, NOW, UNITS_NOW, VERDICT)
HINTS = {
    GOAL: "规划要求在该年 12 月 31 日前达到的比例",
    BY_YEAR_END: "到目标年份 12 月 31 日为止达标的单位占全部在用单位的比例；该年尚未结束时显示“年度未结束”",
    NOW: "截至今天达标的单位占全部在用单位的比例",
    UNITS_NOW: "截至今天达标的单位数 / 全部在用单位数（已吊销的单位不计）",
    VERDICT: "目标年份已结束的按年底的比例判定；尚未结束的按今天的比例判定",
}
YEAR_NOT_OVER = "年度未结束"
GOAL_TEXT = "{year}年底 {value}"
MET_EARLY = "已达到（年度未结束）"
# Every word and pattern above is shown through the window's translation (scripts/update_translations.py).
WORDS = (*HEADINGS, *HINTS.values(), YEAR_NOT_OVER, GOAL_TEXT, MET_EARLY)


def _same(text: str) -> str:
    return text


class Outcome(Enum):
    MET = "已达到"
    MISSED = "未达到"  # the goal's year is over: final
    NOT_YET = "尚未达到"  # the goal's year is not over


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    unit: str  # "%"
    goal_year: int | None  # None: an indicator without a dated goal
    goal_value: float | None
    by_year_end: float | None  # the share at the end of the goal's year; None while that year is not over
    now: float  # the share today
    achieved: tuple[str, ...]  # unit codes that have reached it today
    total: int  # active units
    outcome: Outcome | None

    def _value(self, value: float | None) -> str:
        return "—" if value is None else f"{value:g}{self.unit}"

    def texts(self, tr: Callable[[str], str] = _same) -> tuple[str, ...]:
        """The cells under HEADINGS as the PDF prints them; the window passes its translation `tr`."""
        goal = "—"
        if self.goal_year is not None:
            goal = tr(GOAL_TEXT).format(year=self.goal_year, value=self._value(self.goal_value))
        open_year = self.goal_year is not None and self.by_year_end is None
        year_end = tr(YEAR_NOT_OVER) if open_year else self._value(self.by_year_end)
        if self.outcome is None:
            verdict = "—"
        else:
            verdict = tr(MET_EARLY if self.outcome is Outcome.MET and open_year else self.outcome.value)
        return (self.name, goal, year_end, self._value(self.now), f"{len(self.achieved)}/{self.total}", verdict)


def indicator_lines(indicators: tuple[IndicatorStatus, ...]) -> list[IndicatorLine]:
    """One line per indicator and goal year (an indicator without goals gets one line without a goal)."""
    lines: list[IndicatorLine] = []
    for ind in indicators:
        for goal in ind.goals or (None,):
            if goal is None:
                lines.append(
                    IndicatorLine(ind.name, ind.unit, None, None, None, ind.share, ind.achieved, ind.total, None)
                )
                continue
            outcome = Outcome.MET if goal.met else (Outcome.MISSED if goal.final else Outcome.NOT_YET)
            by_year_end = goal.share if goal.final else None
            lines.append(
                IndicatorLine(
                    ind.name, ind.unit, goal.year, goal.value, by_year_end, ind.share, ind.achieved, ind.total, outcome
                )
            )
    return lines
