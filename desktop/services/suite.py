"""The two cryptographic suites of bundles and answers, behind one small interface chosen once per folder.

- `age-x25519+minisign-ed25519` (short name `age`): age payload, SHA256SUMS, minisign signatures.
- `sm2-sm3-sm4` (short name `gm`, 国密): SM4-CTR payload with its key SM2-wrapped per recipient
  (payload.key, payload.key.2 …), SM3SUMS, SM2 signatures (see docs/gm-suite.md).

A `Suite` names the files and hashes; a `VerifyKey` / `Signer` signs and checks in its suite; sealing and
unsealing a payload stream is in `desktop.services.sealing`. Bundle and answer code asks the suite instead of
branching.
The 国密 modules are imported inside functions, so a process that never meets that suite never loads them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import minisign

    from desktop.services.gm.sm2 import PrivateKey, PublicKey

AGE_NAME = "age-x25519+minisign-ed25519"
GM_NAME = "sm2-sm3-sm4"
KEY_FILE = re.compile(r"^payload\.key(?:\.([2-9]|[1-9]\d{1,2}))?$")
SM2_RECIPIENT = "sm2:"  # an SM2 answer recipient as text: "sm2:" + base64 of the DER SubjectPublicKeyInfo


class SignatureInvalidError(Exception):
    """The signature does not verify (or is not in the suite's format)."""


class Hasher(Protocol):
    def update(self, data: bytes | memoryview, /) -> None: ...
    def hexdigest(self) -> str: ...


@dataclass(frozen=True)
class Suite:
    name: str  # the `suite` field of bundle.json / answer.json
    short: str  # what --suite takes
    label: str  # what windows and status show
    sums: str
    sums_sig: str
    payload: str
    sig_ext: str  # of the inner signature (MANIFEST.json + sig_ext)
    digest_field: str  # the name of a part's hash in the header JSON

    @property
    def gm(self) -> bool:
        return self.short == "gm"

    def hasher(self) -> Hasher:
        if self.gm:
            from desktop.services.gm.symmetric import Sm3

            return Sm3()
        return hashlib.sha256()

    def digest(self, data: bytes) -> str:
        h = self.hasher()
        h.update(data)
        return h.hexdigest()

    def part_names(self, count: int) -> list[str]:
        return [self.payload] if count == 1 else [f"{self.payload}.{i:03d}" for i in range(count)]

    def format_sums(self, items: Sequence[tuple[str, str]]) -> bytes:
        """SHA256SUMS as `sha256sum -c` reads it, or SM3SUMS as `cksum -a sm3 --check` reads it."""
        if self.gm:
            return "".join(f"SM3 ({name}) = {digest}\n" for name, digest in items).encode("ascii")
        return "".join(f"{digest}  {name}\n" for name, digest in items).encode("ascii")

    def sums_line(self, line: str) -> tuple[str, str] | None:
        """(name, hex) of one line of the sums file, or None when it is not in the suite's format."""
        match = (_GM_SUMS_LINE if self.gm else _AGE_SUMS_LINE).match(line)
        return (match["name"], match["hex"]) if match else None


_AGE_SUMS_LINE = re.compile(r"^(?P<hex>[0-9a-f]{64}) [ *](?P<name>[A-Za-z0-9._-]+)$")
_GM_SUMS_LINE = re.compile(r"^SM3 \((?P<name>[A-Za-z0-9._-]+)\) = (?P<hex>[0-9a-f]{64})$")

AGE = Suite(AGE_NAME, "age", "age", "SHA256SUMS", "SHA256SUMS.minisig", "payload.tar.age", ".minisig", "sha256")
GM = Suite(GM_NAME, "gm", "国密", "SM3SUMS", "SM3SUMS.sig", "payload.sm4", ".sig", "sm3")
SUITES = (AGE, GM)
SHORT_NAMES = tuple(s.short for s in SUITES)


def by_name(name: object) -> Suite | None:
    return next((s for s in SUITES if s.name == name), None)


def by_short(short: str) -> Suite:
    return next(s for s in SUITES if s.short == short)


def key_file_names(count: int) -> list[str]:
    """payload.key for the first recipient, payload.key.2, .3 … for the escrow recipients."""
    return ["payload.key"] + [f"payload.key.{i}" for i in range(2, count + 1)]


# -- signing keys -------------------------------------------------------------------------------------------
class VerifyKey(Protocol):
    """A public signing key of one suite, as the office stores it and as a folder's check uses it."""

    @property
    def suite(self) -> Suite: ...
    @property
    def key_id(self) -> str: ...
    @property
    def stored(self) -> str: ...
    def verify(self, data: bytes, signature: bytes) -> str | None:
        """The signature's trusted comment (None in a suite without one); raises SignatureInvalidError."""
        ...


class Signer(Protocol):
    @property
    def suite(self) -> Suite: ...
    @property
    def public(self) -> VerifyKey: ...
    def sign(self, data: bytes, comment: str, note: str) -> bytes:
        """The signature file's bytes; `comment` is signed where the suite can carry it, `note` is not."""
        ...


def minisign_key_id_hex(key_id: bytes) -> str:
    """A minisign key id as the minisign tool prints it (little-endian 64-bit, upper-case hex)."""
    return f"{int.from_bytes(key_id, 'little'):016X}"


def minisign_key_id(public_key: minisign.PublicKey) -> str:
    """The key id from the documented public key format (algorithm 2 bytes, key id 8, key 32), not py-minisign's
    private attributes."""
    return minisign_key_id_hex(base64.b64decode(public_key.to_base64())[2:10])


def minisign_signature_key_id(signature_file: bytes) -> str:
    """The id of the key that made a minisign signature file (its second line: algorithm 2 bytes, key id 8,
    signature 64). The caller has parsed the file with minisign.Signature.from_bytes first."""
    lines = signature_file.splitlines()
    return minisign_key_id_hex(base64.b64decode(lines[1])[2:10])


@dataclass(frozen=True)
class AgeVerifyKey:
    key: minisign.PublicKey

    @property
    def suite(self) -> Suite:
        return AGE

    @property
    def key_id(self) -> str:
        return minisign_key_id(self.key)

    @property
    def stored(self) -> str:
        return str(self.key.to_base64().decode("ascii"))

    def verify(self, data: bytes, signature: bytes) -> str | None:
        import minisign

        try:
            parsed = minisign.Signature.from_bytes(signature)
            self.key.verify(data, parsed)
        except (minisign.Error, ValueError):
            raise SignatureInvalidError from None
        if not parsed.is_prehashed():
            raise SignatureInvalidError
        return str(parsed.trusted_comment)


@dataclass(frozen=True)
class AgeSigner:
    key: minisign.SecretKey

    @property
    def suite(self) -> Suite:
        return AGE

    @property
    def public(self) -> VerifyKey:
        return AgeVerifyKey(self.key.get_public_key())

    def sign(self, data: bytes, comment: str, note: str) -> bytes:
        signature = self.key.sign(data, prehash=True, untrusted_comment=note, trusted_comment=comment)
        return bytes(signature) + b"\n"


@dataclass(frozen=True)
class GmVerifyKey:
    key: PublicKey

    @property
    def suite(self) -> Suite:
        return GM

    @property
    def key_id(self) -> str:
        return self.key.key_id()

    @property
    def stored(self) -> str:
        from desktop.services.gm.keyfiles import public_pem

        return public_pem(self.key)

    def verify(self, data: bytes, signature: bytes) -> str | None:
        from desktop.services.gm import sm2

        if not sm2.verify(self.key, data, signature):
            raise SignatureInvalidError
        return None


@dataclass(frozen=True)
class GmSigner:
    key: PrivateKey

    @property
    def suite(self) -> Suite:
        return GM

    @property
    def public(self) -> VerifyKey:
        return GmVerifyKey(self.key.public)

    def sign(self, data: bytes, comment: str, note: str) -> bytes:
        from desktop.services.gm import sm2

        return sm2.sign(self.key, data)


def as_verify_key(key: VerifyKey | minisign.PublicKey) -> VerifyKey:
    import minisign

    return AgeVerifyKey(key) if isinstance(key, minisign.PublicKey) else key


def as_signer(key: Signer | minisign.SecretKey) -> Signer:
    import minisign

    return AgeSigner(key) if isinstance(key, minisign.SecretKey) else key


def stored_key(text: str) -> VerifyKey:
    """A unit's enrolled key as the office stores it: a minisign base64 line, or an SM2 PEM public key."""
    if text.lstrip().startswith("-----BEGIN"):
        from desktop.services.gm.keyfiles import load_public_pem

        return GmVerifyKey(load_public_pem(text.encode("ascii"), "登记的公钥"))
    import minisign

    return AgeVerifyKey(minisign.PublicKey.from_base64(text))


def suite_of_key_id(key_id: str) -> Suite:
    """The suite a key id belongs to, by its form: SM3 ids have 64 hex digits, minisign ids 16 (for messages)."""
    return GM if len(key_id) == 64 else AGE


def suite_of_stored(text: str) -> Suite:
    return GM if text.lstrip().startswith("-----BEGIN") else AGE


class _EnrolledKey(Protocol):
    @property
    def public_key(self) -> str: ...
    @property
    def retired_at(self) -> str | None: ...


def active_key_suite(keys: Sequence[_EnrolledKey]) -> Suite | None:
    """The suite of the key a unit signs with now (its last key not retired; None without one): what the
    office's status and window show per unit."""
    active = [key for key in keys if key.retired_at is None]
    return suite_of_stored(active[-1].public_key) if active else None


def sm2_recipient(key: PublicKey) -> str:
    return SM2_RECIPIENT + base64.b64encode(key.spki_der()).decode("ascii")


def sm2_recipient_key(text: str) -> PublicKey | None:
    """The SM2 key of an "sm2:…" recipient, or None when it is not a valid one."""
    if not text.startswith(SM2_RECIPIENT):
        return None
    from desktop.domain.errors import InputError
    from desktop.services.gm.keyfiles import load_public_pem

    try:
        der = base64.b64decode(text.removeprefix(SM2_RECIPIENT), validate=True)
        pem_text = (
            "-----BEGIN PUBLIC KEY-----\n" + base64.encodebytes(der).decode("ascii") + "-----END PUBLIC KEY-----\n"
        )
        key = load_public_pem(pem_text.encode("ascii"), "回执公钥")
    except (binascii.Error, ValueError, InputError):
        return None
    return key if key.spki_der() == der else None


def recipient_suite(text: str) -> Suite:
    return GM if text.startswith(SM2_RECIPIENT) else AGE
