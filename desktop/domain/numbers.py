"""Numbers as a clerk types them, checked in one place for the window and the command line.

A value outside its range or not a number is refused with a message that says what to type; it is never
clipped or cut short (a percent field once kept "15" of a typed "150"). Full-width digits from a Chinese input
method are read as meant; a comma or a "%" is refused rather than guessed at ("1,5" is 1.5 or 15).
"""

from __future__ import annotations

import math

from desktop.domain.errors import InputError
from desktop.domain.periods import _typed


def _plain(value: float) -> str:
    return f"{value:g}"


def number_hint(*, minimum: float | None = None, maximum: float | None = None, integer: bool = False) -> str:
    """What to type, in words: "0 到 100 之间的整数", "不小于 1 的整数", "数字"."""
    kind = "整数" if integer else "数字"
    if minimum is not None and maximum is not None:
        return f"{_plain(minimum)} 到 {_plain(maximum)} 之间的{kind}"
    if minimum is not None:
        return f"不小于 {_plain(minimum)} 的{kind}"
    if maximum is not None:
        return f"不大于 {_plain(maximum)} 的{kind}"
    return kind


def parse_number(
    text: str,
    what: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    integer: bool = False,
    required: bool = False,
) -> float | None:
    """The number `text` means, or None for an empty optional field; InputError naming `what` otherwise."""
    hint = number_hint(minimum=minimum, maximum=maximum, integer=integer) + ("" if required else "，或留空")
    hint = f" {hint}" if hint[0].isdigit() else hint  # "请填写 0 到 100 之间的整数", "请填写数字"
    value = _typed(text)
    if not value:
        if required:
            raise InputError(f"{what}不能为空：请填写{hint}。")
        return None
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"{what}“{text.strip()}”不是数字：请填写{hint}。") from None
    if not math.isfinite(number):
        raise InputError(f"{what}“{text.strip()}”不是数字：请填写{hint}。")
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise InputError(f"{what}“{text.strip()}”超出范围：请填写{hint}。")
    if integer and number != int(number):
        raise InputError(f"{what}“{text.strip()}”不是整数：请填写{hint}。")
    return number
