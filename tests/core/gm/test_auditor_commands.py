"""The auditor's commands of docs/gm-suite.md, run as written (read from the page) on a bundle-shaped folder
that this package made: stock OpenSSL, coreutils, sed and tar check and open it without our code."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import shutil
import tarfile
import time
from pathlib import Path

import pytest

from desktop.services.gm import keyfiles, sm2
from desktop.services.gm.symmetric import format_sums, sm3_file, sm4_ctr
from tests.core.conftest import REPO
from tests.core.gm.conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("openssl", "cksum", "sed", "tar", "od", "bash")),
    reason="needs openssl and coreutils (scripts/setup.sh test installs them)",
)


def auditor_block() -> str:
    page = (REPO / "docs" / "gm-suite.md").read_text(encoding="utf-8")
    section = page.split("## What an auditor runs", 1)[1]
    found = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert found, "docs/gm-suite.md lost its auditor block"
    return found.group(1)


def run_on_terminal(script: str, cwd: Path, passphrase: str, timeout: float = 120) -> tuple[int, str]:
    """Run `script` with bash on a pseudo-terminal in `cwd`, typing the passphrase when OpenSSL asks for it."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: bash with the pty as its terminal
        os.chdir(cwd)
        os.execvp("bash", ["bash", "-e", "-o", "pipefail", "-c", script])
    seen = b""
    typed = False
    status = None
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child has exited and the pty is closed
                    chunk = b""
                if not chunk and status is not None:
                    break
                seen += chunk
                if not typed and b"pass phrase" in seen.lower():
                    os.write(fd, passphrase.encode("utf-8") + b"\n")
                    typed = True
            if status is None:
                done, raw = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = os.waitstatus_to_exitcode(raw)
            elif not ready:
                break
        if status is None:
            os.kill(pid, 9)
            _, raw = os.waitpid(pid, 0)
            status = os.waitstatus_to_exitcode(raw)
        return status, seen.decode("utf-8", errors="replace")
    finally:
        os.close(fd)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A bundle-shaped folder: an SM4-CTR payload in two parts, its key wrapped to the office, signed SM3SUMS."""
    folder = tmp_path / "PB-GD-T01-000001"
    folder.mkdir()
    office, unit = sm2.PrivateKey.generate(), sm2.PrivateKey.generate()
    (folder / "office.key").write_text(keyfiles.encrypt_private_key(office, PASSPHRASE))
    (folder / "unit.pub").write_text(keyfiles.pub_file_text([unit.public, sm2.PrivateKey.generate().public]))

    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w") as tar:
        for name, data in (("MANIFEST.json", b"{}"), ("records/进度.json", os.urandom(50_000))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    key, iv = os.urandom(16), os.urandom(16)
    encrypted = sm4_ctr(key, iv, tar_bytes.getvalue())
    (folder / "payload.sm4.000").write_bytes(encrypted[:20_001])
    (folder / "payload.sm4.001").write_bytes(encrypted[20_001:])
    (folder / "payload.key").write_bytes(sm2.encrypt(office.public, key))
    bundle_json = {"format": 1, "suite": keyfiles.SUITE, "iv": iv.hex(), "unit": "GD-T01", "seq": 1}
    (folder / "bundle.json").write_text(json.dumps(bundle_json, indent=2, ensure_ascii=False))
    names = ["bundle.json", "payload.key", "payload.sm4.000", "payload.sm4.001"]
    sums = format_sums({name: sm3_file(folder / name) for name in names})
    (folder / "SM3SUMS").write_bytes(sums)
    (folder / "SM3SUMS.sig").write_bytes(sm2.sign(unit, sums))
    return folder


def test_the_auditor_commands_pass_as_written(bundle: Path) -> None:
    code, output = run_on_terminal(auditor_block(), bundle, PASSPHRASE)
    assert code == 0, output
    assert "Verified OK" in output
    for name in ("bundle.json", "payload.key", "payload.sm4.000", "payload.sm4.001"):
        assert f"{name}: OK" in output
    assert "MANIFEST.json" in output and "records/进度.json" in output


def test_the_auditor_commands_catch_a_changed_part(bundle: Path) -> None:
    part = bundle / "payload.sm4.001"
    data = bytearray(part.read_bytes())
    data[100] ^= 1
    part.write_bytes(bytes(data))
    code, output = run_on_terminal(auditor_block(), bundle, PASSPHRASE)
    assert code != 0
    assert "Verified OK" in output and "payload.sm4.001: FAILED" in output
    assert "records/" not in output  # stopped before decrypting


def test_the_auditor_commands_refuse_another_units_signature(bundle: Path) -> None:
    (bundle / "unit.pub").write_text(keyfiles.pub_file_text([sm2.PrivateKey.generate().public]))
    code, output = run_on_terminal(auditor_block(), bundle, PASSPHRASE)
    assert code != 0 and "Verification failure" in output
