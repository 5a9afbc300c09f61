"""Plans the office issued travel in its next answers; the unit stores each version on `receive` and lists
them with `plans`. Built from the sample plan (a sample, never a real plan)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

from desktop.services import keys, office_keys
from desktop.services.answer.format import CONTENT, CONTENT_SIG, AnswerContent
from desktop.services.bundle.format import signature_comment
from desktop.services.catalogs import plan_issue
from desktop.services.operations.catalogs import issue_catalog
from desktop.services.plans import held_plans
from desktop.store.catalogs import UnitCatalogs
from tests.core.answer.conftest import Pair, unit_data
from tests.core.answer.crafting import craft_answer
from tests.core.answer.test_faults import _refused
from tests.core.bundle.conftest import OFFICE_PASSPHRASE
from tests.core.bundle.crafting import member
from tests.core.catalogs.conftest import fill_template, sample_plan, write_json
from tests.core.conftest import CliResult


def _version_1_1(root: Path) -> Path:
    plan = sample_plan()
    plan["version"] = "1.1.0"
    plan["projects"][0]["tasks"][0]["text"] = "示例任务：完善测试用的工作机制（修订）。"
    plan["projects"][0]["tasks"][1]["retired"] = "1.1.0"
    return write_json(root / "示例 1.1.json", plan)


def issue(pair: Pair, source: Path) -> None:
    assert issue_catalog(pair.office, plan_issue(pair.office, source)).value is not None


def test_an_issued_plan_reaches_the_unit_and_a_new_version_follows(pair: Pair, cli: Callable[..., CliResult]) -> None:
    issue(pair, fill_template(pair.root / "示例.xlsx", sample_plan()))
    run = pair.answer("回执1")
    assert [w.unit for w in run.written] == ["GD-T01"]
    received = pair.receive(pair.root / "回执1")
    assert received.ok and "收到规划目录 sample-15fyp 1.0.0" in received.lines[0].message
    plans = {p.id: p for p in held_plans(pair.unit)}
    assert set(plans) == {"gd-prison-14fyp", "sample-15fyp"}
    assert plans["sample-15fyp"].title == "示例规划（测试用）"
    # nothing new at the office: no new answer; a new version makes one
    assert pair.answer("回执2").written == ()
    issue(pair, _version_1_1(pair.root))
    pair.answer("回执3")
    assert pair.receive(pair.root / "回执3").ok
    stored = UnitCatalogs(pair.unit.database, pair.unit.audit).received()
    assert [(c.id, c.version) for c in stored] == [("sample-15fyp", "1.0.0"), ("sample-15fyp", "1.1.0")]
    assert stored[1].content["projects"][0]["tasks"][1]["retired"] == "1.1.0"
    home = pair.unit.home.root
    pair.unit.close()
    listed = cli("--json", "plans", home_dir=home)
    assert listed.code == 0, listed.err
    sample = [p for p in listed.json() if p["id"] == "sample-15fyp"][0]
    assert sample["version"] == "1.1.0" and sample["versions"] == ["1.0.0", "1.1.0"]
    assert sample["years"] == [2026, 2030] and sample["received_at"]
    # from 2026 the sample is the running plan (or the newest); the shipped 十四五 ended in 2025
    assert [p["id"] for p in listed.json() if p["current"]] == ["sample-15fyp"]


def test_an_answer_carrying_a_bad_plan_is_refused_whole(pair: Pair) -> None:
    signer, _ = office_keys.load_office_signer(pair.office.home, OFFICE_PASSPHRASE)
    recipient = keys.ensure_answer_identity(pair.unit.home)
    bad = sample_plan()
    bad["targets"][0]["goals"][1]["year"] = 2040
    answer_id = str(uuid.uuid4())
    content = AnswerContent("GD-T01", 1, answer_id, "2026-12-01T00:00:00Z", (), (), (), (bad,))
    raw = content.to_json()
    assert json.loads(raw)["catalogs"][0]["id"] == "sample-15fyp"
    sig = signer.sign(raw, prehash=True, trusted_comment=signature_comment("answer-content", "GD-T01", 1, answer_id))
    body = member(CONTENT, raw) + member(CONTENT_SIG, bytes(sig) + b"\n")
    folder = craft_answer(pair.root / "伪造", signer, recipient, "GD-T01", 1, answer_id, body + bytes(1024))
    before = unit_data(pair.unit)
    _refused(pair, folder, "unsafe_content", "规划目录不合规", "2040")
    assert unit_data(pair.unit) == before
