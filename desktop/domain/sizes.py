"""File and bundle sizes as people read them (a 25 KB bundle is not "0.0 MiB").

One rule for the window, the command line and the reports: bytes as a whole number below 1 KB, then KB, MB
or GB (steps of 1024) with one decimal; the unit is chosen after rounding, so a size never shows as
"1024.0 KB" but as "1.0 MB".
"""

from __future__ import annotations


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = size / 1024
    for unit in ("KB", "MB"):
        if round(value, 1) < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
