"""File errors reach a clerk in Chinese with what to do, never as the C library's English."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.system_errors import describe, reason

from .conftest import CliResult

ENGLISH = ("No such file", "Permission denied", "No space left", "Errno", "Read-only")


@pytest.mark.parametrize(
    ("code", "cause", "advice"),
    [
        (errno.ENOENT, "找不到该文件或文件夹", "U盘可能已拔出"),
        (errno.ENOSPC, "磁盘空间不足", "换一个空间更大的位置"),
        (errno.EACCES, "没有访问权限", "请换一个位置"),
        (errno.EROFS, "只能读、不能写", "写保护"),
        (errno.EIO, "读写出错", "换一个U盘"),
        (errno.EFBIG, "超过该磁盘允许的大小", "FAT32"),
    ],
)
def test_common_causes_are_named_with_what_to_do(code: int, cause: str, advice: str) -> None:
    error = OSError(code, os.strerror(code), "/media/U盘/PB-GD-GZ01-000001")
    assert cause in reason(error)
    text = describe(error)
    assert text.startswith("“/media/U盘/PB-GD-GZ01-000001”：") and cause in text and advice in text
    assert not any(word in text for word in ENGLISH)


def test_an_unknown_error_is_still_chinese_and_says_what_to_try() -> None:
    text = describe(OSError(9999, "Something odd"))
    assert "代码 9999" in text and "重试" in text and "Something" not in text


def test_windows_sharing_violation_says_which_program_to_close() -> None:
    error = OSError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # type: ignore[attr-defined]  # as Windows sets it
    assert "正被其他程序打开" in describe(error)


def test_the_command_line_names_the_cause_in_chinese(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x", encoding="utf-8")
    result = cli("init", "--unit-code", "GD-T01", "--unit-name", "测试监狱", home_dir=blocker / "home")
    assert result.code != 0
    assert "路径中有一部分不是文件夹" in result.err, result.err
    assert not any(word in result.err for word in ("Not a directory", *ENGLISH))
