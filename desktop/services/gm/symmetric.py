"""SM3 hashing and SM4-CTR encryption, streamed in chunks (constant memory), plus `SM3SUMS` lines.

SM4-CTR here is exactly what `openssl enc -sm4-ctr -K key -iv iv` does: the 16-byte iv is the first counter
block and the whole 128 bits count up big-endian (wrapping at 2**128). Both come from `cryptography`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, CipherContext, algorithms, modes

from desktop.domain.errors import IntegrityError

SM4_KEY_SIZE = 16
SM4_BLOCK = 16
SM3_SIZE = 32
CHUNK = 1024 * 1024

_SUM_LINE = re.compile(r"SM3 \((?P<name>[^\n]+)\) = (?P<hex>[0-9a-f]{64})")
_SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")


def _hashlib_sm3() -> bool:
    try:
        hashlib.new("sm3")
    except ValueError:
        return False
    return True


_HASHLIB_SM3 = _hashlib_sm3()


class Sm3:
    """An incremental SM3 digest (GB/T 32905).

    Python's own OpenSSL SM3 when it has one: hashlib lets other threads run while it hashes a large piece
    (cryptography's does not), so hashing overlaps SM4 on another thread. Otherwise cryptography's.
    """

    def __init__(self, data: bytes = b"") -> None:
        self._lib: hashlib._Hash | None = hashlib.new("sm3") if _HASHLIB_SM3 else None
        self._h = None if _HASHLIB_SM3 else hashes.Hash(hashes.SM3())
        if data:
            self.update(data)

    def update(self, data: bytes | memoryview) -> None:
        if self._lib is not None:
            self._lib.update(data)
        else:
            assert self._h is not None
            self._h.update(data)

    def digest(self) -> bytes:
        if self._lib is not None:
            return self._lib.digest()
        assert self._h is not None
        return self._h.copy().finalize()

    def hexdigest(self) -> str:
        return self.digest().hex()


def sm3(data: bytes) -> bytes:
    return Sm3(data).digest()


def sm3_stream(src: BinaryIO, chunk: int = CHUNK) -> bytes:
    """SM3 of everything left in `src`, read `chunk` bytes at a time."""
    h = Sm3()
    for block in _chunks(src, chunk):
        h.update(block)
    return h.digest()


def sm3_file(path: Path, chunk: int = CHUNK) -> bytes:
    with path.open("rb") as f:
        return sm3_stream(f, chunk)


def counter_block(iv: bytes, block_index: int) -> bytes:
    """The CTR counter for block number `block_index`: iv + index as a 128-bit big-endian number, mod 2**128."""
    if len(iv) != SM4_BLOCK:
        raise ValueError(f"SM4-CTR needs a 16-byte iv, got {len(iv)} bytes")
    return ((int.from_bytes(iv, "big") + block_index) % (1 << 128)).to_bytes(SM4_BLOCK, "big")


class Sm4Ctr:
    """SM4-CTR keystream XOR, fed in pieces of any size. Encryption and decryption are the same operation.

    `offset` starts the stream that many bytes in, so a slice of a long stream (one part of a payload) can be
    processed on its own.
    """

    def __init__(self, key: bytes, iv: bytes, offset: int = 0) -> None:
        if len(key) != SM4_KEY_SIZE:
            raise ValueError(f"SM4 needs a 16-byte key, got {len(key)} bytes")
        if offset < 0:
            raise ValueError("offset must not be negative")
        block, skip = divmod(offset, SM4_BLOCK)
        cipher = Cipher(algorithms.SM4(key), modes.CTR(counter_block(iv, block)))
        self._ctx: CipherContext = cipher.encryptor()
        if skip:
            self._ctx.update(bytes(skip))

    def update(self, data: bytes) -> bytes:
        return self._ctx.update(data)


def sm4_ctr(key: bytes, iv: bytes, data: bytes) -> bytes:
    """Encrypt or decrypt `data` in one piece (small data; use `sm4_ctr_stream` for files)."""
    return Sm4Ctr(key, iv).update(data)


def sm4_ctr_stream(key: bytes, iv: bytes, src: BinaryIO, dst: BinaryIO, chunk: int = CHUNK) -> tuple[int, bytes]:
    """Encrypt (or decrypt) `src` into `dst` chunk by chunk; returns (bytes written, SM3 of what was written).

    The SM3 of the output is what an `SM3SUMS` line for an encrypted payload needs, without reading it back.
    """
    ctr = Sm4Ctr(key, iv)
    h = Sm3()
    total = 0
    for block in _chunks(src, chunk):
        out = ctr.update(block)
        dst.write(out)
        h.update(out)
        total += len(out)
    return total, h.digest()


def sm4_ctr_file(key: bytes, iv: bytes, src: Path, dst: Path, chunk: int = CHUNK) -> tuple[int, bytes]:
    with src.open("rb") as fin, dst.open("wb") as fout:
        return sm4_ctr_stream(key, iv, fin, fout, chunk)


def sums_line(name: str, digest: bytes) -> str:
    """One `SM3SUMS` line, `SM3 (name) = hex`, as `cksum -a sm3` writes it and `cksum -a sm3 --check` reads it.

    Names are plain file names (letters, digits, dot, dash, underscore): coreutils escapes anything else, and
    bundle files never need it.
    """
    if not _SAFE_NAME.fullmatch(name) or name in (".", ".."):
        raise ValueError(f"not a plain file name for SM3SUMS: {name!r}")
    if len(digest) != SM3_SIZE:
        raise ValueError("an SM3 digest is 32 bytes")
    return f"SM3 ({name}) = {digest.hex()}\n"


def format_sums(entries: dict[str, bytes]) -> bytes:
    """The whole `SM3SUMS` file for {name: digest}, in the given order."""
    return "".join(sums_line(name, digest) for name, digest in entries.items()).encode("ascii")


def parse_sums(text: bytes) -> dict[str, bytes]:
    """Read an `SM3SUMS` file strictly: every line `SM3 (name) = hex`, no duplicates, nothing else."""
    try:
        lines = text.decode("ascii").split("\n")
    except UnicodeDecodeError:
        raise IntegrityError("校验文件 SM3SUMS 已损坏（含有非 ASCII 字符）。请让对方重新导出。") from None
    if lines and lines[-1] == "":
        lines.pop()
    result: dict[str, bytes] = {}
    for number, line in enumerate(lines, 1):
        m = _SUM_LINE.fullmatch(line)
        if not m or not _SAFE_NAME.fullmatch(m["name"]):
            raise IntegrityError(f"校验文件 SM3SUMS 第 {number} 行格式不对。请让对方重新导出。")
        if m["name"] in result:
            raise IntegrityError(f"校验文件 SM3SUMS 把 {m['name']} 列了两次。请让对方重新导出。")
        result[m["name"]] = bytes.fromhex(m["hex"])
    if not result:
        raise IntegrityError("校验文件 SM3SUMS 是空的。请让对方重新导出。")
    return result


def _chunks(src: BinaryIO, chunk: int) -> Iterator[bytes]:
    while block := src.read(chunk):
        yield block
