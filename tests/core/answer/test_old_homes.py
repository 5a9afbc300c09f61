"""Homes made by the previous release (tests/data/homes_v3.tar.gz: an office and unit GD-OLD1 whose first
bundle was accepted, made with that release's command line) keep working: the office makes its signing key on
first use and says so, the unit's next bundle carries its answer recipient, and after importing the new
office.pub the unit receives the office's answers."""

from __future__ import annotations

import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.services import keys
from desktop.store import Store
from tests.core.conftest import CliResult

HOMES = Path(__file__).resolve().parents[2] / "data" / "homes_v3.tar.gz"
PASSPHRASE = "old office pass 2025"


@pytest.fixture
def old(tmp_path: Path) -> Path:
    with tarfile.open(HOMES) as archive:
        # the extraction filters came with Python 3.11.4 (Debian 12 has 3.11.2); the archive is our own test data
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(tmp_path, **safe)  # type: ignore[arg-type]
    return tmp_path


def test_previous_release_homes_answer_and_receive(
    old: Path, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    office, unit, stick, answers = old / "office", old / "unit", old / "stick", old / "answers"
    stick.mkdir()
    answers.mkdir()
    assert "# minisign:" not in (office / "keys" / "office.pub").read_text()
    assert "answer:" not in (unit / "keys" / "unit.pub").read_text()
    monkeypatch.setenv("PLANPROGRESS_PASSPHRASE", PASSPHRASE)

    made = cli("province", "return", "GD-OLD1", "2026-Q3", "--reason", "请核实", home_dir=office)
    assert made.code == 0, made.err
    first = cli("province", "answer", "--out", str(answers), home_dir=office)
    assert first.code == 0, first.err
    assert "office.pub 已更新" in first.err and "keys import" in first.err  # the signing key was made now
    assert "GD-OLD1" in first.err and "回执公钥" in first.err  # not answerable yet: recipient unknown
    assert list(answers.iterdir()) == []
    assert "# minisign:" in (office / "keys" / "office.pub").read_text()

    monkeypatch.delenv("PLANPROGRESS_PASSPHRASE")
    exported = cli("export", "--out", str(stick), home_dir=unit)  # the next bundle carries the recipient
    assert exported.code == 0, exported.err
    assert "answer:age1" in (unit / "keys" / "unit.pub").read_text()
    monkeypatch.setenv("PLANPROGRESS_PASSPHRASE", PASSPHRASE)
    imported = cli("province", "import", str(stick), home_dir=office)
    assert imported.code == 0, imported.err
    second = cli("--json", "province", "answer", "--out", str(answers), home_dir=office)
    assert second.code == 0, second.err
    assert [(a["unit"], a["seq"], a["returns"]) for a in second.json()] == [("GD-OLD1", 1, 1)]

    refused = cli("receive", str(answers), home_dir=unit)  # still the old office.pub: no signing key
    assert refused.code == 7 and "office.pub" in refused.out
    assert cli("keys", "import", str(office / "keys" / "office.pub"), home_dir=unit).code == 0
    received = cli("--json", "receive", str(answers), home_dir=unit)
    assert received.code == 0, received.out + received.err
    assert received.json()["answers"][0]["status"] == "applied"
    listed = cli("--json", "export", "--list", home_dir=unit).json()
    assert [(e["seq"], e["office_outcome"]) for e in listed] == [(1, "accepted"), (2, "accepted")]
    review = cli("--json", "review", "status", home_dir=unit).json()
    assert [(r["period"], r["label"]) for r in review] == [("2026-Q3", "退回")]
    with Store.open(unit, "检查") as store:
        assert store.database.migrated_from is None  # migrated on the first open above
        assert keys.answer_identities(store.home)
