"""Bad answers and faults at the unit: each is refused (or applied, where the design says so) with a message
that says what to do, and a refusal changes no unit data."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import minisign
import pytest

from desktop.domain.catalog import Catalog
from desktop.services import keys
from desktop.services import office_keys as office_key_files
from desktop.services.answer.format import CONTENT, HEADER, MAX_CONTENT
from desktop.services.answer.office import add_notice, return_period
from desktop.services.backup import create_backup, restore_backup
from desktop.services.bundle.format import signature_comment
from desktop.services.gm.keyfiles import encrypt_private_key
from desktop.services.gm.sm2 import PrivateKey
from desktop.services.gm_keys import gm_section, load_office_gm_signer, read_gm_office_pub
from desktop.services.suite import AgeSigner, GmSigner, Signer
from desktop.store import Store
from desktop.store.unit_answers import UnitAnswers
from tests.core.answer.conftest import Pair, only, unit_data
from tests.core.answer.crafting import craft_answer, resign
from tests.core.bundle.conftest import OFFICE_PASSPHRASE, OfficeKeys, enroll, make_unit
from tests.core.bundle.crafting import member
from tests.core.conftest import REPO

PARTS = ("header", "payload", "sums", "signature")


@pytest.fixture
def office_keys(suite_office_keys: OfficeKeys) -> OfficeKeys:
    """Every test here runs for the age and the 国密 suite."""
    return suite_office_keys


def _file(pair: Pair, role: str) -> str:
    suite = pair.keys.suite
    return {"header": HEADER, "payload": suite.payload, "sums": suite.sums, "signature": suite.sums_sig}[role]


def _office_signer(pair: Pair) -> Signer:
    if pair.keys.suite.gm:
        return GmSigner(load_office_gm_signer(pair.office.home, OFFICE_PASSPHRASE))
    return AgeSigner(office_key_files.load_office_signer(pair.office.home, OFFICE_PASSPHRASE)[0])


def _stranger(pair: Pair) -> Signer:
    return GmSigner(PrivateKey.generate()) if pair.keys.suite.gm else AgeSigner(minisign.KeyPair.generate().secret_key)


def _refused(pair: Pair, folder: Path, kind: str, *words: str) -> None:
    before = unit_data(pair.unit)
    run = pair.receive(folder)
    assert not run.ok
    [line] = run.lines
    assert (line.status, line.kind) == ("refused", kind), line.message
    for word in words:
        assert word in line.message, line.message
    assert unit_data(pair.unit) == before
    assert UnitAnswers(pair.unit.database, pair.unit.audit).refused()[0]["reason"] == line.message


def test_answer_for_another_unit_named_directly_is_refused(pair: Pair, tmp_path: Path, catalog: Catalog) -> None:
    other = make_unit(tmp_path / "单位二", catalog, "GD-T02", pair.keys.folder / "office.pub")
    enroll(pair.office, other)
    pair.answer("回执", all_units=True)
    folder = pair.root / "回执" / "PO-GD-T02-000001"
    _refused(pair, folder, "wrong_unit", "GD-T02", "GD-T01")
    other.close()


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("fault", ["flip", "truncate"])
def test_a_damaged_part_is_refused(pair: Pair, part: str, fault: str) -> None:
    pair.answer("回执")
    folder = only(pair.root / "回执")
    path = folder / _file(pair, part)
    data = bytearray(path.read_bytes())
    if fault == "flip":
        data[len(data) // 2] ^= 0x01
    else:
        del data[len(data) // 2 :]
    path.write_bytes(bytes(data))
    before = unit_data(pair.unit)
    run = pair.receive(folder)
    assert not run.ok and run.lines[0].status == "refused"
    assert run.lines[0].kind in ("damaged", "bad_signature"), run.lines[0].message
    assert unit_data(pair.unit) == before


def test_sums_edited_and_signed_again_by_a_stranger(pair: Pair) -> None:
    pair.answer("回执")
    folder = only(pair.root / "回执")
    sums = folder / pair.keys.suite.sums
    lines = sums.read_text().splitlines()
    line = lines[1]  # change a digit of a sum, as after swapping that file: 国密 lines end with it, age lines begin
    if pair.keys.suite.gm:
        lines[1] = line[:-1] + ("0" if line[-1] != "0" else "1")
    else:
        lines[1] = ("0" if line[0] != "0" else "1") + line[1:]
    sums.write_text("\n".join(lines) + "\n")
    resign(folder, _stranger(pair))
    _refused(pair, folder, "changed_key", "伪造", "office.pub")


def test_replayed_older_answer_is_refused_and_newer_after_a_gap_applies(pair: Pair) -> None:
    pair.answer("回执1")
    add_notice(pair.office, "通知", "第二份回执的内容", None)
    pair.answer("回执2")
    newer = pair.receive(pair.root / "回执2")  # the first never arrived: a gap is harmless
    assert newer.ok and newer.lines[0].status == "applied"
    assert len(UnitAnswers(pair.unit.database, pair.unit.audit).notices()) == 1
    _refused(pair, only(pair.root / "回执1"), "replay", "重放", "第 2 号")
    again = pair.receive(pair.root / "回执2")
    assert again.ok and again.lines[0].status == "already_applied"


def test_unit_restored_from_backup_takes_the_next_answer(pair: Pair, tmp_path: Path) -> None:
    pair.answer("回执1")
    assert pair.receive(pair.root / "回执1").ok
    backup = create_backup(pair.unit, tmp_path / "备份").path
    add_notice(pair.office, "通知二", "内容", None)
    pair.answer("回执2")
    assert pair.receive(pair.root / "回执2").ok
    root = pair.unit.home.root
    pair.unit.close()
    restore_backup(backup, root, replace=True)
    pair.unit = Store.open(root, "填报员")
    assert UnitAnswers(pair.unit.database, pair.unit.audit).last().seq == 1  # type: ignore[union-attr]
    add_notice(pair.office, "通知三", "内容", None)
    pair.answer("回执3")
    run = pair.receive(pair.root / "回执3")
    assert run.ok and run.lines[0].status == "applied"
    assert len(UnitAnswers(pair.unit.database, pair.unit.audit).notices()) == 2


def test_signed_by_a_key_the_unit_has_not_imported(pair: Pair) -> None:
    """The unit imported an office.pub without the signing line (an office made before answers)."""
    office_pub = pair.unit.home.keys / keys.OFFICE_PUBLIC
    if pair.keys.suite.gm:  # the section without its signing key
        sign_block = re.compile(r"# role: sign[^\n]*\n-----BEGIN PUBLIC KEY-----.*?-----END PUBLIC KEY-----\n", re.S)
        office_pub.write_text(sign_block.sub("", office_pub.read_text()))
    else:
        lines = [line for line in office_pub.read_text().splitlines() if not line.startswith("# minisign:")]
        office_pub.write_text("\n".join(lines) + "\n")
    pair.answer("回执")
    _refused(pair, only(pair.root / "回执"), "unknown_key", "office.pub", "keys import")


def test_office_key_changed_without_the_unit_importing_it(pair: Pair) -> None:
    if pair.keys.suite.gm:  # a new SM2 answer-signing key, and office.pub naming it
        new = PrivateKey.generate()
        folder = pair.office.home.keys
        (folder / keys.OFFICE_SIGNER).write_text(encrypt_private_key(new, OFFICE_PASSPHRASE), encoding="ascii")
        found = read_gm_office_pub((folder / keys.OFFICE_PUBLIC).read_bytes(), "office.pub")
        assert found is not None
        (folder / keys.OFFICE_PUBLIC).write_text(
            gm_section("测试省局", found.encrypt[0], found.encrypt[1:], new.public)
        )
    else:
        (pair.office.home.keys / keys.OFFICE_SIGNER).unlink()
        office_key_files.make_office_signer(pair.office.home, OFFICE_PASSPHRASE)
    pair.answer("回执")
    _refused(pair, only(pair.root / "回执"), "changed_key", "office.pub", "电话核对")
    keys.import_office_key(pair.unit.home, pair.office.home.keys / keys.OFFICE_PUBLIC)
    assert pair.receive(pair.root / "回执").ok  # after importing the new office.pub it opens


@pytest.mark.parametrize(
    ("body", "word"),
    [
        (member("../ANSWER.json", b"{}"), "上级目录"),
        (member(CONTENT, kind=tarfile.SYMTYPE, linkname="/etc/passwd"), "符号链接"),
        (member(CONTENT, kind=tarfile.LNKTYPE, linkname="x"), "硬链接"),
        (member("evidence/" + "0" * 64, b"x"), "不允许"),
        (member(CONTENT, b"x" * (MAX_CONTENT + 1)), "过大"),
    ],
    ids=["dotdot", "symlink", "hardlink", "unknown-name", "oversize"],
)
def test_unsafe_payload_is_refused(pair: Pair, body: bytes, word: str) -> None:
    signer = _office_signer(pair)
    recipient = keys.refresh_unit_pub(pair.unit.home, "GD-T01")
    folder = craft_answer(pair.root / "伪造", signer, recipient, "GD-T01", 1, str(uuid.uuid4()), body + bytes(1024))
    _refused(pair, folder, "unsafe_content", word)


def test_inner_content_for_another_seq_is_refused(pair: Pair) -> None:
    """A correctly signed ANSWER.json of another answer inside this one's envelope."""
    signer = _office_signer(pair)
    recipient = keys.refresh_unit_pub(pair.unit.home, "GD-T01")
    raw = (
        b'{"format":"planprogress-answer-content","format_version":1,"unit":"GD-T01","seq":9,'
        b'"answer_id":"00000000-0000-4000-8000-000000000000","created_at":"x","receipts":[],"returns":[],"notices":[]}'
    )
    comment = signature_comment("answer-content", "GD-T01", 9, "00000000-0000-4000-8000-000000000000")
    sig = signer.sign(raw, comment, "x")
    body = member(CONTENT, raw) + member(CONTENT + signer.suite.sig_ext, sig)
    folder = craft_answer(pair.root / "伪造", signer, recipient, "GD-T01", 1, str(uuid.uuid4()), body + bytes(1024))
    _refused(pair, folder, "bad_signature")


