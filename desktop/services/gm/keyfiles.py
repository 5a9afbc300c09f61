"""SM2 key files in the forms the OpenSSL 3 command line reads and writes.

- Public keys: PEM SubjectPublicKeyInfo (`-----BEGIN PUBLIC KEY-----`, id-ecPublicKey, curve SM2). A `.pub`
  file holds one or two of them (the signing key first, so `openssl dgst -verify file.pub` takes it) after a
  comment line naming the suite, which OpenSSL skips.
- Private keys: PKCS#8 encrypted with PBES2, PBKDF2 with HMAC-SHA256 and SM4-CBC, which is what
  `openssl pkcs8 -topk8 -v2 sm4-cbc` writes and `openssl pkey -passin` reads. The PRF is SHA-256, not SM3,
  because OpenSSL 3.0 cannot read PBKDF2-HMAC-SM3. The passphrase is used as its UTF-8 bytes, exactly as
  OpenSSL uses what `-passin` is given, so a Chinese passphrase opens the key in both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from asn1crypto import algos, core, keys, pem
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from desktop.domain.errors import InputError
from desktop.services.gm.sm2 import SM2_CURVE_OID, PrivateKey, PublicKey

SUITE = "sm2-sm3-sm4"
SM4_CBC_OID = "1.2.156.10197.1.104.2"
PBKDF2_ITERATIONS = 600_000
_MAX_ITERATIONS = 10_000_000  # a hostile key file must not make us spin for hours
_SALT = 16
_PRFS: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_CURVE_NAMES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521", "secp256k1": "secp256k1"}
_SUITE_LINE = re.compile(rb"^#\s*suite:\s*([A-Za-z0-9-]+)", re.MULTILINE)


@dataclass(frozen=True)
class PubFile:
    """What a `.pub` file holds: its suite (from the comment, if any) and its keys, signing key first."""

    suite: str | None
    keys: tuple[PublicKey, ...]


def public_pem(public: PublicKey) -> str:
    return _armor("PUBLIC KEY", public.spki_der())


def pub_file_text(public_keys: Sequence[PublicKey], comment: str = "") -> str:
    """A `.pub` file: `# suite: sm2-sm3-sm4` (and an optional comment line), then each key's PEM block."""
    if not 1 <= len(public_keys) <= 2:
        raise ValueError("a .pub file holds one or two keys")
    if "\n" in comment or "-----" in comment:
        raise ValueError("the comment must be one line without PEM markers")
    head = f"# suite: {SUITE}" + (f" - {comment}" if comment else "") + "\n"
    return head + "".join(public_pem(key) for key in public_keys)


def read_pub_file(data: bytes, name: str = "公钥文件") -> PubFile:
    """Read a `.pub` file (or a bare PEM public key): one or two SM2 public keys."""
    blocks = _unarmor(data, name)
    if not 1 <= len(blocks) <= 2 or any(kind != "PUBLIC KEY" for kind, _ in blocks):
        raise InputError(f"{name}里应是一到两个 PEM 公钥（PUBLIC KEY），内容不对。请核对是否选错了文件。")
    found = _SUITE_LINE.search(data)
    suite = found.group(1).decode("ascii") if found else None
    return PubFile(suite, tuple(_public_from_spki(der, name) for _, der in blocks))


def load_public_pem(data: bytes, name: str = "公钥文件") -> PublicKey:
    """The first key of a `.pub` file or PEM public key (the signing key, as OpenSSL takes it)."""
    return read_pub_file(data, name).keys[0]


