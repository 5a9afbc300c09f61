"""The provincial office's side: enrolled units and their keys, each unit's accepted chain, held bundles,
the intake log and quarantine records. Merged unit records live in desktop.store.office_records."""

from __future__ import annotations

from typing import Any

import msgspec

from desktop.domain.errors import InputError, NotFoundError, StateError
from desktop.domain.unit_code import normalize_unit_code
from desktop.store.audit import AuditLog
from desktop.store.db import Database


class OfficeUnit(msgspec.Struct, frozen=True):
    code: str
    name: str
    enrolled_at: str
    revoked_at: str | None
    revoked_reason: str
    epoch: int
    last_seq: int
    last_hash: str
    last_at: str | None
    resync: bool
    review_in_use: bool
    catalog_id: str
    catalog_version: str

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class UnitKey(msgspec.Struct, frozen=True):
    key_id: str
    unit: str
    public_key: str
    enrolled_at: str
    retired_at: str | None


class HeldBundle(msgspec.Struct, frozen=True):
    unit: str
    seq: int
    bundle_hash: str
    name: str
    path: str
    held_at: str


class AcceptedBundle(msgspec.Struct, frozen=True):
    unit: str
    epoch: int
    seq: int
    bundle_id: str
    bundle_hash: str
    prev_hash: str
    kind: str
    accepted_at: str
    records: int
    evidence: int
    payload_bytes: int
    resync: bool


class DismissedBundle(msgspec.Struct, frozen=True):
    name: str
    sums_sha256: str
    unit: str | None
    outcome: str
    reason: str
    dismissed_at: str
    dismissed_by: str


class MergedUnit(msgspec.Struct, frozen=True):
    code: str
    merged_into: str
    merged_at: str
    enrolled_at: str
    revoked_at: str | None
    revoked_reason: str
    last_seq: int
    bundles: int
    key_ids: str


class IntakeEntry(msgspec.Struct, frozen=True):
    id: int
    at: str
    actor: str
    source: str
    name: str
    unit: str | None
    seq: int | None
    outcome: str
    reason: str
    quarantine: int | None


class QuarantineEntry(msgspec.Struct, frozen=True):
    id: int
    at: str
    name: str
    unit: str | None
    seq: int | None
    outcome: str
    reason: str
    path: str


def _unit(row: dict[str, Any]) -> OfficeUnit:
    return OfficeUnit(**{**row, "resync": bool(row["resync"]), "review_in_use": bool(row["review_in_use"])})


def enroll_hint(code: str | None = None) -> str:
    """How to enroll a unit's key, from the window and from the command line (messages reach both)."""
    return (
        "请先登记该单位的公钥（窗口：“单位与密钥”页的“登记单位公钥”；"
        f"命令行：planprogress province enroll 公钥文件 --unit-code {code or '单位代码'}）"
    )


