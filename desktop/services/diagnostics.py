"""A diagnostics file a clerk hands to the office: one zip with the home's logs, the program's versions, the
integrity checks' results and the export ledger (a unit) or intake records (the office), metadata only.

No unit data goes in (no measure texts, no evidence files or names) and no keys: support learns what happened
and whether the data is sound, not what the unit reported. The checks open their own connection, so this runs
in a worker thread of the window as well as in the CLI, and still writes what it can when the database is
damaged. The zip is written under a temporary name and renamed, so a full or pulled stick leaves nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import importlib.metadata
import json
import logging
import os
import platform
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import InputError, PlanProgressError, StateError
from desktop.domain.system_errors import reason
from desktop.logs import log_files
from desktop.services.office import evidence as office_evidence
from desktop.store import DatabaseFault, Home, Store
from desktop.store.exports import ExportRepo
from desktop.store.files import fsync_dir
from desktop.store.office import OfficeRepo

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
PACKAGES = ("pyside6-essentials", "sqlite-utils", "pyrage", "py-minisign", "pynacl", "cryptography", "msgspec",
            "reportlab", "openpyxl", "platformdirs")  # fmt: skip
INTAKE_LIMIT = 5000


@dataclass(frozen=True)
class DiagnosticsResult:
    path: Path
    bytes: int
    problems: tuple[str, ...]  # the checks that failed, in words, for the message after writing


def default_name(code: str, now: dt.datetime | None = None) -> str:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"planprogress-diagnostics-{code or 'home'}-{stamp}.zip"


def versions(qt_version: str | None = None) -> dict[str, Any]:
    """The program, Python, Qt and the operating system. Without `qt_version` (the CLI, which never loads Qt)
    the installed PySide6 package's version stands in: it carries the Qt release it was built with."""
    from desktop import __version__

    libc, libc_version = platform.libc_ver()
    return {
        "app": __version__,
        "python": sys.version,
        "python_executable": sys.executable,
        "frozen": bool(getattr(sys, "frozen", False)),
        "qt": qt_version or _package_version("pyside6-essentials"),
        "qt_source": "window" if qt_version else "installed PySide6 package",
        "os": platform.platform(),
        "machine": platform.machine(),
        "libc": f"{libc} {libc_version}".strip() or "unknown",
        "packages": {name: _package_version(name) for name in PACKAGES},
    }


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def collect(root: Path, actor: str, progress: Progress | None = None) -> dict[str, Any]:
    """What the home says about itself: kind, schema, the three checks, the export or intake records."""
    home = Home(root)
    found: dict[str, Any] = {"home": str(root), "disk_free_bytes": _free(root)}
    try:
        store = Store.open(root, actor)
    except (PlanProgressError, DatabaseFault) as exc:
        found["open_error"] = f"{type(exc).__name__}: {exc}"
        return found
    try:
        found.update(_describe(store, home))
        found["checks"] = _checks(store, progress)
        if store.kind == "office":
            found["intake"] = _intake(store)
        else:
            found["exports"] = _exports(store)
    except (PlanProgressError, DatabaseFault) as exc:  # a damaged page part-way: keep what was learnt
        found["collect_error"] = f"{type(exc).__name__}: {exc}"
    finally:
        store.close()
    return found


def _free(root: Path) -> int | None:
    try:
        return shutil.disk_usage(root).free
    except OSError:
        return None


def _describe(store: Store, home: Home) -> dict[str, Any]:
    unit = store.unit()
    return {
        "kind": store.kind,
        "unit_code": unit.code,
        "office_name": store.database.meta("office_name", "") if store.kind == "office" else None,
        "catalog": f"{unit.catalog_id}@{unit.catalog_version}",
        "schema_version": store.database.user_version(),
        "database_bytes": home.database.stat().st_size,
        "key_files": sorted(p.name for p in home.keys.iterdir()) if home.keys.is_dir() else [],
    }


def _checks(store: Store, progress: Progress | None) -> dict[str, Any]:
    checks: dict[str, Any] = {}
    integrity = store.database.integrity_check()
    checks["integrity_check"] = {"ok": not integrity, "findings": integrity[:100]}
    audit = store.audit.verify()
    checks["audit_verify"] = {
        "ok": not audit,
        "rows": store.audit.count(),
        "problems": [{"row": p.row_id, "problem": p.message} for p in audit[:100]],
    }
    if store.kind == "office":
        found, files = office_evidence.verify_all(store, progress)
        problems = [{"sha256": sha, "problem": problem} for sha, problem in found]
    else:
        files = sum(1 for _ in store.evidence.iter_blobs())
        # the problems' file names are the unit's data: only the hash and what is wrong go in
        problems = [{"sha256": p.sha256, "problem": p.message} for p in store.evidence.verify(progress)]
    checks["evidence_verify"] = {"ok": not problems, "files": files, "problems": problems[:100]}
    return checks


def _exports(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "seq": e.seq,
            "kind": e.kind,
            "created_at": e.created_at,
            "created_by": e.created_by,
            "records": e.records,
            "evidence": e.evidence,
            "bytes": e.payload_bytes,
            "held_periods": list(e.held_periods),
            "bundle_hash": e.bundle_hash,
            "destination": e.destination,
        }
        for e in ExportRepo(store.database, store.audit).find()
    ]


