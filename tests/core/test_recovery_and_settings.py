"""Store additions the GUI relies on: the administrator's one-time recovery code and the light thresholds."""

from __future__ import annotations

import pytest

from desktop.domain.errors import InputError
from desktop.domain.health import Thresholds
from desktop.domain.status import Role
from desktop.store import Store


def test_recovery_code_resets_the_password_once(store: Store) -> None:
    store.users.add("admin", Role.ADMIN, "first-pass")
    code = store.users.new_recovery_code("admin")
    assert len(code) == 23 and code.count("-") == 3
    assert store.users.has_recovery_code("admin")

    store.users.reset_with_recovery_code("admin", code.lower().replace("-", " "), "second-pass")
    assert store.users.authenticate("admin", "second-pass").name == "admin"
    assert not store.users.has_recovery_code("admin")
    with pytest.raises(InputError, match="恢复码"):
        store.users.reset_with_recovery_code("admin", code, "third-pass")


def test_wrong_recovery_code_is_refused_and_audited(store: Store) -> None:
    store.users.add("admin", Role.ADMIN, "first-pass")
    store.users.new_recovery_code("admin")
    before = store.audit.count()
    with pytest.raises(InputError, match="恢复码不正确"):
        store.users.reset_with_recovery_code("admin", "AAAAA-AAAAA-AAAAA-AAAAA", "second-pass")
    assert store.audit.count() == before + 1  # the refused attempt stays in the trail
    assert store.users.authenticate("admin", "first-pass").name == "admin"
    assert store.users.has_recovery_code("admin")


def test_recovery_code_hash_only(store: Store) -> None:
    store.users.add("admin", Role.ADMIN, "first-pass")
    code = store.users.new_recovery_code("admin")
    stored = store.database.meta("recovery_code:admin")
    assert stored is not None and stored.startswith("scrypt$") and code.replace("-", "") not in stored


def test_thresholds_are_stored_and_drive_the_overview(store: Store) -> None:
    assert store.settings.thresholds() == Thresholds()
    store.settings.set_thresholds(Thresholds(due_soon_days=90))
    assert store.settings.thresholds().due_soon_days == 90
    assert store.audit.entries(entity="setting")[-1].after == '{"due_soon_days":90}'
    with pytest.raises(InputError, match="1 到 365"):
        store.settings.set_thresholds(Thresholds(due_soon_days=0))
