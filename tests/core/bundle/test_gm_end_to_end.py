"""End to end in the 国密 suite: an office made with `--suite gm` and a unit that imported its office.pub export,
import, answer and receive, every file in the SM2/SM3/SM4 layout."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.domain.catalog import Catalog
from desktop.domain.status import Status
from desktop.services import gm_keys, office_keys
from desktop.services.answer.office import add_notice, return_period, write_answers
from desktop.services.answer.receive import receive_answers
from desktop.services.gm import sm2
from desktop.services.gm.keyfiles import public_pem
from desktop.services.gm.sm2 import PrivateKey
from desktop.services.gm.symmetric import sm4_ctr
from desktop.services.office.status import province_status
from desktop.services.suite import GM
from desktop.store import Home
from desktop.store.answers import OfficeAnswers
from desktop.store.office import OfficeRepo
from desktop.store.unit_answers import UnitAnswers
from tests.core.bundle.conftest import (
    OFFICE_PASSPHRASE,
    OfficeKeys,
    accept,
    add_work,
    enroll,
    export,
    make_office,
    make_unit,
)


def test_office_and_unit_in_gm_export_import_answer_receive(
    tmp_path: Path, catalog: Catalog, gm_office_keys: OfficeKeys
) -> None:
    office = make_office(tmp_path / "省局", catalog, gm_office_keys)
    unit = make_unit(tmp_path / "单位", catalog, "GD-G01", gm_office_keys.folder / "office.pub", passphrase="单位口令")
    enroll(office, unit)
    add_work(unit, tmp_path)
    unit.progress.record(unit.plan.tasks()[1].id, "2026-Q3", Status.IN_PROGRESS, 30, "第三季度")
    first = export(unit, tmp_path / "U盘1", passphrase="单位口令", part_size=8 * 1024)
    names = sorted(p.name for p in first.path.iterdir())
    assert names[:4] == ["SM3SUMS", "SM3SUMS.sig", "bundle.json", "payload.key"]
    assert len(names) > 5 and all(n.startswith("payload.sm4.") for n in names[4:])
    [accepted] = accept(office, gm_office_keys.identity, first.path)
    assert accepted.upserts > 0 and accepted.evidence == 1
    repo = OfficeRepo(office.database, office.audit)
    assert repo.require_unit("GD-G01").last_seq == 1
    assert str(OfficeAnswers(office.database, office.audit).recipient("GD-G01")).startswith("sm2:")

    [status] = province_status(office).units
    assert status.suite == GM.name  # what `province status` and the office's unit list show

    add_work(unit, tmp_path, "二")
    second = export(unit, tmp_path / "U盘2", passphrase="单位口令")
    accept(office, gm_office_keys.identity, second.path)
    assert repo.require_unit("GD-G01").last_seq == 2

    return_period(office, "GD-G01", "2026-Q3", "请补充佐证", [])
    add_notice(office, "年终检查", "十二月中旬开展。", None)
    (tmp_path / "回执").mkdir()
    run = write_answers(office, tmp_path / "回执", OFFICE_PASSPHRASE)
    [written] = run.written
    files = sorted(p.name for p in written.path.iterdir())
    assert files == ["SM3SUMS", "SM3SUMS.sig", "answer.json", "payload.key", "payload.sm4"]
    received = receive_answers(unit, [tmp_path / "回执"])
    assert received.ok, [line.message for line in received.lines]
    assert "退回报告期 2026-Q3" in received.lines[0].message
    answers = UnitAnswers(unit.database, unit.audit)
    assert len(answers.notices()) == 1
    again = receive_answers(unit, [written.path])
    assert again.lines[0].status == "already_applied"
    office.close()
    unit.close()


def test_an_escrow_key_opens_the_payload_as_age_escrow_does(tmp_path: Path, catalog: Catalog) -> None:
    """Each escrow recipient gets its own wrapped key (payload.key.2 …), listed in SM3SUMS and the header."""
    escrow = PrivateKey.generate()
    escrow_pem = tmp_path / "托管.pem"
    escrow_pem.write_text(public_pem(escrow.public), encoding="ascii")
    office_root = tmp_path / "省局钥"
    office_keys.create_office_key(
        Home(office_root), OFFICE_PASSPHRASE, [], "测试省局", GM, gm_keys.read_escrow(escrow_pem)
    )
    unit = make_unit(tmp_path / "单位", catalog, "GD-E01", office_root / "keys" / "office.pub")
    bundle = export(unit, tmp_path / "U盘").path
    header = json.loads((bundle / "bundle.json").read_bytes())
    assert header["recipients"][1] == escrow.public.key_id()
    assert "SM3 (payload.key.2) = " in (bundle / "SM3SUMS").read_text(encoding="ascii")
    key = sm2.decrypt(escrow, (bundle / "payload.key.2").read_bytes())
    plain = sm4_ctr(key, bytes.fromhex(header["iv"]), (bundle / "payload.sm4").read_bytes())
    assert plain[:13] == b"MANIFEST.json"
    unit.close()
