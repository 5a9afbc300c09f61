"""The bundle commands as a clerk and a script use them: keys, export with JSON progress, verify, and the
office's enroll / import / status / evidence / log, with one Chinese error line on failure."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import minisign
import pyrage
import pytest

from desktop.cli import main as cli_main
from desktop.store import Store
from tests.core.bundle.conftest import OFFICE_PASSPHRASE, flip_byte
from tests.core.conftest import REPO, CliResult
from tests.core.support import assert_error

Cli = Callable[..., CliResult]


@pytest.fixture(scope="module")
def made_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office home made once through `province init` (scrypt makes this slow: share it)."""
    root = tmp_path_factory.mktemp("office")
    secret = root / "pass.txt"
    secret.write_text(OFFICE_PASSPHRASE + "\n", encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli_main(["--home", str(root / "省局"), "--passphrase-file", str(secret), "--json", "province", "init"])
    assert code == 0
    return root / "省局"


@pytest.fixture
def office_home(made_office: Path, tmp_path: Path) -> Path:
    target = tmp_path / "省局"
    shutil.copytree(made_office, target)
    return target


@pytest.fixture
def office_pass(tmp_path: Path) -> Path:
    path = tmp_path / "office-pass.txt"
    path.write_text(OFFICE_PASSPHRASE + "\n", encoding="utf-8")
    return path


def _json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.strip().splitlines()]


def _unit(cli: Cli, office_home: Path, home: Path, code: str = "GD-T01") -> None:
    result = cli("init", "--unit-code", code, "--unit-name", "测试监狱", "--province-key",
                 str(office_home / "keys" / "office.pub"), home_dir=home)  # fmt: skip
    assert result.code == 0, result.err
    evidence = home.parent / "会议 纪要.txt"
    evidence.write_text("纪要\n", encoding="utf-8")
    for args in (("progress", "1", "--period", "2026-Q4", "--status", "推进中", "--percent", "40"),
                 ("evidence", "add", "1", str(evidence))):  # fmt: skip
        assert cli(*args, home_dir=home).code == 0


def test_province_init_prints_its_keys(made_office: Path) -> None:
    identity = made_office / "keys" / "office.key"
    assert identity.read_bytes().startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert identity.stat().st_mode & 0o077 == 0
    text = pyrage.passphrase.decrypt(identity.read_bytes(), OFFICE_PASSPHRASE).decode()
    assert "AGE-SECRET-KEY-1" in text


def test_province_init_json_fields(cli: Cli, tmp_path: Path, office_pass: Path) -> None:
    escrow = pyrage.x25519.Identity.generate().to_public()
    result = cli("--passphrase-file", str(office_pass), "--json", "province", "init", "--escrow", str(escrow),
                 home_dir=tmp_path / "o")  # fmt: skip
    assert result.code == 0, result.err
    data = result.json()
    assert data["public_key"].startswith("age1") and data["escrow"] == [str(escrow)]
    assert Path(data["identity_path"]).is_file() and Path(data["public_key_path"]).is_file()
    lines = [ln for ln in Path(data["public_key_path"]).read_text().splitlines() if ln and not ln.startswith("#")]
    assert lines == [data["public_key"], str(escrow)]
    again = cli("--passphrase-file", str(office_pass), "province", "init", home_dir=tmp_path / "o")
    assert_error(again, "已存在")


def test_province_init_refuses_without_a_passphrase(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "desktop", "--home", str(tmp_path / "o"), "province", "init"],
        cwd=REPO, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert_error(CliResult(proc.returncode, proc.stdout, proc.stderr), "必须设口令", "PLANPROGRESS_PASSPHRASE")
    assert not (tmp_path / "o").exists()


