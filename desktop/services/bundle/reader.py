"""The strict reader of a decrypted payload: a push parser fed by pyrage.decrypt_io, never tarfile.extractall.

Only regular files with allow-listed names are accepted; MANIFEST.json and its signature must come first and
are checked (by a callback) before any other entry is written; every later entry must be listed in the
manifest with exactly its size, is written under the staging folder by a name we build (never by joining
an untrusted path), and is hashed while written. Links, devices, directories, PAX/GNU extensions, `../`,
absolute and non-UTF-8 names are refused with a message that says which.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, cast

from desktop.services.bundle.format import (
    AUDIT,
    ENTRY_NAME,
    MANIFEST,
    MANIFEST_SIG,
    MAX_MANIFEST,
    MAX_SIG,
    RECORDS,
    unsafe,
)
from desktop.services.bundle.manifest import Entry, Manifest

BLOCK = 512
_ZERO = bytes(BLOCK)
_TYPES = {
    b"1": "硬链接",
    b"2": "符号链接",
    b"3": "字符设备",
    b"4": "块设备",
    b"5": "文件夹",
    b"6": "管道文件",
    b"7": "连续文件",
    b"x": "PAX 扩展头",
    b"g": "PAX 全局头",
    b"L": "GNU 长文件名",
    b"K": "GNU 长链接名",
}
_BATCH = 1024 * 1024
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)


class Listing(Protocol):
    """What the signed head of a payload lists: every later entry with its size and sha256."""

    @property
    def entries(self) -> tuple[Entry, ...]: ...


ManifestCheck = Callable[[bytes, bytes], Listing]


@dataclass(frozen=True)
class Payload:
    """What a payload held, once read completely: the checked manifest and where each entry was written."""

    manifest: Manifest
    manifest_bytes: bytes
    records: Path | None
    audit: Path | None
    evidence: dict[str, Path]


def _octal_or_base256(field: bytes) -> int | None:
    if field and field[0] & 0x80:  # GNU base-256 for sizes beyond 8 GiB
        value = field[0] & 0x7F
        for byte in field[1:]:
            value = (value << 8) | byte
        return value
    text = field.replace(b"\x00", b" ").strip()
    if not text:
        return 0
    try:
        return int(text, 8)
    except ValueError:
        return None


_HIGH_BYTES = bytes(range(128, 256))


def _checksum_ok(block: bytes) -> bool:
    stored = _octal_or_base256(block[148:156])
    if stored is None:
        return False
    rest = block[:148] + block[156:]
    unsigned = sum(rest) + 8 * 32
    high = len(rest) - len(rest.translate(None, _HIGH_BYTES))  # bytes > 127 count 256 less when signed
    return stored in (unsigned, unsigned - 256 * high)


def parse_name(block: bytes, allowed: re.Pattern[str] = ENTRY_NAME) -> str:
    """The entry's name, refusing anything that is not a plain allow-listed UTF-8 name."""
    raw = block[:100].split(b"\x00", 1)[0]
    magic = block[257:265]
    if magic[:6] == b"ustar\x00":  # POSIX ustar may put a path prefix in 345..500
        prefix = block[345:500].split(b"\x00", 1)[0]
        if prefix:
            raw = prefix + b"/" + raw
    elif magic != b"ustar  \x00":
        raise unsafe("数据包内容不是标准的 tar 格式（文件头标识不符）。")
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        shown = raw.decode("utf-8", "replace")[:80]
        raise unsafe(f"数据包含有非 UTF-8 编码的文件名“{shown}”，不予读取。") from None
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise unsafe(f"数据包含有绝对路径“{name[:80]}”，不予读取。")
    if ".." in name.replace("\\", "/").split("/"):
        raise unsafe(f"数据包含有指向上级目录的路径“{name[:80]}”，不予读取。")
    if not allowed.match(name):
        raise unsafe(f"数据包含有不允许的文件名“{name[:80]}”，不予读取。")
    return name


