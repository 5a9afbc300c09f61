"""Keys: each unit's key pair (minisign, or SM2 in the 国密 suite) and the readers of the office's public file;
the office's own key pair and answer-signing key are made and unlocked in desktop.services.office_keys.

Files under <home>/keys/: at a unit `unit.key` + `unit.pub` (its signing key), `answer.key` (the X25519
identity the office's answers are encrypted to; its recipient rides in unit.pub's comment line) and
`office.pub` (the office's recipients, carried over on a stick); at the office `office.key`
(passphrase-protected age identity, which `age -d -i office.key` opens with the passphrase), `office-sign.key`
(the minisign key that signs answers, under the same passphrase) and `office.pub` (what units import: age
recipients, plus the signing key in a `# minisign:` comment line). See docs/answers.md.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import minisign
import pyrage

from desktop.domain.errors import InputError, NotFoundError, StateError
from desktop.domain.system_errors import reason
from desktop.services import gm_keys
from desktop.services.gm_keys import without_pem
from desktop.services.suite import (
    AGE,
    GM,
    AgeSigner,
    AgeVerifyKey,
    GmSigner,
    GmVerifyKey,
    Signer,
    Suite,
    VerifyKey,
    minisign_key_id,
    sm2_recipient,
)
from desktop.store.files import fsync_dir
from desktop.store.home import Home

log = logging.getLogger(__name__)

UNIT_SECRET = "unit.key"
UNIT_PUBLIC = "unit.pub"
OFFICE_IDENTITY = "office.key"
OFFICE_PUBLIC = "office.pub"
OFFICE_SIGNER = "office-sign.key"
UNIT_ANSWER = "answer.key"
SIGNING_LINE = "# minisign: "
_ANSWER_TAG = re.compile(r"\banswer:(age1[0-9a-z]+)")
_UNIT_TAG = re.compile(r"planprogress unit (\S+) ")  # both suites' unit.pub comment lines (see below)
MIN_OFFICE_PASSPHRASE = 8
_MAX_KEY_FILE = 64 * 1024


@dataclass(frozen=True)
class UnitKeyInfo:
    key_id: str
    public_key: str  # the base64 line, as `minisign -P` takes it
    public_key_path: Path
    protected: bool
    suite: Suite = AGE


def public_key_id(public_key: minisign.PublicKey) -> str:
    return minisign_key_id(public_key)


def write_private(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write a key file atomically with owner-only permissions (temporary name, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def read_key_file(path: Path, what: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_KEY_FILE + 1)
    except FileNotFoundError:
        raise NotFoundError(f"找不到{what}文件 {path}：请检查路径。") from None
    except OSError as exc:
        raise InputError(f"无法读取{what}文件 {path}（{reason(exc)}）。") from None
    if len(data) > _MAX_KEY_FILE:
        raise InputError(f"{path} 太大，不是{what}文件：请检查是否选错了文件。")
    return data


# -- unit signing key ------------------------------------------------------------------------------------
def create_unit_key(home: Home, unit_code: str, passphrase: str | None, suite: Suite = AGE) -> UnitKeyInfo:
    secret_path, public_path = home.keys / UNIT_SECRET, home.keys / UNIT_PUBLIC
    if secret_path.exists():
        raise StateError(f"本单位的签名密钥已存在（{secret_path}），未作改动。")
    if suite is GM:
        public_sm2 = gm_keys.create_unit_gm(home, unit_code, passphrase)
        log.info("unit SM2 signing key %s created for %s", public_sm2.key_id(), unit_code)
        return UnitKeyInfo(public_sm2.key_id(), GmVerifyKey(public_sm2).stored, public_path, bool(passphrase), GM)
    pair = minisign.KeyPair.generate()
    secret, public = pair.secret_key, pair.public_key
    key_id = public_key_id(public)
    if passphrase:
        secret.encrypt(passphrase)
    secret.untrusted_comment = f"planprogress unit {unit_code} signing key {key_id}"
    public.untrusted_comment = _unit_pub_comment(unit_code, key_id, ensure_answer_identity(home))
    write_private(secret_path, bytes(secret) + b"\n")
    write_private(public_path, bytes(public) + b"\n", 0o644)
    secret.wipe()
    log.info("unit signing key %s created for %s, passphrase %s", key_id, unit_code, "set" if passphrase else "none")
    return UnitKeyInfo(key_id, public.to_base64().decode("ascii"), public_path, bool(passphrase))


def rotate_unit_key(home: Home, unit_code: str, passphrase: str | None, suite: Suite | None = None) -> UnitKeyInfo:
    """Replace the signing key (in `suite`, default the current one); the old pair is kept beside it under its
    key id (bundles name their key)."""
    old = unit_verify_key(home)
    for name in (UNIT_SECRET, UNIT_PUBLIC):
        current = home.keys / name
        os.replace(current, current.with_name(f"{name}.{old.key_id}.retired"))
    log.info("unit signing key %s retired (rotation)", old.key_id)
    return create_unit_key(home, unit_code, passphrase, suite or old.suite)


def unit_verify_key(home: Home) -> VerifyKey:
    """The unit's public signing key, in whichever suite it is."""
    path = home.keys / UNIT_PUBLIC
    if not path.is_file():
        raise NotFoundError(f"本单位还没有签名密钥（{path}）：请运行 planprogress keys init 生成。")
    return read_unit_pub(path, "本单位签名公钥")[0]