def encrypt_private_key(key: PrivateKey, passphrase: str, iterations: int = PBKDF2_ITERATIONS) -> str:
    """PEM `ENCRYPTED PRIVATE KEY`: PKCS#8 of `key` under PBES2 (PBKDF2-HMAC-SHA256, SM4-CBC)."""
    if not passphrase:
        raise ValueError("an empty passphrase protects nothing")
    salt, iv = os.urandom(_SALT), os.urandom(16)
    plain = _private_key_info(key)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.SM4(_kdf(passphrase, salt, iterations, hashes.SHA256)), modes.CBC(iv)).encryptor()
    encrypted = encryptor.update(padded) + encryptor.finalize()
    scheme = algos.EncryptionAlgorithm(
        {
            "algorithm": "pbes2",
            "parameters": algos.Pbes2Params(
                {
                    "key_derivation_func": algos.KdfAlgorithm(
                        {
                            "algorithm": "pbkdf2",
                            "parameters": algos.Pbkdf2Params(
                                {
                                    "salt": algos.Pbkdf2Salt(name="specified", value=salt),
                                    "iteration_count": iterations,
                                    "prf": algos.HmacAlgorithm({"algorithm": "sha256", "parameters": core.Null()}),
                                }
                            ),
                        }
                    ),
                    "encryption_scheme": {"algorithm": SM4_CBC_OID, "parameters": core.OctetString(iv)},
                }
            ),
        }
    )
    info = keys.EncryptedPrivateKeyInfo({"encryption_algorithm": scheme, "encrypted_data": encrypted})
    return _armor("ENCRYPTED PRIVATE KEY", info.dump())


def private_pem(key: PrivateKey) -> str:
    """PEM `PRIVATE KEY`: plain PKCS#8, for keys kept without a passphrase (as `openssl genpkey` writes them)."""
    return _armor("PRIVATE KEY", _private_key_info(key))


def load_private_key(data: bytes, passphrase: str | None, name: str = "私钥文件") -> PrivateKey:
    """Read an SM2 private key: encrypted PKCS#8 (needs `passphrase`) or plain PKCS#8 (`openssl genpkey`)."""
    blocks = _unarmor(data, name)
    if len(blocks) != 1:
        raise InputError(f"{name}里应只有一个私钥，内容不对。请核对是否选错了文件。")
    kind, der = blocks[0]
    if kind == "ENCRYPTED PRIVATE KEY":
        if not passphrase:
            raise InputError(f"{name}有口令保护，请输入口令。")
        der = _decrypt_pkcs8(der, passphrase, name)
    elif kind != "PRIVATE KEY":
        raise InputError(f"{name}不是 PKCS#8 私钥（文件里是 {kind}）。请选用国密 SM2 私钥文件。")
    return _private_from_pkcs8(der, name)


def _kdf(passphrase: str, salt: bytes, iterations: int, prf: type[hashes.HashAlgorithm]) -> bytes:
    return PBKDF2HMAC(algorithm=prf(), length=16, salt=salt, iterations=iterations).derive(passphrase.encode())


def _decrypt_pkcs8(der: bytes, passphrase: str, name: str) -> bytes:
    damaged = InputError(f"{name}已损坏，无法读取其加密参数。请从备份重新复制该文件。")
    try:
        info = keys.EncryptedPrivateKeyInfo.load(der, strict=True)
        algorithm = info["encryption_algorithm"]
        if algorithm["algorithm"].native != "pbes2":
            raise InputError(
                f"{name}的加密方式是 {algorithm['algorithm'].native}，不是本软件使用的 PBES2。请选用本软件生成的私钥。"
            )
        params = algorithm["parameters"]
        kdf = params["key_derivation_func"]
        scheme = params["encryption_scheme"]
        if kdf["algorithm"].native != "pbkdf2":
            raise InputError(f"{name}的口令算法不是 PBKDF2。请选用本软件或 OpenSSL 生成的国密私钥。")
        kdf_params = kdf["parameters"]
        prf_name = kdf_params["prf"]["algorithm"].native
        if scheme["algorithm"].dotted != SM4_CBC_OID:
            raise InputError(f"{name}不是用 SM4 加密的（而是 {scheme['algorithm'].native}）。请选用国密私钥文件。")
        salt: Any = kdf_params["salt"].native
        iterations: Any = kdf_params["iteration_count"].native
        iv = core.OctetString.load(scheme["parameters"].dump(), strict=True).native
        encrypted = info["encrypted_data"].native
    except InputError:
        raise
    except (ValueError, TypeError, KeyError):
        raise damaged from None
    prf = _PRFS.get(prf_name)
    if (
        prf is None
        or not isinstance(salt, bytes)
        or not isinstance(iterations, int)
        or not 1 <= iterations <= _MAX_ITERATIONS
        or len(iv) != 16
        or not encrypted
        or len(encrypted) % 16
    ):
        raise damaged
    decryptor = Cipher(algorithms.SM4(_kdf(passphrase, salt, iterations, prf)), modes.CBC(iv)).decryptor()
    padded = decryptor.update(encrypted) + decryptor.finalize()
    wrong = InputError(f"口令不对，打不开{name}。请重新输入口令（注意大小写和输入法）；文件已损坏时请从备份恢复。")
    try:
        unpadder = padding.PKCS7(128).unpadder()
        plain = unpadder.update(padded) + unpadder.finalize()
        keys.PrivateKeyInfo.load(plain, strict=True)["private_key_algorithm"].native  # noqa: B018 - a parse
    except ValueError:
        raise wrong from None
    return plain


