"""Payload parts on disk: a writer that splits the ciphertext below the FAT32 limit while hashing it, a reader
that joins the parts again, and hashing/copying helpers that keep memory flat and drop the page cache so
that a read-back really reads the medium."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from desktop.services.bundle.format import PAYLOAD
from desktop.services.bundle.sealed import Part
from desktop.services.bundle.tarstream import ExportCancelledError
from desktop.services.suite import Hasher
from desktop.store.files import drop_cache

CHUNK = 1024 * 1024


class PartWriter:
    """A write()-able sink for the encrypted payload: `base`.000, .001 ... each at most `part_size`, hashed
    with `hasher` (sha256, or SM3 in the 国密 suite).

    After close(), a single part is renamed to `base` (payload.tar.age, payload.sm4). `error` keeps an exception
    raised here (pyrage hides it inside its own EncryptError).
    """

    def __init__(
        self,
        folder: Path,
        part_size: int,
        on_write: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        base: str = PAYLOAD,
        hasher: Callable[[], Hasher] = hashlib.sha256,
    ) -> None:
        if part_size < 1024:
            raise ValueError("part_size too small")
        self._base = base
        self._hasher = hasher
        self._folder = folder
        self._part_size = part_size
        self._on_write = on_write
        self._cancelled = cancelled
        self._handle: BinaryIO | None = None
        self._digest: Hasher = hasher()
        self._written = 0
        self._done: list[tuple[Path, int, str]] = []
        self.total = 0
        self.error: BaseException | None = None

    def _open_next(self) -> None:
        path = self._folder / f"{self._base}.{len(self._done):03d}"
        self._handle = open(path, "xb")  # noqa: SIM115 - closed in _close_current
        self._digest = self._hasher()
        self._written = 0

    def _close_current(self) -> None:
        handle = self._handle
        if handle is None:
            return
        handle.flush()
        os.fsync(handle.fileno())
        drop_cache(handle)
        handle.close()
        self._done.append((Path(handle.name), self._written, self._digest.hexdigest()))
        self._handle = None

    def write(self, data: bytes) -> int:
        try:
            return self._write(data)
        except BaseException as exc:
            self.error = exc
            raise

    def _write(self, data: bytes) -> int:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelledError("已取消导出：没有生成数据包，导出序号未变。")
        view = memoryview(data)
        while view:
            if self._handle is None or self._written >= self._part_size:
                self._close_current()
                self._open_next()
            assert self._handle is not None
            room = self._part_size - self._written
            piece = view[:room]
            self._handle.write(piece)
            self._digest.update(piece)
            self._written += len(piece)
            view = view[len(piece) :]
        self.total += len(data)
        if self._on_write is not None:
            self._on_write(len(data))
        return len(data)

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()

    def close(self) -> list[Part]:
        """Finish the last part and name the parts; returns them in order with size and sha256."""
        if self._handle is None and not self._done:
            self._open_next()
        self._close_current()
        count = len(self._done)
        names = [self._base] if count == 1 else [f"{self._base}.{i:03d}" for i in range(count)]
        parts: list[Part] = []
        for (path, size, sha), name in zip(self._done, names, strict=True):
            if path.name != name:
                os.replace(path, path.with_name(name))
            parts.append(Part(name, size, sha))
        return parts

    def abort(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None


class PartsReader:
    """A read()-able view of the parts in order, for pyrage.decrypt_io."""

    def __init__(self, paths: list[Path], on_read: Callable[[int], None] | None = None) -> None:
        self._paths = list(paths)
        self._index = 0
        self._handle: BinaryIO | None = None
        self._on_read = on_read
        self.done = 0
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            return self._read(size)
        except BaseException as exc:
            self.error = exc
            raise

    def _read(self, size: int) -> bytes:
        want = size if size is not None and size > 0 else CHUNK
        while self._index < len(self._paths):
            if self._handle is None:
                self._handle = open(self._paths[self._index], "rb")  # noqa: SIM115 - closed below
            data = self._handle.read(want)
            if data:
                self.done += len(data)
                if self._on_read is not None:
                    self._on_read(len(data))
                return data
            self._handle.close()
            self._handle = None
            self._index += 1
        return b""

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
