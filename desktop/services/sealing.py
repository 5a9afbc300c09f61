"""Sealing and unsealing a payload stream in either suite (age, or SM4-CTR with SM2-wrapped keys), with the
cipher, the hashing and the file I/O overlapped on threads of their own.

The 国密 modules are imported inside functions, so a process that never meets that suite never loads them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from desktop.services.suite import Hasher, Suite, key_file_names

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from desktop.services.gm.sm2 import PrivateKey


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
