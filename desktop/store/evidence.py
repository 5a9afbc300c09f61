"""Evidence files (佐证材料): copied into the home once per content hash, crash-safely."""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import os
import stat
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec

from desktop.domain.errors import InputError, NotFoundError
from desktop.domain.model import EvidenceRecord
from desktop.domain.periods import parse_optional_period
from desktop.domain.system_errors import reason
from desktop.store.audit import AuditLog
from desktop.store.db import Database
from desktop.store.files import fsync_dir, hash_file
from desktop.store.home import Home
from desktop.store.plan import PlanRepo

CHUNK = 1024 * 1024
Progress = Callable[[int, int], None]

_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
)


class EvidenceProblem(msgspec.Struct, frozen=True):
    sha256: str
    names: tuple[str, ...]
    message: str


class AddedEvidence(msgspec.Struct, frozen=True):
    record: EvidenceRecord
    warnings: tuple[str, ...]
    deduplicated: bool


def sniff_media_type(path: Path, head: bytes) -> str:
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def checked_name(path: Path) -> str:
    """The file's name as stored; names that are not valid UTF-8 are refused (they cannot travel)."""
    name = path.name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        shown = shown_path(Path(name))
        raise InputError(
            f"文件名“{shown}”含有无法识别的字符（不是 UTF-8 编码）：请先把文件重命名，再添加为佐证材料。"
        ) from None
    return name


def shown_path(path: Path) -> str:
    """A path as it can be printed, even when it holds bytes that are not UTF-8."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _shifted(progress: Progress, offset: int, total: int) -> Progress:
    return lambda done, _size: progress(offset + done, total)


def evidence_period(text: str | None) -> str | None:
    """The period an evidence file belongs to, as stored: a period's code, or None when left empty."""
    period = parse_optional_period(text, "所属期")
    return None if period is None else period.code


