"""The office's register of units: enrolling public keys, revoking, allowing a resync, and deciding which
key must have signed a bundle (the answer names unknown, revoked and forged senders apart)."""

from __future__ import annotations

import logging
from pathlib import Path

from desktop.domain.errors import InputError, PlanProgressError, StateError
from desktop.domain.unit_code import canonical_unit_code, normalize_unit_code, same_unit_code
from desktop.services.bundle.format import BundleError, Outcome
from desktop.services.bundle.verify import ClaimMismatch, KeyLookup, shown
from desktop.services.keys import is_office_pub, read_key_file, read_unit_pub, unit_code_in_pub
from desktop.services.suite import VerifyKey, stored_key, suite_of_key_id
from desktop.store import Store
from desktop.store.answers import OfficeAnswers
from desktop.store.office import OfficeRepo, OfficeUnit, check_reason, enroll_hint

log = logging.getLogger(__name__)


def enroll(store: Store, public_key_file: Path, unit_code: str) -> tuple[OfficeUnit, str, str]:
    """Register a unit's public key; returns the unit, what happened and the key id."""
    unit_code = canonical_unit_code(unit_code)
    require_office(store)
    data, public, recipient = read_unit_key_file(public_key_file)
    key_id = public.key_id
    repo = OfficeRepo(store.database, store.audit)
    _check_named_code(public_key_file, data, unit_code, repo, key_id)
    unit, what = repo.enroll(unit_code, key_id, public.stored)
    log.info("unit %s: key %s enrolled (%s) by %s, suite %s", unit_code, key_id, what, store.audit.actor,
             public.suite.short)  # fmt: skip
    if recipient is not None:  # unit.pub made since answers exist: the office can answer the unit at once
        OfficeAnswers(store.database, store.audit).note_recipient(unit.code, recipient, "enroll")
    return unit, what, key_id


def read_unit_key_file(path: Path) -> tuple[bytes, VerifyKey, str | None]:
    """A unit.pub to enroll (either suite): its bytes, signing key and answer recipient. The office's own
    office.pub is refused by name (the enroll form shows this as soon as the file is chosen)."""
    data = read_key_file(path, "单位签名公钥")
    if is_office_pub(data):
        raise InputError(
            f"{path.name} 是省局自己的公钥（office.pub，下发给各单位导入用），不是单位的签名公钥："
            "请登记单位用 planprogress keys export 导出的 unit.pub。"
        )
    public, recipient = read_unit_pub(path, "单位签名公钥")
    return data, public, recipient


def _check_named_code(path: Path, data: bytes, unit_code: str, repo: OfficeRepo, key_id: str) -> None:
    """Refuse a unit.pub whose own comment line names another unit (older files name none). A key already
    registered to another unit is left to the register, which says whose it is."""
    named = unit_code_in_pub(data)
    if named is None or same_unit_code(named, unit_code):
        return
    known = repo.key(key_id)
    if known is not None and not same_unit_code(known.unit, unit_code):
        return
    raise InputError(
        f"公钥文件 {path.name} 写明属于单位 {normalize_unit_code(named)}，与填写的单位代码 {unit_code} 不一致，"
        f"未登记：请核对单位代码，或请单位 {unit_code} 交来它自己导出的 unit.pub（planprogress keys export）。"
    )


def revoke(store: Store, unit_code: str, reason: str) -> OfficeUnit:
    require_office(store)
    unit = OfficeRepo(store.database, store.audit).revoke(unit_code, reason.strip())
    log.info("unit %s revoked by %s", unit_code, store.audit.actor)
    return unit


def allow_resync(store: Store, unit_code: str, reason: str) -> OfficeUnit:
    require_office(store)
    unit = OfficeRepo(store.database, store.audit).allow_resync(unit_code, check_reason(reason, "重新同步"))
    log.info("unit %s allowed to resync by %s", unit_code, store.audit.actor)
    return unit


def _valid_code(code: str) -> bool:
    """Only a real unit code goes into the command a clerk may copy (a forged bundle claims anything)."""
    try:
        canonical_unit_code(code)
    except PlanProgressError:
        return False
    return True


def require_office(store: Store) -> None:
    if store.kind != "office":
        raise StateError("这不是省局的数据目录：请用 --home 指向省局的数据目录（province init 建立）。")


DISMISS_HINT = (
    "这个数据包可以搁置（窗口：导入结果页的“搁置所选数据包”；"
    "命令行：planprogress province dismiss 数据包名称 --reason 原因），以后导入同一U盘时不再显示"
)


def _revoked_text(unit: OfficeUnit) -> str:
    return f"单位 {unit.code} 已于 {unit.revoked_at} 被吊销，不再接收其数据包。{DISMISS_HINT}。"


def office_lookup(store: Store) -> KeyLookup:
    office = OfficeRepo(store.database, store.audit)

    def lookup(key_id: str, claimed: str | None) -> VerifyKey:
        key = office.key(key_id)
        if key is None:
            unit = office.unit(claimed) if claimed else None
            if unit is None:
                code = normalize_unit_code(claimed) if claimed and _valid_code(claimed) else None
                raise BundleError(
                    Outcome.UNKNOWN_UNIT,
                    f"签名密钥 {key_id} 未在省局登记（数据包自称来自“{shown(claimed or '未知')}”）：如确属本省单位，"
                    f"{enroll_hint(code)}，再导入。",
                )
            if unit.revoked:
                raise BundleError(Outcome.REVOKED_UNIT, _revoked_text(unit))
            raise BundleError(
                Outcome.BAD_SIGNATURE,
                f"数据包自称来自 {unit.code}，但签名（{suite_of_key_id(key_id).sums_sig}）所用的密钥 {key_id} "
                "不是该单位登记的密钥：签名文件被改动过，或是伪造的数据包。",
            )
        owner = office.require_unit(key.unit)
        if owner.revoked:
            raise BundleError(Outcome.REVOKED_UNIT, _revoked_text(owner))
        if key.retired_at is not None:
            raise BundleError(
                Outcome.RETIRED_KEY,
                f"签名密钥 {key_id} 已于 {key.retired_at} 停用（单位已更换密钥），不予接收：请该单位用新密钥重新导出"
                f"（更换密钥后的第一次导出是完整数据包）。{DISMISS_HINT}。",
            )
        public = stored_key(key.public_key)
        if claimed is not None and not same_unit_code(claimed, owner.code):
            raise ClaimMismatch(public, owner.code, claimed)
        return public

    return lookup