def read_unit_pub(path: Path, what: str = "单位签名公钥") -> tuple[VerifyKey, str | None]:
    """A unit.pub of either suite: the signing key and the answer recipient it names (None if none)."""
    data = read_key_file(path, what)
    if gm_keys.is_gm_unit_pub(data):
        signing, answer = gm_keys.read_gm_unit_pub(data, path.name)
        return GmVerifyKey(signing), sm2_recipient(answer) if answer is not None else None
    return AgeVerifyKey(load_public_key(path, what)), answer_recipient_of(data)


def unit_signer(home: Home, passphrase: str | None) -> Signer:
    """The unit's signing key ready to sign, in its suite."""
    path = home.keys / UNIT_SECRET
    if path.is_file() and read_key_file(path, "签名密钥").lstrip().startswith(b"-----BEGIN"):
        return GmSigner(gm_keys.load_unit_gm_signer(home, passphrase))
    return AgeSigner(load_unit_signer(home, passphrase))


def unit_public_key(home: Home) -> minisign.PublicKey:
    path = home.keys / UNIT_PUBLIC
    if not path.is_file():
        raise NotFoundError(f"本单位还没有签名密钥（{path}）：请运行 planprogress keys init 生成。")
    return load_public_key(path, "本单位签名公钥")


def unit_key_id(home: Home) -> str | None:
    """The unit's signing key number (what the office compares when it enrolls unit.pub); None without a key."""
    path = home.keys / UNIT_PUBLIC
    return read_unit_pub(path, "本单位签名公钥")[0].key_id if path.is_file() else None


def export_unit_public_key(home: Home, target: Path, unit_code: str) -> tuple[Path, str]:
    """Copy unit.pub for the office (a folder gets `<code>-unit.pub`); returns the file and the key number the
    office will compare before it enrolls the key."""
    source = home.keys / UNIT_PUBLIC
    key_id = unit_key_id(home)
    if key_id is None:
        raise NotFoundError(f"本单位还没有签名密钥（{source}）：请运行 planprogress keys init 生成。")
    if target.is_dir():
        target = target / f"{unit_code or 'unit'}-unit.pub"
    try:
        data = source.read_bytes()
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise StateError(f"无法写入 {target}（{reason(exc)}）：请检查U盘是否插好、是否写保护。") from None
    return target, key_id


def load_public_key(path: Path, what: str = "签名公钥") -> minisign.PublicKey:
    data = read_key_file(path, what)
    try:
        return minisign.PublicKey.from_bytes(data.strip())
    except (minisign.Error, ValueError):
        pass
    try:  # a bare base64 line, as `minisign -P` takes it
        return minisign.PublicKey.from_base64(data.strip())
    except (minisign.Error, ValueError):
        raise InputError(
            f"{path.name} 不是 minisign 公钥文件：请使用单位用 planprogress keys show 导出的 unit.pub。"
        ) from None


def unit_key_is_protected(home: Home) -> bool:
    path = home.keys / UNIT_SECRET
    if path.is_file():
        data = read_key_file(path, "签名密钥")
        if data.lstrip().startswith(b"-----BEGIN"):  # an SM2 key: PKCS#8, encrypted or not
            return data.lstrip().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    return bool(_load_secret(home).is_encrypted())


