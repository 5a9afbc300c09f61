"""The shipped CJK font for PDFs, and a guard that swaps characters it lacks for a visible glyph.

reportlab's built-in STSong-Light is not embedded: viewers without Adobe's language packs show blank
pages. WenQuanYi Micro Hei (TrueType outlines) embeds as a subset, so every reader sees the same text.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from itertools import accumulate
from xml.sax.saxutils import escape

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop import paths
from desktop.domain.errors import StoreError

FONT_NAME = "WenQuanYiMicroHei"
REPLACEMENT = "\ufffd"  # the font has it; shown wherever a character has no glyph
_lock = threading.Lock()


class _Fallback(dict[int, int | None]):
    """A `str.translate` table that learns each code point once: kept, dropped (CR), or REPLACEMENT."""

    def __init__(self, covered: frozenset[int]) -> None:
        super().__init__()
        self._covered = covered

    def __missing__(self, code: int) -> int | None:
        value: int | None
        if code == 0x0D:
            value = None  # CRLF from Windows text becomes a plain newline
        elif code == 0x09:
            value = 0x20  # a tab has no glyph
        elif code in self._covered or code == 0x0A:
            value = code
        else:
            value = ord(REPLACEMENT)
        self[code] = value
        return value


_table: _Fallback | None = None


class _Advance(dict[str, float]):
    """Glyph advance per character in 1/1000 em; unknown characters (shown as REPLACEMENT) get 1 em."""

    def __missing__(self, ch: str) -> float:
        return 1000.0


_advance = _Advance()


def register_cjk_font() -> str:
    """Register the font with reportlab once per process; return its name for styles."""
    global _table
    with _lock:
        if _table is not None:
            return FONT_NAME
        path = paths.cjk_font_file()
        try:
            font = TTFont(FONT_NAME, str(path), subfontIndex=0)
        except (OSError, ValueError) as exc:
            raise StoreError(f"找不到或无法读取报告字体 {path}（{exc}）：安装不完整，请重新安装本程序。") from exc
        pdfmetrics.registerFont(font)
        _advance.update((chr(code), float(w)) for code, w in font.face.charWidths.items())
        _advance.setdefault("\ufffd", float(font.face.defaultWidth))
        _table = _Fallback(frozenset(font.face.charToGlyph))
    return FONT_NAME


def safe_text(text: object) -> str:
    """`text` with every character the font cannot draw replaced by a visible stand-in."""
    if _table is None:
        register_cjk_font()
    assert _table is not None
    return str(text).translate(_table)


def markup_lines(text: object, max_width: float, size: float) -> str:
    """Paragraph markup already broken into lines by `wrap_lines` (reportlab's own CJK breaking lets a
    line start with "，"), so the Paragraph only has to lay lines out and split them across pages."""
    return "<br/>".join(escape(line) for line in wrap_lines(text, max_width, size))


def width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT_NAME, size))


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_-.@")


# reportlab's lists lack most full-width punctuation used in Chinese (，；：？！”》…).
_NO_LINE_START = frozenset(ALL_CANNOT_START + "，；：？！”’》〉｝）…—～·、。 ")
_NO_LINE_END = frozenset(ALL_CANNOT_END + "“‘《〈｛（")


def _can_break(before: str, after: str) -> bool:
    """May a line end after `before` and the next start with `after`?"""
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    return not (_is_word(before) and _is_word(after))


def wrap_lines(text: object, max_width: float, size: float) -> list[str]:
    """Break text into lines no wider than `max_width` points, the way Chinese is set: between any two
    characters, but not inside a Latin word and not before closing punctuation (unless a line has no
    other place to break). Cheap enough for tens of thousands of table cells, unlike a Paragraph."""
    if _table is None:
        register_cjk_font()
    limit = max_width * 1000.0 / size
    lines: list[str] = []
    for part in safe_text(text).split("\n"):
        ends = list(accumulate(map(_advance.__getitem__, part)))
        start, base = 0, 0.0
        while start < len(part):
            over = max(bisect_right(ends, base + limit, lo=start), start + 1)  # first character that does not fit
            if over >= len(part):
                lines.append(part[start:].rstrip(" "))
                break
            cut = over
            while cut > start + 1 and not _can_break(part[cut - 1], part[cut]):
                cut -= 1
            if cut == start + 1 and not _can_break(part[start], part[start + 1]):
                cut = max(over, start + 1)  # no break opportunity: cut where the line is full
            lines.append(part[start:cut].rstrip(" "))
            start = cut
            while start < len(part) and part[start] == " ":
                start += 1
            base = ends[start - 1] if start else 0.0
        else:
            lines.append("")
    return lines
