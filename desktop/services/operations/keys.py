"""Operations on the key files of a home: the unit's signing key (create, rotate) and the office's public key
(import), and the office's own key pair. They write files under the home's keys/ folder, not the database."""

from __future__ import annotations

from pathlib import Path

from desktop.services import keys
from desktop.services.operations.base import Change, Outcome
from desktop.store import Store
from desktop.store.exports import ExportRepo
from desktop.store.home import Home


def create_unit_key(home: Home, unit_code: str, passphrase: str | None) -> Outcome[keys.UnitKeyInfo]:
    info = keys.create_unit_key(home, unit_code, passphrase)
    return Outcome(info, Change.UNIT, (info.key_id,))


def rotate_unit_key(store: Store, home: Home, unit_code: str, passphrase: str | None) -> Outcome[keys.UnitKeyInfo]:
    """A new signing key; the old pair stays beside it under its key id, for bundles it signed. The export log
    notes the rotation, so the next bundle restarts the chain with a full bundle."""
    info = keys.rotate_unit_key(home, unit_code, passphrase)
    ExportRepo(store.database, store.audit).note_key_rotated(info.key_id)
    return Outcome(info, Change.UNIT, (info.key_id,))


def import_office_key(home: Home, source: Path) -> Outcome[list[str]]:
    """Take the office's public key file (the value lists its recipients: the office's and any escrow)."""
    recipients = keys.import_office_key(home, source)
    return Outcome(recipients, Change.UNIT, tuple(recipients))


def create_office_key(home: Home, passphrase: str, escrow: list[str], office_name: str) -> Outcome[keys.OfficeKeyInfo]:
    info = keys.create_office_key(home, passphrase, escrow, office_name)
    return Outcome(info, Change.UNIT, (info.public_key,))
