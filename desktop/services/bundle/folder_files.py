"""The files of a signed folder (a bundle or an answer): which names it may hold, its suite by its sums files,
reading the small ones with a cap, and the digest of each as read from the medium."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from desktop.domain.system_errors import reason
from desktop.services import suite as suites
from desktop.services.bundle.format import HEADER, PART_NAME, damaged
from desktop.services.sealing import HashBehind
from desktop.services.suite import KEY_FILE, Suite
from desktop.store.files import hash_file


def allowed_file(name: str, header: str = HEADER, crypto: Suite | None = None) -> bool:
    """A file a signed folder may hold: in `crypto`'s layout, or (None) in either suite's."""
    if crypto is None:
        return any(allowed_file(name, header, s) for s in suites.SUITES)
    if name in (header, crypto.sums, crypto.sums_sig):
        return True
    match = PART_NAME.match(name)
    if match is not None:
        return name.startswith(crypto.payload + ".") or name == crypto.payload
    return crypto.gm and bool(KEY_FILE.match(name))


def folder_suite(names: set[str] | list[str]) -> Suite:
    """The suite a folder is in, by its sums files (国密 when SM3SUMS or its signature is there)."""
    return suites.GM if {suites.GM.sums, suites.GM.sums_sig} & set(names) else suites.AGE


def read_capped(path: Path, cap: int, name: str, noun: str = "数据包") -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise damaged(f"{noun}缺少文件 {name}。", name) from None
    except OSError as exc:
        raise damaged(f"无法读取 {name}（{reason(exc)}）：介质可能已损坏或被拔出。", name) from None
    if len(data) > cap:
        raise damaged(f"{name} 过大，不是本程序生成的文件。", name)
    return data


def list_folder(folder: Path, header: str = HEADER, noun: str = "数据包") -> tuple[set[str], list[str]]:
    """Regular files we know, and everything else (extra files, links, folders) by name."""
    known: set[str] = set()
    extra: list[str] = []
    try:
        with os.scandir(folder) as entries:
            found = list(entries)
        crypto = folder_suite([e.name for e in found])
        for entry in found:
            if allowed_file(entry.name, header, crypto) and entry.is_file(follow_symlinks=False):
                known.add(entry.name)
            else:
                extra.append(entry.name)
    except FileNotFoundError:
        raise damaged(f"找不到{noun}文件夹 {folder}。") from None
    except NotADirectoryError:
        hint = "PB-单位代码-序号" if header == HEADER else "PO-单位代码-序号"
        raise damaged(f"{folder} 不是文件夹：请选择 {hint} 形式的{noun}文件夹。") from None
    return known, sorted(extra)


def claimed_unit(raw: bytes) -> str | None:
    """The unit the cleartext header names, read before it is trusted (only to word the message well)."""
    try:
        value = json.loads(raw.decode("utf-8")).get("unit")
    except (ValueError, UnicodeDecodeError, AttributeError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def digest_of(
    folder: Path, name: str, crypto: Suite, hashes: dict[str, str] | None, on_bytes: Callable[[int], None] | None
) -> str:
    if hashes is not None and name in hashes:
        if on_bytes is not None:
            on_bytes((folder / name).stat().st_size)
        return hashes[name]
    seen = 0

    def step(done: int, _total: int) -> None:
        nonlocal seen
        if on_bytes is not None:
            on_bytes(done - seen)
        seen = done

    if crypto.gm:
        return _sm3_file(folder / name, step)
    sha, _ = hash_file(folder / name, step, uncached=True)
    return sha


def _sm3_file(path: Path, step: Callable[[int, int], None]) -> str:
    """SM3 of a file, read with the page cache dropped behind (a read-back must read the medium)."""
    from desktop.services.gm.symmetric import CHUNK, Sm3
    from desktop.store.files import drop_cache

    done = 0
    with open(path, "rb") as handle, HashBehind(Sm3()) as digest:
        while block := handle.read(CHUNK):
            digest.update(block)
            done += len(block)
            step(done, 0)
        drop_cache(handle)
        return digest.hexdigest()
