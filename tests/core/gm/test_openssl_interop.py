"""Both ways with the OpenSSL 3 command line: what we make, OpenSSL reads; what OpenSSL makes, we read."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from desktop.services.gm import keyfiles, sm2
from desktop.services.gm.symmetric import format_sums, sm3_file, sm4_ctr, sm4_ctr_file
from tests.core.gm.conftest import PASSPHRASE, needs_openssl, openssl, openssl_fails

pytestmark = needs_openssl

DISTID = "distid:1234567812345678"
MESSAGE = "SM3 (bundle.json) = 00\n十四五规划进度\n".encode()


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> tuple[sm2.PrivateKey, Path]:
    """A key pair we made: `key.pem` (PKCS#8, Chinese passphrase) and `unit.pub` (signing key first)."""
    folder = tmp_path_factory.mktemp("ours")
    key = sm2.PrivateKey.generate()
    (folder / "key.pem").write_text(keyfiles.encrypt_private_key(key, PASSPHRASE))
    second = sm2.PrivateKey.generate().public
    (folder / "unit.pub").write_text(keyfiles.pub_file_text([key.public, second], "测试监狱"))
    return key, folder


@pytest.fixture(scope="module")
def theirs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A key pair OpenSSL made: plain `key.pem`, `enc.pem` (`pkcs8 -topk8 -v2 sm4-cbc`), `pub.pem`."""
    folder = tmp_path_factory.mktemp("theirs")
    openssl("genpkey", "-algorithm", "SM2", "-out", "key.pem", cwd=folder)
    openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem", cwd=folder)
    openssl(
        "pkcs8", "-topk8", "-v2", "sm4-cbc", "-in", "key.pem", "-out", "enc.pem", "-passout", f"pass:{PASSPHRASE}",
        cwd=folder,
    )  # fmt: skip
    return folder


def test_openssl_opens_our_private_key_with_a_chinese_passphrase(ours: tuple[sm2.PrivateKey, Path]) -> None:
    key, folder = ours
    text = openssl("pkey", "-in", "key.pem", "-passin", f"pass:{PASSPHRASE}", "-noout", "-text", cwd=folder)
    assert key.public.point.hex() in text.decode().replace(":", "").replace("\n", "").replace(" ", "")
    assert "bad decrypt" in openssl_fails("pkey", "-in", "key.pem", "-passin", "pass:国密口令", "-noout", cwd=folder)


def test_openssl_takes_the_first_key_of_our_pub_file_and_its_id(ours: tuple[sm2.PrivateKey, Path]) -> None:
    key, folder = ours
    der = openssl("pkey", "-pubin", "-in", "unit.pub", "-outform", "DER", cwd=folder)
    assert der == key.public.spki_der()
    digest = openssl("dgst", "-sm3", "-r", stdin=der).decode().split()[0]
    assert digest == key.public.key_id()


def test_openssl_verifies_our_signature(ours: tuple[sm2.PrivateKey, Path]) -> None:
    key, folder = ours
    (folder / "msg").write_bytes(MESSAGE)
    (folder / "msg.sig").write_bytes(sm2.sign(key, MESSAGE))
    out = openssl("dgst", "-sm3", "-verify", "unit.pub", "-sigopt", DISTID, "-signature", "msg.sig", "msg", cwd=folder)
    assert out.strip() == b"Verified OK"
    (folder / "msg").write_bytes(MESSAGE + b" ")
    openssl_fails("dgst", "-sm3", "-verify", "unit.pub", "-sigopt", DISTID, "-signature", "msg.sig", "msg", cwd=folder)


def test_we_verify_openssls_signature(theirs: Path) -> None:
    (theirs / "msg").write_bytes(MESSAGE)
    openssl("dgst", "-sm3", "-sign", "key.pem", "-sigopt", DISTID, "-out", "msg.sig", "msg", cwd=theirs)
    public = keyfiles.load_public_pem((theirs / "pub.pem").read_bytes())
    signature = (theirs / "msg.sig").read_bytes()
    assert sm2.verify(public, MESSAGE, signature)
    assert not sm2.verify(public, MESSAGE + b"!", signature)
    assert not sm2.verify(public, MESSAGE, signature + b"\x00")  # trailing bytes: not DER


def test_openssl_unwraps_our_key_wrap(ours: tuple[sm2.PrivateKey, Path]) -> None:
    key, folder = ours
    payload_key = os.urandom(16)
    (folder / "payload.key").write_bytes(sm2.encrypt(key.public, payload_key))
    out = openssl(
        "pkeyutl", "-decrypt", "-inkey", "key.pem", "-passin", f"pass:{PASSPHRASE}", "-in", "payload.key", cwd=folder
    )
    assert out == payload_key


def test_we_unwrap_what_openssl_wrapped(theirs: Path) -> None:
    payload_key = os.urandom(16)
    (theirs / "k").write_bytes(payload_key)
    openssl("pkeyutl", "-encrypt", "-pubin", "-inkey", "pub.pem", "-in", "k", "-out", "k.sm2", cwd=theirs)
    key = keyfiles.load_private_key((theirs / "enc.pem").read_bytes(), PASSPHRASE)
    assert sm2.decrypt(key, (theirs / "k.sm2").read_bytes()) == payload_key


def test_we_read_keys_openssl_generated(theirs: Path) -> None:
    plain = keyfiles.load_private_key((theirs / "key.pem").read_bytes(), None)
    protected = keyfiles.load_private_key((theirs / "enc.pem").read_bytes(), PASSPHRASE)
    public = keyfiles.load_public_pem((theirs / "pub.pem").read_bytes())
    assert plain.secret == protected.secret
    assert plain.public == protected.public == public


@pytest.mark.parametrize("size", [0, 1, 16, 100_000])
def test_openssl_decrypts_our_sm4_ctr_payload(tmp_path: Path, size: int) -> None:
    key, iv = os.urandom(16), os.urandom(16)
    plain = os.urandom(size)
    (tmp_path / "payload").write_bytes(plain)
    sm4_ctr_file(key, iv, tmp_path / "payload", tmp_path / "payload.sm4", chunk=4096)
    out = openssl("enc", "-d", "-sm4-ctr", "-K", key.hex(), "-iv", iv.hex(), "-in", tmp_path / "payload.sm4")
    assert out == plain


def test_we_decrypt_openssls_sm4_ctr_across_the_counters_wrap(tmp_path: Path) -> None:
    key = os.urandom(16)
    iv = bytes.fromhex("ffffffffffffffffffffffffffffffff")[:-1] + b"\xfe"  # wraps to zero two blocks in
    plain = os.urandom(1000)
    out = openssl("enc", "-sm4-ctr", "-K", key.hex(), "-iv", iv.hex(), stdin=plain)
    assert sm4_ctr(key, iv, out) == plain
    assert sm4_ctr(key, iv, plain) == out


def test_cksum_and_openssl_check_our_sm3sums(tmp_path: Path) -> None:
    names = ["bundle.json", "payload.key", "payload.sm4.000"]
    for number, name in enumerate(names):
        (tmp_path / name).write_bytes(os.urandom(1000 * number + 7))
    (tmp_path / "SM3SUMS").write_bytes(format_sums({name: sm3_file(tmp_path / name) for name in names}))
    done = subprocess.run(["cksum", "-a", "sm3", "--check", "SM3SUMS"], cwd=tmp_path, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split("\n")[:3] == [f"{name}: OK" for name in names]
    for name in names:
        assert openssl("dgst", "-sm3", "-r", tmp_path / name).decode().split()[0] == sm3_file(tmp_path / name).hex()
    (tmp_path / "payload.key").write_bytes(b"changed")
    done = subprocess.run(["cksum", "-a", "sm3", "--check", "SM3SUMS"], cwd=tmp_path, capture_output=True)
    assert done.returncode != 0 and b"payload.key: FAILED" in done.stdout
