"""The window's colours and recurring text styles, named in one place.

Widgets say what a text is (a hint, a note, a heading, a success) and take its look from here, so a colour is
changed once and two greys never drift apart. No other module under desktop/ui writes a colour literal
(tests/ui/test_theme.py). Plain strings only: imported on the way to the first paint.
"""

from __future__ import annotations

from desktop.domain.health import Light
from desktop.domain.status import ReviewState

# -- colours -------------------------------------------------------------------------------------------
HINT_GREY = "#666"  # hints, empty-list notes, "saved at" marks
NOTE_GREY = "#555"  # a secondary line under a heading, explanations
SUCCESS_GREEN = "#2e7d32"  # done, enough space, imported
PENDING_AMBER = "#b26a00"  # waiting for someone (a submitted period)
ERROR_RED = "#7a1a12"  # text saying something went wrong or was refused
DANGER_RED = "#b71c1c"  # the heading of a damaged-database warning
LINK_BLUE = "#1565c0"  # a flat button that reads as a link
OFFICE_RED = "#b3261e"  # what the office sent back: a returned period, its comments

LIGHT_COLORS = {  # the status lights of the plan tree and tables
    Light.GREY: "#9e9e9e",
    Light.GREEN: SUCCESS_GREEN,
    Light.YELLOW: "#f2a900",
    Light.RED: "#c62828",
}
REVIEW_STATE_COLORS = {
    ReviewState.DRAFT: NOTE_GREY,
    ReviewState.SUBMITTED: PENDING_AMBER,
    ReviewState.APPROVED: SUCCESS_GREEN,
}

# Pale cell backgrounds of the office's unit matrix: the eye finds the laggards without reading every number.
REPORT_STATE_BACKGROUNDS = {"reported": "#e3f2e5", "missing": "#fdecea", "revoked": "#eeeeee", "waiting": "#fff6df"}
REFUSED_CELL_BACKGROUND = "#fdecea"  # a grid cell holding typed input that was refused (not saved)
PERCENT_BACKGROUNDS = ((80, "#dcefdc"), (50, "#eef6e4"), (20, "#fff4dc"), (0, "#fbe3e1"))  # (from percent, colour)

# -- style sheets --------------------------------------------------------------------------------------


def text_color(color: str) -> str:
    """A style sheet that only colours the text."""
    return f"color:{color};"


HINT = text_color(HINT_GREY)
NOTE = text_color(NOTE_GREY)
SUCCESS = text_color(SUCCESS_GREEN)
ERROR = text_color(ERROR_RED)
LINK = f"color:{LINK_BLUE}; text-align:left;"

BOLD = "font-weight:bold;"
OFFICE_NOTE = f"color:{OFFICE_RED}; font-weight:bold;"  # a line saying the office returned something
RETURNED_BOX = f"QGroupBox {{ color:{OFFICE_RED}; font-weight:bold; }} QLabel {{ font-weight:normal; color:#222; }}"
TITLE = "font-size:18px; font-weight:bold;"  # the sign-in dialog's name of the program
HEADING = "font-size:16px; font-weight:bold;"  # a page's heading
DANGER_HEADING = f"{HEADING} color:{DANGER_RED};"
ITEM_TITLE = "font-size:15px; font-weight:bold;"  # the selected item in the detail panel


def padded(style: str, pixels: int) -> str:
    """`style` with room around the text (an empty-view message in a larger area)."""
    return f"{style} padding:{pixels}px;"


# A line edit whose text is refused (a number out of range, not a date): kept as typed, marked.
WRONG_FIELD = "QLineEdit { border:1px solid #d93025; background:#fdecea; }"

MESSAGE_BAR = {  # kind -> the inline message line's label style
    kind: f"QLabel {{ background:{back}; border:1px solid {border}; color:{text}; padding:6px; border-radius:3px; }}"
    for kind, (back, border, text) in {
        "info": ("#e8f1fb", "#9cc3ea", "#123c69"),
        "warning": ("#fff6df", "#f0c36d", "#5c4100"),
        "error": ("#fdecea", "#f2a7a0", ERROR_RED),
    }.items()
}
