"""The office's register of units: enrolling public keys, revoking, allowing a resync, and deciding which
key must have signed a bundle (the answer names unknown, revoked and forged senders apart)."""

from __future__ import annotations

from pathlib import Path

import minisign

from desktop.domain.errors import PlanProgressError, StateError
from desktop.services.bundle.format import BundleError, Outcome
from desktop.services.bundle.verify import KeyLookup, shown
from desktop.services.keys import answer_recipient_of, load_public_key, public_key_id, read_key_file
from desktop.store import Store, validate_unit_code
from desktop.store.answers import OfficeAnswers
from desktop.store.office import OfficeRepo, OfficeUnit, check_reason, enroll_hint


def enroll(store: Store, public_key_file: Path, unit_code: str) -> tuple[OfficeUnit, str, str]:
    """Register a unit's public key; returns the unit, what happened and the key id."""
    validate_unit_code(unit_code)
    _require_office(store)
    public = load_public_key(public_key_file, "单位签名公钥")
    key_id = public_key_id(public)
    unit, what = OfficeRepo(store.database, store.audit).enroll(unit_code, key_id, public.to_base64().decode("ascii"))
    recipient = answer_recipient_of(read_key_file(public_key_file, "单位签名公钥"))
    if recipient is not None:  # unit.pub made since answers exist: the office can answer the unit at once
        OfficeAnswers(store.database, store.audit).note_recipient(unit.code, recipient, "enroll")
    return unit, what, key_id


def revoke(store: Store, unit_code: str, reason: str) -> OfficeUnit:
    _require_office(store)
    return OfficeRepo(store.database, store.audit).revoke(unit_code, reason.strip())


def allow_resync(store: Store, unit_code: str, reason: str) -> OfficeUnit:
    _require_office(store)
    return OfficeRepo(store.database, store.audit).allow_resync(unit_code, check_reason(reason, "重新同步"))


def _valid_code(code: str) -> bool:
    """Only a real unit code goes into the command a clerk may copy (a forged bundle claims anything)."""
    try:
        validate_unit_code(code)
    except PlanProgressError:
        return False
    return True


def _require_office(store: Store) -> None:
    if store.kind != "office":
        raise StateError("这不是省局的数据目录：请用 --home 指向省局的数据目录（province init 建立）。")


def office_lookup(store: Store) -> KeyLookup:
    office = OfficeRepo(store.database, store.audit)

    def lookup(key_id: str, claimed: str | None) -> minisign.PublicKey:
        key = office.key(key_id)
        if key is None:
            unit = office.unit(claimed) if claimed else None
            if unit is None:
                raise BundleError(
                    Outcome.UNKNOWN_UNIT,
                    f"签名密钥 {key_id} 未在省局登记（数据包自称来自“{shown(claimed or '未知')}”）：如确属本省单位，"
                    f"{enroll_hint(claimed if claimed and _valid_code(claimed) else None)}，再导入。",
                )
            if unit.revoked:
                raise BundleError(
                    Outcome.REVOKED_UNIT, f"单位 {unit.code} 已于 {unit.revoked_at} 被吊销，不再接收其数据包。"
                )
            raise BundleError(
                Outcome.BAD_SIGNATURE,
                f"数据包自称来自 {unit.code}，但签名（SHA256SUMS.minisig）所用的密钥 {key_id} 不是该单位登记的密钥："
                "签名文件被改动过，或是伪造的数据包。",
            )
        owner = office.require_unit(key.unit)
        if owner.revoked:
            raise BundleError(
                Outcome.REVOKED_UNIT, f"单位 {owner.code} 已于 {owner.revoked_at} 被吊销，不再接收其数据包。"
            )
        if key.retired_at is not None:
            raise BundleError(
                Outcome.BAD_SIGNATURE, f"签名密钥 {key_id} 已于 {key.retired_at} 停用（单位已更换密钥），不予接收。"
            )
        if claimed is not None and claimed != owner.code:
            raise BundleError(
                Outcome.BAD_SIGNATURE, f"签名密钥 {key_id} 属于单位 {owner.code}，数据包却自称来自 {shown(claimed)}。"
            )
        return minisign.PublicKey.from_base64(key.public_key)

    return lookup
