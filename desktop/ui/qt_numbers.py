"""Qt's item-data roles and alignment flags as plain ints, for the code on the way to the main window's first paint.

PySide builds the Python enums of the whole `Qt` namespace (~80 enums, ~1,400 members) the first time anything
touches it: 25-45 ms on this project's reference machine, most of a third of the main window's build. The first
paint needs none of them when models compare roles and return alignments as the numbers Qt itself uses
(qnamespace.h, fixed by Qt's binary compatibility; tests/ui/test_quick_first_paint.py checks each against PySide).
Code that runs after the first paint uses `Qt.` as usual; shortcuts wait for the first paint for the same reason
(MainWindow.set_shortcut).
"""

from __future__ import annotations

DISPLAY_ROLE = 0
DECORATION_ROLE = 1
TOOLTIP_ROLE = 3
TEXT_ALIGNMENT_ROLE = 7
USER_ROLE = 0x0100

ALIGN_LEFT = 0x0001
ALIGN_RIGHT = 0x0002
ALIGN_H_CENTER = 0x0004
ALIGN_V_CENTER = 0x0080
ALIGN_CENTER = ALIGN_H_CENTER | ALIGN_V_CENTER