def _intake(store: Store) -> dict[str, Any]:
    office = OfficeRepo(store.database, store.audit)
    return {
        "units": [
            {
                "code": u.code,
                "enrolled_at": u.enrolled_at,
                "revoked_at": u.revoked_at,
                "epoch": u.epoch,
                "last_seq": u.last_seq,
                "last_at": u.last_at,
                "resync": u.resync,
            }
            for u in office.units()
        ],
        "intake": [
            {
                "at": e.at,
                "actor": e.actor,
                "source": e.source,
                "name": e.name,
                "unit": e.unit,
                "seq": e.seq,
                "outcome": e.outcome,
                "reason": e.reason,
            }
            for e in office.intake_log(limit=INTAKE_LIMIT)
        ],
        "held": [{"unit": h.unit, "seq": h.seq, "name": h.name, "held_at": h.held_at} for h in office.held()],
    }


def failed_checks(found: dict[str, Any]) -> tuple[str, ...]:
    """The findings in the clerk's words (also the summary file's lines)."""
    if "open_error" in found:
        return (f"数据库无法打开：{found['open_error']}",)
    checks = found.get("checks", {})
    words = {"integrity_check": "数据库完整性检查", "audit_verify": "审计记录校验", "evidence_verify": "佐证材料校验"}
    failed = tuple(f"{words[key]}未通过" for key in words if key in checks and not checks[key]["ok"])
    if "collect_error" in found:
        failed += (f"收集中途出错：{found['collect_error']}",)
    return failed


def _summary(found: dict[str, Any], info: dict[str, Any], now: dt.datetime) -> str:
    checks = found.get("checks", {})
    lines = [
        "planprogress 诊断信息",
        f"生成时间：{now.isoformat(timespec='seconds')}",
        f"程序版本：{info['app']}；Python {info['python'].split()[0]}；Qt {info['qt']}；{info['os']}；{info['libc']}",
        f"数据目录：{found['home']}（{found.get('kind', '未知')}，单位代码 {found.get('unit_code') or '无'}）",
    ]
    labels = (("integrity_check", "数据库完整性"), ("audit_verify", "审计记录"), ("evidence_verify", "佐证材料"))
    for key, label in labels:
        if key in checks:
            lines.append(f"{label}：{'完好' if checks[key]['ok'] else '发现问题，见 checks.json'}")
    lines += [f"问题：{p}" for p in failed_checks(found)]
    lines += [
        "",
        "内含：logs/（运行日志）、versions.json（版本）、checks.json（校验结果）、home.json（数据目录概况）、"
        "exports.json 或 intake.json（导出台账或省局接收记录，仅元数据）。",
        "不含：措施、进度等填报内容，佐证材料文件，任何密钥或口令。",
    ]
    return "\n".join(lines) + "\n"


def write_diagnostics(
    root: Path,
    out: Path,
    *,
    actor: str,
    qt_version: str | None = None,
    progress: Progress | None = None,
    phase: Callable[[str], None] | None = None,
    now: dt.datetime | None = None,
) -> DiagnosticsResult:
    """Write the diagnostics zip to `out` (a file, or a folder to put a dated file in) atomically. Progress
    comes in two phases: "check" (the evidence files re-hashed), then "write" (the logs packed)."""
    home = Home(root)
    if not home.exists():
        from desktop.store import missing_home_error

        raise missing_home_error(root)
    now = now or dt.datetime.now().astimezone()
    out = out.expanduser()
    if phase is not None:
        phase("check")
    found = collect(root, actor, progress)
    if out.is_dir():
        out = out / default_name(str(found.get("unit_code") or ""), now)
    if not out.parent.is_dir():
        raise InputError(f"目标文件夹 {out.parent} 不存在：请插好U盘，或先建立该文件夹。")
    info = versions(qt_version)
    checks = found.pop("checks", {})
    records = {key: found.pop(key) for key in ("exports", "intake") if key in found}
    parts: dict[str, str] = {
        "诊断信息.txt": _summary({**found, "checks": checks}, info, now),
        "versions.json": _json(info),
        "home.json": _json(found),
        "checks.json": _json(checks),
        **{f"{key}.json": _json(value) for key, value in records.items()},
    }
    tmp = out.with_name(f".{out.name}.part")
    files = list(reversed(log_files(home.logs)))  # oldest first
    total, done = sum(p.stat().st_size for p in files), 0
    if phase is not None:
        phase("write")
    try:
        with open(tmp, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, text in parts.items():
                    archive.writestr(name, text)
                for path in files:
                    archive.write(path, f"logs/{path.name}")
                    done += path.stat().st_size
                    if progress is not None:
                        progress(done, total)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, out)
        fsync_dir(out.parent)
        size = out.stat().st_size
    except OSError as exc:
        _remove(tmp)
        log.warning("diagnostics to %s failed: errno %s (%s)", out, exc.errno, exc.strerror)
        raise _write_error(out, exc) from None
    except BaseException:
        _remove(tmp)
        raise
    problems = failed_checks({**found, "checks": checks})
    log.info("diagnostics written to %s, %d bytes, failed checks: %d", out, size, len(problems))
    return DiagnosticsResult(out, size, problems)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, default=str) + "\n"


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # the stick is gone: so is the half-written file
        path.unlink(missing_ok=True)


def _write_error(out: Path, exc: OSError) -> StateError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return StateError(
            f"{out.parent} 空间不足，诊断信息没有写完（{reason(exc)}）：已清除写了一半的文件。"
            "请换一个U盘或清理出空间后重试。"
        )
    return StateError(
        f"写入 {out} 时出错（{reason(exc)}）：U盘可能已拔出或损坏。已清除写了一半的文件，请插好U盘后重试。"
    )
