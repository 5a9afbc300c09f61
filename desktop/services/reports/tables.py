"""Data tables for the reports: wrapped Chinese cells, a header repeated on every page, any length.

reportlab's own Table is what makes a 5,000-row evidence index slow: every page split re-measures all
remaining rows, a Paragraph per cell measures each character again and again, and each cell line gets
its own text object. Here each cell is broken into lines once (`fonts.wrap_lines`), so every row height
is known before layout; each page takes exactly the rows that fit and draws them with one text object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from desktop.services.reports.fonts import register_cjk_font, width, wrap_lines
from desktop.services.reports.pdf_parts import CELL_LEADING, CELL_PAD, CELL_SIZE, FRAME_HEIGHT, GRID, HEADER_FILL, INK

_TOP_PAD = CELL_PAD - 0.5
_EPSILON = 0.01


@dataclass(frozen=True)
class Row:
    """One row as the caller gives it: any values (shown with str) and optional fills as
    (first column, last column, colour); -1 means the last column."""

    values: Sequence[object]
    fills: tuple[tuple[int, int, Color], ...] = ()


@dataclass(frozen=True)
class _Laid:
    lines: tuple[tuple[str, ...], ...]  # per cell
    fills: tuple[tuple[int, int, Color], ...]
    height: float


def _height(lines: Sequence[Sequence[str]]) -> float:
    return max((len(c) for c in lines), default=1) * CELL_LEADING + _TOP_PAD + CELL_PAD


def _lay(values: Sequence[object], widths: Sequence[float], fills: tuple[tuple[int, int, Color], ...]) -> _Laid:
    lines = tuple(
        tuple(wrap_lines("" if v is None else v, w - 2 * CELL_PAD, CELL_SIZE))
        for v, w in zip(values, widths, strict=True)
    )
    return _Laid(lines, fills, _height(lines))


def _cut(row: _Laid, keep: int) -> tuple[_Laid, _Laid]:
    """Split a row taller than a page after `keep` lines of every cell."""
    head = tuple(c[:keep] for c in row.lines)
    tail = tuple(c[keep:] for c in row.lines)
    return _Laid(head, row.fills, _height(head)), _Laid(tail, row.fills, _height(tail))


class PagedTable(Flowable):  # type: ignore[misc]
    """A bordered table whose shaded header row repeats after every page break."""

    def __init__(
        self,
        header: _Laid,
        rows: list[_Laid],
        widths: Sequence[float],
        centered: frozenset[int],
        total: float | None = None,
    ) -> None:
        super().__init__()
        self.header = header
        self.rows = rows
        self.widths = list(widths)
        self.centered = centered
        self.total = total if total is not None else sum(r.height for r in rows)
        self.width = sum(self.widths)
        self.height = header.height + self.total

    def _sibling(self, rows: list[_Laid], total: float | None = None) -> PagedTable:
        return PagedTable(self.header, rows, self.widths, self.centered, total)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        used, count = self.header.height, 0
        for row in self.rows:
            if used + row.height > avail_height - _EPSILON:
                break
            used += row.height
            count += 1
        if count:
            done = used - self.header.height
            return [self._sibling(self.rows[:count], done), self._sibling(self.rows[count:], self.total - done)]
        first = self.rows[0] if self.rows else None
        if first is None or self.header.height + first.height <= FRAME_HEIGHT:
            return []  # the next row fits on a fresh page: move on
        keep = int((avail_height - self.header.height - _TOP_PAD - CELL_PAD - _EPSILON) // CELL_LEADING)
        if keep < 1:
            return []
        head, tail = _cut(first, keep)
        return [self._sibling([head]), self._sibling([tail, *self.rows[1:]])]

    def draw(self) -> None:
        canv = self.canv
        xs = [0.0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        top = self.height
        placed = [(self.header, ((0, -1, HEADER_FILL),)), *((r, r.fills) for r in self.rows)]
        canv.saveState()
        for row, fills in placed:
            for first, last, colour in fills:
                end = len(self.widths) if last == -1 else last + 1
                canv.setFillColor(colour)
                canv.rect(xs[first], top - row.height, xs[end] - xs[first], row.height, stroke=0, fill=1)
            top -= row.height
        text = canv.beginText()
        text.setFont(register_cjk_font(), CELL_SIZE, CELL_LEADING)
        text.setFillColor(INK)
        top = self.height
        for row, _ in placed:
            for column, lines in enumerate(row.lines):
                if not any(lines):
                    continue
                if column in self.centered:
                    baseline = top - _TOP_PAD - CELL_SIZE
                    for line in lines:
                        text.setTextOrigin(xs[column] + (self.widths[column] - width(line, CELL_SIZE)) / 2, baseline)
                        text.textOut(line)
                        baseline -= CELL_LEADING
                else:  # one origin per cell, then T* line feeds: fewer numbers to format
                    text.setTextOrigin(xs[column] + CELL_PAD, top - _TOP_PAD - CELL_SIZE)
                    for line in lines:
                        text.textLine(line)
            top -= row.height
        canv.drawText(text)
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.4)
        grid = [(x, 0.0, x, self.height) for x in xs]
        top = self.height
        for row, _ in placed:
            grid.append((0.0, top, xs[-1], top))
            top -= row.height
        grid.append((0.0, top, xs[-1], top))
        canv.lines(grid)
        canv.restoreState()


def data_table(
    titles: Sequence[str], rows: Sequence[Row], widths: Sequence[float], centered: Sequence[int] = ()
) -> PagedTable:
    """Lay out every cell once; columns in `centered` are centred (figures), the rest left-aligned."""
    header = _lay(titles, widths, ())
    laid = [_lay(r.values, widths, r.fills) for r in rows]
    return PagedTable(header, laid, widths, frozenset(centered))
