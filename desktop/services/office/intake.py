"""The office's intake of bundles: copy to staging, verify signature and sums, enforce each unit's chain,
decrypt with the strict reader, and merge in one transaction. Every bundle gets exactly one outcome; a
rejected one changes no unit data and is quarantined with its reason.

pyrage holds the GIL while it decrypts: run this in its own process (the GUI runs the CLI), not in a GUI.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pyrage

from desktop.domain.errors import StateError
from desktop.services.bundle.format import (
    BUNDLE_NAME,
    GENESIS,
    BundleError,
    Outcome,
    damaged,
)
from desktop.services.bundle.reader import Payload
from desktop.services.bundle.verify import VerifiedBundle, shown, verify_bundle
from desktop.services.catalogs import list_catalogs
from desktop.services.office.dismiss import dismissed_on_medium
from desktop.services.office.intake_merge import merge_payload
from desktop.services.office.intake_result import IntakeResult
from desktop.services.office.payload import decrypt_payload
from desktop.services.office.registry import office_lookup
from desktop.services.office.staging import IntakeFolders, copy_in, folder_size, intake_lock
from desktop.services.office_keys import OfficeIdentities
from desktop.store import Store
from desktop.store.office import HeldBundle, OfficeRepo

__all__ = ["Intake", "IntakeResult", "Phase", "Progress"]

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Phase = Callable[[str], None]


class _HeldError(Exception):
    """Internal: the bundle is verified but waits for an earlier one."""

    def __init__(self, verified: VerifiedBundle) -> None:
        self.verified = verified


class Intake:
    def __init__(
        self,
        store: Store,
        identity: pyrage.x25519.Identity | OfficeIdentities,
        *,
        progress: Progress | None = None,
        phase: Phase | None = None,
    ) -> None:
        if store.kind != "office":
            raise StateError("这不是省局的数据目录：数据包只能导入省局的数据目录（province init 建立）。")
        self._store = store
        # the office's keys per suite: it accepts bundles of both while its units migrate
        self._keys = identity if isinstance(identity, OfficeIdentities) else OfficeIdentities(identity)
        self._office = OfficeRepo(store.database, store.audit)
        self._lookup = office_lookup(store)
        self._folders = IntakeFolders(store.home)
        self._progress = progress
        self._phase = phase
        self._total = 0
        self._done = 0

    def run(self, sources: list[Path]) -> list[IntakeResult]:
        self._folders.prepare()
        results: list[IntakeResult] = []
        with intake_lock(self._folders.lock_file):
            self._folders.clear_staging()
            for source in sources:
                result = self._dismissed(source) or self._one(source)
                results.append(result)
                if result.outcome is Outcome.ACCEPTED and result.unit:
                    results.extend(self._apply_held(result.unit))
        for r in results:
            log.log(logging.INFO if r.ok else logging.WARNING, "import %s from %s: unit %s, seq %s, %s%s", r.name,
                    r.source, r.unit, r.seq, r.outcome.value, "" if r.ok else f": {r.message}")  # fmt: skip
        return results

    def _dismissed(self, source: Path) -> IntakeResult | None:
        """A bundle the office set aside earlier (same name, same SHA256SUMS) is passed over, not refused again."""
        if not BUNDLE_NAME.match(source.name):
            return None
        found = dismissed_on_medium(self._store, source)
        if found is None:
            return None
        message = f"{source.name} 已于 {found.dismissed_at} 搁置（{found.reason}），未再导入。"
        return IntakeResult(str(source), source.name, found.unit, None, Outcome.DISMISSED, message)

    # -- one bundle ------------------------------------------------------------------------------------
    def _one(self, source: Path, *, held: HeldBundle | None = None) -> IntakeResult:
        """One bundle from a medium, or (`held`) one waiting in intake/held: its folder stays there until the
        outcome is known, so an interrupted import never loses a held bundle."""
        name = held.name if held else source.name
        label = held.path if held else str(source)
        stage = self._folders.new_stage()
        folder = source if held else stage / (name or "bundle")
        unit: str | None = None
        seq: int | None = None
        try:
            if held is None:
                if not BUNDLE_NAME.match(name):  # refused before anything is copied
                    raise damaged(f"“{shown(name)}”不是数据包文件夹的名称（应为 PB-单位代码-六位序号）。")
                self._announce("copy", folder_size(source))
                hashes, extra = copy_in(source, folder, self._bytes())
            else:
                hashes, extra = {}, []
            self._announce("verify", folder_size(folder) if held else 0)
            verified = verify_bundle(
                folder,
                self._lookup,
                name=name,
                hashes=hashes or None,
                extra=extra,
                on_bytes=self._bytes() if held else None,
            )
            unit, seq = verified.header.unit, verified.header.seq
            return self._accept(verified, label, stage / "content", held is not None)
        except _HeldError as wait:
            return self._hold(wait.verified, label)
        except BundleError as exc:
            return self._reject(folder, name, label, unit, seq, exc, held is not None)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            if held is not None:
                shutil.rmtree(folder, ignore_errors=True)  # applied, or already moved to quarantine
                self._office.unhold(held.unit, held.seq)

    def _accept(self, verified: VerifiedBundle, label: str, content: Path, from_held: bool) -> IntakeResult:
        header = verified.header
        issued = sorted({(str(c.content["id"]), str(c.content["version"])) for c in list_catalogs(self._store)})
        unknown = [c for c in header.catalogs if (c.id, c.version) not in issued]
        if unknown:
            raise BundleError(
                Outcome.UNKNOWN_CATALOG,
                f"数据包基于规划目录 {'、'.join(f'{c.id} {c.version}' for c in unknown)}，本省局没有发布过这个版本"
                f"（本局已有：{'、'.join(f'{cid} {version}' for cid, version in issued)}）。未导入任何内容。"
                "如该目录随新版 planprogress 附带，请安装新版本后再导入；如是省局发布的规划，请先用 province "
                "catalog add 发布该版本，或请该单位核对其回执是否来自本局。",
            )
        found = self._keys.for_suite(header.crypto)
        if found is None:
            raise BundleError(
                Outcome.WRONG_OFFICE_KEY,
                f"数据包使用{header.crypto.label}套件（{header.crypto.name}），本省局还没有该套件的密钥："
                "请核对单位导入的 office.pub 是否本局下发的；省局如要启用国密，请运行 province keys add --suite gm。",
            )
        identity, recipient = found
        if recipient not in header.recipients:
            raise BundleError(
                Outcome.WRONG_OFFICE_KEY,
                "数据包不是加密给本省局公钥的（单位导入的省局公钥不对）：请单位用 keys import 导入本局的 "
                "office.pub 后重新导出。",
            )
        unit = self._office.require_unit(header.unit)
        if self._office.accepted_hash(unit.code, header.bundle_hash) is not None:
            message = f"{verified.name} 已经导入过，本次未作改动。"
            self._office.log_intake(
                label, verified.name, unit.code, header.seq, Outcome.ALREADY_IMPORTED.value, message
            )
            return IntakeResult(
                label, verified.name, unit.code, header.seq, Outcome.ALREADY_IMPORTED, message, from_held=from_held
            )
        resync = unit.resync and header.kind == "full"
        # Nothing of this unit's chain arrived yet (e.g. its earlier bundles were signed with a key it has since
        # replaced): a full bundle carries everything, so it may start the chain whatever its number.
        start = header.kind == "full" and unit.last_seq == 0
        if not resync and not start:
            if header.seq <= unit.last_seq:
                raise BundleError(
                    Outcome.REPLAY, self._replay_message(unit.code, unit.epoch, header.seq, unit.last_seq)
                )
            if header.seq > unit.last_seq + 1:
                raise _HeldError(verified)
            if header.prev_hash != (unit.last_hash or GENESIS):
                raise BundleError(
                    Outcome.BROKEN_CHAIN,
                    f"{unit.code} 的第 {header.seq} 号数据包与已接收的第 {unit.last_seq} 号不衔接（链断裂）："
                    "请人工核查；如单位从备份恢复过，请执行 province resync 后让单位导出完整数据包。",
                )
        payload = self._decrypt(verified, identity, content)
        self._announce("merge", 0)
        epoch = unit.epoch + (1 if resync else 0)
        return merge_payload(
            self._store, verified, payload, epoch=epoch, resync=resync, label=label, from_held=from_held
        )

    def _replay_message(self, code: str, epoch: int, seq: int, last_seq: int) -> str:
        # A chain may start at a later full bundle (after a key change): an earlier number resent afterwards was
        # never received, and what it held came with that full bundle.
        started = min((b.seq for b in self._office.accepted(code) if b.epoch == epoch), default=None)
        if started is not None and seq < started:
            return (
                f"{code} 的第 {seq} 号数据包不再需要：省局已从第 {started} 号完整数据包接收了该单位到那时的全部数据"
                f"（第 {seq} 号此前没有送到）。本次未作改动；这个数据包不必再导入，可以从U盘上删去。"
            )
        return (
            f"{code} 的第 {seq} 号数据包已经接收过另一个版本（已接收到第 {last_seq} 号）："
            "这是重放的旧数据包或单位的数据被回滚过。如单位从备份恢复过，请执行 province resync "
            "后让单位导出完整数据包。"
        )

    def _decrypt(self, verified: VerifiedBundle, identity: object, target: Path) -> Payload:
        self._announce("decrypt", verified.header.payload_size)
        return decrypt_payload(verified, identity, target, self._bytes())

    # -- gaps, rejections ------------------------------------------------------------------------------
    def _hold(self, verified: VerifiedBundle, label: str) -> IntakeResult:
        header = verified.header
        unit = self._office.require_unit(header.unit)
        path = self._folders.to_held(verified.folder, verified.name, header.bundle_hash)
        self._office.hold(HeldBundle(unit.code, header.seq, header.bundle_hash, verified.name, path.name, ""))
        missing = ", ".join(str(s) for s in range(unit.last_seq + 1, header.seq))
        message = (
            f"{verified.name} 已校验并暂存：{unit.code} 还缺第 {missing} 号数据包（已接收到第 {unit.last_seq} 号），"
            "补齐后会自动导入。如那些数据包的U盘丢失，或是用单位已停用的密钥签名的，请单位重新写一份："
            f"planprogress export --resend {unit.last_seq + 1}（窗口：导出向导里的“重新写出以前的数据包”），"
            "会用单位现在的密钥签名。"
        )
        self._office.log_intake(label, verified.name, unit.code, header.seq, Outcome.GAP.value, message)
        return IntakeResult(label, verified.name, unit.code, header.seq, Outcome.GAP, message)

    def _reject(
        self,
        folder: Path,
        name: str,
        label: str,
        unit: str | None,
        seq: int | None,
        exc: BundleError,
        from_held: bool,
    ) -> IntakeResult:
        message = str(exc)
        kept = self._folders.to_quarantine(
            folder if folder.exists() else None, name or "bundle", exc.outcome.value, message
        )
        qid = self._office.quarantine(shown(name), unit, seq, exc.outcome.value, message, str(kept))
        self._office.log_intake(label, shown(name), unit, seq, exc.outcome.value, message, qid)
        return IntakeResult(
            label, shown(name), unit, seq, exc.outcome, message, exc.part, quarantine=str(kept), from_held=from_held
        )

    def _apply_held(self, code: str) -> list[IntakeResult]:
        results: list[IntakeResult] = []
        while True:
            unit = self._office.require_unit(code)
            ready = [h for h in self._office.held(code) if h.seq <= unit.last_seq + 1]
            if not ready:
                return results
            held = ready[0]
            folder = self._folders.held / held.path
            if not folder.is_dir():
                self._office.unhold(held.unit, held.seq)
                message = (
                    f"暂存的 {held.name} 已不在省局电脑上（{folder}）：请该单位用 export --resend {held.seq} 重新导出。"
                )
                self._office.log_intake(str(folder), held.name, code, held.seq, Outcome.DAMAGED.value, message)
                results.append(
                    IntakeResult(str(folder), held.name, code, held.seq, Outcome.DAMAGED, message, from_held=True)
                )
                continue
            result = self._one(folder, held=held)
            results.append(result)
            if result.outcome is not Outcome.ACCEPTED and held.seq == unit.last_seq + 1:
                return results

    # -- progress --------------------------------------------------------------------------------------
    def _announce(self, phase: str, total: int) -> None:
        self._total = total
        self._done = 0
        if self._phase is not None:
            self._phase(phase)
        if self._progress is not None:  # every phase starts with a line, even one without byte counts
            self._progress(0, total)

    def _bytes(self) -> Callable[[int], None] | None:
        if self._progress is None:
            return None
        progress = self._progress

        def advance(count: int) -> None:
            self._done += count
            progress(min(self._done, self._total), self._total)

        return advance
