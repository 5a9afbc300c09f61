"""How numbers, sizes and times look on screen."""

from __future__ import annotations

import datetime as dt

from desktop.domain.errors import PlanProgressError
from desktop.domain.periods import Period, PeriodKind, parse_period
from desktop.domain.sizes import size_text
from desktop.ui.i18n import tr, tr_noop

__all__ = [
    "date_text",
    "days_text",
    "local_time",
    "number_text",
    "period_code_label",
    "period_label",
    "size_text",
]

_QUARTERS = (tr_noop("一"), tr_noop("二"), tr_noop("三"), tr_noop("四"))


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


def period_label(period: Period) -> str:
    """The period in the interface language. `Period.label` stays Chinese on purpose: reports and file names
    are Chinese documents for the provincial office; in Chinese this gives exactly that label."""
    if period.kind is PeriodKind.MONTH:
        return tr("{year}年{month}月").format(year=period.year, month=period.index)
    if period.kind is PeriodKind.QUARTER:
        return tr("{year}年第{quarter}季度").format(year=period.year, quarter=tr(_QUARTERS[period.index - 1]))
    return tr("{year}年度").format(year=period.year)


def period_code_label(code: str) -> str:
    """2026-Q4 as `period_label` shows it; a code that is not a period is shown as it was stored."""
    try:
        return period_label(parse_period(code))
    except PlanProgressError:
        return code
