"""The answers' commands refuse bad input with a message that says what to do, and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.store.answers import OfficeAnswers
from tests.core.answer.conftest import Pair
from tests.core.bundle.conftest import OFFICE_PASSPHRASE
from tests.core.conftest import CliResult


@pytest.fixture
def office_cli(pair: Pair, cli: Callable[..., CliResult]) -> Callable[..., CliResult]:
    pair.office.close()

    def run(*args: str) -> CliResult:
        return cli(*args, home_dir=pair.office.home.root)

    return run


def _nothing_recorded(pair: Pair) -> None:
    from desktop.store import Store

    with Store.open(pair.office.home.root, "检查") as store:
        answers = OfficeAnswers(store.database, store.audit)
        assert answers.returns(open_only=False) == [] and answers.notices_for("GD-T01") == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["GD-T01", "2026-Q3", "--reason", " "], ["原因"]),
        (["GD-T01", "2026-Q9", "--reason", "x"], ["2026-Q9"]),
        (["GD-NONE", "2026-Q3", "--reason", "x"], ["GD-NONE", "登记"]),
        (["GD-T01", "2026-Q3", "--reason", "x", "--comment", "9.99=意见"], ["9.99", "任务序号"]),
        (["GD-T01", "2026-Q3", "--reason", "x", "--comment", "1.01"], ["1.01", "任务序号=意见"]),
    ],
    ids=["blank-reason", "bad-period", "unknown-unit", "unknown-task", "no-text"],
)
def test_bad_return_is_refused(
    pair: Pair, office_cli: Callable[..., CliResult], args: list[str], words: list[str]
) -> None:
    result = office_cli("province", "return", *args)
    assert result.code != 0 and result.out == ""
    for word in words:
        assert word in result.err, result.err
    _nothing_recorded(pair)


def test_return_twice_is_refused_and_status_shows_it(pair: Pair, office_cli: Callable[..., CliResult]) -> None:
    first = office_cli(
        "--json", "province", "return", "GD-T01", "2026-Q3", "--reason", "请核实", "--comment", "1.01=补材料"
    )
    assert first.code == 0, first.err
    assert first.json()["comments"] == [{"task": "1.01", "target": "gd-prison-14fyp/1.01", "text": "补材料"}]
    again = office_cli("province", "return", "GD-T01", "2026-Q3", "--reason", "再退")
    assert again.code != 0 and "不必重复退回" in again.err
    status = office_cli("province", "status", "--period", "2026-Q3")
    assert "已退回，待单位重报：2026-Q3" in status.out


def test_notice_needs_title_text_and_known_units(pair: Pair, office_cli: Callable[..., CliResult]) -> None:
    assert "不能为空" in office_cli("province", "notice", "--title", " ", "--text", "x").err
    assert "GD-NONE" in office_cli("province", "notice", "--title", "t", "--text", "x", "--unit", "GD-NONE").err
    _nothing_recorded(pair)


def test_answer_needs_the_passphrase_and_an_existing_folder(
    pair: Pair, office_cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "回执U盘"
    out.mkdir()
    monkeypatch.delenv("PLANPROGRESS_PASSPHRASE", raising=False)
    assert "口令" in office_cli("province", "answer", "--out", str(out)).err
    monkeypatch.setenv("PLANPROGRESS_PASSPHRASE", "wrong passphrase")
    assert "口令不正确" in office_cli("province", "answer", "--out", str(out)).err
    monkeypatch.setenv("PLANPROGRESS_PASSPHRASE", OFFICE_PASSPHRASE)
    missing = office_cli("province", "answer", "--out", str(tmp_path / "没有"))
    assert missing.code != 0 and "不存在" in missing.err
    assert list(out.iterdir()) == []


def test_receive_without_answers_of_this_unit(pair: Pair, cli: Callable[..., CliResult], tmp_path: Path) -> None:
    pair.unit.close()
    empty = tmp_path / "空U盘"
    empty.mkdir()
    result = cli("receive", str(empty), home_dir=pair.unit.home.root)
    assert result.code != 0 and "没有找到本单位（GD-T01）的回执" in result.err
    gone = cli("receive", str(tmp_path / "不存在"), home_dir=pair.unit.home.root)
    assert gone.code != 0 and "找不到文件夹" in gone.err