def test_province_init_refuses_a_short_passphrase_and_a_unit_home(cli: Cli, tmp_path: Path, unit_home: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text("1234", encoding="utf-8")
    assert_error(cli("--passphrase-file", str(short), "province", "init", home_dir=tmp_path / "o"), "至少需要 8")
    assert not (tmp_path / "o").exists()
    assert_error(cli("province", "init"), "单位的数据目录")


def test_unit_init_with_a_passphrase_and_keys_show(cli: Cli, tmp_path: Path, office_home: Path) -> None:
    secret = tmp_path / "unit-pass.txt"
    secret.write_text("单位的口令\n", encoding="utf-8")
    home = tmp_path / "单位"
    result = cli("--passphrase-file", str(secret), "--json", "init", "--unit-code", "GD-P1", "--unit-name", "一监",
                 "--province-key", str(office_home / "keys" / "office.pub"), home_dir=home)  # fmt: skip
    assert result.code == 0, result.err
    data = result.json()
    assert data["signing_key_protected"] and data["office_key_imported"]
    secret_key = minisign.SecretKey.from_file(home / "keys" / "unit.key")
    assert secret_key.is_encrypted()
    shown = cli("--json", "keys", "show", home_dir=home).json()
    assert shown["public_key_path"] == str(home / "keys" / "unit.pub")
    assert minisign.PublicKey.from_file(shown["public_key_path"]).to_base64().decode() == shown["public_key"]
    assert shown["key_id"] == data["signing_key_id"]
    office_shown = cli("--json", "keys", "show", home_dir=office_home).json()
    assert office_shown["kind"] == "office" and office_shown["public_key"].startswith("age1")


def test_unit_init_from_env_passphrase(tmp_path: Path, office_home: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "PLANPROGRESS_PASSPHRASE": "环境变量口令"}
    proc = subprocess.run([sys.executable, "-m", "desktop", "--home", str(tmp_path / "u"), "init", "--unit-code",
                           "GD-E1", "--unit-name", "环境监狱"], cwd=REPO, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "有口令保护" in proc.stdout
    assert minisign.SecretKey.from_file(tmp_path / "u" / "keys" / "unit.key").is_encrypted()


def test_bad_province_key_is_refused_before_anything_is_made(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "office.pub"
    bad.write_text("这不是公钥\n", encoding="utf-8")
    result = cli(
        "init", "--unit-code", "GD-X1", "--unit-name", "x", "--province-key", str(bad), home_dir=tmp_path / "u"
    )
    assert_error(result, "不是 age 公钥")
    assert not (tmp_path / "u").exists()
    assert_error(cli("init", "--unit-code", "GD-X1", "--unit-name", "x", "--province-key", str(tmp_path / "no.pub"),
                     home_dir=tmp_path / "u"), "找不到")  # fmt: skip


def test_export_json_lines_then_verify_then_import(cli: Cli, tmp_path: Path, office_home: Path,
                                                   office_pass: Path) -> None:  # fmt: skip
    home = tmp_path / "单位"
    _unit(cli, office_home, home)
    stick = tmp_path / "U盘"
    stick.mkdir()
    exported = cli("--json", "export", "--out", str(stick), home_dir=home)
    assert exported.code == 0, exported.err
    lines = _json_lines(exported.out)
    assert {ln["event"] for ln in lines[:-1]} == {"progress"}
    assert {"encrypt", "verify"} <= {ln["phase"] for ln in lines[:-1]}
    assert all(isinstance(ln["done"], int) and isinstance(ln["total"], int) for ln in lines[:-1])
    result = lines[-1]
    assert result["event"] == "result" and result["seq"] == 1 and result["kind"] == "full"
    bundle = Path(result["path"])
    verified = cli("verify", str(bundle), home_dir=home)
    assert verified.code == 0 and "签名有效" in verified.out
    listed = cli("--json", "export", "--list", home_dir=home).json()
    assert [e["seq"] for e in listed] == [1] and listed[0]["kind"] == "full"
    plain_list = cli("export", "--list", home_dir=home).out
    assert "完整" in plain_list and "full" not in plain_list

    enrolled = cli("province", "enroll", str(home / "keys" / "unit.pub"), "--unit-code", "GD-T01", home_dir=office_home)
    assert enrolled.code == 0 and "已登记单位 GD-T01" in enrolled.out
    waiting = cli("province", "status", "--period", "2026-Q4", home_dir=office_home).out.splitlines()
    assert waiting[1:3] == [  # enrolled, no bundle yet: no blank name, no 0% projects; the suite of its key
        "GD-T01（尚未收到数据包）  [未报送，age]",
        "    已登记，等待该单位导出并报送第一个数据包；收到后这里显示单位名称、报告期和各工程完成度。",
    ]
    at_office = _json_lines(cli("--json", "verify", str(bundle), home_dir=office_home).out)[-1]
    assert at_office["ok"] and at_office["checked_with"] == "office"
    imported = cli("--passphrase-file", str(office_pass), "province", "import", str(stick), home_dir=office_home)
    assert imported.code == 0, imported.err
    assert imported.out.strip().splitlines() == [imported.out.strip()]  # one line per bundle
    assert "PB-GD-T01-000001  [已接收]" in imported.out

    status = cli("--json", "province", "status", "--period", "2026-Q4", home_dir=office_home).json()
    [unit_status] = status["units"]
    assert unit_status["code"] == "GD-T01" and unit_status["reported"] and unit_status["periods"] == ["2026-Q4"]
    text = cli("province", "status", "--period", "2026-Q4", home_dir=office_home).out.splitlines()
    assert text[1].startswith("GD-T01 测试监狱  [已报送，age]  最近接收：第 1 号，")
    evidence = cli("--json", "province", "evidence", "list", "--unit", "GD-T01", "--task", "1.01",
                   home_dir=office_home).json()  # fmt: skip
    assert [e["original_name"] for e in evidence] == ["会议 纪要.txt"]
    out = tmp_path / "取出"
    out.mkdir()
    got = cli("province", "evidence", "get", str(evidence[0]["id"]), "--out", str(out), home_dir=office_home)
    assert got.code == 0 and (out / "会议 纪要.txt").read_text(encoding="utf-8") == "纪要\n"
    log = cli("--json", "province", "log", home_dir=office_home).json()
    assert [e["outcome"] for e in log] == ["accepted"]
    assert "已接收" in cli("province", "log", home_dir=office_home).out  # the Chinese label, not the code


def test_import_batch_with_a_bad_bundle(cli: Cli, tmp_path: Path, office_home: Path, office_pass: Path) -> None:
    home = tmp_path / "单位"
    _unit(cli, office_home, home)
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert cli("export", "--out", str(stick), home_dir=home).code == 0
    assert cli("progress", "2", "--period", "2026-Q4", "--status", "推进中", "--percent", "10", home_dir=home).code == 0
    assert cli("export", "--out", str(stick), home_dir=home).code == 0
    flip_byte(stick / "PB-GD-T01-000002" / "payload.tar.age")
    assert cli("province", "enroll", str(home / "keys" / "unit.pub"), "--unit-code", "GD-T01",
               home_dir=office_home).code == 0  # fmt: skip
    imported = cli("--passphrase-file", str(office_pass), "--json", "province", "import", str(stick),
                   home_dir=office_home)  # fmt: skip
    assert imported.code == 7
    result = _json_lines(imported.out)[-1]
    assert [(b["name"], b["outcome"]) for b in result["bundles"]] == [
        ("PB-GD-T01-000001", "accepted"), ("PB-GD-T01-000002", "damaged"),
    ]  # fmt: skip
    assert result["bundles"][1]["part"] == "payload.tar.age" and not result["ok"]
    assert_error(imported, "1 个数据包未被接收")
    plain = cli("--passphrase-file", str(office_pass), "province", "import", str(stick), home_dir=office_home)
    assert plain.code == 7 and len(plain.out.strip().splitlines()) == 2
    assert "[已导入过" in plain.out and "[拒收：数据包已损坏]" in plain.out


def test_verify_without_any_key_and_with_pubkey(cli: Cli, tmp_path: Path, office_home: Path) -> None:
    home = tmp_path / "单位"
    _unit(cli, office_home, home)
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert cli("export", "--out", str(stick), home_dir=home).code == 0
    bundle = stick / "PB-GD-T01-000001"
    nowhere = tmp_path / "empty"
    assert_error(cli("verify", str(bundle), home_dir=nowhere), "--pubkey")
    ok = cli("--json", "verify", str(bundle), "--pubkey", str(home / "keys" / "unit.pub"), home_dir=nowhere)
    assert ok.code == 0 and _json_lines(ok.out)[-1]["checked_with"] == "file"
    flip_byte(bundle / "bundle.json", 30)
    bad = cli("verify", str(bundle), home_dir=home)
    assert_error(bad, "bundle.json 已损坏")


def test_wrong_office_passphrase(cli: Cli, tmp_path: Path, office_home: Path) -> None:
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase", encoding="utf-8")
    (tmp_path / "PB-GD-T01-000001").mkdir()  # a bundle to import: the passphrase is asked for only then
    result = cli("--passphrase-file", str(wrong), "province", "import", str(tmp_path), home_dir=office_home)
    assert_error(result, "口令不正确")


def _nothing_taken_in(cli: Cli, office_home: Path) -> None:
    assert cli("--json", "province", "log", home_dir=office_home).json() == []
    quarantine = office_home / "intake" / "quarantine"
    assert not quarantine.exists() or not any(quarantine.iterdir())


def test_a_stick_without_bundles_is_said_not_quarantined(cli: Cli, tmp_path: Path, office_home: Path,
                                                          office_pass: Path) -> None:  # fmt: skip
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "说明.txt").write_text("不是数据包\n", encoding="utf-8")
    result = cli("--passphrase-file", str(office_pass), "province", "import", str(empty), home_dir=office_home)
    assert_error(result, f"{empty} 里没有数据包（PB-单位代码-序号 文件夹）：请确认插入的是单位交来的U盘。", code=2)
    assert "已损坏" not in result.err and "隔离" not in result.err and result.out == ""
    missing = cli("--passphrase-file", str(office_pass), "province", "import", str(tmp_path / "没有"),
                  home_dir=office_home)  # fmt: skip
    assert_error(missing, "找不到文件夹", code=2)
    _nothing_taken_in(cli, office_home)
    assert (empty / "说明.txt").is_file()


def test_the_offices_own_answer_stick_is_said_not_quarantined(cli: Cli, tmp_path: Path, office_home: Path,
                                                               office_pass: Path) -> None:  # fmt: skip
    stick = tmp_path / "回执U盘"
    (stick / "PO-GD-T01-000001").mkdir(parents=True)
    (stick / "PO-GD-T01-000001" / "answer.json").write_text("{}", encoding="utf-8")
    for named in (stick, stick / "PO-GD-T01-000001"):
        result = cli("--passphrase-file", str(office_pass), "province", "import", str(named), home_dir=office_home)
        assert_error(
            result, "是省局写给单位的回执U盘（PO-…），不是单位的数据包：请交给单位用 planprogress receive 导入。"
        )
    _nothing_taken_in(cli, office_home)
    assert (stick / "PO-GD-T01-000001" / "answer.json").is_file()


def test_a_broken_bundle_named_directly_is_still_refused(cli: Cli, tmp_path: Path, office_home: Path,
                                                         office_pass: Path) -> None:  # fmt: skip
    renamed = tmp_path / "改了名的数据包"
    renamed.mkdir()
    (renamed / "bundle.json").write_text("{}", encoding="utf-8")
    result = cli("--passphrase-file", str(office_pass), "--json", "province", "import", str(renamed),
                 home_dir=office_home)  # fmt: skip
    assert result.code == 7
    [bundle] = _json_lines(result.out)[-1]["bundles"]
    assert bundle["outcome"] == "damaged" and "不是数据包文件夹的名称" in bundle["message"]
    assert [e["outcome"] for e in cli("--json", "province", "log", home_dir=office_home).json()] == ["damaged"]


def test_a_key_needing_more_scrypt_work_than_age_allows_now_is_not_called_a_wrong_passphrase(
    cli: Cli, tmp_path: Path, office_home: Path
) -> None:
    # age caps the work factor it accepts by timing the machine at hand: a busy or slower PC than the one that made
    # the key refuses before the passphrase is tried (log_n 30 stands for that here; age's default is ~18)
    key = office_home / "keys" / "office.key"
    armored = key.read_text(encoding="ascii").splitlines()
    assert armored[0] == "-----BEGIN AGE ENCRYPTED FILE-----"
    binary = base64.b64decode("".join(armored[1:-1]))
    stanza = re.search(rb"\n-> scrypt \S+ (\d+)\n", binary)
    assert stanza is not None
    key.write_bytes(binary[: stanza.start(1)] + b"30" + binary[stanza.end(1) :])
    passfile = tmp_path / "right.txt"
    passfile.write_text(OFFICE_PASSPHRASE, encoding="utf-8")
    (tmp_path / "PB-GD-T01-000001").mkdir()
    result = cli("--passphrase-file", str(passfile), "province", "import", str(tmp_path), home_dir=office_home)
    assert_error(result, "本机此刻太忙")
    assert "口令不正确" not in result.err


def test_province_commands_refuse_a_unit_home(cli: Cli, unit_home: Path) -> None:
    assert_error(cli("province", "status"), "单位的数据目录")
    assert_error(cli("province", "enroll", "x.pub", "--unit-code", "GD-1"), "单位的数据目录")


def test_enroll_revoke_resync_messages(cli: Cli, tmp_path: Path, office_home: Path) -> None:
    home = tmp_path / "单位"
    _unit(cli, office_home, home)
    pub = str(home / "keys" / "unit.pub")
    assert "已登记单位" in cli("province", "enroll", pub, "--unit-code", "GD-T01", home_dir=office_home).out
    assert "未作改动" in cli("province", "enroll", pub, "--unit-code", "GD-T01", home_dir=office_home).out
    assert_error(cli("province", "enroll", pub, "--unit-code", "GD-T02", home_dir=office_home), "已登记给单位 GD-T01")
    assert_error(cli("province", "resync", "GD-NONE", "--reason", "恢复", home_dir=office_home), "尚未登记")
    assert_error(
        cli("province", "revoke", "GD-NONE", home_dir=office_home), "province enroll 公钥文件 --unit-code GD-NONE"
    )
    assert "已允许 GD-T01 重新同步" in cli("province", "resync", "GD-T01", "--reason", "恢复", home_dir=office_home).out
    assert "已吊销" in cli("province", "revoke", "GD-T01", "--reason", "密钥遗失", home_dir=office_home).out
    assert_error(cli("province", "enroll", pub, "--unit-code", "GD-T01", home_dir=office_home), "已被吊销")
    rotated = cli("keys", "rotate", home_dir=home)
    assert rotated.code == 0 and "重新登记" in rotated.out
    again = cli("province", "enroll", pub, "--unit-code", "GD-T01", home_dir=office_home)
    assert again.code == 0 and "吊销已解除" in again.out


def test_a_home_without_a_signing_key(cli: Cli, store: Store, home: Path) -> None:
    """A home made before bundles existed (or by the store directly) gets its key with `keys init`."""
    store.close()
    assert_error(cli("keys", "show"), "keys init")
    made = cli("--json", "keys", "init")
    assert made.code == 0, made.err
    assert Path(made.json()["public_key_path"]).is_file()
    assert_error(cli("keys", "init"), "已存在")
    assert_error(cli("export", "--out", str(home.parent)), "还没有导入省局公钥")


def test_export_into_an_old_bundle_is_refused_before_the_passphrase(cli: Cli, tmp_path: Path,
                                                                     office_home: Path) -> None:  # fmt: skip
    secret = tmp_path / "unit-pass.txt"
    secret.write_text("单位的口令\n", encoding="utf-8")
    home = tmp_path / "单位"
    assert cli("--passphrase-file", str(secret), "init", "--unit-code", "GD-P1", "--unit-name", "一监",
               "--province-key", str(office_home / "keys" / "office.pub"), home_dir=home).code == 0  # fmt: skip
    stick = tmp_path / "U盘"
    stick.mkdir()
    assert cli("--passphrase-file", str(secret), "export", "--out", str(stick), home_dir=home).code == 0
    old = stick / "PB-GD-P1-000001"
    before = sorted(str(p) for p in old.rglob("*"))
    unread = tmp_path / "还没有的口令文件"  # reading it would fail: the refusal must come first
    refused = cli("--passphrase-file", str(unread), "export", "--out", str(old), home_dir=home)
    said = "是一个数据包文件夹：请选择U盘或其中的普通文件夹（不要选已有的 PB-… 数据包）。"
    assert_error(refused, f"{old} {said}", code=2)
    assert sorted(str(p) for p in old.rglob("*")) == before
    assert [e["seq"] for e in cli("--json", "export", "--list", home_dir=home).json()] == [1]
