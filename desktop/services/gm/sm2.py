"""SM2 (GB/T 32918) key pairs, signatures and public-key encryption, in the encodings OpenSSL 3 uses.

The arithmetic is `gmalg` (pure Python, not constant-time: fine for offline signing of a bundle, see
docs/gm-suite.md). Nonces and private keys come from `secrets.randbits`, passed to gmalg explicitly (it is also
its default); the `rnd` arguments exist only so tests can reproduce the standard's examples with its fixed k.

Encodings: signatures are DER `SEQUENCE { r INTEGER, s INTEGER }` over SM3(Z || message) with the signer ID
`1234567812345678` (what `openssl dgst -sm3 -sigopt distid:1234567812345678` checks); ciphertexts are GM/T 0009
`SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, ciphertext OCTET STRING }` (C1C3C2, what
`openssl pkeyutl -encrypt/-decrypt` use for SM2 keys).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from asn1crypto import algos, core, keys
from gmalg import SM2

from desktop.domain.errors import IntegrityError
from desktop.services.gm.symmetric import sm3

SM2_CURVE_OID = "1.2.156.10197.1.301"
SIGNER_ID = b"1234567812345678"
# Curve parameters (GB/T 32918.5): the field prime p and the group order n.
_P = 0xFFFFFFFE_FFFFFFFF_FFFFFFFF_FFFFFFFF_FFFFFFFF_00000000_FFFFFFFF_FFFFFFFF
_N = 0xFFFFFFFE_FFFFFFFF_FFFFFFFF_FFFFFFFF_7203DF6B_21C6052B_53BBF409_39D54123
_COORD = 32
_MAX_PLAIN = 1024  # a wrapped key is 16 bytes; refuse to build or parse anything large

# asn1crypto does not know the SM2 curve; register() is its documented way to add one (idempotent).
keys.NamedCurve.register("sm2", SM2_CURVE_OID, _COORD)

Rnd = Callable[[int], int]


class Sm2Ciphertext(core.Sequence):  # type: ignore[misc]  # asn1crypto has no type hints
    """GM/T 0009 SM2Cipher: C1 as two integers, then C3 (SM3 hash), then C2."""

    _fields: ClassVar = [
        ("x", core.Integer),
        ("y", core.Integer),
        ("hash", core.OctetString),
        ("ciphertext", core.OctetString),
    ]


@dataclass(frozen=True)
class PublicKey:
    """An SM2 public key: `point` is the uncompressed point 04 || x || y (65 bytes), checked to be on the curve."""

    point: bytes

    def __post_init__(self) -> None:
        if not _valid_point(self.point):
            raise ValueError("not a point of the SM2 curve")

    def spki_der(self) -> bytes:
        """DER SubjectPublicKeyInfo: id-ecPublicKey with the SM2 curve OID, as `openssl pkey -pubout` writes."""
        info = keys.PublicKeyInfo(
            {
                "algorithm": keys.PublicKeyAlgorithm(
                    {"algorithm": "ec", "parameters": keys.ECDomainParameters("named", SM2_CURVE_OID)}
                ),
                "public_key": self.point,
            }
        )
        return bytes(info.dump())

    def key_id(self) -> str:
        """Lower-case hex SM3 of the DER SubjectPublicKeyInfo (`spki_der`), the bytes of the PEM block's body.

        An auditor gets the same with `openssl pkey -pubin -in unit.pub -outform DER | openssl dgst -sm3`.
        """
        return sm3(self.spki_der()).hex()


@dataclass(frozen=True, eq=False)
class PrivateKey:
    """An SM2 private key d (1 <= d <= n-2) with its public key. Its repr never shows d."""

    secret: int = field(repr=False)
    public: PublicKey

    @classmethod
    def generate(cls) -> PrivateKey:
        secret, _ = SM2(rnd_fn=secrets.randbits).generate_keypair()
        return cls.from_secret(int.from_bytes(secret, "big"))

    @classmethod
    def from_secret(cls, secret: int) -> PrivateKey:
        if not 1 <= secret <= _N - 2:
            raise ValueError("SM2 private key out of range")
        point = SM2().generate_pk(secret.to_bytes(_COORD, "big"))
        return cls(secret, PublicKey(bytes(point)))

    def secret_bytes(self) -> bytes:
        return self.secret.to_bytes(_COORD, "big")


def sign(key: PrivateKey, message: bytes, *, uid: bytes = SIGNER_ID, rnd: Rnd | None = None) -> bytes:
    """DER SM2 signature of `message` (SM3, signer ID `uid`)."""
    engine = SM2(key.secret_bytes(), uid, key.public.point, rnd_fn=rnd or secrets.randbits)
    r, s = engine.sign(message)
    signature = algos.DSASignature({"r": int.from_bytes(r, "big"), "s": int.from_bytes(s, "big")})
    return bytes(signature.dump())


def verify(public: PublicKey, message: bytes, signature: bytes, *, uid: bytes = SIGNER_ID) -> bool:
    """True when `signature` (strict DER) is `public`'s SM2 signature of `message` with signer ID `uid`."""
    parsed = _strict_der(algos.DSASignature, signature)
    if parsed is None:
        return False
    r, s = parsed["r"].native, parsed["s"].native
    if not (1 <= r < _N and 1 <= s < _N):
        return False
    engine = SM2(uid=uid, pk=public.point)
    return bool(engine.verify(message, r.to_bytes(_COORD, "big"), s.to_bytes(_COORD, "big")))


