"""Setting aside dead bundles: a bundle refused for good (its unit revoked, its key retired) stays on the unit's
stick and would be refused again on every import of that stick. Once dismissed, an import passes over it
(same name, same SHA256SUMS) and says so in one line instead of a rejection."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop.domain.errors import InputError, NotFoundError
from desktop.domain.unit_code import normalize_unit_code
from desktop.services.bundle.format import BUNDLE_NAME, MAX_SUMS, SUMS, Outcome
from desktop.services.office.registry import require_office
from desktop.services.suite import GM
from desktop.store import Store
from desktop.store.office import DismissedBundle, OfficeRepo


def sums_fingerprint(folder: Path) -> str | None:
    """SHA-256 of a bundle folder's SHA256SUMS or SM3SUMS (which names every other part), or None when it cannot
    be read."""
    name = GM.sums if (folder / GM.sums).is_file() else SUMS
    try:
        with open(folder / name, "rb") as handle:
            data = handle.read(MAX_SUMS + 1)
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest() if len(data) <= MAX_SUMS else None


def dismiss(store: Store, name: str, reason: str) -> DismissedBundle:
    """Dismiss the latest refusal of bundle `name`, if it was refused for good."""
    require_office(store)
    if not reason.strip():
        raise InputError("搁置数据包必须写明原因（--reason），以便日后查证。")
    office = OfficeRepo(store.database, store.audit)
    refusals = [q for q in office.quarantined() if q.name == name.strip()]
    if not refusals:
        raise NotFoundError(f"没有名为 {name.strip()} 的被拒收数据包：请按导入结果或 province log 中的名称填写。")
    last = refusals[-1]
    if not Outcome(last.outcome).dead:
        raise InputError(
            f"{last.name} 是因“{Outcome(last.outcome).label}”被拒收的，问题可以解决，不能搁置："
            "只有被吊销单位或已停用密钥签名的数据包才能搁置。"
        )
    fingerprint = sums_fingerprint(Path(last.path))
    if fingerprint is None:
        raise NotFoundError(f"隔离区中找不到 {last.name} 的 {SUMS}（{last.path}）：请重新导入该U盘后再搁置。")
    named = BUNDLE_NAME.match(last.name)
    unit = last.unit or (normalize_unit_code(named[1]) if named else None)
    return office.dismiss(last, unit, fingerprint, reason.strip())


def dismissed_on_medium(store: Store, folder: Path) -> DismissedBundle | None:
    """The dismissal that covers this bundle folder, if any (checked before anything is copied)."""
    fingerprint = sums_fingerprint(folder)
    if fingerprint is None:
        return None
    return OfficeRepo(store.database, store.audit).dismissed(folder.name, fingerprint)
