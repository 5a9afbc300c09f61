"""Bar charts for the project summary, drawn with reportlab graphics (vector, same font as the text)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desktop.domain.health import Light
from desktop.services.reports.fonts import register_cjk_font, safe_text

LIGHT_COLORS = {
    Light.GREEN: colors.HexColor("#2e7d32"),
    Light.YELLOW: colors.HexColor("#f9a825"),
    Light.RED: colors.HexColor("#c62828"),
    Light.GREY: colors.HexColor("#b0b8c1"),
}
LIGHT_ORDER = (Light.GREEN, Light.YELLOW, Light.RED, Light.GREY)
_BAR = colors.HexColor("#3e6fa3")
_LABEL_WIDTH = 92.0


def _chart(width: float, height: float, names: Sequence[str], top_margin: float) -> HorizontalBarChart:
    font = register_cjk_font()
    chart = HorizontalBarChart()
    chart.x = _LABEL_WIDTH
    chart.y = 16
    chart.width = width - _LABEL_WIDTH - 24
    chart.height = height - chart.y - top_margin
    chart.categoryAxis.categoryNames = [safe_text(n) for n in names]
    chart.categoryAxis.reverseDirection = 1  # first project on top, as in the table
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.barSpacing = 2
    chart.groupSpacing = 8
    chart.strokeColor = None
    return chart


def _drawing(width: float, height: float, title: str) -> Drawing:
    font = register_cjk_font()
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # the renderer's default; else the PDF names Helvetica, never embedded
    drawing.add(String(width / 2, height - 12, safe_text(title), fontName=font, fontSize=10, textAnchor="middle"))
    return drawing


def percent_chart(names: Sequence[str], percents: Sequence[int], width: float, height: float) -> Drawing:
    """Completion percent per project as horizontal bars labelled with the figure."""
    drawing = _drawing(width, height, "各工程完成百分比（%）")
    chart = _chart(width, height, names, 22)
    chart.data = [list(percents) or [0]]
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.bars[0].fillColor = _BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d%%"
    chart.barLabels.fontName = register_cjk_font()
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def lights_chart(names: Sequence[str], counts: Sequence[dict[Light, int]], width: float, height: float) -> Drawing:
    """Tasks per project stacked by status light (正常 / 临近到期 / 逾期/滞后 / 未填报), with a legend."""
    drawing = _drawing(width, height, "各工程任务状态（项）")
    chart = _chart(width, height, names, 40)
    chart.categoryAxis.style = "stacked"
    chart.data = [[c.get(light, 0) for c in counts] or [0] for light in LIGHT_ORDER]
    most = max((sum(c.values()) for c in counts), default=0)
    chart.valueAxis.valueMax = max(most, 1)
    chart.valueAxis.valueStep = max(1, (most + 4) // 5)
    for index, light in enumerate(LIGHT_ORDER):
        chart.bars[index].fillColor = LIGHT_COLORS[light]
        chart.bars[index].strokeColor = colors.white
        chart.bars[index].strokeWidth = 0.5
    drawing.add(chart)
    legend = Legend()
    legend.fontName = register_cjk_font()
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 7
    legend.deltax = 70
    legend.x = _LABEL_WIDTH
    legend.y = height - 24
    legend.colorNamePairs = [(LIGHT_COLORS[light], light.label) for light in LIGHT_ORDER]
    drawing.add(legend)
    return drawing
