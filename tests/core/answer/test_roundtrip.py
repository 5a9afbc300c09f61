"""The whole way round: the unit exports, the office imports and sends the period back with two comments and a
notice, the unit receives the answer, the clerk fixes and resubmits, and the next bundle clears 已退回."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from desktop.domain.status import ReviewState, Status
from desktop.services.answer.office import add_notice, return_period
from desktop.services.office.status import province_status
from desktop.store import Store
from tests.core.answer.conftest import Pair, only
from tests.core.bundle.conftest import office_unit_data
from tests.core.conftest import CliResult


def test_round_trip_return_two_comments_and_notice(pair: Pair, cli: Callable[..., CliResult]) -> None:
    unit, office = pair.unit, pair.office
    task = unit.plan.tasks()[0]
    unit.reviews.submit("2026-Q3")
    unit.reviews.approve("2026-Q3")  # approved: locked at the unit
    pair.export_and_import("U盘2")

    made = return_period(
        office, "GD-T01", "2026-Q3", "进度与佐证不符", ["1.01=请补充会议纪要", "1.02=完成比例偏高，请核实"]
    )
    assert [c.task for c in made.entry.comments] == ["1.01", "1.02"]
    add_notice(office, "年终检查", "十二月中旬开展年终检查。", None)
    status = province_status(office, "2026-Q3")
    assert status.units[0].returned == ("2026-Q3",)

    run = pair.answer("回执U盘")
    assert [(w.unit, w.seq, w.receipts, w.returns, w.notices) for w in run.written] == [("GD-T01", 1, 2, 1, 1)]
    received = pair.receive(pair.root / "回执U盘")
    assert received.ok and received.lines[0].status == "applied"
    assert "省局退回报告期 2026-Q3" in received.lines[0].message

    # what the clerk sees, through the command line as scripts read it
    unit.close()
    home = str(unit.home.root)
    listed = json.loads(cli("--home", home, "--json", "export", "--list").out)
    assert [(e["seq"], e["office_outcome"]) for e in listed] == [(1, "accepted"), (2, "accepted")]
    assert all(e["confirmed_at"] and e["office_reason"] == "" for e in listed)
    text = cli("--home", home, "export", "--list").out
    assert text.count("省局已接收") == 2
    review = json.loads(cli("--home", home, "--json", "review", "status").out)
    assert review[0]["state"] == "returned" and review[0]["label"] == "退回"
    back = review[0]["office_return"]
    assert back["reason"] == "进度与佐证不符" and back["by"] == office.audit.actor and back["at"]
    assert [(c["task"], c["text"]) for c in back["comments"]] == [
        ("1.01", "请补充会议纪要"),
        ("1.02", "完成比例偏高，请核实"),
    ]
    assert "退回" in cli("--home", home, "review", "status").out

    # the clerk fixes the returned (formerly approved) period, resubmits, the reviewer approves, export
    with Store.open(unit.home.root, "填报员") as again:
        assert again.reviews.get("2026-Q3").state is ReviewState.DRAFT
        again.progress.record(task.id, "2026-Q3", Status.IN_PROGRESS, 30, "已补充会议纪要")
        again.reviews.submit("2026-Q3")
        again.reviews.approve("2026-Q3")
        pair.unit = again
        pair.export_and_import("U盘3")
        assert "退回" not in cli("--home", home, "review", "status").out
    assert province_status(office, "2026-Q3").units[0].returned == ()
    assert office.database.one("SELECT cleared_seq FROM office_return") == {"cleared_seq": 3}


def test_a_draft_period_sent_back_does_not_clear_the_return(pair: Pair) -> None:
    """The return moves the unit's period to draft; that draft travelling back is not a resubmission."""
    pair.unit.reviews.submit("2026-Q3")
    pair.export_and_import("U盘2")
    return_period(pair.office, "GD-T01", "2026-Q3", "请重报", [])
    pair.answer("回执")
    assert pair.receive(pair.root / "回执").ok
    assert pair.unit.reviews.get("2026-Q3").state is ReviewState.DRAFT
    pair.export_and_import("U盘3")  # carries the review record as draft, no progress change
    assert province_status(pair.office, "2026-Q3").units[0].returned == ("2026-Q3",)


def test_answers_only_for_units_with_something_new(pair: Pair) -> None:
    first = pair.answer("回执1")
    assert [w.seq for w in first.written] == [1]
    again = pair.answer("回执2")
    assert again.written == () and again.unchanged == 1
    named = pair.answer("回执3", units=["GD-T01"])
    assert [w.seq for w in named.written] == [2]
    assert only(pair.root / "回执3").name == "PO-GD-T01-000002"
    everyone = pair.answer("回执4", all_units=True)
    assert [w.seq for w in everyone.written] == [3]


def test_writing_answers_changes_no_unit_data_at_the_office(pair: Pair) -> None:
    before = office_unit_data(pair.office)
    pair.answer("回执", all_units=True)
    assert office_unit_data(pair.office) == before


def test_receive_skips_other_units_and_counts_them(pair: Pair, tmp_path: Path) -> None:
    pair.answer("回执")
    stick = pair.root / "回执"
    other = stick / "PO-GD-X99-000001"
    other.mkdir()
    (other / "answer.json").write_text("{}")
    run = pair.receive(stick)
    assert run.ok and run.others == ("PO-GD-X99-000001",)
    assert [line.status for line in run.lines] == ["applied"]


def test_a_half_written_answer_is_never_left_as_an_answer(pair: Pair) -> None:
    out = pair.root / "回执"
    leftover = out / ".PO-GD-T01-000001.0000.partial"
    leftover.mkdir(parents=True)
    (leftover / "answer.json").write_text("{")
    run = pair.answer("回执")
    assert not leftover.exists()
    assert [p.name for p in out.iterdir()] == [run.written[0].path.name]