class OfficeRepo:
    """Units are kept under their canonical code; every lookup by code compares without case (a bundle made
    before codes were canonical names its unit as it was typed)."""

    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    # -- units and keys ---------------------------------------------------------------------------------
    def units(self) -> list[OfficeUnit]:
        return [_unit(r) for r in self._db.query("SELECT * FROM office_unit ORDER BY code")]

    def unit(self, code: str) -> OfficeUnit | None:
        code = normalize_unit_code(code)
        row = self._db.one("SELECT * FROM office_unit WHERE code = ?", (code,))
        return _unit(row) if row else None

    def require_unit(self, code: str) -> OfficeUnit:
        unit = self.unit(code)
        if unit is None:
            raise NotFoundError(f"单位 {code} 尚未登记：{enroll_hint(code)}。")
        return unit

    def key(self, key_id: str) -> UnitKey | None:
        row = self._db.one("SELECT * FROM office_unit_key WHERE key_id = ?", (key_id,))
        return UnitKey(**row) if row else None

    def keys_of(self, code: str) -> list[UnitKey]:
        code = normalize_unit_code(code)
        return [
            UnitKey(**r)
            for r in self._db.query("SELECT * FROM office_unit_key WHERE unit = ? ORDER BY enrolled_at", (code,))
        ]

    def enroll(self, code: str, key_id: str, public_key: str) -> tuple[OfficeUnit, str]:
        """Enroll a unit's key. Returns the unit and what happened: new, rotated, re-enrolled or unchanged."""
        code = normalize_unit_code(code)
        with self._db.transaction() as conn:
            now = self._db.now()
            existing = self.key(key_id)
            if existing is not None and existing.unit != code:
                raise StateError(
                    f"这把公钥（{key_id}）已登记给单位 {existing.unit}：一个公钥只能属于一个单位，请核对公钥文件。"
                )
            unit = self.unit(code)
            if unit is None:
                conn.execute("INSERT INTO office_unit (code, enrolled_at) VALUES (?, ?)", (code, now))
                what = "new"
            elif unit.revoked:
                if existing is not None:
                    raise StateError(
                        f"单位 {code} 已被吊销，不能用原来的公钥重新登记：请该单位重新生成签名密钥"
                        "（planprogress keys rotate）后再登记新公钥。"
                    )
                conn.execute("UPDATE office_unit SET revoked_at = NULL, revoked_reason = '' WHERE code = ?", (code,))
                what = "re-enrolled"
            elif existing is not None and existing.retired_at is None:
                return unit, "unchanged"
            elif existing is not None:  # a retired key never comes back: bundles signed with it stay refused
                raise StateError(
                    f"这把公钥（编号 {key_id}）已于 {existing.retired_at} 停用（单位更换过密钥），不能再次登记："
                    "请核对是否为单位最新导出的 unit.pub（单位运行 planprogress keys export 可重新导出）。"
                )
            else:
                what = "rotated"
            conn.execute("UPDATE office_unit_key SET retired_at = ? WHERE unit = ? AND retired_at IS NULL", (now, code))
            conn.execute(
                "INSERT INTO office_unit_key (key_id, unit, public_key, enrolled_at) VALUES (?, ?, ?, ?)",
                (key_id, code, public_key, now),
            )
            self._audit.append("event", "office_unit", code, after={"action": "enroll", "key_id": key_id, "what": what})
            enrolled = self.unit(code)
            assert enrolled is not None
        return enrolled, what

    def revoke(self, code: str, reason: str) -> OfficeUnit:
        code = normalize_unit_code(code)
        with self._db.transaction() as conn:
            unit = self.require_unit(code)
            if unit.revoked:
                raise StateError(f"单位 {code} 已于 {unit.revoked_at} 吊销。")
            now = self._db.now()
            conn.execute(
                "UPDATE office_unit SET revoked_at = ?, revoked_reason = ? WHERE code = ?", (now, reason, code)
            )
            conn.execute("UPDATE office_unit_key SET retired_at = ? WHERE unit = ? AND retired_at IS NULL", (now, code))
            self._audit.append("event", "office_unit", code, after={"action": "revoke", "reason": reason})
            revoked = self.unit(code)
            assert revoked is not None
        return revoked

    def allow_resync(self, code: str, reason: str) -> OfficeUnit:
        """Let the next full bundle from `code` restart its chain (after a restore rolled the unit back)."""
        code = normalize_unit_code(code)
        with self._db.transaction() as conn:
            unit = self.require_unit(code)
            if unit.revoked:
                raise StateError(f"单位 {code} 已被吊销，不能重新同步：如需恢复，请重新登记该单位的新公钥。")
            conn.execute("UPDATE office_unit SET resync = 1 WHERE code = ?", (code,))
            self._audit.append(
                "event", "office_unit", code, after={"action": "resync", "reason": reason, "last_seq": unit.last_seq}
            )
            self.log_intake("resync", f"province resync {code}", code, None, "resync_allowed", reason)
            allowed = self.unit(code)
            assert allowed is not None
        return allowed

    # -- the chain --------------------------------------------------------------------------------------
    def accepted(self, code: str) -> list[AcceptedBundle]:
        code = normalize_unit_code(code)
        rows = self._db.query("SELECT * FROM office_bundle WHERE unit = ? ORDER BY epoch, seq", (code,))
        return [AcceptedBundle(**{**r, "resync": bool(r["resync"])}) for r in rows]

    def accepted_hash(self, code: str, bundle_hash: str) -> AcceptedBundle | None:
        code = normalize_unit_code(code)
        row = self._db.one(
            "SELECT * FROM office_bundle WHERE unit = ? AND bundle_hash = ? ORDER BY epoch DESC LIMIT 1",
            (code, bundle_hash),
        )
        return AcceptedBundle(**{**row, "resync": bool(row["resync"])}) if row else None

    # -- held bundles (gaps) ----------------------------------------------------------------------------
    def held(self, code: str | None = None) -> list[HeldBundle]:
        if code is None:
            return [HeldBundle(**r) for r in self._db.query("SELECT * FROM office_held ORDER BY unit, seq")]
        code = normalize_unit_code(code)
        return [
            HeldBundle(**r) for r in self._db.query("SELECT * FROM office_held WHERE unit = ? ORDER BY seq", (code,))
        ]

    def hold(self, held: HeldBundle) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO office_held (unit, seq, bundle_hash, name, path, held_at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (unit, seq) DO UPDATE SET bundle_hash = excluded.bundle_hash, name = excluded.name, "
                "path = excluded.path, held_at = excluded.held_at",
                (held.unit, held.seq, held.bundle_hash, held.name, held.path, held.held_at or self._db.now()),
            )

    def unhold(self, code: str, seq: int) -> None:
        code = normalize_unit_code(code)
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM office_held WHERE unit = ? AND seq = ?", (code, seq))

    # -- intake log and quarantine ----------------------------------------------------------------------
    def log_intake(
        self,
        source: str,
        name: str,
        unit: str | None,
        seq: int | None,
        outcome: str,
        reason: str,
        quarantine: int | None = None,
    ) -> int:
        with self._db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO office_intake (at, actor, source, name, unit, seq, outcome, reason, quarantine) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (self._db.now(), self._audit.actor, source, name, unit, seq, outcome, reason, quarantine),
            )
            return int(cur.lastrowid or 0)

    def intake_log(self, code: str | None = None, limit: int = 200) -> list[IntakeEntry]:
        if code is None:
            rows = self._db.query("SELECT * FROM office_intake ORDER BY id DESC LIMIT ?", (limit,))
        else:
            code = normalize_unit_code(code)
            rows = self._db.query("SELECT * FROM office_intake WHERE unit = ? ORDER BY id DESC LIMIT ?", (code, limit))
        return [IntakeEntry(**r) for r in reversed(rows)]

    def quarantine(self, name: str, unit: str | None, seq: int | None, outcome: str, reason: str, path: str) -> int:
        with self._db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO office_quarantine (at, name, unit, seq, outcome, reason, path) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self._db.now(), name, unit, seq, outcome, reason, path),
            )
            return int(cur.lastrowid or 0)

    def quarantined(self) -> list[QuarantineEntry]:
        return [QuarantineEntry(**r) for r in self._db.query("SELECT * FROM office_quarantine ORDER BY id")]

    # -- dismissed bundles and merged codes ---------------------------------------------------------------
    def dismiss(self, entry: QuarantineEntry, unit: str | None, sums_sha256: str, reason: str) -> DismissedBundle:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO office_dismissed (name, sums_sha256, unit, outcome, reason, dismissed_at, dismissed_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name, sums_sha256) DO NOTHING",
                (entry.name, sums_sha256, unit, entry.outcome, reason, self._db.now(), self._audit.actor),
            )
            self._audit.append(
                "event",
                "office_bundle",
                entry.name,
                after={"action": "dismiss", "unit": unit, "outcome": entry.outcome, "reason": reason},
            )
        found = self.dismissed(entry.name, sums_sha256)
        assert found is not None
        return found

    def dismissed(self, name: str, sums_sha256: str) -> DismissedBundle | None:
        row = self._db.one("SELECT * FROM office_dismissed WHERE name = ? AND sums_sha256 = ?", (name, sums_sha256))
        return DismissedBundle(**row) if row else None

    def merged_units(self) -> list[MergedUnit]:
        """Unit rows folded into another when unit codes became canonical (codes that differed only in case)."""
        return [MergedUnit(**r) for r in self._db.query("SELECT * FROM office_unit_merged ORDER BY code")]


def check_reason(reason: str, what: str) -> str:
    if not reason.strip():
        raise InputError(f"{what}必须写明原因（--reason），以便日后查证。")
    return reason.strip()
