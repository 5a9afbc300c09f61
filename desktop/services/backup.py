"""Backup and restore of a whole home: database snapshot, evidence files and keys in one tar file."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import InputError, IntegrityError, PlanProgressError, StateError, StoreError
from desktop.domain.system_errors import reason
from desktop.store import DatabaseFault, Home, Store
from desktop.store.exports import ExportRepo
from desktop.store.files import fsync_dir, hash_file

log = logging.getLogger(__name__)

FORMAT = "planprogress-backup/1"
MANIFEST = "planprogress-backup.json"
_SAFE_NAME = re.compile(r"^(planprogress\.sqlite|evidence/[0-9a-f]{2}/[0-9a-f]{64}|keys/[A-Za-z0-9._-]+)$")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    return hash_file(path)[0]


def create_backup(store: Store, out: Path, progress: Progress | None = None) -> BackupResult:
    """Write `out` atomically (temporary name, fsync, rename). The live database is copied consistently."""
    out = out.expanduser()
    if out.is_dir():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = out / f"planprogress-backup-{store.unit().code or 'home'}-{stamp}.tar"
    if not out.parent.is_dir():
        raise InputError(f"备份目标文件夹 {out.parent} 不存在：请先建立该文件夹或换一个位置。")
    home = store.home
    with tempfile.TemporaryDirectory(prefix="pp-backup-") as scratch:
        snapshot = Path(scratch) / "planprogress.sqlite"
        store.database.snapshot(snapshot)
        files: list[tuple[str, Path]] = [("planprogress.sqlite", snapshot)]
        for sha, _size in store.evidence.iter_blobs():
            blob = home.blob_path(sha)
            if blob.is_file():
                files.append((f"evidence/{sha[:2]}/{sha}", blob))
        if home.keys.is_dir():
            files += [(f"keys/{p.name}", p) for p in sorted(home.keys.iterdir()) if p.is_file()]
        entries = [{"name": name, "size": path.stat().st_size, "sha256": _sha256(path)} for name, path in files]
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "unit": store.unit().code,
            "kind": store.kind,
            "files": entries,
        }
        total = sum(int(str(e["size"])) for e in entries)
        tmp = out.with_name(out.name + ".part")
        done = 0
        try:
            with open(tmp, "wb") as raw, tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(dt.datetime.now().timestamp())
                tar.addfile(info, io.BytesIO(data))
                for name, path in files:
                    info = tarfile.TarInfo(name)
                    info.size = path.stat().st_size
                    info.mtime = int(path.stat().st_mtime)
                    with open(path, "rb") as handle:
                        tar.addfile(info, handle)
                    done += info.size
                    if progress:
                        progress(done, total)
                tar.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, out)
            fsync_dir(out.parent)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.warning("backup to %s failed: errno %s (%s)", out, exc.errno, exc.strerror)
            raise StateError(
                f"写入备份失败（{reason(exc)}）：请检查目标磁盘的剩余空间后重试，原数据未受影响。"
            ) from exc
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    log.info("backup written to %s: %d files, %d bytes, by %s", out, len(files), total, store.audit.actor)
    return BackupResult(out, len(files), total)


def restore_backup(backup: Path, root: Path, *, replace: bool = False) -> Path | None:
    """Restore into `root`. An existing home is kept aside (returned), never overwritten silently."""
    if not backup.is_file():
        raise InputError(f"找不到备份文件 {backup}。")
    if Home(root).exists() and not replace:
        raise StateError(
            f"数据目录 {root} 里已有数据：如确定要用备份替换它，请加 --replace（原数据会被移到旁边保留）。"
        )
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root.parent))  # same disk: the rename is atomic
    except OSError as exc:
        raise StoreError(f"无法在 {root.parent} 中恢复（{reason(exc)}）：请检查路径和权限。") from exc
    kept: Path | None = None
    try:
        _extract_checked(backup, staging)
        Store.open(staging, "restore").close()  # proves the database opens (and migrates if older)
        if root.exists():
            kept = _aside_name(root)
            os.replace(root, kept)
        os.replace(staging, root)
        fsync_dir(root.parent)
        log.info("restored %s from backup %s; the previous home kept as %s", root, backup, kept)
        return kept
    except IntegrityError as exc:
        log.warning("restore of %s from %s refused: %s", root, backup, exc)
        raise
    except OSError as exc:
        if kept is not None and not root.exists():
            os.replace(kept, root)  # put the old home back where it was
        log.warning("restore of %s from %s failed: errno %s (%s)", root, backup, exc.errno, exc.strerror)
        raise StoreError(
            f"恢复失败（{reason(exc)}）：请检查磁盘空间和权限后重试，原数据目录 {root} 未作改动。"
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _aside_name(root: Path) -> Path:
    """A free sibling name for the home being replaced (two restores in one second must not collide)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = root.with_name(f"{root.name}.before-restore-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = root.with_name(f"{root.name}.before-restore-{stamp}-{n}")
    return candidate


def _extract_checked(backup: Path, target: Path) -> None:
    damaged = f"备份文件 {backup.name} 已损坏或不完整"
    try:
        with tarfile.open(backup, mode="r:") as tar:
            members = tar.getmembers()
            if not members or members[0].name != MANIFEST or not members[0].isfile():
                raise IntegrityError(f"{damaged}（缺少清单）：请换一份备份。")
            handle = tar.extractfile(members[0])
            assert handle is not None
            manifest = json.loads(handle.read(1024 * 1024))
            if manifest.get("format") != FORMAT:
                raise IntegrityError(f"{backup.name} 不是 planprogress 的备份文件，或其清单已损坏：请换一份备份。")
            expected = {e["name"]: e for e in manifest["files"]}
            seen: set[str] = set()
            for member in members[1:]:
                if not member.isfile() or not _SAFE_NAME.match(member.name) or member.name not in expected:
                    raise IntegrityError(f"{damaged}（含有不应有的条目 {member.name!r}）：请换一份备份。")
                entry = expected[member.name]
                if member.size != entry["size"]:
                    raise IntegrityError(f"{damaged}（{member.name} 大小不符）：请换一份备份。")
                dest = target / member.name
                dest.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                assert source is not None
                with open(dest, "wb") as out:
                    while chunk := source.read(1024 * 1024):
                        digest.update(chunk)
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                if digest.hexdigest() != entry["sha256"]:
                    raise IntegrityError(f"{damaged}（{member.name} 内容与清单不符）：请换一份备份。")
                seen.add(member.name)
            if seen != set(expected):
                raise IntegrityError(f"{damaged}（缺少 {len(set(expected) - seen)} 个文件）：请换一份备份。")
    except (tarfile.TarError, EOFError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise IntegrityError(f"{damaged}（{exc}）：请换一份备份。") from exc


# --- after a restore: is the bundle chain behind what the office already has? ------------------------------------
@dataclass(frozen=True)
class ExportState:
    unit_code: str
    last_seq: int  # the last bundle this home made; 0 before the first export


def export_state(root: Path) -> ExportState | None:
    """The unit and its last bundle; None when `root` holds no readable unit home (empty, damaged, the office)."""
    if not Home(root).exists():
        return None
    try:
        with Store.open(root, "restore") as store:
            if store.kind != "unit":
                return None
            last = ExportRepo(store.database, store.audit).last()
            return ExportState(store.unit().code, last.seq if last else 0)
    except (PlanProgressError, DatabaseFault):
        return None


def resync_advice(before: ExportState | None, after: ExportState | None) -> str | None:
    """What to do when the restored data may be older than the last bundle the office has: the office would refuse
    the next bundles as replays until it allows a resync and gets a full bundle. None when nothing is needed."""
    if after is None:
        return None
    steps = (
        f"请这样做：① 请省局执行 planprogress province resync {after.unit_code} --reason 单位从备份恢复"
        "（省局程序：管理 → 允许单位重新同步…）；② 省局允许后，本单位导出一个完整数据包"
        "（planprogress export --full，或在导出向导里选“完整数据包”）交省局导入；之后照常导出。"
    )
    if before is not None and before.unit_code == after.unit_code:
        if before.last_seq <= after.last_seq:
            return None
        return (
            f"注意：恢复的数据比上次导出的旧：恢复前本机已导出到第 {before.last_seq} 号数据包，"
            + (f"恢复后的数据只记到第 {after.last_seq} 号" if after.last_seq else "恢复后的数据里没有导出记录")
            + f"。省局之后会把本单位的新数据包当作重放拒收。{steps}"
        )
    return (
        "注意：无法确认恢复前本机导出到第几号数据包（"
        + (f"这份备份里最后一个是第 {after.last_seq} 号" if after.last_seq else "这份备份里没有导出记录")
        + "）。如果备份之后本单位还导出过"
        f"数据包，省局会把之后的新数据包当作重放拒收。{steps}如果备份之后没有导出过，照常导出即可。"
    )