def _private_key_info(key: PrivateKey) -> bytes:
    ec_key = keys.ECPrivateKey({"version": "ecPrivkeyVer1", "private_key": key.secret, "public_key": key.public.point})
    ec_key["private_key"].set_encoded_width(32)
    info = keys.PrivateKeyInfo(
        {
            "version": 0,
            "private_key_algorithm": keys.PrivateKeyAlgorithm(
                {"algorithm": "ec", "parameters": keys.ECDomainParameters("named", SM2_CURVE_OID)}
            ),
            "private_key": ec_key,
        }
    )
    return bytes(info.dump())


def _private_from_pkcs8(der: bytes, name: str) -> PrivateKey:
    try:
        info = keys.PrivateKeyInfo.load(der, strict=True)
        _check_sm2_algorithm(info["private_key_algorithm"], name)
        ec_key = info["private_key"].parsed
        secret = ec_key["private_key"].native
        embedded = ec_key["public_key"].native
    except InputError:
        raise
    except (ValueError, TypeError, KeyError):
        raise InputError(f"{name}已损坏，读不出私钥。请从备份重新复制该文件。") from None
    try:
        key = PrivateKey.from_secret(secret)
    except (ValueError, TypeError):
        raise InputError(f"{name}里的私钥数值无效。请从备份重新复制该文件。") from None
    if embedded is not None and embedded != key.public.point:
        raise InputError(f"{name}里的私钥与其中的公钥不配对，文件已损坏。请从备份重新复制该文件。")
    return key


def _public_from_spki(der: bytes, name: str) -> PublicKey:
    try:
        info = keys.PublicKeyInfo.load(der, strict=True)
        _check_sm2_algorithm(info["algorithm"], name)
        point = info["public_key"].native
        return PublicKey(bytes(point))
    except InputError:
        raise
    except (ValueError, TypeError, KeyError):
        raise InputError(f"{name}已损坏，读不出其中的公钥。请重新复制该文件。") from None


def _check_sm2_algorithm(algorithm: Any, name: str) -> None:
    """Refuse anything but id-ecPublicKey on the named SM2 curve, saying what the key is instead."""
    kind = algorithm["algorithm"].native
    if kind != "ec":
        raise InputError(f"{name}里是 {kind.upper()} 密钥，不是国密 SM2 密钥。请选用国密（SM2）密钥文件。")
    parameters = algorithm["parameters"]
    curve = parameters.chosen.native if parameters.name == "named" else "explicit"
    if parameters.name != "named" or parameters.chosen.dotted != SM2_CURVE_OID:
        label = _CURVE_NAMES.get(curve, curve)
        raise InputError(f"{name}里是 {label} 椭圆曲线密钥，不是国密 SM2 密钥。请选用国密（SM2）密钥文件。")


def _unarmor(data: bytes, name: str) -> list[tuple[str, bytes]]:
    try:
        return [(kind, bytes(der)) for kind, _headers, der in pem.unarmor(data, multiple=True)]
    except (ValueError, TypeError):
        raise InputError(f"{name}不完整或已损坏（找不到完整的 PEM 块）。请重新复制该文件。") from None


def _armor(kind: str, der: bytes) -> str:
    return bytes(pem.armor(kind, der)).decode("ascii")
