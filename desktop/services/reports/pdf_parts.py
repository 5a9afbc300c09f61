"""Building blocks for the A4 Chinese reports: page geometry, paragraph styles, page furniture."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from desktop.services.reports.fonts import markup_lines, register_cjk_font, safe_text

PAGE = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN_X
TEXT_WIDTH = CONTENT_WIDTH - 12  # SimpleDocTemplate's frame pads 6 pt each side
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM - 12  # SimpleDocTemplate's frame pads 6 pt each side

CELL_SIZE = 8.0
CELL_LEADING = 10.5
CELL_PAD = 2.5
HEADER_FILL = colors.HexColor("#dde6f0")
GRID = colors.HexColor("#9aa5b1")
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    note: ParagraphStyle


def make_styles() -> Styles:
    font = register_cjk_font()

    def style(name: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
        extra.setdefault("textColor", INK)
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **extra)

    return Styles(
        title=style("title", 24, 34, alignment=TA_CENTER, spaceAfter=10),
        subtitle=style("subtitle", 13, 20, alignment=TA_CENTER, textColor=MUTED, spaceAfter=6),
        h1=style("h1", 15, 22, spaceBefore=8, spaceAfter=6, textColor=colors.HexColor("#102a43")),
        h2=style("h2", 12, 18, spaceBefore=8, spaceAfter=4, textColor=colors.HexColor("#243b53")),
        h3=style("h3", 10, 15, spaceBefore=6, spaceAfter=3),
        body=style("body", 9.5, 15, spaceAfter=4),
        note=style("note", 8.5, 13, textColor=MUTED, spaceAfter=4),
    )


def para(text: object, style: ParagraphStyle, width: float = TEXT_WIDTH) -> Paragraph:
    """A paragraph of plain text `width` points wide (the text column unless it sits in a table cell)."""
    return Paragraph(markup_lines(text, width - 0.5, style.fontSize), style)


def numbered_canvas(header: str, pages: list[int]) -> type[Canvas]:
    """A canvas class that writes the running header and "第 X 页 共 Y 页" once the page count is known.

    `pages` receives the final page count (the build creates the canvas itself, so it cannot return it).
    """
    font = register_cjk_font()
    header_text = safe_text(header)

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = font  # else every page names Helvetica, which is never embedded
            super().__init__(*args, **kwargs)
            self._states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._states)
            for state in self._states:
                self.__dict__.update(state)
                self._furniture(total)
                Canvas.showPage(self)
            pages.append(total)
            Canvas.save(self)

        def _furniture(self, total: int) -> None:
            number = self.getPageNumber()
            w, h = self._pagesize
            self.saveState()
            self.setFont(font, 8)
            self.setFillColor(MUTED)
            self.setStrokeColor(GRID)
            if number > 1:
                self.drawString(MARGIN_X, h - 12 * mm, header_text)
                self.line(MARGIN_X, h - 13.5 * mm, w - MARGIN_X, h - 13.5 * mm)
            self.drawCentredString(w / 2, 10 * mm, f"第 {number} 页 共 {total} 页")
            self.restoreState()

    return NumberedCanvas


Progress = Callable[[int, int], None]
