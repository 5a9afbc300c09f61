"""Operations on who may use the home and how it is set up: users, passwords, roles, sign-in, the unit's
name and code, the settings, and the plan catalogues of an office home."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.catalog import Catalog
from desktop.domain.health import Thresholds
from desktop.domain.model import Unit, User
from desktop.domain.status import Role
from desktop.services.operations.base import Change, Outcome
from desktop.store import Store


def add_user(store: Store, name: str, role: Role, password: str, display_name: str = "") -> Outcome[User]:
    user = store.users.add(name, role, password, display_name)
    return Outcome(user, Change.USERS, (user.name,))


def set_password(store: Store, name: str, password: str) -> Outcome[None]:
    """A new password; it also lifts a lockout."""
    store.users.set_password(name, password)
    return Outcome(None, Change.USERS, (name,))


def set_active(store: Store, name: str, active: bool) -> Outcome[None]:
    store.users.set_active(name, active)
    return Outcome(None, Change.USERS, (name,))


def set_role(store: Store, name: str, role: Role) -> Outcome[None]:
    store.users.set_role(name, role)
    return Outcome(None, Change.USERS, (name,))


def new_recovery_code(store: Store, name: str) -> Outcome[str]:
    """A one-time code for `name` (the value); the earlier one stops working."""
    code = store.users.new_recovery_code(name)
    return Outcome(code, Change.USERS, (name,))


def reset_with_recovery_code(store: Store, name: str, code: str, new_password: str) -> Outcome[User]:
    user = store.users.reset_with_recovery_code(name, code, new_password)
    return Outcome(user, Change.USERS, (name,))


def record_sign_in(store: Store, name: str, checked_hash: str, ok: bool) -> Outcome[User]:
    """Count a checked sign-in (the password was checked against `checked_hash` elsewhere); raises the refusal."""
    user = store.users.record_sign_in(name, checked_hash, ok)
    return Outcome(user, Change.USERS, (name,))


def set_unit(store: Store, code: str, name: str) -> Outcome[Unit]:
    unit = store.set_unit(code, name)
    return Outcome(unit, Change.UNIT, (unit.code,))


def set_thresholds(store: Store, thresholds: Thresholds) -> Outcome[Thresholds]:
    saved = store.settings.set_thresholds(thresholds)
    return Outcome(saved, Change.SETTINGS)


def set_up_office(store: Store, catalogs: Sequence[Catalog], office_name: str) -> Outcome[None]:
    """Load every known plan catalogue into a new office home and record the office's name."""
    with store.database.transaction():
        for catalog in catalogs:
            store.plan.load_catalog(catalog)
        store.database.set_meta("office_name", office_name)
    return Outcome(None, Change.UNIT)