def _load_secret(home: Home) -> minisign.SecretKey:
    path = home.keys / UNIT_SECRET
    if not path.is_file():
        raise NotFoundError(f"本单位还没有签名密钥（{path}）：请用 planprogress keys init 生成（或重新运行 init）。")
    try:
        return minisign.SecretKey.from_bytes(read_key_file(path, "签名密钥").strip())
    except (minisign.Error, ValueError):
        raise StateError(f"签名密钥文件 {path} 已损坏：请从备份恢复 keys 文件夹。") from None


def load_unit_signer(home: Home, passphrase: str | None) -> minisign.SecretKey:
    """The unit's secret key ready to sign; asks for nothing itself (the caller supplies the passphrase)."""
    secret = _load_secret(home)
    if secret.is_encrypted():
        if not passphrase:
            raise InputError(
                "签名密钥有口令保护：请在终端输入口令，或用 --passphrase-file 文件 / 环境变量 "
                "PLANPROGRESS_PASSPHRASE 提供。"
            )
        try:
            secret.decrypt(passphrase)
        except minisign.Error:
            raise InputError("签名密钥的口令不正确，请重试。") from None
    return secret


# -- office recipients at a unit --------------------------------------------------------------------------
def parse_recipients(data: bytes, source: str) -> list[str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{source} 不是省局公钥文件（不是文本）：请使用省局下发的 office.pub。") from None
    recipients: list[str] = []
    for raw in without_pem(text).splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            pyrage.x25519.Recipient.from_str(line)
        except pyrage.RecipientError:
            raise InputError(
                f"{source} 中的“{line[:20]}…”不是 age 公钥（应以 age1 开头）：请使用省局下发的 office.pub。"
            ) from None
        if line not in recipients:
            recipients.append(line)
    if not recipients:
        raise InputError(f"{source} 中没有省局公钥：请使用省局下发的 office.pub。")
    return recipients


def office_pub_suite(data: bytes, source: str) -> tuple[Suite, list[str]]:
    """The suite an office.pub gives its units (国密 when it has an SM2 section) and its recipients' ids."""
    found = gm_keys.read_gm_office_pub(data, source)
    if found is not None:
        return GM, [key.key_id() for key in found.encrypt]
    return AGE, parse_recipients(data, source)


def import_office_key(home: Home, source: Path) -> list[str]:
    data = read_key_file(source, "省局公钥")
    _suite, recipients = office_pub_suite(data, source.name)
    if (home.keys / OFFICE_IDENTITY).exists():
        raise StateError("这是省局的数据目录：省局自己的公钥不需要导入。")
    write_private(home.keys / OFFICE_PUBLIC, data if data.endswith(b"\n") else data + b"\n", 0o644)
    log.info("office public key imported from %s (%d recipients)", source, len(recipients))
    return recipients


def office_recipients(home: Home) -> list[str]:
    path = home.keys / OFFICE_PUBLIC
    if not path.is_file():
        raise NotFoundError(
            "还没有导入省局公钥：请用 planprogress keys import office.pub（省局下发的文件）导入后再导出。"
        )
    return office_pub_suite(read_key_file(path, "省局公钥"), path.name)[1]


def office_targets(home: Home) -> tuple[Suite, list[Any], list[str]]:
    """The suite of the imported office.pub, what to encrypt to (age recipients or SM2 keys) and their ids."""
    path = home.keys / OFFICE_PUBLIC
    recipients = office_recipients(home)  # refuses a missing or broken office.pub with the usual message
    found = gm_keys.read_gm_office_pub(read_key_file(path, "省局公钥"), path.name)
    if found is None:
        return AGE, list(recipients), list(recipients)
    return GM, list(found.encrypt), [key.key_id() for key in found.encrypt]


def office_suite(home: Home) -> Suite | None:
    """The suite of the imported office.pub (None before one is imported)."""
    path = home.keys / OFFICE_PUBLIC
    if not path.is_file():
        return None
    return GM if gm_keys.has_gm_section(read_key_file(path, "省局公钥")) else AGE


# -- answers: the office's signing key, the unit's X25519 identity -----------------------------------------
def _unit_pub_comment(unit_code: str, key_id: str, recipient: str) -> str:
    # The recipient rides in minisign's own comment line: `minisign -p unit.pub` and older offices still read it.
    return f"planprogress unit {unit_code} minisign public key {key_id} answer:{recipient}"


def ensure_answer_identity(home: Home) -> str:
    """The unit's X25519 recipient for answers, made on first use. The identity is kept, never rotated, so
    answers already on their way still open; it is not passphrase-protected (it only opens the office's
    answers to this unit, and receiving should not need the signing key's passphrase)."""
    path = home.keys / UNIT_ANSWER
    if not path.is_file():
        identity = pyrage.x25519.Identity.generate()
        text = f"# planprogress unit answer identity (age -d -i answer.key)\n# public key: {identity.to_public()}\n"
        write_private(path, (text + f"{identity}\n").encode("ascii"))
    return str(answer_identities(home)[0].to_public())


def answer_identities(home: Home) -> list[pyrage.x25519.Identity]:
    path = home.keys / UNIT_ANSWER
    if not path.is_file():
        return []
    found = []
    for line in read_key_file(path, "回执密钥").decode("ascii", "replace").splitlines():
        if line.startswith("AGE-SECRET-KEY-"):
            try:
                found.append(pyrage.x25519.Identity.from_str(line.strip()))
            except pyrage.IdentityError:
                raise StateError(f"回执密钥文件 {path} 已损坏：请从备份恢复 keys 文件夹。") from None
    if not found:
        raise StateError(f"回执密钥文件 {path} 中没有密钥：请从备份恢复 keys 文件夹。")
    return found


def refresh_unit_pub(home: Home, unit_code: str) -> str:
    """Make sure unit.pub names the answer recipient (homes made before answers existed); return it."""
    path = home.keys / UNIT_PUBLIC
    if path.is_file() and gm_keys.is_gm_unit_pub(read_key_file(path, "本单位签名公钥")):
        return sm2_recipient(gm_keys.ensure_gm_answer_key(home).public)
    recipient = ensure_answer_identity(home)
    path = home.keys / UNIT_PUBLIC
    if path.is_file():
        public = load_public_key(path, "本单位签名公钥")
        if answer_recipient_of(read_key_file(path, "本单位签名公钥")) != recipient:
            public.untrusted_comment = _unit_pub_comment(unit_code, public_key_id(public), recipient)
            write_private(path, bytes(public) + b"\n", 0o644)
    return recipient


def unit_code_in_pub(unit_pub: bytes) -> str | None:
    """The unit code a unit.pub names in its first line (either suite), as written; None when it names none
    (a file made by minisign itself or by hand)."""
    first = unit_pub.lstrip().split(b"\n", 1)[0].decode("utf-8", "replace")
    match = _UNIT_TAG.search(first)
    return match[1] if match else None


def is_office_pub(data: bytes) -> bool:
    """Whether a key file is an office.pub (its `# role:` lines, or age recipients), which no unit.pub is."""
    if gm_keys.has_role_lines(data):
        return True
    try:
        parse_recipients(data, "")
    except InputError:
        return False
    return True


def answer_recipient_of(unit_pub: bytes) -> str | None:
    """The answer recipient a unit.pub names in its comment line, or None (made before answers existed)."""
    first = unit_pub.split(b"\n", 1)[0].decode("utf-8", "replace")
    match = _ANSWER_TAG.search(first)
    if match is None:
        return None
    try:
        pyrage.x25519.Recipient.from_str(match[1])
    except pyrage.RecipientError:
        return None
    return match[1]


def office_signing_key(home: Home) -> minisign.PublicKey | None:
    """The office's answer-signing key from office.pub's `# minisign:` line (None: an older office.pub)."""
    path = home.keys / OFFICE_PUBLIC
    if not path.is_file():
        return None
    for line in read_key_file(path, "省局公钥").decode("utf-8", "replace").splitlines():
        if line.startswith(SIGNING_LINE):
            try:
                return minisign.PublicKey.from_base64(line.removeprefix(SIGNING_LINE).strip())
            except (minisign.Error, ValueError):
                raise InputError(f"{path} 中的回执签名公钥已损坏：请重新导入省局下发的 office.pub。") from None
    return None


def office_answer_key(home: Home) -> VerifyKey | None:
    """The key that signs the office's answers, from the imported office.pub (国密 when it has that section)."""
    path = home.keys / OFFICE_PUBLIC
    if path.is_file():
        found = gm_keys.read_gm_office_pub(read_key_file(path, "省局公钥"), path.name)
        if found is not None:
            return GmVerifyKey(found.signing) if found.signing is not None else None
    age = office_signing_key(home)
    return AgeVerifyKey(age) if age is not None else None
