"""The two cryptographic suites of bundles and answers, behind one small interface chosen once per folder.

- `age-x25519+minisign-ed25519` (short name `age`): age payload, SHA256SUMS, minisign signatures.
- `sm2-sm3-sm4` (short name `gm`, 国密): SM4-CTR payload with its key SM2-wrapped per recipient
  (payload.key, payload.key.2 …), SM3SUMS, SM2 signatures (see docs/gm-suite.md).

A `Suite` names the files and hashes; a `VerifyKey` / `Signer` signs and checks in its suite; `seal` and
`unseal` encrypt and decrypt a payload stream. Bundle and answer code asks the suite instead of branching.
The 国密 modules are imported inside functions, so a process that never meets that suite never loads them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

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


class HashBehind:
    """Feeds a hasher on a thread of its own, one piece behind the caller, so that hashing a piece overlaps
    writing it and reading the next (hashlib lets go of the GIL). Use as a context manager; at most two
    pieces are held. The first piece is hashed on the caller's thread: a file of one piece (a bundle's
    header, sums and signature, a small payload) starts no thread."""

    def __init__(self, hasher: Hasher) -> None:
        self._hasher = hasher
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None
        self._first = True

    def __enter__(self) -> HashBehind:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def _wait(self) -> None:
        if self._pending is not None:
            self._pending.result()
            self._pending = None

    def update(self, data: bytes | memoryview) -> None:
        if self._first:
            self._first = False
            self._hasher.update(data)
            return
        self._wait()
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(1)
        self._pending = self._pool.submit(self._hasher.update, data)

    def hexdigest(self) -> str:
        self._wait()
        return self._hasher.hexdigest()


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


@dataclass(frozen=True)
class AgeVerifyKey:
    key: minisign.PublicKey

    @property
    def suite(self) -> Suite:
        return AGE

    @property
    def key_id(self) -> str:
        return f"{int.from_bytes(self.key._keynum_pk.key_id, 'little'):016X}"

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


# -- sealing a payload --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sealed:
    """What sealing wrote besides the parts: the iv (hex, 国密 only) and the wrapped key files."""

    iv: str = ""
    key_files: tuple[tuple[str, bytes], ...] = ()


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


class _Source(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def seal(suite: Suite, source: _Source, sink: _Writable, recipients: Sequence[Any]) -> Sealed:
    """Encrypt the stream `source` into `sink` for `recipients` (age recipient strings, or SM2 public keys).

    Raises what pyrage raises for age (the caller maps it); the 国密 suite raises the source's or sink's own
    errors unchanged.
    """
    if not suite.gm:
        import pyrage

        pyrage.encrypt_io(source, sink, [pyrage.x25519.Recipient.from_str(r) for r in recipients])
        return Sealed()
    import secrets

    from desktop.services.gm import sm2
    from desktop.services.gm.symmetric import CHUNK, Sm4Ctr

    key, iv = secrets.token_bytes(16), secrets.token_bytes(16)
    wrapped = tuple(
        (name, sm2.encrypt(public, key))
        for name, public in zip(key_file_names(len(recipients)), recipients, strict=True)
    )
    _pipelined(Sm4Ctr(key, iv).update, source, sink, CHUNK)
    return Sealed(iv.hex(), wrapped)


def unwrap_key(folder: Path, names: Sequence[str], identities: Sequence[PrivateKey]) -> bytes | None:
    """The SM4 key from the first wrapped key file one of `identities` opens; None when none does."""
    from desktop.domain.errors import IntegrityError
    from desktop.services.gm import sm2

    for name in names:
        wrapped = (folder / name).read_bytes()
        for identity in identities:
            try:
                key = sm2.decrypt(identity, wrapped)
            except IntegrityError:
                continue
            if len(key) == 16:
                return key
    return None


def sm4_stream(key: bytes, iv_hex: str, source: _Source, sink: _Writable) -> None:
    """Decrypt the SM4-CTR stream `source` into `sink` (errors of either pass through unchanged)."""
    from desktop.services.gm.symmetric import CHUNK, Sm4Ctr

    _pipelined(Sm4Ctr(key, bytes.fromhex(iv_hex)).update, source, sink, CHUNK)


_IN_FLIGHT = 4  # pieces queued on each side of the cipher: memory stays a few MiB whatever the size


def _pipelined(transform: Callable[[bytes], bytes], source: _Source, sink: _Writable, chunk: int) -> None:
    """`sink.write(transform(piece))` for every piece of `source`, with reading and writing on two threads of
    their own so that the tar work, the files and the hashing (hashlib lets go of the GIL) overlap the cipher
    (cryptography's SM4 holds it). At most a few pieces are in flight. The first error of any side stops all
    three and is raised here unchanged."""
    import queue
    import threading

    inbox: queue.Queue[bytes | None] = queue.Queue(maxsize=_IN_FLIGHT)
    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=_IN_FLIGHT)
    stop = threading.Event()
    errors: list[BaseException] = []

    def fail(exc: BaseException) -> None:
        errors.append(exc)
        stop.set()

    def put(box: queue.Queue[bytes | None], item: bytes | None) -> bool:
        while not stop.is_set():
            try:
                box.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def get(box: queue.Queue[bytes | None]) -> bytes | None:
        while not stop.is_set():
            try:
                return box.get(timeout=0.1)
            except queue.Empty:
                continue
        return None

    def read() -> None:
        try:
            while block := source.read(chunk):
                if not put(inbox, block):
                    return
        except BaseException as exc:
            fail(exc)
            return
        put(inbox, None)

    def write() -> None:
        try:
            while (block := get(outbox)) is not None:
                sink.write(block)
        except BaseException as exc:
            fail(exc)

    threads = [threading.Thread(target=read, daemon=True), threading.Thread(target=write, daemon=True)]
    for thread in threads:
        thread.start()
    try:
        while (block := get(inbox)) is not None:
            if not put(outbox, transform(block)):
                break
        put(outbox, None)
    except BaseException as exc:
        fail(exc)
    finally:
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]
