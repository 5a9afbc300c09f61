"""The plaintext tar of a bundle, produced on demand as pyrage pulls it: nothing is held in memory but the
current chunk. Entries are regular files with fixed metadata, so the same content gives the same bytes."""

from __future__ import annotations

import hashlib
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import PlanProgressError, StateError
from desktop.domain.system_errors import reason

BLOCK = 512
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class SourceEntry:
    """One tar entry: small ones carry `content`, evidence files are read from `path` and re-hashed."""

    name: str
    size: int
    sha256: str
    content: bytes | None = None
    path: Path | None = None


def padded(size: int) -> int:
    return (size + BLOCK - 1) // BLOCK * BLOCK


def tar_size(entries: list[SourceEntry]) -> int:
    """Exact size of the tar that TarSource produces: headers, padded data, two zero blocks."""
    return sum(BLOCK + padded(e.size) for e in entries) + 2 * BLOCK


def tar_header(name: str, size: int, mtime: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = mtime
    info.mode = 0o644
    info.type = tarfile.REGTYPE
    info.uname = info.gname = ""
    # GNU format: plain ustar-style headers for our short names, and sizes beyond 8 GiB in base-256.
    return info.tobuf(format=tarfile.GNU_FORMAT, encoding="utf-8", errors="strict")


class EvidenceChangedError(StateError):
    """An evidence file at the unit no longer matches its hash: it must not travel as if it were intact."""


class TarSource:
    """A read()-able plaintext tar of `entries` (what pyrage.encrypt_io pulls from).

    pyrage turns exceptions raised here into its own EncryptError; `error` keeps the original so the caller
    can re-raise it (a cancel, a changed evidence file, a read error).
    """

    def __init__(
        self,
        entries: list[SourceEntry],
        mtime: int,
        on_read: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self._chunks = self._generate(entries, mtime)
        self._chunk = b""
        self._pos = 0
        self._on_read = on_read
        self._cancelled = cancelled
        self.error: BaseException | None = None
        self.produced = 0

    def _generate(self, entries: list[SourceEntry], mtime: int) -> Iterator[bytes]:
        for entry in entries:
            yield tar_header(entry.name, entry.size, mtime)
            if entry.content is not None:
                yield entry.content
            else:
                yield from _file_chunks(entry)
            tail = padded(entry.size) - entry.size
            if tail:
                yield bytes(tail)
        yield bytes(2 * BLOCK)

    def read(self, size: int = -1) -> bytes:
        try:
            return self._read(size)
        except BaseException as exc:
            self.error = exc
            raise

    def _read(self, size: int) -> bytes:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelledError("已取消导出：没有生成数据包，导出序号未变。")
        want = size if size is not None and size > 0 else CHUNK
        out: list[bytes] = []
        while want > 0:
            if self._pos >= len(self._chunk):
                self._chunk = next(self._chunks, b"")
                self._pos = 0
                if not self._chunk:
                    break
            piece = self._chunk[self._pos : self._pos + want]
            self._pos += len(piece)
            want -= len(piece)
            out.append(piece)
        data = b"".join(out)
        self.produced += len(data)
        if self._on_read is not None and data:
            self._on_read(len(data))
        return data


class ExportCancelledError(PlanProgressError):
    exit_code = 130


def _file_chunks(entry: SourceEntry) -> Iterator[bytes]:
    assert entry.path is not None
    digest = hashlib.sha256()
    done = 0
    try:
        handle = open(entry.path, "rb")  # noqa: SIM115 - closed in the finally below (generator)
    except OSError as exc:
        raise EvidenceChangedError(
            f"佐证材料文件 {entry.path.name} 无法读取（{reason(exc)}）：请运行 planprogress evidence verify 检查，"
            "必要时从备份恢复后再导出。"
        ) from None
    try:
        while chunk := handle.read(CHUNK):
            done += len(chunk)
            if done > entry.size:
                break
            digest.update(chunk)
            yield chunk
    finally:
        handle.close()
    if done != entry.size or digest.hexdigest() != entry.sha256:
        raise EvidenceChangedError(
            f"佐证材料文件 {entry.sha256[:12]}… 与登记的内容不符（文件被改动或损坏）：请运行 planprogress evidence "
            "verify 检查，从备份恢复该文件后再导出。"
        )
