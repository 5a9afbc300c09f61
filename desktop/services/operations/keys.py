"""Operations on the key files of a home: the unit's signing key (create, rotate) and the office's public key
(import), and the office's own key pair. They write files under the home's keys/ folder, not the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.services import gm_keys, keys, office_keys
from desktop.services.operations.base import Change, Outcome
from desktop.services.suite import AGE, Suite
from desktop.store import Store
from desktop.store.exports import ExportRepo
from desktop.store.home import Home


def create_unit_key(
    home: Home, unit_code: str, passphrase: str | None, suite: Suite = AGE
) -> Outcome[keys.UnitKeyInfo]:
    info = keys.create_unit_key(home, unit_code, passphrase, suite)
    return Outcome(info, Change.UNIT, (info.key_id,))


def rotate_unit_key(
    store: Store, home: Home, unit_code: str, passphrase: str | None, suite: Suite | None = None
) -> Outcome[keys.UnitKeyInfo]:
    """A new signing key (in `suite`: a unit switching suite); the old pair stays beside it under its key id,
    for bundles it signed. The export log notes the rotation, so the next bundle is a full one; it carries the
    next seq and the previous hash, so the chain continues."""
    info = keys.rotate_unit_key(home, unit_code, passphrase, suite)
    ExportRepo(store.database, store.audit).note_key_rotated(info.key_id)
    return Outcome(info, Change.UNIT, (info.key_id,))


def import_office_key(home: Home, source: Path) -> Outcome[list[str]]:
    """Take the office's public key file (the value lists its recipients: the office's and any escrow)."""
    recipients = keys.import_office_key(home, source)
    return Outcome(recipients, Change.UNIT, tuple(recipients))


def create_office_key(
    home: Home, passphrase: str, escrow: list[str], office_name: str, suite: Suite = AGE, gm_escrow: Any = ()
) -> Outcome[office_keys.OfficeKeyInfo]:
    info = office_keys.create_office_key(home, passphrase, escrow, office_name, suite, gm_escrow)
    return Outcome(info, Change.UNIT, (info.public_key,))


def add_office_gm_key(home: Home, passphrase: str, escrow: Any, office_name: str) -> Outcome[Any]:
    """An age office adds SM2 keys; office.pub then carries both suites (the value is the SM2 public key)."""
    public = gm_keys.create_office_gm(home, passphrase, list(escrow), office_name, primary=False)
    return Outcome(public, Change.UNIT, (public.key_id(),))