def encrypt(public: PublicKey, plain: bytes, *, rnd: Rnd | None = None) -> bytes:
    """SM2-encrypt a short message (a 16-byte key) to `public`; GM/T 0009 DER, C1C3C2."""
    if not 0 < len(plain) <= _MAX_PLAIN:
        raise ValueError("SM2 encryption here is for short keys only")
    raw = bytes(SM2(pk=public.point, rnd_fn=rnd or secrets.randbits).encrypt(plain))
    # gmalg returns 04 || x || y || C3 || C2 (C1C3C2, raw).
    x, y = raw[1 : 1 + _COORD], raw[1 + _COORD : 1 + 2 * _COORD]
    c3, c2 = raw[1 + 2 * _COORD : 1 + 3 * _COORD], raw[1 + 3 * _COORD :]
    cipher = Sm2Ciphertext({"x": int.from_bytes(x, "big"), "y": int.from_bytes(y, "big"), "hash": c3, "ciphertext": c2})
    return bytes(cipher.dump())


def decrypt(key: PrivateKey, ciphertext: bytes) -> bytes:
    """Undo `encrypt` (or `openssl pkeyutl -encrypt`); raises IntegrityError if it was not made for this key."""
    parsed = _strict_der(Sm2Ciphertext, ciphertext)
    failure = IntegrityError(
        "加密的密钥无法用本机私钥解开：它不是发给本机密钥的，或文件已损坏。请核对密钥后让对方重新导出。"
    )
    if parsed is None:
        raise failure
    x, y = parsed["x"].native, parsed["y"].native
    c3, c2 = parsed["hash"].native, parsed["ciphertext"].native
    if not (0 <= x < _P and 0 <= y < _P) or len(c3) != 32 or not 0 < len(c2) <= _MAX_PLAIN:
        raise failure
    point = b"\x04" + x.to_bytes(_COORD, "big") + y.to_bytes(_COORD, "big")
    if not _valid_point(point):
        raise failure
    try:
        plain = SM2(key.secret_bytes()).decrypt(point + c3 + c2)
    except Exception:  # gmalg raises its own error types (bad hash, bad point); all mean the same here
        raise failure from None
    return bytes(plain)


def _valid_point(point: bytes) -> bool:
    if len(point) != 1 + 2 * _COORD or point[0] != 4:
        return False
    x = int.from_bytes(point[1 : 1 + _COORD], "big")
    y = int.from_bytes(point[1 + _COORD :], "big")
    if not (x < _P and y < _P):
        return False
    return bool(SM2().verify_pk(point))


def _strict_der(cls: Any, data: bytes) -> Any:
    """Parse DER into `cls`, or None if it is not exactly the canonical encoding (no trailing bytes, no BER)."""
    try:
        value = cls.load(data, strict=True)
        value.native  # noqa: B018 - forces the parse of every field
        if value.dump(force=True) != data:
            return None
    except (ValueError, TypeError, OverflowError):
        return None
    return value