def test_return_for_a_period_never_reported_is_applied_and_said(pair: Pair) -> None:
    return_period(pair.office, "GD-T01", "2025-Q4", "该期未报送，请补报", [])
    pair.answer("回执")
    run = pair.receive(pair.root / "回执")
    assert run.ok
    assert "2025-Q4" in run.lines[0].message and "没有该期的记录" in run.lines[0].message
    assert [r.entry.period for r in UnitAnswers(pair.unit.database, pair.unit.audit).returns()] == ["2025-Q4"]


_KILLER = """
import os, signal, sys
from pathlib import Path
from desktop.services.answer.receive import receive_answers
from desktop.store import Store
store = Store.open(Path(sys.argv[1]), "填报员")
def trace(sql):
    if "INSERT INTO answer_notice" in sql:
        os.kill(os.getpid(), signal.SIGKILL)
store.database.conn.set_trace_callback(trace)
receive_answers(store, [Path(sys.argv[2])])
"""


def test_kill_during_receive_applies_nothing(pair: Pair) -> None:
    return_period(pair.office, "GD-T01", "2026-Q3", "请重报", ["1.01=补材料"])
    add_notice(pair.office, "通知", "内容", None)
    pair.answer("回执")
    before = unit_data(pair.unit)
    root = pair.unit.home.root
    pair.unit.close()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-c", _KILLER, str(root), str(pair.root / "回执")], env=env, cwd=REPO, timeout=120
    )
    assert proc.returncode == -signal.SIGKILL
    pair.unit = Store.open(root, "填报员")
    assert unit_data(pair.unit) == before
    run = pair.receive(pair.root / "回执")  # the next run starts clean and applies it whole
    assert run.ok and run.lines[0].status == "applied"
    assert not (root / "answers" / "staging").exists() or not any((root / "answers" / "staging").iterdir())
    shutil.rmtree(pair.root / "回执")


def test_an_oversized_part_is_not_copied_in_whole(pair: Pair) -> None:
    """A payload far larger than any answer is refused while copying: a stick cannot fill the unit's disk."""
    from desktop.services.answer.format import MAX_PAYLOAD

    pair.answer("回执")
    folder = only(pair.root / "回执")
    with open(folder / pair.keys.suite.payload, "ab") as handle:
        handle.truncate(MAX_PAYLOAD + 1)
    _refused(pair, folder, "damaged", "过大")
    assert not any((pair.unit.home.root / "answers" / "staging").rglob("*"))
