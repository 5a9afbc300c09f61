"""Unit codes (GD-GZ01): one canonical form everywhere — upper-case ASCII letters, digits and "-".

A clerk may type the code in any case, or in full width from a Chinese input method (ＧＤ－ＧＺ０１); the
wizard, `init`, the office's enroll form and command, and the office's lookups all pass it through
`canonical_unit_code`, and the forms show the person the canonical form when it differs from what they typed.
Codes that differ only in case name one unit: `same_unit_code` compares them (bundles made before codes were
canonical carry the code as it was typed).
"""

from __future__ import annotations

import re
import unicodedata

from desktop.domain.errors import InputError

_SHAPE = re.compile(r"^[A-Z0-9](?:[A-Z0-9-]{0,30}[A-Z0-9])?$")
# Dashes a Chinese input method or a word processor may give for "-" (NFKC leaves these alone).
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2212\ufe63"), "-")


def normalize_unit_code(text: str) -> str:
    """The code as it will be stored, without checking it: full width to ASCII, dashes to "-", upper case,
    surrounding spaces dropped."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip().upper()


def canonical_unit_code(text: str) -> str:
    """The canonical code for what a person typed; InputError (naming what was typed) when it cannot be one."""
    code = normalize_unit_code(text)
    if not _SHAPE.match(code):
        raise InputError(
            f"单位代码“{text.strip()}”不合规：只能用英文字母、数字和“-”（不以“-”开头或结尾，最长 32 位），"
            "例如 GD-GZ01；它会出现在U盘上的文件名里。"
        )
    return code


def same_unit_code(a: str, b: str) -> bool:
    """Whether two codes name the same unit (codes differ only in case or width across program versions)."""
    return normalize_unit_code(a) == normalize_unit_code(b)


def normalised_note(typed: str, code: str) -> str:
    """What to tell the person when the stored code differs from what they typed ("" when it does not)."""
    if typed.strip() == code:
        return ""
    return f"单位代码统一用大写半角字母保存：“{typed.strip()}”将保存为 {code}。"
