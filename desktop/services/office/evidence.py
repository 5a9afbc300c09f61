"""Browsing the evidence files units sent: by unit, task and milestone; every file handed out is hash-checked."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import InputError, IntegrityError, NotFoundError
from desktop.domain.system_errors import reason
from desktop.services.office.plans import plan_task, unknown_task
from desktop.store import Store
from desktop.store.files import fsync_dir, hash_file
from desktop.store.office_records import OfficeRecords

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class OfficeEvidence:
    id: int
    unit: str
    uid: str
    item_uid: str
    item_kind: str
    item_title: str
    task_uid: str
    task_key: str | None
    sha256: str
    title: str
    category: str
    original_name: str
    size: int
    media_type: str
    added_by: str
    added_at: str
    period: str | None  # the reporting period the unit filed it under; None: not set (or an earlier release)


def _evidence(row: dict[str, Any]) -> OfficeEvidence:
    return OfficeEvidence(**row)


def _task_uid(store: Store, task: str | None, plan: str | None, year: int) -> str | None:
    """Accept a task key of plan `plan` (5.12; None: the current plan), a task uid (gd-prison-14fyp/5.12) or a
    local task id."""
    if task is None:
        return None
    found = plan_task(store, plan, task, year)
    if found is not None:
        return found[1]
    if task.isdigit():
        return store.plan.item_uid(int(task))
    raise NotFoundError(unknown_task(store, plan, task, year))


def list_evidence(
    store: Store,
    *,
    unit: str | None = None,
    task: str | None = None,
    milestone: str | None = None,
    after: int = 0,
    limit: int | None = None,
    plan: str | None = None,
    today: dt.date | None = None,
) -> list[OfficeEvidence]:
    """Evidence by unit, task (a key of plan `plan`, None: the plan current on `today`) and milestone."""
    year = (today or dt.date.today()).year
    rows = OfficeRecords(store.database, store.audit).evidence(
        unit=unit, task_uid=_task_uid(store, task, plan, year), milestone_uid=milestone, after=after, limit=limit
    )
    return [_evidence(r) for r in rows]


def _get(store: Store, evidence_id: int) -> dict[str, Any]:
    row = OfficeRecords(store.database, store.audit).evidence_by_id(evidence_id)
    if row is None:
        raise NotFoundError(f"没有编号为 {evidence_id} 的佐证材料：用 planprogress province evidence list 查看编号。")
    return row


def copy_out(store: Store, evidence_id: int, out: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy one evidence file out under its original name, checking its hash; a damaged file is not handed out."""
    row = _get(store, evidence_id)
    source = store.home.blob_path(str(row["sha256"]))
    target = out / os.path.basename(str(row["original_name"])) if out.is_dir() else out
    if not target.parent.is_dir():
        raise InputError(f"目标文件夹 {target.parent} 不存在。")
    if target.exists():
        raise InputError(f"{target} 已存在：请换一个文件名或文件夹。")
    if not source.is_file():
        raise IntegrityError(f"佐证材料 {row['original_name']} 的文件缺失：请让 {row['unit']} 重新导出完整数据包。")
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
    digest = hashlib.sha256()
    done, total = 0, int(row["size"])
    try:
        with open(source, "rb") as src, open(tmp, "xb") as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                dst.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
            dst.flush()
            os.fsync(dst.fileno())
        if digest.hexdigest() != row["sha256"]:
            raise IntegrityError(
                f"佐证材料 {row['original_name']} 在省局电脑上已损坏（哈希不符），未导出："
                "请从备份恢复或让单位重新导出。"
            )
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise InputError(f"无法写入 {target}（{reason(exc)}）：请检查目标位置。") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def verify_all(store: Store, progress: Callable[[int, int], None] | None = None) -> tuple[list[tuple[str, str]], int]:
    """Re-hash every evidence file received; return (sha256, problem) for each missing or altered one, and
    how many files were checked."""
    blobs = OfficeRecords(store.database, store.audit).blobs()
    total = sum(size for _, size in blobs)
    done = 0
    problems: list[tuple[str, str]] = []
    for sha, size in blobs:
        path = store.home.blob_path(sha)
        if not path.is_file():
            problems.append((sha, "文件缺失"))
        elif hash_file(path)[0] != sha:
            problems.append((sha, "文件内容被改动（哈希不符）"))
        done += size
        if progress is not None:
            progress(done, total)
    return problems, len(blobs)
