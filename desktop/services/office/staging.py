"""The office's intake folders: staging (copies being checked), held (bundles waiting for a gap to close),
quarantine (rejected bundles with their reason), and the lock that lets one import run at a time."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from desktop.domain.errors import StateError
from desktop.domain.system_errors import reason
from desktop.services.bundle.folder_files import folder_suite, list_folder
from desktop.services.bundle.format import (
    HEADER,
    MAX_HEADER,
    MAX_SIG,
    MAX_SUMS,
    PART_SIZE,
    SUMS,
    SUMS_SIG,
    damaged,
)
from desktop.services.bundle.verify import shown
from desktop.services.sealing import HashBehind
from desktop.services.suite import GM, KEY_FILE, Suite
from desktop.store.home import Home

CHUNK = 1024 * 1024
_CAPS = {HEADER: MAX_HEADER, SUMS: MAX_SUMS, SUMS_SIG: MAX_SIG, GM.sums: MAX_SUMS, GM.sums_sig: MAX_SIG}


class IntakeFolders:
    def __init__(self, home: Home) -> None:
        self.root = home.root / "intake"
        self.staging = self.root / "staging"
        self.held = self.root / "held"
        self.quarantine = self.root / "quarantine"
        self.lock_file = self.root / "intake.lock"

    def prepare(self) -> None:
        for folder in (self.staging, self.held, self.quarantine):
            folder.mkdir(parents=True, exist_ok=True)

    def clear_staging(self) -> None:
        """Remove copies left by an import that was killed (safe: called with the intake lock held)."""
        for entry in self.staging.iterdir():
            shutil.rmtree(entry, ignore_errors=True)

    def new_stage(self) -> Path:
        stage = self.staging / uuid.uuid4().hex
        stage.mkdir()
        return stage

    def to_quarantine(self, folder: Path | None, name: str, outcome: str, reason: str) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.quarantine / f"{stamp}-{shown(name)[:60]}-{uuid.uuid4().hex[:6]}"
        if folder is not None and folder.is_dir():
            os.replace(folder, target)
        else:
            target.mkdir()
        (target / "REASON.txt").write_text(f"{outcome}\n{reason}\n", encoding="utf-8")
        return target

    def to_held(self, folder: Path, name: str, bundle_hash: str) -> Path:
        target = self.held / f"{name}-{bundle_hash[:12]}"
        if target.exists():
            shutil.rmtree(target)
        os.replace(folder, target)
        return target


@contextlib.contextmanager
def intake_lock(path: Path) -> Iterator[None]:
    """One import at a time per office home (a second one is told to wait)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+b")  # noqa: SIM115 - closed in the finally below
    try:
        try:
            _lock(handle)
        except OSError:
            raise StateError("另一个导入正在进行（或上次导入尚未结束）：请等它完成后再导入。") from None
        yield
    finally:
        handle.close()


def _lock(handle: BinaryIO) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def copy_in(
    source: Path,
    dest: Path,
    on_bytes: Callable[[int], None] | None = None,
    *,
    header: str = HEADER,
    part_cap: int = PART_SIZE,
) -> tuple[dict[str, str], list[str]]:
    """Copy a bundle's (or an answer's) known files from the medium to staging, hashing on the way (one read
    of the medium).

    Returns the sums and the names that do not belong in a bundle (not copied; verification rejects them).
    """
    known, extra = list_folder(source, header)
    crypto = folder_suite(known)
    dest.mkdir(parents=True)
    hashes: dict[str, str] = {}
    for name in sorted(known):
        cap = MAX_HEADER if name == header else MAX_SIG if KEY_FILE.match(name) else _CAPS.get(name, part_cap)
        hashes[name] = _copy_one(source / name, dest / name, name, cap, on_bytes, crypto)
    return hashes, extra


def folder_size(source: Path) -> int:
    total = 0
    with contextlib.suppress(OSError), os.scandir(source) as entries:
        for entry in entries:
            if entry.is_file(follow_symlinks=False):
                total += entry.stat(follow_symlinks=False).st_size
    return total


def _copy_one(
    src_path: Path, dst_path: Path, name: str, cap: int, on_bytes: Callable[[int], None] | None, crypto: Suite
) -> str:
    size = 0
    unreadable = f"从介质复制 {name} 时出错：U盘可能已拔出或损坏，请重新插好后再导入。"
    try:
        src = open(src_path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError:
        raise damaged(unreadable, name) from None
    try:
        with open(dst_path, "xb") as dst, HashBehind(crypto.hasher()) as digest:
            while True:
                try:
                    chunk = src.read(CHUNK)
                except OSError:
                    raise damaged(unreadable, name) from None
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise damaged(f"{name} 过大，不是本程序生成的文件。", name)
                digest.update(chunk)
                dst.write(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))
            return digest.hexdigest()
    except OSError as exc:
        raise StateError(
            f"把数据包复制到省局数据目录时出错（{reason(exc)}）：请检查省局电脑的磁盘空间后重新导入。"
        ) from None
    finally:
        src.close()
