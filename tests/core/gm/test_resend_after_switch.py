"""A unit that switched to the 国密 suite resends a bundle it made before the switch (the stick was lost): the
resend is the same plaintext under the new suite and key, and the office takes it or says it is not needed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.services.bundle.format import Outcome
from desktop.store import Store
from desktop.store.office import OfficeRepo
from tests.core.conftest import CliResult

Cli = Callable[..., CliResult]
PASSPHRASE = "省局 国密 口令 2026"


class Chain:
    """An age office and unit; bundle 1 exported onto a stick that never reaches the office; then the office
    adds 国密, the unit switches and is enrolled again."""

    def __init__(self, cli: Cli, tmp_path: Path) -> None:
        self.cli, self.tmp = cli, tmp_path
        self.passfile = tmp_path / "pass.txt"
        self.passfile.write_text(PASSPHRASE + "\n", encoding="utf-8")
        self.office, self.unit = tmp_path / "省局", tmp_path / "单位"
        assert self.office_cmd("province", "init", "--name", "测试省局").code == 0
        age_pub = tmp_path / "office-age.pub"
        shutil.copy(self.office / "keys" / "office.pub", age_pub)
        assert cli("init", "--unit-code", "GD-M01", "--unit-name", "迁移监狱", "--province-key", str(age_pub),
                   home_dir=self.unit).code == 0  # fmt: skip
        self.enroll()
        self.first = self.export("lost")
        assert self.office_cmd("province", "keys", "add", "--suite", "gm").code == 0
        switched = cli("--json", "keys", "import", str(self.office / "keys" / "office.pub"), home_dir=self.unit)
        assert switched.code == 0 and switched.json()["suite"] == "sm2-sm3-sm4", switched.err
        self.enroll()

    def office_cmd(self, *args: str) -> CliResult:
        return self.cli("--passphrase-file", str(self.passfile), "--json", *args, home_dir=self.office)

    def enroll(self) -> None:
        enrolled = self.office_cmd("province", "enroll", str(self.unit / "keys" / "unit.pub"), "--unit-code", "GD-M01")
        assert enrolled.code == 0, enrolled.err

    def export(self, stick: str, *extra: str) -> dict[str, object]:
        (self.tmp / stick).mkdir()
        made = self.cli("--json", "export", "--out", str(self.tmp / stick), *extra, home_dir=self.unit)
        assert made.code == 0, made.err
        result: dict[str, object] = json.loads(made.out.strip().splitlines()[-1])
        return result

    def import_(self, stick: str) -> dict[str, str]:
        done = self.office_cmd("province", "import", str(self.tmp / stick))
        bundle: dict[str, str] = json.loads(done.out.strip().splitlines()[-1])["bundles"][0]
        return bundle

    def last_seq(self) -> int:
        with Store.open(self.office, "审计") as store:
            return OfficeRepo(store.database, store.audit).require_unit("GD-M01").last_seq


@pytest.fixture
def chain(cli: Cli, tmp_path: Path) -> Chain:
    return Chain(cli, tmp_path)


def test_resend_after_the_switch_is_the_same_bundle_in_the_new_suite_and_starts_the_chain(chain: Chain) -> None:
    resent = chain.export("resent", "--resend", "1")
    assert resent["resend"] and resent["seq"] == 1 and resent["bundle_hash"] == chain.first["bundle_hash"]
    assert resent["parts"] == ["payload.sm4"]  # sealed and signed with the unit's new SM2 key
    assert (Path(str(resent["path"])) / "SM3SUMS.sig").is_file()
    accepted = chain.import_("resent")
    assert accepted["outcome"] == Outcome.ACCEPTED.value, accepted["message"]
    chain.export("next")
    assert chain.import_("next")["outcome"] == Outcome.ACCEPTED.value
    assert chain.last_seq() == 2


def test_resend_after_a_later_full_bundle_is_not_needed_and_says_so(chain: Chain) -> None:
    full = chain.export("full")
    assert full["seq"] == 2 and full["kind"] == "full"
    assert chain.import_("full")["outcome"] == Outcome.ACCEPTED.value
    chain.export("resent", "--resend", "1")
    late = chain.import_("resent")
    assert late["outcome"] == Outcome.REPLAY.value
    # not "已经接收过另一个版本": the office never had number 1; bundle 2 carried everything
    assert "不再需要" in late["message"] and "第 2 号完整数据包" in late["message"], late["message"]
    assert "不必再导入" in late["message"]
    assert chain.last_seq() == 2
