"""The 国密 suite's keys through the commands: `province init --suite gm`, `province keys add --suite gm` for an
age office, units that take the suite of the office.pub they import (also by switching, chain continued), and
enrolment of either suite. The private keys are checked with the stock `openssl` command line."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.services.bundle.format import Outcome
from desktop.store import Store
from desktop.store.office import OfficeRepo
from tests.core.conftest import CliResult
from tests.core.support import assert_error

Cli = Callable[..., CliResult]
PASSPHRASE = "省局 国密 口令 2026"
needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command line")


@pytest.fixture
def office_pass(tmp_path: Path) -> Path:
    path = tmp_path / "office-pass.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def _office(cli: Cli, home: Path, office_pass: Path, *extra: str) -> dict[str, object]:
    result = cli("--passphrase-file", str(office_pass), "--json", "province", "init", "--name", "测试省局", *extra,
                 home_dir=home)  # fmt: skip
    assert result.code == 0, result.err
    data: dict[str, object] = result.json()
    return data


@needs_openssl
def test_province_init_gm_makes_sm2_keys_openssl_opens(cli: Cli, tmp_path: Path, office_pass: Path) -> None:
    data = _office(cli, tmp_path / "省局", office_pass, "--suite", "gm")
    assert data["suite"] == "sm2-sm3-sm4"
    identity, public = Path(str(data["identity_path"])), Path(str(data["public_key_path"]))
    assert identity.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert identity.stat().st_mode & 0o077 == 0
    assert public.read_text(encoding="utf-8").startswith("# suite: sm2-sm3-sm4")
    opened = subprocess.run(
        ["openssl", "pkey", "-in", str(identity), "-passin", f"file:{office_pass}", "-noout", "-text"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    # the answer-signing key is SM2 too, under the same passphrase
    signer = identity.with_name("office-sign.key")
    assert subprocess.run(["openssl", "pkey", "-in", str(signer), "-passin", f"file:{office_pass}", "-noout"],
                          check=False).returncode == 0  # fmt: skip
    # the first key of office.pub is the one OpenSSL encrypts to
    shown = subprocess.run(["openssl", "pkey", "-pubin", "-in", str(public), "-noout", "-text"], capture_output=True,
                           text=True, check=False)  # fmt: skip
    assert shown.returncode == 0 and "SM2" in shown.stdout
    again = cli("--passphrase-file", str(office_pass), "province", "init", "--suite", "gm", home_dir=tmp_path / "省局")
    assert_error(again, "已存在")


def test_unit_takes_the_suite_of_the_office_key_and_is_enrolled(cli: Cli, tmp_path: Path, office_pass: Path) -> None:
    office = tmp_path / "省局"
    _office(cli, office, office_pass, "--suite", "gm")
    unit = tmp_path / "单位"
    made = cli("--json", "init", "--unit-code", "GD-G01", "--unit-name", "国密监狱", "--province-key",
               str(office / "keys" / "office.pub"), home_dir=unit)  # fmt: skip
    assert made.code == 0, made.err
    assert made.json()["suite"] == "sm2-sm3-sm4"
    told = cli("init", "--unit-code", "GD-G02", "--unit-name", "国密二监", "--province-key",
               str(office / "keys" / "office.pub"), home_dir=tmp_path / "单位二")  # fmt: skip
    assert "已生成本单位的国密 SM2 签名密钥" in told.out  # the clerk is told which suite the office chose
    shown = cli("--json", "keys", "show", home_dir=unit).json()
    assert shown["suite"] == "sm2-sm3-sm4" and len(shown["key_id"]) == 64
    pub = Path(shown["public_key_path"]).read_text(encoding="ascii")
    assert pub.startswith("# suite: sm2-sm3-sm4") and pub.count("-----BEGIN PUBLIC KEY-----") == 2
    enrolled = cli("--json", "province", "enroll", str(unit / "keys" / "unit.pub"), "--unit-code", "GD-G01",
                   home_dir=office)  # fmt: skip
    assert enrolled.code == 0, enrolled.err
    office_shown = cli("--json", "keys", "show", home_dir=office).json()
    assert office_shown["suite"] == "sm2-sm3-sm4" and office_shown["suites"] == ["sm2-sm3-sm4"]


def test_an_age_office_adds_gm_and_a_unit_switches_with_its_chain(cli: Cli, tmp_path: Path, office_pass: Path) -> None:
    office, unit = tmp_path / "省局", tmp_path / "单位"
    (tmp_path / "stick1").mkdir()
    (tmp_path / "stick2").mkdir()
    _office(cli, office, office_pass)
    age_pub = tmp_path / "office-age.pub"
    shutil.copy(office / "keys" / "office.pub", age_pub)
    assert cli("init", "--unit-code", "GD-M01", "--unit-name", "迁移监狱", "--province-key", str(age_pub),
               home_dir=unit).code == 0  # fmt: skip
    assert cli("--json", "keys", "show", home_dir=unit).json()["suite"] == "age-x25519+minisign-ed25519"
    assert cli("province", "enroll", str(unit / "keys" / "unit.pub"), "--unit-code", "GD-M01",
               home_dir=office).code == 0  # fmt: skip
    first = cli("--json", "export", "--out", str(tmp_path / "stick1"), home_dir=unit)
    assert first.code == 0, first.err
    imported = cli("--passphrase-file", str(office_pass), "province", "import", str(tmp_path / "stick1"),
                   home_dir=office)  # fmt: skip
    assert imported.code == 0, imported.out + imported.err

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("不是口令\n", encoding="utf-8")
    refused = cli("--passphrase-file", str(wrong), "province", "keys", "add", "--suite", "gm", home_dir=office)
    assert_error(refused, "口令不正确")
    assert not (office / "keys" / "office-sm2.key").exists()
    added = cli("--passphrase-file", str(office_pass), "--json", "province", "keys", "add", "--suite", "gm",
                home_dir=office)  # fmt: skip
    assert added.code == 0, added.err
    both = (office / "keys" / "office.pub").read_text(encoding="utf-8")
    assert "age1" in both and "# suite: sm2-sm3-sm4" in both and "# minisign: " in both

    switched = cli("--json", "keys", "import", str(office / "keys" / "office.pub"), home_dir=unit)
    assert switched.code == 0, switched.err
    assert switched.json()["suite"] == "sm2-sm3-sm4" and "重新登记" in switched.err
    assert cli("--json", "keys", "show", home_dir=unit).json()["suite"] == "sm2-sm3-sm4"
    assert cli("province", "enroll", str(unit / "keys" / "unit.pub"), "--unit-code", "GD-M01",
               home_dir=office).code == 0  # fmt: skip
    second = cli("--json", "export", "--out", str(tmp_path / "stick2"), home_dir=unit)
    assert second.code == 0, second.err
    bundle = next((tmp_path / "stick2").glob("PB-*"))
    assert bundle.name == "PB-GD-M01-000002" and (bundle / "SM3SUMS.sig").is_file()
    imported = cli("--passphrase-file", str(office_pass), "--json", "province", "import", str(tmp_path / "stick2"),
                   home_dir=office)  # fmt: skip
    assert imported.code == 0, imported.out + imported.err
    with Store.open(office, "审计") as store:
        chain = OfficeRepo(store.database, store.audit).require_unit("GD-M01")
        assert chain.last_seq == 2
    # the old age bundle again: its key is retired now
    again = cli("--passphrase-file", str(office_pass), "--json", "province", "import", str(tmp_path / "stick1"),
                home_dir=office)  # fmt: skip
    outcome = json.loads(again.out.strip().splitlines()[-1])["bundles"][0]["outcome"]
    assert outcome == Outcome.RETIRED_KEY.value
