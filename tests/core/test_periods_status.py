"""Periods, dates, percentages, statuses and roles as a user types them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import InputError
from desktop.domain.periods import Period, PeriodKind, current_period, parse_date, parse_period
from desktop.domain.status import Role, Status, parse_percent

years = st.integers(min_value=2000, max_value=2100)
periods = st.one_of(
    st.builds(Period, years, st.just(PeriodKind.MONTH), st.integers(1, 12)),
    st.builds(Period, years, st.just(PeriodKind.QUARTER), st.integers(1, 4)),
    st.builds(Period, years, st.just(PeriodKind.YEAR), st.just(0)),
)


@given(periods)
def test_period_code_round_trips(period: Period) -> None:
    assert parse_period(period.code) == period
    assert parse_period(f"  {period.code.lower()}  ") == period
    assert period.start <= period.end
    assert period.start.year == period.end.year == period.year


@given(periods)
def test_period_bounds_tile_the_year(period: Period) -> None:
    """The day after a period ends is the start of the next one of its kind (or of the next year)."""
    after = period.end + dt.timedelta(days=1)
    assert current_period(period.kind, after) != period
    assert current_period(period.kind, period.start) == period
    assert current_period(period.kind, period.end) == period


@given(years, st.integers(1, 12))
def test_short_month_form_is_accepted(year: int, month: int) -> None:
    assert parse_period(f"{year}-{month}").code == f"{year:04d}-{month:02d}"


@pytest.mark.parametrize(
    ("text", "code", "label"),
    [
        ("2026-11", "2026-11", "2026年11月"),
        ("2026-Q4", "2026-Q4", "2026年第四季度"),
        ("2026", "2026", "2026年度"),
        ("2031-q1", "2031-Q1", "2031年第一季度"),  # after the plan's years: the next plan's periods
        ("2040-02", "2040-02", "2040年2月"),
        # the labels the app itself shows, typed back
        ("2026年11月", "2026-11", "2026年11月"),
        ("2026年第四季度", "2026-Q4", "2026年第四季度"),
        ("2026年第4季度", "2026-Q4", "2026年第四季度"),
        ("2026年度", "2026", "2026年度"),
        ("2026Q4", "2026-Q4", "2026年第四季度"),
    ],
)
def test_period_forms(text: str, code: str, label: str) -> None:
    period = parse_period(text)
    assert (period.code, period.label) == (code, label)


def test_period_ends() -> None:
    assert parse_period("2028-02").end == dt.date(2028, 2, 29)
    assert parse_period("2026-Q1").end == dt.date(2026, 3, 31)
    assert parse_period("2026-Q4").end == dt.date(2026, 12, 31)
    assert parse_period("2030").start == dt.date(2030, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-13",
        "2026-00",
        "2026-Q5",
        "2026-Q0",
        "26-11",
        "2026/11",
        "2026年13月",
        "2026年第五季度",
        "2026-11-01",
        "Q4-2026",
        "1999",
        "2101",
        "2026-H1",
        "abcd",
    ],
)
def test_malformed_periods_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(InputError, match="2026-11（月）、2026-Q4（季度）或 2026（年度）"):
        parse_period(text)


@given(st.text(max_size=12))
def test_parse_period_either_parses_or_says_why(text: str) -> None:
    try:
        period = parse_period(text)
    except InputError as exc:
        assert "格式不正确" in str(exc) or "年份超出范围" in str(exc)
    else:
        assert parse_period(period.code) == period


@pytest.mark.parametrize("text", ["2026-11-31", "2026/11/31", "30.11.2026", "明天", "", "2026-02-30", "2026年2月30日"])
def test_malformed_dates_name_the_field(text: str) -> None:
    with pytest.raises(InputError, match="完成期限.*年-月-日"):
        parse_date(text, "完成期限")


def test_dates() -> None:
    assert parse_date(" 2026-11-30 ") == dt.date(2026, 11, 30)
    # as clerks write them, and as the ledger import already reads them
    for written in ("2026/11/30", "2026.11.30", "2026年11月30日", "2026-11-30"):
        assert parse_date(written) == dt.date(2026, 11, 30), written


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("２０２６－Ｑ４", "2026-Q4"),  # full-width, as a Chinese input method types it
        ("２０２６-１１", "2026-11"),
        ("2026—Q4", "2026-Q4"),  # the em dash an input method gives for "-"
        ("2026–11", "2026-11"),
        ("\u3000２０２６\u3000", "2026"),  # ideographic spaces around
    ],
)
def test_full_width_periods_are_read_as_typed(text: str, code: str) -> None:
    assert parse_period(text).code == code


def test_full_width_dates_are_read_as_typed() -> None:
    assert parse_date("２０２６－１２－３１") == dt.date(2026, 12, 31)
    assert parse_date("2026—12—31") == dt.date(2026, 12, 31)


@pytest.mark.parametrize("text", ["1999-Q1", "1999", "2101-01", "１９９９－Ｑ１"])
def test_a_year_out_of_range_is_named_as_such_not_as_a_bad_format(text: str) -> None:
    with pytest.raises(InputError, match="年份超出范围：请写 2000 至 2100 年之间") as caught:
        parse_period(text)
    assert "格式不正确" not in str(caught.value)


@given(st.integers(0, 100))
def test_percent_accepts_every_whole_number_from_0_to_100(value: int) -> None:
    assert parse_percent(str(value)) == value
    assert parse_percent(value) == value
    assert parse_percent(f"{value}.0") == value


@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=101)))
def test_percent_outside_the_range_is_refused(value: int) -> None:
    with pytest.raises(InputError, match="超出范围"):
        parse_percent(str(value))


@given(st.floats(min_value=0, max_value=100).filter(lambda f: f != int(f)))
def test_fractional_percent_is_refused(value: float) -> None:
    with pytest.raises(InputError, match="整数"):
        parse_percent(str(value))


@pytest.mark.parametrize("text", ["abc", "五十", "", "50%", "1,5", "nan", "inf", "-inf"])
def test_non_numeric_percent_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="0 到 100 之间的整数"):
        parse_percent(text)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("未启动", Status.NOT_STARTED),
        ("推进中", Status.IN_PROGRESS),
        ("已完成", Status.DONE),
        ("滞后", Status.LAGGING),
        ("not-started", Status.NOT_STARTED),
        ("NOT STARTED", Status.NOT_STARTED),
        ("in_progress", Status.IN_PROGRESS),
        ("ongoing", Status.IN_PROGRESS),
        ("done", Status.DONE),
        ("Completed", Status.DONE),
        ("lagging", Status.LAGGING),
        ("delayed", Status.LAGGING),
        (" 推进中 ", Status.IN_PROGRESS),
    ],
)
def test_status_names_and_aliases(text: str, status: Status) -> None:
    assert Status.parse(text) is status


@pytest.mark.parametrize("text", ["进行", "", "finished?", "已 完成"])
def test_unknown_status_lists_the_choices(text: str) -> None:
    with pytest.raises(InputError, match="未启动、推进中、已完成、滞后"):
        Status.parse(text)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("填报员", Role.CLERK),
        ("clerk", Role.CLERK),
        ("审核员", Role.REVIEWER),
        ("Reviewer", Role.REVIEWER),
        ("管理员", Role.ADMIN),
        ("administrator", Role.ADMIN),
    ],
)
def test_roles(text: str, role: Role) -> None:
    assert Role.parse(text) is role
