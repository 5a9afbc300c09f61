"""An auditor needs none of our code: the Debian `minisign`, `sha256sum`, `age` and `tar` tools check and open
an exported bundle. age asks for the identity's passphrase on the terminal, so it runs under a pty."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import shutil
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from desktop.store import Store
from tests.core.bundle.conftest import OFFICE_PASSPHRASE, OfficeKeys, add_work, export

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("age", "minisign", "sha256sum", "tar")),
    reason="needs the age, minisign, sha256sum and tar tools (scripts/setup.sh test installs them)",
)


def age_with_terminal(args: list[str], passphrase: str, timeout: float = 60) -> tuple[int, bytes]:
    """Run `age` on a pseudo-terminal, typing the passphrase when it asks; returns exit code and output."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: age, with the pty as its terminal
        os.execvp("age", ["age", *args])
    seen = b""
    typed = False
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if not typed and b"passphrase" in seen.lower():
                    os.write(fd, passphrase.encode("utf-8") + b"\n")
                    typed = True
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status), seen
        os.kill(pid, 9)
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status), seen
    finally:
        os.close(fd)


@pytest.fixture
def bundle(unit: Store, tmp_path: Path) -> Path:
    add_work(unit, tmp_path, "一")
    add_work(unit, tmp_path, "二")
    return export(unit, tmp_path / "U盘").path


def test_minisign_accepts_the_signature(bundle: Path, unit: Store) -> None:
    result = subprocess.run(
        ["minisign", "-Vm", "SHA256SUMS", "-p", str(unit.home.keys / "unit.pub")],
        cwd=bundle,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Trusted comment: planprogress bundle unit:GD-T01 seq:1" in result.stdout


def test_minisign_rejects_another_key(bundle: Path, tmp_path: Path) -> None:
    subprocess.run(["minisign", "-G", "-W", "-p", str(tmp_path / "o.pub"), "-s", str(tmp_path / "o.key")], check=True,
                   capture_output=True)  # fmt: skip
    result = subprocess.run(["minisign", "-Vm", "SHA256SUMS", "-p", str(tmp_path / "o.pub")], cwd=bundle,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode != 0


def test_sha256sum_checks_every_file(bundle: Path) -> None:
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=bundle, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["bundle.json: OK", "payload.tar.age: OK"]


def test_age_opens_the_payload_with_the_passphrase_protected_office_key(bundle: Path, unit: Store, tmp_path: Path,
                                                                        office_keys: OfficeKeys) -> None:  # fmt: skip
    out = tmp_path / "payload.tar"
    code, screen = age_with_terminal(
        ["-d", "-i", str(office_keys.folder / "office.key"), "-o", str(out), str(bundle / "payload.tar.age")],
        OFFICE_PASSPHRASE,
    )
    assert code == 0, screen
    assert b"Enter passphrase for identity file" in screen
    listing = subprocess.run(["tar", "-tvf", str(out)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[-1] for line in listing.splitlines()]
    assert names[:4] == ["MANIFEST.json", "MANIFEST.json.minisig", "records.jsonl", "audit.jsonl"]
    with tarfile.open(out) as tar:
        manifest_file = tar.extractfile("MANIFEST.json")
        assert manifest_file is not None
        manifest = json.loads(manifest_file.read())
    evidence = sorted(e["name"] for e in manifest["entries"] if e["name"].startswith("evidence/"))
    stored = sorted(f"evidence/{r.sha256}" for r in unit.evidence.find())
    assert evidence == stored and len(evidence) == 2
    assert sorted(n for n in names if n.startswith("evidence/")) == evidence
    # the inner signature over the manifest is a plain minisign signature too
    (tmp_path / "inner").mkdir()
    subprocess.run(["tar", "-xf", str(out), "-C", str(tmp_path / "inner"), "MANIFEST.json", "MANIFEST.json.minisig"],
                   check=True)  # fmt: skip
    checked = subprocess.run(["minisign", "-Vm", "MANIFEST.json", "-p", str(unit.home.keys / "unit.pub")],
                             cwd=tmp_path / "inner", capture_output=True, text=True)  # fmt: skip
    assert checked.returncode == 0, checked.stderr


def test_age_refuses_a_wrong_passphrase(bundle: Path, tmp_path: Path, office_keys: OfficeKeys) -> None:
    code, _ = age_with_terminal(
        [
            "-d",
            "-i",
            str(office_keys.folder / "office.key"),
            "-o",
            str(tmp_path / "x"),
            str(bundle / "payload.tar.age"),
        ],
        "wrong passphrase",
    )
    assert code != 0


def test_split_parts_join_with_cat(unit: Store, tmp_path: Path, office_keys: OfficeKeys) -> None:
    """`cat payload.tar.age.*` is the age file again (shown with the identity in the clear, as an auditor
    who already unlocked it would hold it)."""
    add_work(unit, tmp_path, size=80_000)
    bundle = export(unit, tmp_path / "U盘", part_size=64 * 1024).path
    parts = sorted(bundle.glob("payload.tar.age.*"))
    assert len(parts) >= 2
    plain = tmp_path / "identity.txt"
    plain.write_text(f"{office_keys.identity}\n", encoding="utf-8")
    joined = b"".join(p.read_bytes() for p in parts)
    result = subprocess.run(["age", "-d", "-i", str(plain)], input=joined, capture_output=True)
    assert result.returncode == 0, result.stderr
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as tar:
        assert tar.getnames()[0] == "MANIFEST.json"


def test_key_ids_read_from_the_documented_formats_match_the_minisign_tool(tmp_path: Path) -> None:
    import minisign

    from desktop.services.suite import minisign_key_id, minisign_signature_key_id

    pub, sec, data = tmp_path / "k.pub", tmp_path / "k.key", tmp_path / "数据 文件.txt"
    made = subprocess.run(["minisign", "-G", "-W", "-p", str(pub), "-s", str(sec)], capture_output=True, check=False)
    assert made.returncode == 0, made.stderr
    # "untrusted comment: minisign public key ID": the tool prints the id without leading zeros, we pad to 16
    tool_id = int(pub.read_text(encoding="ascii").splitlines()[0].split()[-1], 16)
    assert int(minisign_key_id(minisign.PublicKey.from_file(pub)), 16) == tool_id
    data.write_bytes(b"\x00" * 10)
    assert subprocess.run(["minisign", "-S", "-s", str(sec), "-m", str(data)], check=False).returncode == 0
    signature = data.with_name(data.name + ".minisig").read_bytes()
    assert int(minisign_signature_key_id(signature), 16) == tool_id
