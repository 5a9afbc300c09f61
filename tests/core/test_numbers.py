"""Numbers typed by a clerk: taken as meant or refused with a message that says what to type; never clipped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import InputError
from desktop.domain.numbers import parse_number


def test_full_width_digits_from_a_chinese_input_method_are_read() -> None:
    assert parse_number("１５０", "目标值") == 150
    assert parse_number(" 2.5 ", "目标值") == 2.5


def test_an_empty_optional_field_is_none_and_a_required_one_is_refused() -> None:
    assert parse_number("  ", "目标值") is None
    with pytest.raises(InputError, match="天数不能为空：请填写 1 到 365 之间的整数。"):
        parse_number("", "天数", minimum=1, maximum=365, integer=True, required=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("150", "完成百分比“150”超出范围：请填写 0 到 100 之间的整数。"),
        ("-1", "完成百分比“-1”超出范围"),
        ("五十", "完成百分比“五十”不是数字：请填写 0 到 100 之间的整数。"),
        ("12.5", "完成百分比“12.5”不是整数"),
        ("1,5", "“1,5”不是数字"),
        ("inf", "“inf”不是数字"),
    ],
)
def test_a_wrong_percent_is_refused_with_what_to_type(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_number(text, "完成百分比", minimum=0, maximum=100, integer=True, required=True)


def test_the_hint_of_an_optional_field_says_it_may_stay_empty() -> None:
    with pytest.raises(InputError, match="请填写数字，或留空。"):
        parse_number("很多", "实际值")


@given(st.integers(min_value=101, max_value=10**6))
def test_a_number_over_the_maximum_is_never_clipped(value: int) -> None:
    with pytest.raises(InputError, match="超出范围"):
        parse_number(str(value), "完成百分比", minimum=0, maximum=100, integer=True)