class StrictTarReader:
    """A write()-able sink that parses the tar as it streams and writes only what the manifest allows."""

    def __init__(
        self,
        target: Path,
        check_manifest: ManifestCheck,
        on_bytes: Callable[[int], None] | None = None,
        *,
        head: tuple[str, str] = (MANIFEST, MANIFEST_SIG),
        names: re.Pattern[str] = ENTRY_NAME,
        head_cap: int = MAX_MANIFEST,
    ) -> None:
        self._head = head
        self._head_cap = head_cap
        self._names = names
        self._target = target
        self._check_manifest = check_manifest
        self._on_bytes = on_bytes
        self._buffer = bytearray()  # a partial header block, never more than 512 bytes
        self._remaining = 0  # data bytes left in the current entry
        self._padding = 0
        self._name: str | None = None
        self._memory: bytearray | None = None
        self._out: BinaryIO | None = None
        self._pending = bytearray()
        self._digest = hashlib.sha256()
        self._expected_sha: str | None = None
        self._zero_blocks = 0
        self._manifest: Listing | None = None
        self._manifest_bytes = b""
        self._manifest_sig = b""
        self._expected: dict[str, tuple[int, str]] = {}
        self._written: dict[str, Path] = {}
        self.consumed = 0
        self.error: BaseException | None = None

    # -- feeding ---------------------------------------------------------------------------------------
    def write(self, data: bytes) -> int:
        try:
            self._feed(memoryview(data))
        except BaseException as exc:
            self.error = exc
            self._close_out()
            raise
        self.consumed += len(data)
        if self._on_bytes is not None:
            self._on_bytes(len(data))
        return len(data)

    def flush(self) -> None:
        return None

    def _feed(self, view: memoryview) -> None:
        while view:
            if self._remaining:
                take = min(self._remaining, len(view))
                self._data(view[:take])
                self._remaining -= take
                view = view[take:]
                if not self._remaining:
                    self._end_entry()
                continue
            if self._padding:
                take = min(self._padding, len(view))
                if any(view[:take]):
                    raise unsafe("数据包的 tar 填充区含有非零数据。")
                self._padding -= take
                view = view[take:]
                continue
            take = min(BLOCK - len(self._buffer), len(view))
            self._buffer += view[:take]
            view = view[take:]
            if len(self._buffer) == BLOCK:
                block = bytes(self._buffer)
                self._buffer.clear()
                self._header(block)

    # -- headers ---------------------------------------------------------------------------------------
    def _header(self, block: bytes) -> None:
        if block == _ZERO:
            self._zero_blocks += 1
            return
        if self._zero_blocks:
            raise unsafe("数据包在 tar 结束标记之后还有内容。")
        if not _checksum_ok(block):
            raise unsafe("数据包的 tar 文件头校验和不符（内容被篡改或格式错误）。")
        kind = block[156:157]
        name_hint = block[:100].split(b"\x00", 1)[0].decode("utf-8", "replace")[:80]
        if kind in _TYPES:
            raise unsafe(f"数据包含有{_TYPES[kind]}“{name_hint}”：只允许普通文件，不予读取。")
        if kind not in (b"0", b"\x00"):
            raise unsafe(f"数据包含有未知类型的条目“{name_hint}”，不予读取。")
        name = parse_name(block, self._names)
        size = _octal_or_base256(block[124:136])
        if size is None:
            raise unsafe(f"数据包中“{name}”的大小字段无效。")
        self._start_entry(name, size)

    def _start_entry(self, name: str, size: int) -> None:
        if name in self._written or name == self._name:
            raise unsafe(f"数据包中“{name}”出现了两次。")
        if self._manifest is None:
            self._start_manifest_part(name, size)
        else:
            expected = self._expected.get(name)
            if expected is None:
                raise unsafe(f"数据包中的“{name}”不在清单（MANIFEST.json）里。")
            if size != expected[0]:
                raise unsafe(f"数据包中“{name}”的大小为 {size} 字节，与清单所列的 {expected[0]} 字节不符。")
            self._expected_sha = expected[1]
            self._out = self._open(name)
        self._name = name
        self._remaining = size
        self._padding = (BLOCK - size % BLOCK) % BLOCK
        self._digest = hashlib.sha256()
        if size == 0:
            self._end_entry()

    def _start_manifest_part(self, name: str, size: int) -> None:
        first, second = self._head
        if not self._manifest_bytes and name != first:
            raise unsafe(f"数据包的第一个条目应为 {first}，实为“{name}”。")
        if self._manifest_bytes and name != second:
            raise unsafe(f"数据包的第二个条目应为 {second}，实为“{name}”。")
        cap = self._head_cap if name == first else MAX_SIG
        if size > cap:
            raise unsafe(f"数据包中的 {name} 过大（{size} 字节）。")
        self._memory = bytearray()
        self._expected_sha = None

    def _open(self, name: str) -> BinaryIO:
        if name == RECORDS:
            path = self._target / "records.jsonl"
        elif name == AUDIT:
            path = self._target / "audit.jsonl"
        else:
            folder = self._target / "evidence"
            folder.mkdir(exist_ok=True)
            path = folder / name.removeprefix("evidence/")  # 64 hex digits, checked by the allow-list
        self._written[name] = path
        return os.fdopen(os.open(path, _OPEN_FLAGS, 0o600), "wb")

    # -- data ------------------------------------------------------------------------------------------
    def _data(self, piece: memoryview) -> None:
        if self._memory is not None:
            self._memory += piece
            return
        self._pending += piece  # pyrage writes 8 KiB at a time: hash and write in 1 MiB batches
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            assert self._out is not None
            self._out.write(self._pending)
            self._digest.update(self._pending)
            self._pending.clear()

    def _end_entry(self) -> None:
        name = self._name
        assert name is not None
        if self._memory is not None:
            data = bytes(self._memory)
            self._memory = None
            if name == self._head[0]:
                self._manifest_bytes = data
            else:
                self._manifest_sig = data
                manifest = self._check_manifest(self._manifest_bytes, self._manifest_sig)
                self._manifest = manifest
                self._expected = {e.name: (e.size, e.sha256) for e in manifest.entries}
                self._written = {}
        else:
            self._flush()
            self._close_out()
            if self._digest.hexdigest() != self._expected_sha:
                raise unsafe(f"数据包中“{name}”的内容与清单所列的哈希不符（清单不实或内容被替换）。", name)
        self._name = None

    def _close_out(self) -> None:
        self._pending.clear()
        if self._out is not None:
            self._out.close()
            self._out = None

    # -- the end ---------------------------------------------------------------------------------------
    def finish(self) -> Payload:
        """Call after the last write: the archive must be complete and every listed entry present."""
        manifest = cast(Manifest, self.complete())
        evidence = {
            name.removeprefix("evidence/"): path for name, path in self._written.items() if name.startswith("evidence/")
        }
        return Payload(
            manifest,
            self._manifest_bytes,
            self._written.get(RECORDS),
            self._written.get(AUDIT),
            evidence,
        )

    def complete(self) -> Listing:
        """The checked head, once the archive is complete and every listed entry is present."""
        if self._remaining or self._buffer or self._name is not None:
            raise unsafe("数据包的 tar 内容不完整（在条目中间结束）。")
        if self._manifest is None:
            raise unsafe(f"数据包中缺少 {self._head[0]} 或其签名。")
        if self._zero_blocks < 2:
            raise unsafe("数据包的 tar 内容不完整（缺少结束标记）。")
        missing = [name for name in self._expected if name not in self._written]
        if missing:
            raise unsafe(f"清单列出的 {len(missing)} 个条目不在数据包中（如“{missing[0]}”）。")
        return self._manifest
