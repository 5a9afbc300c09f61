"""File safety, in one place: durable renames (fsync of files and folders), hashing a file, free space.

Used by the evidence store, the database, backups, keys and bundles alike, so every copy of a rule (how to
fsync a folder, how a file's sha256 is read, what "free space" means) is written once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024
Progress = Callable[[int, int], None]  # (bytes done, bytes in all)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable; quietly nothing where folders cannot be fsynced."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def drop_cache(handle: BinaryIO) -> None:
    """Ask the OS to forget cached pages of a file we wrote, so reading it back reads the medium."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        with contextlib.suppress(OSError):
            advise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
        drop_cache(handle)


def hash_file(path: Path, progress: Progress | None = None, *, uncached: bool = False) -> tuple[str, int]:
    """(sha256 hex, size) of the file at `path`, reporting progress per chunk read.

    `uncached` drops the file's pages from the OS cache afterwards (a bundle checked on the stick just
    written should be read from the stick next time, not from memory).
    """
    digest = hashlib.sha256()
    done = 0
    total = path.stat().st_size if progress is not None else 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, max(total, done))
        if uncached:
            drop_cache(handle)
    return digest.hexdigest(), done


def disk_free(path: Path) -> int:
    """Bytes a non-root user can still write on the file system holding `path`."""
    return shutil.disk_usage(path).free
