"""Users, roles and passwords (scrypt, RFC 7914), with a lockout after failed sign-ins."""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import logging
import secrets
from collections.abc import Callable
from typing import Any

from desktop.domain.errors import InputError, NotFoundError, StateError
from desktop.domain.model import User
from desktop.domain.status import Role
from desktop.store.audit import AuditLog
from desktop.store.db import Database

log = logging.getLogger(__name__)

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=5)
MIN_PASSWORD = 6
RECOVERY_KEY = "recovery_code:{name}"
# 32 symbols without look-alikes (0/O, 1/I): 20 of them carry 100 bits, written as 4 groups of 5.
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


SCRYPT_MAXMEM = 64 * 1024 * 1024
DIGEST_BYTES = 64  # what every stored hash has (the standard library's default length)


def load_scrypt() -> Callable[..., bytes]:
    """PyNaCl's scrypt, imported on first use (~15 ms: most commands never check a password). The window calls
    this on its main thread before the check starts in a worker: an import inside the worker traded Python's
    lock back and forth with the window being built, and both took twice as long."""
    from nacl.bindings import crypto_pwhash_scryptsalsa208sha256_ll

    return crypto_pwhash_scryptsalsa208sha256_ll


def scrypt(password: bytes, salt: bytes, n: int, r: int, p: int, dklen: int = DIGEST_BYTES) -> bytes:
    """scrypt as RFC 7914 defines it, computed by libsodium (PyNaCl): the same bytes as `hashlib.scrypt`
    (OpenSSL), in about 60 % of its time on x86-64, where libsodium uses SIMD. Checking a password is the longest
    step between typing it and seeing the main window, so the faster implementation shortens every sign-in
    without weakening the parameters (an attacker would use a fast implementation anyway). Python's lock is let
    go during the call: the window is built meanwhile."""
    return load_scrypt()(password, salt, n, r, p, dklen=dklen, maxmem=SCRYPT_MAXMEM)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = scrypt(password.encode("utf-8"), salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_password(password: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = encoded.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        if len(expected) != DIGEST_BYTES:  # a damaged hash: an empty digest would match an empty result
            return False
        actual = scrypt(password.encode("utf-8"), base64.b64decode(salt), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError, ArithmeticError):  # a damaged hash (PyNaCl's errors subclass these)
        return False
    return hmac.compare_digest(actual, expected)


def _user(row: dict[str, Any]) -> User:
    return User(
        id=row["id"],
        name=row["name"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        active=bool(row["active"]),
        failed_logins=row["failed_logins"],
        locked_until=row["locked_until"],
        created_at=row["created_at"],
    )


class UserRepo:
    def __init__(self, database: Database, audit: AuditLog) -> None:
        self._db = database
        self._audit = audit

    def find(self) -> list[User]:
        return [_user(r) for r in self._db.query("SELECT * FROM user ORDER BY id")]

    def get(self, name: str) -> User:
        row = self._db.one("SELECT * FROM user WHERE name = ?", (name,))
        if row is None:
            raise NotFoundError(f"没有名为“{name}”的用户。")
        return _user(row)

    def has_active_reviewer(self) -> bool:
        row = self._db.one("SELECT 1 FROM user WHERE role = ? AND active = 1 LIMIT 1", (Role.REVIEWER.value,))
        return row is not None

    def add(self, name: str, role: Role, password: str, display_name: str = "") -> User:
        name = name.strip()
        if not name:
            raise InputError("用户名不能为空。")
        _check_strength(password)
        with self._db.transaction() as conn:
            if self._db.one("SELECT 1 FROM user WHERE name = ?", (name,)):
                raise StateError(f"用户“{name}”已存在：请换一个用户名。")
            conn.execute(
                "INSERT INTO user (name, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                (name, display_name.strip(), role.value, hash_password(password), self._db.now()),
            )
            user = self.get(name)
            self._audit.append("insert", "user", name, after={"name": name, "role": role.value, "active": True})
        log.info("user %s added, role %s, by %s", name, role.value, self._audit.actor)
        return user

    def set_password(self, name: str, password: str) -> None:
        _check_strength(password)
        with self._db.transaction() as conn:
            self.get(name)
            conn.execute(
                "UPDATE user SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE name = ?",
                (hash_password(password), name),
            )
            self._audit.append("update", "user", name, after={"password": "changed"})
        log.info("password of user %s set by %s", name, self._audit.actor)

    def set_active(self, name: str, active: bool) -> None:
        with self._db.transaction() as conn:
            before = self.get(name)
            conn.execute("UPDATE user SET active = ? WHERE name = ?", (int(active), name))
            self._audit.append("update", "user", name, before={"active": before.active}, after={"active": active})
        log.info("user %s %s by %s", name, "enabled" if active else "disabled", self._audit.actor)

    def set_role(self, name: str, role: Role) -> None:
        with self._db.transaction() as conn:
            before = self.get(name)
            conn.execute("UPDATE user SET role = ? WHERE name = ?", (role.value, name))
            self._audit.append("update", "user", name, before={"role": before.role.value}, after={"role": role.value})
        log.info("user %s role %s -> %s by %s", name, before.role.value, role.value, self._audit.actor)

    def new_recovery_code(self, name: str) -> str:
        """Make a one-time code that lets `name` set a new password; only its scrypt hash is kept."""
        code = "-".join("".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(5)) for _ in range(4))
        with self._db.transaction():
            self.get(name)
            self._db.set_meta(RECOVERY_KEY.format(name=name), hash_password(_normal_code(code)))
            self._audit.append("event", "recovery_code", name, after={"issued": True})
        log.info("recovery code issued for user %s by %s", name, self._audit.actor)
        return code

    def has_recovery_code(self, name: str) -> bool:
        return self._db.meta(RECOVERY_KEY.format(name=name)) is not None

    def reset_with_recovery_code(self, name: str, code: str, new_password: str) -> User:
        """Set a new password with the one-time code; the code is used up, the lockout cleared."""
        _check_strength(new_password)
        key = RECOVERY_KEY.format(name=name)
        accepted = False
        with self._db.transaction() as conn:  # a refused attempt is committed (audited) before raising
            stored = self._db.meta(key)
            row = self._db.one("SELECT active FROM user WHERE name = ?", (name,))
            if row is None or not row["active"] or stored is None or not check_password(_normal_code(code), stored):
                self._audit.append("event", "recovery_code", name, after={"used": False})
            else:
                conn.execute(
                    "UPDATE user SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE name = ?",
                    (hash_password(new_password), name),
                )
                conn.execute("DELETE FROM meta WHERE key = ?", (key,))
                self._audit.append("update", "user", name, after={"password": "reset with recovery code"})
                accepted = True
        log.log(logging.INFO if accepted else logging.WARNING, "password reset with recovery code: %s",
                "accepted for user " + name if accepted else "refused")  # fmt: skip
        if not accepted:
            raise InputError("用户名或恢复码不正确：恢复码只能用一次，请核对设置时记下的恢复码，或请管理员重置密码。")
        return self.get(name)

    def authenticate(self, name: str, password: str) -> User:
        """Check a sign-in; count failures and lock the account for a while after too many."""
        encoded = self.sign_in_hash(name)
        return self.record_sign_in(name, encoded, check_password(password, encoded))

    # The GUI runs the three steps apart: the scrypt check (~0.1 s, without Python's lock) in a worker that needs
    # no database connection, so it starts at once and the main window is built beside it.
    def sign_in_hash(self, name: str) -> str:
        """The stored hash to check a sign-in against; refuses an unknown, disabled or locked account."""
        row = self._db.one("SELECT * FROM user WHERE name = ?", (name,))
        if row is None or not row["active"]:
            log.warning("sign-in refused: unknown or disabled account")  # the typed name may be a password
            raise InputError("用户名或密码不正确。")
        self._refuse_if_locked(row, self._db.clock())
        return str(row["password_hash"])

    def record_sign_in(self, name: str, checked_hash: str, ok: bool) -> User:
        """Count the outcome of checking the password against `checked_hash`; raise the refusal if it failed.

        A failed attempt is committed before the error is raised: raising inside the transaction would roll the
        count back, and the lockout would never trigger. If the password was changed or the account locked or
        disabled while the check ran, the attempt is refused as the account now stands.
        """
        now = self._db.clock()
        refusal: InputError | StateError | None = None
        with self._db.transaction() as conn:
            row = self._db.one("SELECT * FROM user WHERE name = ?", (name,))
            if row is None or not row["active"]:
                raise InputError("用户名或密码不正确。")
            self._refuse_if_locked(row, now)
            if ok and row["password_hash"] == checked_hash:
                conn.execute("UPDATE user SET failed_logins = 0, locked_until = NULL WHERE id = ?", (row["id"],))
                self._audit.append("event", "login", name, after={"ok": True})
                log.info("sign-in: %s (%s)", name, row["role"])
            else:
                failures = row["failed_logins"] + 1
                locked = (now + LOCKOUT).isoformat() if failures >= MAX_FAILURES else None
                conn.execute(
                    "UPDATE user SET failed_logins = ?, locked_until = ? WHERE id = ?",
                    (0 if locked else failures, locked, row["id"]),
                )
                self._audit.append("event", "login", name, after={"ok": False, "failures": failures})
                log.warning("sign-in failed: wrong password for %s (%d in a row%s)", name, failures,
                            ", account locked" if locked else "")  # fmt: skip
                if locked:
                    refusal = StateError(
                        f"连续 {MAX_FAILURES} 次密码错误，账户锁定 5 分钟：请稍后再试，或请管理员重置密码。"
                    )
                else:
                    left = MAX_FAILURES - failures
                    refusal = InputError(f"用户名或密码不正确（再错 {left} 次将暂时锁定账户）。")
        if refusal is not None:
            raise refusal
        return self.get(name)

    @staticmethod
    def _refuse_if_locked(row: dict[str, Any], now: dt.datetime) -> None:
        if row["locked_until"] and dt.datetime.fromisoformat(row["locked_until"]) > now:
            wait = dt.datetime.fromisoformat(row["locked_until"]) - now
            log.warning("sign-in refused: account %s locked until %s", row["name"], row["locked_until"])
            minutes = max(1, int(wait.total_seconds() + 59) // 60)
            raise StateError(f"连续输错密码次数过多，账户已暂时锁定：请 {minutes} 分钟后再试，或请管理员重置密码。")


def _normal_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _check_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码至少需要 {MIN_PASSWORD} 个字符。")
