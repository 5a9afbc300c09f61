"""Users and passwords: scrypt hashes only, a clear refusal, and a lockout after 5 failures."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.catalog import Catalog
from desktop.domain.errors import InputError, StateError
from desktop.domain.status import Role
from desktop.store import Store
from desktop.store.db import DB_FILENAME
from desktop.store.users import MAX_FAILURES, SCRYPT_N, SCRYPT_P, SCRYPT_R, check_password, hash_password, scrypt
from tests.core.conftest import CliResult, run_subprocess
from tests.core.support import assert_error, db_dump

Cli = Callable[..., CliResult]
PASSWORD = "正确的密码-2026"


class FakeClock:
    """Injected through Store(..., clock=...): the lockout is tested without sleeping."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def test_hashes_are_salted_scrypt() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("scrypt$") and second.startswith("scrypt$")
    assert first != second  # a fresh salt each time
    assert check_password(PASSWORD, first) and check_password(PASSWORD, second)
    assert not check_password("错误的密码", first)
    assert not check_password(PASSWORD, "plain-text")
    assert not check_password(PASSWORD, "md5$abc$def$1$x$y")
    empty_digest = first.rsplit("$", 1)[0] + "$"  # a damaged row: libsodium would return b"" for b""
    assert not check_password(PASSWORD, empty_digest) and not check_password("anything", empty_digest)


@settings(max_examples=25, deadline=None)
@given(
    password=st.binary(max_size=40),
    salt=st.binary(min_size=1, max_size=32),
    log_n=st.integers(min_value=1, max_value=8),
    r=st.integers(min_value=1, max_value=8),
    p=st.integers(min_value=1, max_value=3),
    dklen=st.integers(min_value=16, max_value=64),
)
def test_libsodium_scrypt_gives_the_standard_librarys_bytes(
    password: bytes, salt: bytes, log_n: int, r: int, p: int, dklen: int
) -> None:
    """The faster implementation is the same function: every hash stored so far still verifies."""
    expected = hashlib.scrypt(password, salt=salt, n=2**log_n, r=r, p=p, dklen=dklen)
    assert scrypt(password, salt, 2**log_n, r, p, dklen) == expected


