"""Key files a clerk may get wrong: wrong passphrase, a damaged or truncated file, a key of another kind.
Each gets a Chinese message that says what to do, and the file is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import pem
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from desktop.domain.errors import InputError, IntegrityError
from desktop.services.gm import keyfiles, sm2
from desktop.services.gm.symmetric import format_sums, parse_sums, sm3, sums_line
from tests.core.gm.conftest import PASSPHRASE

ITERATIONS = 2048  # OpenSSL's own default; the format is the same at any count


@pytest.fixture(scope="module")
def key() -> sm2.PrivateKey:
    return sm2.PrivateKey.generate()


@pytest.fixture(scope="module")
def key_pem(key: sm2.PrivateKey) -> bytes:
    return keyfiles.encrypt_private_key(key, PASSPHRASE, ITERATIONS).encode()


def test_round_trip_and_default_iterations(key: sm2.PrivateKey) -> None:
    pem = keyfiles.encrypt_private_key(key, PASSPHRASE).encode()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n")
    loaded = keyfiles.load_private_key(pem, PASSPHRASE)
    assert (loaded.secret, loaded.public) == (key.secret, key.public)
    assert "secret" not in repr(loaded) and str(key.secret) not in repr(loaded)


def test_wrong_passphrase_is_said_in_chinese(key_pem: bytes) -> None:
    for wrong in ("国密口令", PASSPHRASE + " ", PASSPHRASE.upper() + "x"):
        with pytest.raises(InputError, match="口令不对.*请重新输入口令"):
            keyfiles.load_private_key(key_pem, wrong)
    with pytest.raises(InputError, match="有口令保护，请输入口令"):
        keyfiles.load_private_key(key_pem, None)


def test_truncated_pem_is_damaged_not_a_wrong_passphrase(key_pem: bytes) -> None:
    half = key_pem[: len(key_pem) // 2]
    with pytest.raises(InputError, match="不完整或已损坏.*重新复制"):
        keyfiles.load_private_key(half, PASSPHRASE)
    lines = key_pem.split(b"\n")
    without_a_line = b"\n".join(lines[:2] + lines[3:])  # still armoured, body shorter
    with pytest.raises(InputError, match="已损坏|口令不对"):
        keyfiles.load_private_key(without_a_line, PASSPHRASE)


def test_garbled_pem(key_pem: bytes, key: sm2.PrivateKey) -> None:
    garbled = key_pem.replace(b"M", b"*", 3)
    with pytest.raises(InputError, match="已损坏"):
        keyfiles.load_private_key(garbled, PASSPHRASE)
    with pytest.raises(InputError, match="不完整或已损坏"):
        keyfiles.load_private_key(b"\x89PNG\r\n", PASSPHRASE)
    pub = keyfiles.public_pem(key.public).encode()
    body = pub.split(b"\n")[1]
    flipped = pub.replace(body, body[:-6] + (b"AAAAAA" if not body.endswith(b"AAAAAA") else b"BBBBBB"))
    with pytest.raises(InputError, match="已损坏"):
        keyfiles.load_public_pem(flipped)


def test_a_p256_key_where_sm2_is_expected(tmp_path: Path) -> None:
    p256 = ec.generate_private_key(ec.SECP256R1())
    private = p256.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSPHRASE.encode()),
    )
    public = p256.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(InputError, match="不是本软件使用的 PBES2|不是用 SM4 加密"):
        keyfiles.load_private_key(private, PASSPHRASE)
    plain = p256.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(InputError, match="P-256 椭圆曲线密钥，不是国密 SM2 密钥"):
        keyfiles.load_private_key(plain, None)
    with pytest.raises(InputError, match="P-256 椭圆曲线密钥，不是国密 SM2 密钥"):
        keyfiles.load_public_pem(public, "单位公钥 unit.pub")


def test_an_rsa_key_and_an_age_key_are_refused() -> None:
    rsa_pub = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(InputError, match="RSA 密钥，不是国密 SM2 密钥"):
        keyfiles.load_public_pem(rsa_pub)
    with pytest.raises(InputError, match="找不到完整的 PEM 块"):
        keyfiles.load_public_pem(b"age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq\n")


def test_pub_file_two_keys_and_suite(key: sm2.PrivateKey) -> None:
    other = sm2.PrivateKey.generate().public
    text = keyfiles.pub_file_text([key.public, other], "测试监狱 GD-T01").encode()
    assert text.startswith("# suite: sm2-sm3-sm4 - 测试监狱 GD-T01\n".encode())
    read = keyfiles.read_pub_file(text)
    assert read == keyfiles.PubFile("sm2-sm3-sm4", (key.public, other))
    assert keyfiles.load_public_pem(text) == key.public
    three = text + keyfiles.public_pem(other).encode()
    with pytest.raises(InputError, match="一到两个 PEM 公钥"):
        keyfiles.read_pub_file(three)
    with pytest.raises(InputError, match="一到两个 PEM 公钥"):
        keyfiles.read_pub_file(keyfiles.encrypt_private_key(key, PASSPHRASE, ITERATIONS).encode())


def test_a_point_off_the_curve_is_refused(key: sm2.PrivateKey) -> None:
    off = key.public.point[:-1] + bytes([key.public.point[-1] ^ 1])
    with pytest.raises(ValueError):
        sm2.PublicKey(off)
    spki = key.public.spki_der()
    with pytest.raises(InputError, match="已损坏，读不出其中的公钥"):
        keyfiles.load_public_pem(pem.armor("PUBLIC KEY", spki[:-1] + off[-1:]))


def test_key_wrap_for_another_key_or_tampered(key: sm2.PrivateKey) -> None:
    wrapped = sm2.encrypt(key.public, b"k" * 16)
    other = sm2.PrivateKey.generate()
    with pytest.raises(IntegrityError, match="无法用本机私钥解开"):
        sm2.decrypt(other, wrapped)
    tampered = wrapped[:-1] + bytes([wrapped[-1] ^ 1])
    with pytest.raises(IntegrityError, match="无法用本机私钥解开"):
        sm2.decrypt(key, tampered)
    with pytest.raises(IntegrityError, match="无法用本机私钥解开"):
        sm2.decrypt(key, wrapped[:20])
    assert sm2.decrypt(key, wrapped) == b"k" * 16


def test_key_id_is_sm3_of_the_spki(key: sm2.PrivateKey) -> None:
    assert key.public.key_id() == sm3(key.public.spki_der()).hex()
    assert len(key.public.key_id()) == 64


def test_sums_round_trip_and_bad_lines() -> None:
    entries = {"bundle.json": sm3(b"a"), "payload.sm4.000": sm3(b"b")}
    text = format_sums(entries)
    assert parse_sums(text) == entries
    with pytest.raises(IntegrityError, match="第 2 行格式不对"):
        first, second, _ = text.split(b"\n")
        parse_sums(first + b"\n" + second.replace(b") = ", b")= ") + b"\n")
    with pytest.raises(IntegrityError, match="列了两次"):
        parse_sums(text + text.split(b"\n")[0] + b"\n")
    with pytest.raises(IntegrityError, match="是空的"):
        parse_sums(b"")
    with pytest.raises(IntegrityError, match="第 1 行格式不对"):
        parse_sums(b"SM3 (../etc/passwd) = " + b"0" * 64 + b"\n")
    with pytest.raises(ValueError):
        sums_line("a b\nSM3 (x) = 00", sm3(b""))
