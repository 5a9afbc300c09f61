"""Export at the unit: write PB-<unit>-<seq>/ to removable media safely.

Order of work: check free space; write everything into a hidden `.PB-…partial` folder (parts split below
4 GiB, each fsynced); read it all back from the medium and verify it like the office will; only then log the
export (the seq advances) and rename the folder to its final name. An interruption before the log leaves a
hidden folder that is not a bundle (removed by the next export) and the seq unchanged; an interruption
between the log and the rename is finished by the next export.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyrage

from desktop.domain.errors import InputError, PlanProgressError, StateError
from desktop.domain.sizes import size_text
from desktop.domain.system_errors import reason
from desktop.services.bundle.contents import ExportPlan, build_plan, resend_plan
from desktop.services.bundle.format import BUNDLE_NAME, HEADER, PART_SIZE, bundle_name, signature_comment
from desktop.services.bundle.header import Header
from desktop.services.bundle.parts import PartWriter
from desktop.services.bundle.tarstream import ExportCancelledError, TarSource, tar_size
from desktop.services.bundle.verify import own_key_lookup, verify_bundle
from desktop.services.keys import office_targets, refresh_unit_pub, unit_signer
from desktop.services.sealing import seal
from desktop.services.suite import Signer, Suite, VerifyKey
from desktop.store import Store
from desktop.store.exports import ExportRecord, ExportRepo
from desktop.store.files import disk_free, fsync_dir, fsync_file

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Phase = Callable[[str], None]
FreeSpace = Callable[[Path], int]
AGE_CHUNK = 64 * 1024
MARGIN = 256 * 1024


def estimate_size(plaintext: int, recipients: int) -> int:
    """Bytes the bundle will take: age adds a header and 16 bytes per 64 KiB chunk; plus the small files (the
    国密 suite adds less: SM4-CTR keeps the size, and a wrapped key per recipient is ~120 bytes)."""
    chunks = plaintext // AGE_CHUNK + 1
    return plaintext + 16 * chunks + 200 * recipients + 512 + 16 * 1024


@dataclass(frozen=True)
class ExportResult:
    path: Path
    seq: int
    kind: str
    bundle_id: str
    bundle_hash: str
    upserts: int
    deletes: int
    audit: int
    evidence: int
    payload_bytes: int
    parts: tuple[str, ...]
    held_periods: tuple[str, ...]
    review_in_use: bool
    resend: bool
    completed: tuple[str, ...]  # bundles whose interrupted export this run finished


def _partial_name(unit: str, seq: int, bundle_id: str) -> str:
    return f".{bundle_name(unit, seq)}.{bundle_id}.partial"


def _tidy_leftovers(out: Path, unit: str, exports: ExportRepo, public_key: VerifyKey) -> list[str]:
    """Finish an export that was logged but not renamed; remove hidden leftovers of interrupted ones.

    A logged bundle id alone does not prove the folder is whole (a killed `--resend` leaves a half-written
    copy of a logged bundle), so a leftover is completed only when it verifies.
    """
    completed: list[str] = []
    logged = {e.bundle_id: e for e in exports.find()}
    for entry in out.glob(f".PB-{unit}-*.partial"):
        pieces = entry.name.split(".")
        record: ExportRecord | None = logged.get(pieces[2]) if len(pieces) == 4 else None
        final = out / bundle_name(unit, record.seq) if record else None
        if record is not None and final is not None and not final.exists() and _whole(entry, final, public_key):
            os.replace(entry, final)
            fsync_dir(out)
            completed.append(final.name)
        else:
            shutil.rmtree(entry, ignore_errors=True)
    return completed


def _whole(folder: Path, final: Path, public_key: VerifyKey) -> bool:
    try:
        verify_bundle(folder, own_key_lookup(public_key, "本单位的签名密钥"), name=final.name)
    except PlanProgressError:
        return False
    return True


def check_destination(out: Path) -> Path:
    """The folder a bundle may be written into: an existing one that is not itself a bundle (a bundle written
    inside another makes the outer one fail at the office as altered). Checked before any passphrase is asked."""
    out = out.expanduser()
    if not out.is_dir():
        raise InputError(f"目标文件夹 {out} 不存在：请插好U盘，或先建立该文件夹。")
    if BUNDLE_NAME.match(out.name) or (out / HEADER).exists():
        raise InputError(
            f"{out} 是一个数据包文件夹：请选择U盘或其中的普通文件夹（不要选已有的 PB-… 数据包）。"
            "未写入任何文件，导出序号未变。"
        )
    return out


def export_bundle(
    store: Store,
    out: Path,
    *,
    full: bool = False,
    resend: int | None = None,
    passphrase: str | None = None,
    part_size: int = PART_SIZE,
    progress: Progress | None = None,
    phase: Phase | None = None,
    cancelled: Callable[[], bool] | None = None,
    free_space: FreeSpace = disk_free,
) -> ExportResult:
    """Write the next bundle (or bundle `resend` again) into folder `out`; see the module docstring."""
    out = check_destination(out)
    unit = store.unit()
    suite, recipients, recipient_ids = office_targets(store.home)
    signer = unit_signer(store.home, passphrase)
    if signer.suite is not suite:
        raise StateError(
            f"本单位的签名密钥是{signer.suite.label}套件，而导入的省局公钥是{suite.label}套件：请重新导入省局下发的 "
            "office.pub（keys import），程序会换用对应套件的签名密钥。未写入任何文件，导出序号未变。"
        )
    answer_to = refresh_unit_pub(store.home, unit.code)
    public_key = signer.public
    exports = ExportRepo(store.database, store.audit)
    completed = _tidy_leftovers(out, unit.code, exports, public_key)
    _start(phase, progress, "prepare", 0)
    record: ExportRecord | None = None
    if resend is not None:
        plan, record = resend_plan(store, resend, signer)
    else:
        plan = build_plan(store, signer, full=full)
    final = out / bundle_name(plan.manifest.unit, plan.seq)  # a resend keeps the name the bundle was made with
    if final.exists():
        raise StateError(
            f"{out} 中已有 {final.name}：请换一个U盘或文件夹，或先把原来的数据包移走（不要删除未交省局的数据包）。"
        )
    plaintext = tar_size(plan.entries)
    needed = estimate_size(plaintext, len(recipients))
    free = free_space(out)
    if free < needed + MARGIN:
        raise StateError(
            f"{out} 剩余空间不足：数据包约需 {size_text(needed)}，只剩 {size_text(free)}。"
            "请换一个更大的U盘，或清理出空间后重试；未写入任何文件，导出序号未变。"
        )
    work = out / _partial_name(plan.manifest.unit, plan.seq, plan.bundle_id)
    shutil.rmtree(work, ignore_errors=True)
    try:
        work.mkdir()
        targets = (suite, recipients, recipient_ids)
        header = _write(plan, work, signer, targets, answer_to, plaintext, part_size, progress, phase, cancelled)
        _start(phase, progress, "verify", header.payload_size)
        verified = verify_bundle(
            work,
            own_key_lookup(public_key, "本单位的签名密钥"),
            name=final.name,
            on_bytes=_counter(progress, header.payload_size),
        )
        if verified.header != header:
            raise StateError("写入U盘后读回的数据包与写入的不一致：U盘可能有故障，请换一个U盘重试。")
        if cancelled is not None and cancelled():
            raise _cancelled()
        if record is None:
            _log(store, plan, header, str(out))
        else:
            exports.note_resend(record, str(out))
    except PlanProgressError:
        shutil.rmtree(work, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        log.warning("export of seq %d to %s failed: errno %s (%s) at %s", plan.seq, out, exc.errno, exc.strerror,
                    exc.filename)  # fmt: skip
        raise _write_error(out, exc) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    try:
        os.replace(work, final)
        fsync_dir(out)
    except OSError as exc:
        log.warning("export %s written but not renamed: errno %s (%s)", final, exc.errno, exc.strerror)
        raise StateError(
            f"数据包第 {plan.seq} 号已生成并记录，但未能改为正式名称（{reason(exc)}）：请重新插好U盘后"
            f"再次运行 export，程序会自动补完；或用 export --resend {plan.seq} 重新写一份。"
        ) from None
    resent = " (resend)" if plan.resend else ""
    log.info("exported %s%s: seq %d, %s, %d bytes in %d parts, to %s, by %s", final.name, resent, plan.seq, plan.kind,
             header.payload_size, len(header.parts), out, store.audit.actor)  # fmt: skip
    return ExportResult(
        path=final,
        seq=plan.seq,
        kind=plan.kind,
        bundle_id=plan.bundle_id,
        bundle_hash=plan.bundle_hash,
        upserts=plan.manifest.counts.get("upserts", 0),
        deletes=plan.manifest.counts.get("deletes", 0),
        audit=plan.manifest.counts.get("audit", 0),
        evidence=plan.manifest.counts.get("evidence", 0),
        payload_bytes=header.payload_size,
        parts=tuple(p.name for p in header.parts),
        held_periods=plan.manifest.held_periods,
        review_in_use=plan.manifest.review_in_use,
        resend=plan.resend,
        completed=tuple(completed),
    )


def _write(
    plan: ExportPlan,
    work: Path,
    signer: Signer,
    targets: tuple[Suite, list[object], list[str]],
    answer_to: str,
    plaintext: int,
    part_size: int,
    progress: Progress | None,
    phase: Phase | None,
    cancelled: Callable[[], bool] | None,
) -> Header:
    suite, recipients, recipient_ids = targets
    _start(phase, progress, "encrypt", plaintext)
    source = TarSource(plan.entries, _mtime(plan.created_at), _counter(progress, plaintext), cancelled)
    sink = PartWriter(work, part_size, cancelled=cancelled, base=suite.payload, hasher=suite.hasher)
    try:
        sealed = seal(suite, source, sink, recipients)
    except BaseException as exc:
        sink.abort()
        original = source.error or sink.error
        if original is not None and original is not exc:
            raise original from None
        if isinstance(exc, pyrage.EncryptError):
            raise StateError(f"加密数据包时出错（{exc}）：请重试；如反复出现，请联系管理员。") from None
        raise
    parts = sink.close()
    for name, wrapped in sealed.key_files:
        write_small(work / name, wrapped)
    if source.produced != plaintext:
        raise StateError("生成的数据包内容长度与预计不符：请重试。")
    header = Header(
        unit=plan.manifest.unit,
        seq=plan.seq,
        bundle_id=plan.bundle_id,
        bundle_hash=plan.bundle_hash,
        prev_hash=plan.prev_hash,
        kind=plan.kind,
        catalogs=plan.manifest.catalogs,  # a resent version 1 manifest names its one catalog: the same here
        created_at=plan.created_at,
        written_at=_now(),
        signing_key_id=signer.public.key_id,
        recipients=tuple(recipient_ids),
        parts=tuple(parts),
        plaintext_size=plaintext,
        suite=suite.name,
        resend=plan.resend,
        answer_recipient=answer_to,
        iv=sealed.iv,
    )
    header_bytes = header.to_json()
    write_small(work / HEADER, header_bytes)
    listed = [(HEADER, suite.digest(header_bytes))] + [(n, suite.digest(w)) for n, w in sealed.key_files]
    sums = suite.format_sums(listed + [(p.name, p.sha256) for p in parts])
    write_small(work / suite.sums, sums)
    comment = signature_comment("bundle", plan.manifest.unit, plan.seq, plan.bundle_id)
    write_small(work / suite.sums_sig, signer.sign(sums, comment, "planprogress unit signature"))
    fsync_dir(work)
    return header


def write_small(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    fsync_file(path)


def _log(store: Store, plan: ExportPlan, header: Header, destination: str) -> None:
    exports = ExportRepo(store.database, store.audit)
    record = ExportRecord(
        seq=plan.seq,
        bundle_id=plan.bundle_id,
        kind=plan.kind,
        bundle_hash=plan.bundle_hash,
        prev_hash=plan.prev_hash,
        audit_to=plan.manifest.audit_to,
        records=len(plan.sent) + len(plan.tombstones),
        evidence=len(plan.blobs),
        payload_bytes=header.payload_size,
        held_periods=plan.manifest.held_periods,
        created_at=plan.created_at,
        created_by=store.audit.actor,
        destination=destination,
    )
    exports.record(record, plan.plaintext_entries, plan.sent, plan.tombstones, plan.blobs)


def _start(phase: Phase | None, progress: Progress | None, name: str, total: int) -> None:
    """Announce a phase; its first progress line (0 of total) follows at once, for a caller that shows it."""
    if phase is not None:
        phase(name)
    if progress is not None:
        progress(0, total)


def _counter(progress: Progress | None, total: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        progress(min(done, total), total)

    return advance


def _mtime(created_at: str) -> int:
    try:
        return int(dt.datetime.fromisoformat(created_at.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return 0


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cancelled() -> PlanProgressError:
    return ExportCancelledError("已取消导出：没有生成数据包，导出序号未变。")


def _write_error(out: Path, exc: OSError) -> StateError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return StateError(
            f"{out} 空间不足或单个文件过大，写入中断（{reason(exc)}）：已清除写了一半的文件，导出序号未变。"
            "请换一个更大的U盘后重试。"
        )
    return StateError(
        f"写入 {out} 时出错（{reason(exc)}）：U盘可能已拔出或损坏。已清除写了一半的文件，导出序号未变，请重试。"
    )
