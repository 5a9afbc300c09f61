"""The auditor's commands of docs/gm-suite.md, run as written (read from the page) on a real 国密 bundle that
`export` wrote: stock OpenSSL checks the unit's SM2 signature and opens the payload with the office key,
coreutils checks the SM3 sums, tar lists what the office imports. The office's answer is checked the same way.

If coreutils lacks `cksum -a sm3` (before 9.0) that one line is left out, with a warning saying so."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from desktop.domain.catalog import Catalog
from desktop.store import Store
from tests.core.bundle.conftest import OFFICE_PASSPHRASE, OfficeKeys, add_work, enroll, export, make_office, make_unit
from tests.core.gm.test_auditor_commands import auditor_block, run_on_terminal

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("openssl", "cksum", "sed", "tar", "od", "bash")),
    reason="needs openssl and coreutils (scripts/setup.sh test installs them)",
)


def _block() -> str:
    block = auditor_block()
    probe = subprocess.run(["cksum", "-a", "sm3", "/dev/null"], capture_output=True, check=False)
    if probe.returncode != 0:
        warnings.warn(
            "coreutils here has no `cksum -a sm3` (needs 9.0): that line of the block is skipped", stacklevel=2
        )
        block = "\n".join(line for line in block.splitlines() if not line.startswith("cksum"))
    return block


@pytest.fixture
def audited(tmp_path: Path, catalog: Catalog, gm_office_keys: OfficeKeys) -> tuple[Path, Store]:
    """A copy of a real two-part 国密 bundle with the unit's unit.pub and the office's office.key beside it."""
    office = make_office(tmp_path / "省局", catalog, gm_office_keys)
    unit = make_unit(tmp_path / "单位", catalog, "GD-A01", gm_office_keys.folder / "office.pub")
    enroll(office, unit)
    add_work(unit, tmp_path, size=30_000)
    made = export(unit, tmp_path / "U盘", part_size=32 * 1024).path
    folder = tmp_path / "审计" / made.name
    shutil.copytree(made, folder)
    shutil.copy(unit.home.keys / "unit.pub", folder / "unit.pub")
    shutil.copy(gm_office_keys.folder / "office.key", folder / "office.key")
    office.close()
    return folder, unit


def test_the_auditor_commands_pass_on_a_real_gm_bundle(audited: tuple[Path, Store]) -> None:
    folder, unit = audited
    parts = sorted(p.name for p in folder.glob("payload.sm4.*"))
    assert len(parts) >= 2
    code, output = run_on_terminal(_block(), folder, OFFICE_PASSPHRASE)
    assert code == 0, output
    assert "Verified OK" in output
    for name in ("bundle.json", "payload.key", *parts):
        assert f"{name}: OK" in output
    # what the office would import: the signed manifest first, then the records, audit trail and evidence
    for entry in ("MANIFEST.json", "MANIFEST.json.sig", "records.jsonl", "audit.jsonl", "evidence/"):
        assert entry in output
    unit.close()


def test_the_auditor_commands_catch_a_changed_part(audited: tuple[Path, Store]) -> None:
    folder, unit = audited
    part = folder / "payload.sm4.001"
    data = bytearray(part.read_bytes())
    data[10] ^= 1
    part.write_bytes(bytes(data))
    code, output = run_on_terminal(_block(), folder, OFFICE_PASSPHRASE)
    assert code != 0 and "payload.sm4.001: FAILED" in output
    unit.close()