def test_a_hash_made_by_the_standard_library_still_signs_in() -> None:
    """Hashes written before the switch to libsodium (hashlib.scrypt, 64-byte digest) are accepted as they are."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(PASSWORD.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 << 20)
    b64 = base64.b64encode
    stored = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"
    assert check_password(PASSWORD, stored)
    assert not check_password(PASSWORD + "x", stored)
    assert not check_password(PASSWORD, stored.replace(f"${SCRYPT_N}$", "$3$"))  # n not a power of two: refused


def test_the_password_never_reaches_the_database_file(store: Store) -> None:
    store.users.add("zhang", Role.CLERK, PASSWORD, "张三")
    store.users.set_password("zhang", PASSWORD + "-new")
    store.close()
    database = store.home.database
    dump = "\n".join(db_dump(database))
    assert "scrypt$" in dump
    raw = b"".join(p.read_bytes() for p in database.parent.glob(DB_FILENAME + "*"))
    for secret in (PASSWORD, PASSWORD + "-new"):
        assert secret not in dump
        assert secret.encode("utf-8") not in raw


def test_sign_in_checks_the_password(store: Store) -> None:
    store.users.add("li", Role.REVIEWER, PASSWORD)
    assert store.users.authenticate("li", PASSWORD).role is Role.REVIEWER
    with pytest.raises(InputError, match="用户名或密码不正确"):
        store.users.authenticate("li", "wrong-password")
    with pytest.raises(InputError, match="用户名或密码不正确"):
        store.users.authenticate("nobody", PASSWORD)
    store.users.set_active("li", False)
    with pytest.raises(InputError, match="用户名或密码不正确"):
        store.users.authenticate("li", PASSWORD)


def test_lockout_after_five_failures_and_release_later(home: Path, catalog: Catalog) -> None:
    clock = FakeClock()
    with Store.create(home, "admin", "unit", catalog, clock=clock) as store:
        store.users.add("wang", Role.CLERK, PASSWORD)
        for attempt in range(1, MAX_FAILURES):
            with pytest.raises(InputError, match=f"再错 {MAX_FAILURES - attempt} 次"):
                store.users.authenticate("wang", f"bad-{attempt}")
            assert store.users.get("wang").failed_logins == attempt
        with pytest.raises(StateError, match="账户锁定"):
            store.users.authenticate("wang", "bad-last")
        assert store.users.get("wang").locked_until is not None

        clock.advance(minutes=2)
        with pytest.raises(StateError, match=r"请 3 分钟后再试"):  # even the right password waits
            store.users.authenticate("wang", PASSWORD)

        clock.advance(minutes=3, seconds=1)
        user = store.users.authenticate("wang", PASSWORD)
        assert user.failed_logins == 0 and user.locked_until is None
        attempts = [e for e in store.audit.entries(entity="login")]
        assert len(attempts) == MAX_FAILURES + 1  # failures are recorded, not rolled back
        assert store.audit.verify() == []


def test_a_success_resets_the_failure_count(store: Store) -> None:
    store.users.add("zhao", Role.CLERK, PASSWORD)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(InputError):
            store.users.authenticate("zhao", "nope-nope")
    store.users.authenticate("zhao", PASSWORD)
    with pytest.raises(InputError, match=f"再错 {MAX_FAILURES - 1} 次"):
        store.users.authenticate("zhao", "nope-nope")


def test_a_check_that_ran_while_the_account_changed_is_refused(store: Store) -> None:
    """The window checks the hash in a worker and records the outcome afterwards: a password changed, or an
    account disabled, while the check ran does not let the old password in."""
    store.users.add("sun", Role.CLERK, PASSWORD)
    encoded = store.users.sign_in_hash("sun")
    store.users.set_password("sun", "a-new-password")  # an administrator resets it meanwhile
    with pytest.raises(InputError, match="用户名或密码不正确"):
        store.users.record_sign_in("sun", encoded, check_password(PASSWORD, encoded))
    assert store.users.get("sun").failed_logins == 1
    assert store.users.authenticate("sun", "a-new-password").name == "sun"

    encoded = store.users.sign_in_hash("sun")
    store.users.set_active("sun", False)
    with pytest.raises(InputError, match="用户名或密码不正确"):
        store.users.record_sign_in("sun", encoded, check_password("a-new-password", encoded))


def test_a_locked_account_is_refused_before_any_hashing(home: Path, catalog: Catalog) -> None:
    with Store.create(home, "admin", "unit", catalog, clock=FakeClock()) as store:
        store.users.add("qian", Role.CLERK, PASSWORD)
        for attempt in range(MAX_FAILURES):
            with pytest.raises((InputError, StateError)):
                store.users.authenticate("qian", f"bad-{attempt}")
        with pytest.raises(StateError, match="账户已暂时锁定"):
            store.users.sign_in_hash("qian")


def test_refuses_weak_passwords_and_duplicates(store: Store) -> None:
    with pytest.raises(InputError, match="至少需要 6 个字符"):
        store.users.add("sun", Role.CLERK, "12345")
    store.users.add("sun", Role.CLERK, PASSWORD)
    with pytest.raises(StateError, match="已存在"):
        store.users.add("sun", Role.ADMIN, PASSWORD)
    assert [u.name for u in store.users.find()] == ["sun"]


def test_cli_user_add_with_role_aliases(cli: Cli, unit_home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "密码.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    for name, role in (("clerk1", "填报员"), ("rev1", "reviewer"), ("adm1", "admin")):
        result = cli("user", "add", name, "--role", role, "--password-file", str(secret))
        assert result.code == 0, result.err
    listed = cli("--json", "user", "list").json()
    assert [(u["name"], u["role"]) for u in listed] == [
        ("clerk1", "填报员"),
        ("rev1", "审核员"),
        ("adm1", "管理员"),
    ]
    assert_error(cli("user", "add", "x", "--role", "boss", "--password-file", str(secret)), "角色“boss”无法识别")


def test_cli_user_add_reads_the_password_from_the_environment(unit_home: Path) -> None:
    env = {**os.environ, "PLANPROGRESS_USER_PASSWORD": PASSWORD}
    result = run_subprocess("--home", str(unit_home), "user", "add", "env-user", "--role", "审核员", env=env)
    assert result.code == 0, result.err
    with Store.open(unit_home, "t") as store:
        assert store.users.authenticate("env-user", PASSWORD).name == "env-user"
