"""A whole working session leaves a readable log and no secret in it.

The command line sets up an office and a unit with passphrases and passwords, records a measure with progress
and an evidence file, approves the period, exports, rotates the key, backs up; the office enrolls and imports;
then a clerk signs in through the window's dialog, once with a wrong password. Every log file of both homes is
searched for every secret used (passphrases, passwords, the private key files' text and bytes, the evidence
file's content, the measure's text), and for the INFO lines a support person needs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.cli import main as cli_main
from desktop.store import Home, Store
from desktop.ui.dialogs.sign_in import SignInDialog
from tests.log_support import home_log, key_secrets, log_bytes, log_text

UNIT_PASSPHRASE = "unit-Passphrase-91xQ"
ROTATED_PASSPHRASE = "rotated-Passphrase-26Lm"
OFFICE_PASSPHRASE = "office-Passphrase-77Kd"
PASSWORDS = {"admin": "admin-Pw-5521", "clerk": "clerk-Pw-8830", "reviewer": "review-Pw-4413"}
WRONG_PASSWORD = "wrong-Pw-0097"
EVIDENCE_TEXT = "evidence-body-3e9c1f 内部会议纪要原文"
MEASURE_TITLE = "全员轮训-unit-text-4417"
NOTE = "进展说明-unit-text-8812"


class Session:
    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.tmp = tmp_path
        self.capsys = capsys
        self.unit = tmp_path / "单位"
        self.office = tmp_path / "省局"
        self.stick = tmp_path / "U盘"
        self.stick.mkdir()

    def secret_file(self, text: str) -> str:
        path = self.tmp / f"secret-{len(list(self.tmp.glob('secret-*')))}.txt"
        path.write_text(text, encoding="utf-8")
        return str(path)

    def run(self, home: Path, *args: str, user: str = "admin", passphrase: str | None = None) -> Any:
        options = ["--home", str(home), "--user", user, "--json"]
        if passphrase is not None:
            options += ["--passphrase-file", self.secret_file(passphrase)]
        code = cli_main([*options, *args])
        out = self.capsys.readouterr()
        assert code == 0, out.err
        lines = [json.loads(line) for line in out.out.splitlines() if line.startswith(("{", "["))]
        return lines[-1] if lines else None


def test_a_full_session_logs_what_happened_and_no_secret(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = Session(tmp_path, capsys)
    office = s.run(s.office, "province", "init", "--name", "广东省监狱管理局", passphrase=OFFICE_PASSPHRASE)
    s.run(
        s.unit,
        "init",
        "--unit-code",
        "GD-GZ01",
        "--unit-name",
        "广州监狱",
        "--province-key",
        office["public_key_path"],
        passphrase=UNIT_PASSPHRASE,
    )
    roles = {"admin": "管理员", "clerk": "填报员", "reviewer": "审核员"}
    for name, password in PASSWORDS.items():
        s.run(s.unit, "user", "add", name, "--role", roles[name], "--password-file", s.secret_file(password))
    s.run(s.unit, "user", "passwd", "clerk", "--password-file", s.secret_file(PASSWORDS["clerk"]))
    measure = s.run(s.unit, "measure", "add", "3", "--title", MEASURE_TITLE, user="clerk")
    s.run(s.unit, "progress", str(measure["id"]), "--period", "2026-Q4", "--status", "推进中", "--percent", "60",
          "--note", NOTE, user="clerk")  # fmt: skip
    evidence = tmp_path / "纪要.txt"
    evidence.write_text(EVIDENCE_TEXT, encoding="utf-8")
    s.run(s.unit, "evidence", "add", str(measure["id"]), str(evidence), user="clerk")
    s.run(s.unit, "review", "submit", "2026-Q4", user="clerk")
    s.run(s.unit, "review", "approve", "2026-Q4", user="reviewer")
    exported = s.run(s.unit, "export", "--out", str(s.stick), passphrase=UNIT_PASSPHRASE)
    s.run(s.office, "province", "enroll", str(Home(s.unit).keys / "unit.pub"), "--unit-code", "GD-GZ01")
    s.run(s.office, "province", "import", str(s.stick), passphrase=OFFICE_PASSPHRASE)
    s.run(s.unit, "keys", "rotate", passphrase=ROTATED_PASSPHRASE)
    s.run(s.unit, "backup", "--out", str(tmp_path / "backup.tar"))

    with Store.open(s.unit, "window") as store, home_log(s.unit, "window"):
        dialog = SignInDialog(store)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.name, "clerk")
        qtbot.keyClicks(dialog.password, WRONG_PASSWORD)
        dialog.sign_in_button.click()
        assert dialog.user is None
        qtbot.keyClicks(dialog.password, PASSWORDS["clerk"])
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            dialog.sign_in_button.click()

    secrets = [UNIT_PASSPHRASE, ROTATED_PASSPHRASE, OFFICE_PASSPHRASE, WRONG_PASSWORD, *PASSWORDS.values()]
    secrets += [EVIDENCE_TEXT, "evidence-body-3e9c1f", MEASURE_TITLE, NOTE]
    everything = log_bytes(s.unit, s.office)
    assert everything, "no log was written"
    for secret in [t.encode("utf-8") for t in secrets] + key_secrets(s.unit) + key_secrets(s.office):
        assert secret not in everything, f"a secret is in the log: {secret[:12]!r}…"

    unit_log, office_log = log_text(s.unit), log_text(s.office)
    bundle = Path(exported["path"]).name
    for expected in (
        r"INFO cli:init\[\d+\] desktop\.services\.keys: unit signing key \w+ created for GD-GZ01, passphrase set",
        r"INFO cli:init\[\d+\] desktop\.services\.keys: office public key imported from .*office\.pub \(1 recipients\)",
        r"INFO cli:user add\[\d+\] desktop\.store\.users: user clerk added, role 填报员, by admin",
        r"INFO cli:user passwd\[\d+\] desktop\.store\.users: password of user clerk set by admin",
        r"review 2026-Q4: submit, draft -> submitted, by clerk",
        r"review 2026-Q4: approve, submitted -> approved, by reviewer",
        rf"INFO cli:export\[\d+\] .*: exported {bundle}: seq 1, full, \d+ bytes in 1 parts, to .*U盘, by admin",
        r"INFO cli:keys rotate\[\d+\] .*: unit signing key \w+ retired \(rotation\)",
        r"INFO cli:backup\[\d+\] .*: backup written to .*backup\.tar: \d+ files, \d+ bytes, by admin",
        r"WARNING window\[\d+\] desktop\.store\.users: sign-in failed: wrong password for clerk \(1 in a row\)",
        r"INFO window\[\d+\] desktop\.store\.users: sign-in: clerk \(填报员\)",
    ):
        assert re.search(expected, unit_log), f"{expected} not in\n{unit_log}"
    for expected in (
        r"INFO cli:province init\[\d+\] .*: office key pair created \(0 escrow recipients\)",
        r"INFO cli:province enroll\[\d+\] .*: unit GD-GZ01: key \w+ enrolled \(new\) by admin",
        rf"INFO cli:province import\[\d+\] .*: import {bundle} from .*: unit GD-GZ01, seq 1, accepted",
    ):
        assert re.search(expected, office_log), f"{expected} not in\n{office_log}"
