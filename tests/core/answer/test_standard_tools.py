"""An auditor checks an answer with the standard tools alone, as docs/answers.md shows: minisign with the
office's signing key from its comment line in office.pub, sha256sum, age with the unit's identity. office.pub
stays a valid age recipients file and unit.pub a valid minisign public key."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.services import keys
from tests.core.answer.conftest import Pair, only

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("minisign", "sha256sum", "age", "tar")),
    reason="minisign, sha256sum, age and tar are needed (Debian: apt install minisign age coreutils tar)",
)


def _run(*args: str | Path, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(a) for a in args], cwd=cwd, input=stdin, capture_output=True, timeout=60, check=False)


def test_answer_checks_with_minisign_sha256sum_and_age(pair: Pair) -> None:
    pair.answer("回执")
    folder = only(pair.root / "回执")
    office_pub = pair.office.home.keys / keys.OFFICE_PUBLIC
    line = next(x for x in office_pub.read_text().splitlines() if x.startswith("# minisign: "))
    signing_key = line.removeprefix("# minisign: ")

    checked = _run("minisign", "-V", "-P", signing_key, "-m", "SHA256SUMS", cwd=folder)
    assert checked.returncode == 0, checked.stderr
    assert b"planprogress answer unit:GD-T01 seq:1" in checked.stdout

    sums = _run("sha256sum", "-c", "SHA256SUMS", cwd=folder)
    assert sums.returncode == 0 and sums.stdout.decode().count(": OK") == 2

    identity = pair.unit.home.keys / keys.UNIT_ANSWER
    plain = _run("age", "-d", "-i", identity, folder / "payload.tar.age")
    assert plain.returncode == 0, plain.stderr
    listing = _run("tar", "-tv", stdin=plain.stdout)
    names = [row.split()[-1] for row in listing.stdout.decode().splitlines()]
    assert names == ["ANSWER.json", "ANSWER.json.minisig"]


def test_a_tampered_answer_fails_the_standard_tools(pair: Pair) -> None:
    pair.answer("回执")
    folder = only(pair.root / "回执")
    data = bytearray((folder / "payload.tar.age").read_bytes())
    data[-5] ^= 1
    (folder / "payload.tar.age").write_bytes(bytes(data))
    assert _run("sha256sum", "-c", "SHA256SUMS", cwd=folder).returncode != 0


def test_office_pub_reads_with_age_and_unit_pub_with_minisign(pair: Pair, tmp_path: Path) -> None:
    message = tmp_path / "m.txt"
    message.write_text("检查")
    encrypted = _run("age", "-R", pair.office.home.keys / keys.OFFICE_PUBLIC, "-o", tmp_path / "m.age", message)
    assert encrypted.returncode == 0, encrypted.stderr
    unit_pub = pair.unit.home.keys / keys.UNIT_PUBLIC
    assert "answer:age1" in unit_pub.read_text().splitlines()[0]
    signer = keys.load_unit_signer(pair.unit.home, None)
    signature = signer.sign(message.read_bytes(), prehash=True, trusted_comment="t")
    (tmp_path / "m.txt.minisig").write_bytes(bytes(signature) + b"\n")
    verified = _run("minisign", "-V", "-p", unit_pub, "-m", message)
    assert verified.returncode == 0, verified.stderr
