"""Usage mistakes a clerk makes on the command line get one Chinese line, never argparse's English."""

from __future__ import annotations

from collections.abc import Callable

from tests.core.conftest import CliResult


def test_a_shortened_option_that_matches_two_is_explained_in_chinese(cli: Callable[..., CliResult]) -> None:
    result = cli("init", "--unit", "GD-GZ01")
    assert result.code == 2
    assert result.err.startswith("错误：命令行参数有误：参数 --unit 不完整，可能是 --unit-code, --unit-name：请写全")
    assert "ambiguous" not in result.err


def test_every_usage_message_is_chinese(cli: Callable[..., CliResult]) -> None:
    for args in (("init", "--unit", "X"), ("progress",), ("tasks", "--bogus"), ("report", "--format", "doc")):
        result = cli(*args)
        assert result.code == 2, args
        line = result.err.strip()
        assert line.startswith("错误：命令行参数有误：") and line.count("\n") == 0, line
        english = [w for w in ("argument", "invalid", "required", "ambiguous", "expected", "allowed") if w in line]
        assert not english, line
