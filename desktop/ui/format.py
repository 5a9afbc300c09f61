"""How numbers, sizes and times look on screen."""

from __future__ import annotations

import datetime as dt

from desktop.domain.sizes import size_text
from desktop.ui.i18n import tr

__all__ = ["date_text", "days_text", "local_time", "number_text", "size_text"]


def local_time(stamp: str) -> str:
    """A stored UTC stamp (2026-11-26T10:00:00Z) as local wall-clock time, to the minute."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def days_text(days: int) -> str:
    if days < 0:
        return tr("逾期 {n} 天").format(n=-days)
    if days == 0:
        return tr("今天到期")
    return tr("还有 {n} 天").format(n=days)