class EvidenceRepo:
    def __init__(self, database: Database, audit: AuditLog, plan: PlanRepo, home: Home) -> None:
        self._db = database
        self._audit = audit
        self._plan = plan
        self._home = home

    def add(
        self,
        item_id: int,
        source: Path,
        *,
        title: str | None = None,
        category: str = "",
        period: str | None = None,
        progress: Progress | None = None,
    ) -> AddedEvidence:
        return self.add_many(item_id, [source], title=title, category=category, period=period, progress=progress)[0]

    def add_many(
        self,
        item_id: int,
        sources: Sequence[Path],
        *,
        title: str | None = None,
        category: str = "",
        period: str | None = None,
        progress: Progress | None = None,
    ) -> list[AddedEvidence]:
        """Add files all-or-nothing: every file is checked and copied in before any record is written.
        `period` is the reporting period the files belong to (None or empty: not set)."""
        item_uid = self._plan.item_uid(item_id)  # fails early on an unknown id
        period_code = evidence_period(period)
        sizes = [self.check_source(source) for source in sources]
        total, offset = sum(sizes), 0
        staged: list[tuple[Path, str, int, str, Path]] = []
        placed: list[Path] = []
        try:
            for source in sources:
                step = None if progress is None else _shifted(progress, offset, total)
                sha256, size, media_type, tmp = self._stage(source, step)
                staged.append((source, sha256, size, media_type, tmp))
                offset += size
            fresh: list[bool] = []
            for _source, sha256, _size, _media_type, tmp in staged:
                final = self._home.blob_path(sha256)
                if final.exists():
                    tmp.unlink()
                    fresh.append(False)
                else:
                    final.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(tmp, final)
                    fsync_dir(final.parent)
                    placed.append(final)
                    fresh.append(True)
            with self._db.transaction():
                records = [
                    self._insert(item_id, item_uid, sha256, size, media_type, source.name, title, category, period_code)
                    for source, sha256, size, media_type, _tmp in staged
                ]
        except BaseException:
            for *_rest, tmp in staged:
                tmp.unlink(missing_ok=True)
            for final in placed:  # nothing refers to them: the records were rolled back
                final.unlink(missing_ok=True)
            raise
        empty = ("文件为空（0 字节）：已添加，但请确认是否选错了文件。",)
        return [
            AddedEvidence(record, empty if record.size == 0 else (), deduplicated=not new)
            for record, new in zip(records, fresh, strict=True)
        ]

    def check_source(self, source: Path) -> int:
        """Refuse a file that cannot be added (before anything is copied); return its size."""
        name = checked_name(source)
        try:
            info = source.stat()
        except FileNotFoundError:
            raise InputError(f"找不到文件“{shown_path(source)}”：请检查路径是否正确。") from None
        except OSError as exc:
            raise InputError(f"无法读取文件“{shown_path(source)}”（{reason(exc)}）：请检查文件权限或路径。") from None
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"“{name}”是文件夹：请选择其中的文件。")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"“{name}”不是普通文件（可能是设备或管道）：请选择一个文件。")
        return info.st_size

    def _stage(self, source: Path, progress: Progress | None) -> tuple[str, int, str, Path]:
        """Copy one file into the home's incoming folder; O_NONBLOCK so a pipe swapped in never hangs us."""
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(source, flags)
        except OSError as exc:
            raise InputError(
                f"无法读取文件“{shown_path(source)}”（{reason(exc)}）：请检查文件权限或是否被其他程序占用。"
            ) from None
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise InputError(f"“{checked_name(source)}”不是普通文件：请选择一个文件。")
            return self._copy_in(handle, source, progress)

    def _copy_in(self, handle: Any, source: Path, progress: Progress | None) -> tuple[str, int, str, Path]:
        self._home.evidence_tmp.mkdir(parents=True, exist_ok=True)
        tmp = self._home.evidence_tmp / f"{uuid.uuid4().hex}.part"
        digest = hashlib.sha256()
        size = 0
        total = os.fstat(handle.fileno()).st_size
        head = b""
        try:
            with open(tmp, "wb") as out:
                while True:
                    try:
                        chunk = handle.read(CHUNK)
                    except OSError as exc:
                        raise InputError(
                            f"读取文件“{source.name}”时出错（{reason(exc)}）：请检查文件或介质后重试。"
                        ) from None
                    if not chunk:
                        break
                    if not head:
                        head = chunk[:16]
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                    if progress:
                        progress(size, total)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise InputError(f"保存佐证材料失败（{reason(exc)}）：请检查数据目录所在磁盘的剩余空间。") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return digest.hexdigest(), size, sniff_media_type(source, head), tmp

    def _insert(
        self,
        item_id: int,
        item_uid: str,
        sha256: str,
        size: int,
        media_type: str,
        name: str,
        title: str | None,
        category: str,
        period: str | None,
    ) -> EvidenceRecord:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO evidence_blob (sha256, size, stored_at) VALUES (?, ?, ?)",
                (sha256, size, self._db.now()),
            )
            uid = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO evidence (uid, item_id, sha256, title, category, original_name, size, media_type, "
                "added_by, added_at, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    uid,
                    item_id,
                    sha256,
                    (title or Path(name).stem).strip() or name,
                    category.strip(),
                    name,
                    size,
                    media_type,
                    self._audit.actor,
                    self._db.now(),
                    period,
                ),
            )
            record = self.get_by_uid(uid)
            self._audit.append(
                "insert", "evidence", uid, after={**msgspec.structs.asdict(record), "item_uid": item_uid}
            )
        return record

    def get(self, evidence_id: int) -> EvidenceRecord:
        row = self._db.one("SELECT * FROM evidence WHERE id = ?", (evidence_id,))
        if row is None:
            raise NotFoundError(f"找不到编号为 {evidence_id} 的佐证材料：用 planprogress evidence list 查看编号。")
        return EvidenceRecord(**row)

    def get_by_uid(self, uid: str) -> EvidenceRecord:
        row = self._db.one("SELECT * FROM evidence WHERE uid = ?", (uid,))
        if row is None:
            raise NotFoundError(f"找不到佐证材料 {uid}。")
        return EvidenceRecord(**row)

    def find(self, item_id: int | None = None, *, after_id: int = 0, limit: int | None = None) -> list[EvidenceRecord]:
        """Evidence records in id order; page with `after_id` and `limit` (keyset paging, no OFFSET)."""
        sql = "SELECT * FROM evidence WHERE id > ?"
        params: list[object] = [after_id]
        if item_id is not None:
            sql += " AND item_id = ?"
            params.append(item_id)
        sql += " ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [EvidenceRecord(**r) for r in self._db.query(sql, tuple(params))]

    def count(self, item_id: int | None = None) -> int:
        if item_id is None:
            return int(self._db.conn.execute("SELECT count(*) FROM evidence").fetchone()[0])
        return int(self._db.conn.execute("SELECT count(*) FROM evidence WHERE item_id = ?", (item_id,)).fetchone()[0])

    def ids(self) -> list[int]:
        return [int(r[0]) for r in self._db.conn.execute("SELECT id FROM evidence ORDER BY id")]

    def path_of(self, record: EvidenceRecord) -> Path:
        return self._home.blob_path(record.sha256)

    def update(
        self,
        evidence_id: int,
        *,
        title: str | None = None,
        category: str | None = None,
        period: str | None = None,
    ) -> EvidenceRecord:
        """Change an evidence record's title, category or period (the file itself never changes), with an audit
        row. None leaves a field as it is; an empty category or period clears it."""
        with self._db.transaction() as conn:
            before = self.get(evidence_id)
            new_title = before.title if title is None else title.strip()
            new_category = before.category if category is None else category.strip()
            new_period = before.period if period is None else evidence_period(period)
            if not new_title:
                raise InputError("佐证材料的标题不能为空：请填写标题（例如文件内容的简短说明）。")
            if (new_title, new_category, new_period) == (before.title, before.category, before.period):
                return before
            conn.execute(
                "UPDATE evidence SET title = ?, category = ?, period = ? WHERE id = ?",
                (new_title, new_category, new_period, evidence_id),
            )
            after = self.get(evidence_id)
            item_uid = self._plan.item_uid(before.item_id)
            self._audit.append(
                "update",
                "evidence",
                before.uid,
                before={**msgspec.structs.asdict(before), "item_uid": item_uid},
                after={**msgspec.structs.asdict(after), "item_uid": item_uid},
            )
        return after

    def categories(self) -> list[str]:
        """The categories already used in this home, most used first (offered when adding or editing)."""
        rows = self._db.conn.execute(
            "SELECT category FROM evidence WHERE category != '' GROUP BY category ORDER BY count(*) DESC, category"
        )
        return [str(r[0]) for r in rows]

    def delete(self, evidence_id: int) -> None:
        orphan: Path | None = None
        with self._db.transaction() as conn:
            record = self.get(evidence_id)
            conn.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
            still_used = conn.execute("SELECT 1 FROM evidence WHERE sha256 = ? LIMIT 1", (record.sha256,)).fetchone()
            if not still_used:
                conn.execute("DELETE FROM evidence_blob WHERE sha256 = ?", (record.sha256,))
                orphan = self.path_of(record)
            self._audit.append(
                "delete",
                "evidence",
                record.uid,
                before={**msgspec.structs.asdict(record), "item_uid": self._plan.item_uid(record.item_id)},
            )
        if orphan is not None:  # only after the commit: a rollback must still find the file
            orphan.unlink(missing_ok=True)

    def verify(self, progress: Progress | None = None) -> list[EvidenceProblem]:
        """Re-hash every stored file; name every one that is missing or altered."""
        problems: list[EvidenceProblem] = []
        blobs = self._db.query("SELECT sha256, size FROM evidence_blob ORDER BY sha256")
        total = sum(int(b["size"]) for b in blobs)
        done = 0
        for blob in blobs:
            sha, size = str(blob["sha256"]), int(blob["size"])
            names = tuple(
                str(r["original_name"])
                for r in self._db.query("SELECT original_name FROM evidence WHERE sha256 = ? ORDER BY id", (sha,))
            )
            path = self._home.blob_path(sha)
            if not path.is_file():
                problems.append(EvidenceProblem(sha, names, "文件缺失"))
            else:
                actual, _ = hash_file(path)
                if actual != sha:
                    problems.append(EvidenceProblem(sha, names, "文件内容被改动（哈希不符）"))
            done += size
            if progress:
                progress(done, total)
        return problems

    def sweep_incoming(self, older_than_seconds: float = 24 * 3600) -> int:
        """Remove partial copies left by a killed process. Only old ones: another process may be copying now."""
        folder = self._home.evidence_tmp
        if not folder.is_dir():
            return 0
        limit = time.time() - older_than_seconds
        removed = 0
        for part in folder.glob("*.part"):
            with contextlib.suppress(OSError):
                if part.stat().st_mtime < limit:
                    part.unlink()
                    removed += 1
        return removed

    def iter_blobs(self) -> Iterator[tuple[str, int]]:
        for row in self._db.conn.execute("SELECT sha256, size FROM evidence_blob ORDER BY sha256"):
            yield str(row[0]), int(row[1])
