"""Reporting periods: a month (`2026-11`), a quarter (`2026-Q4`) or a year (`2026`)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from enum import Enum

import msgspec

from desktop.domain.errors import InputError

_MONTH = re.compile(r"^(\d{4})(?:-|年)(\d{1,2})月?$")
_QUARTER = re.compile(r"^(\d{4})(?:-?[Qq]|年第)([1-4一二三四])(?:季度)?$")
_YEAR = re.compile(r"^(\d{4})(?:年度?)?$")
# Dates as clerks write them: 2026-11-30, 2026/11/30, 2026.11.30, 2026年11月30日.
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
# Dashes a Chinese input method types for "-" (NFKC leaves these as they are).
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_FIRST_YEAR, _LAST_YEAR = 2000, 2100


def _typed(text: str) -> str:
    """What a clerk typed, with full-width forms (２０２６－Ｑ４, from a Chinese input method) made plain."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


class PeriodKind(Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Period(msgspec.Struct, frozen=True, order=True):
    """A reporting period. Not tied to the plan's years: work goes on after 2025."""

    year: int
    kind: PeriodKind
    index: int  # month 1-12, quarter 1-4, or 0 for a whole year

    @property
    def code(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.year:04d}-{self.index:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year:04d}-Q{self.index}"
        return f"{self.year:04d}"

    @property
    def label(self) -> str:
        """Chinese label for screens and reports."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}年{self.index}月"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年第{'一二三四'[self.index - 1]}季度"
        return f"{self.year}年度"

    @property
    def start(self) -> dt.date:
        if self.kind is PeriodKind.MONTH:
            return dt.date(self.year, self.index, 1)
        if self.kind is PeriodKind.QUARTER:
            return dt.date(self.year, 3 * self.index - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the period."""
        if self.kind is PeriodKind.MONTH:
            last_month = self.index
        elif self.kind is PeriodKind.QUARTER:
            last_month = 3 * self.index
        else:
            last_month = 12
        if last_month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, last_month + 1, 1) - dt.timedelta(days=1)

    def __str__(self) -> str:
        return self.code


@functools.lru_cache(maxsize=4096)
def parse_period(text: str, what: str = "报告期") -> Period:
    """Parse `2026-11`, `2026-Q4` or `2026` (also the labels the app shows: 2026年11月, 2026年第四季度,
    2026年度); raise InputError with an example otherwise, naming the field as `what`. Remembered (a Period
    is immutable): the office's roll-up parses the same few hundred codes for every unit."""
    value = _typed(text)
    hint = f"{what}“{text}”格式不正确：请写成 2026-11（月）、2026-Q4（季度）或 2026（年度）。"
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise InputError(hint)
        period = Period(year, PeriodKind.MONTH, month)
    elif m := _QUARTER.match(value):
        quarter = _CHINESE_DIGITS.get(m[2]) or int(m[2])
        period = Period(int(m[1]), PeriodKind.QUARTER, quarter)
    elif m := _YEAR.match(value):
        period = Period(int(m[1]), PeriodKind.YEAR, 0)
    else:
        raise InputError(hint)
    if not _FIRST_YEAR <= period.year <= _LAST_YEAR:
        raise InputError(
            f"{what}“{text}”的年份超出范围：请写 {_FIRST_YEAR} 至 {_LAST_YEAR} 年之间的报告期，"
            "如 2026-11（月）、2026-Q4（季度）或 2026（年度）。"
        )
    return period


@functools.lru_cache(maxsize=4096)
def period_span(code: str) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) of a stored period code, or None for a code that is not a period. Remembered: the
    office's roll-up orders and compares the same few dozen codes for every unit."""
    try:
        period = parse_period(code)
    except InputError:
        return None
    return period.start, period.end


def parse_optional_period(text: str | None, what: str) -> Period | None:
    """A period a record may have or not (the period an evidence file belongs to): empty text means none;
    anything else must be a period as `parse_period` reads it."""
    if text is None or not _typed(text):
        return None
    return parse_period(text, what)


def current_period(kind: PeriodKind, today: dt.date) -> Period:
    if kind is PeriodKind.MONTH:
        return Period(today.year, kind, today.month)
    if kind is PeriodKind.QUARTER:
        return Period(today.year, kind, (today.month - 1) // 3 + 1)
    return Period(today.year, kind, 0)


def parse_date(text: str, what: str = "日期") -> dt.date:
    """Parse `2026-11-30` (or 2026/11/30, 2026.11.30, 2026年11月30日); raise InputError naming the field otherwise."""
    try:
        m = _DATE.match(_typed(text))
        if not m:
            raise ValueError(text)
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise InputError(f"{what}“{text}”格式不正确：请写成 2026-11-30 这样的年-月-日。") from None
