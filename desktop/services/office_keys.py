"""The office's own keys: its key pair per suite (age identity or SM2 pair, passphrase-protected), the
escrow recipients, and the key that signs its answers. A unit's keys and the readers of an imported
office.pub are in desktop.services.keys; the files are described there and in docs/answers.md."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import minisign
import pyrage

from desktop.domain.errors import InputError, NotFoundError, StateError
from desktop.services import gm_keys
from desktop.services.keys import (
    MIN_OFFICE_PASSPHRASE,
    OFFICE_IDENTITY,
    OFFICE_PUBLIC,
    OFFICE_SIGNER,
    SIGNING_LINE,
    office_answer_key,
    office_signing_key,
    parse_recipients,
    public_key_id,
    read_key_file,
    write_private,
)
from desktop.services.suite import AGE, GM, AgeVerifyKey, Suite, VerifyKey
from desktop.store.home import Home

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OfficeKeyInfo:
    public_key: str
    public_key_path: Path
    identity_path: Path
    escrow: tuple[str, ...]
    suite: Suite = AGE


def create_office_key(
    home: Home, passphrase: str, escrow: list[str], office_name: str, suite: Suite = AGE, gm_escrow: Any = ()
) -> OfficeKeyInfo:
    """The office's key pair in `suite` (`gm_escrow`: SM2 escrow public keys for the 国密 suite)."""
    identity_path, public_path = home.keys / OFFICE_IDENTITY, home.keys / OFFICE_PUBLIC
    if identity_path.exists():
        raise StateError(f"省局密钥已存在（{identity_path}），未作改动：不要重复生成，否则已下发的公钥将失效。")
    if len(passphrase) < MIN_OFFICE_PASSPHRASE:
        raise InputError(f"省局私钥口令至少需要 {MIN_OFFICE_PASSPHRASE} 个字符。")
    if suite is GM:
        public_sm2 = gm_keys.create_office_gm(home, passphrase, list(gm_escrow), office_name, primary=True)
        ids = tuple(key.key_id() for key in gm_escrow)
        log.info("office SM2 key pair created (%d escrow keys)", len(ids))
        return OfficeKeyInfo(public_sm2.key_id(), public_path, identity_path, ids, GM)
    for recipient in escrow:
        try:
            pyrage.x25519.Recipient.from_str(recipient)
        except pyrage.RecipientError:
            raise InputError(f"托管公钥“{recipient[:24]}”不是 age 公钥（应以 age1 开头）。") from None
    identity = pyrage.x25519.Identity.generate()
    public = str(identity.to_public())
    secret_text = f"# planprogress office identity ({office_name})\n{identity}\n".encode()
    write_private(identity_path, pyrage.passphrase.encrypt(secret_text, passphrase, armored=True))
    lines = [f"# planprogress {office_name} 省局公钥（导入各单位：planprogress keys import office.pub）", public]
    if escrow:
        lines.append("# escrow（托管备份公钥，离线保管的私钥可在省局密钥遗失时解密）")
        lines.extend(escrow)
    write_private(public_path, ("\n".join(lines) + "\n").encode(), 0o644)
    make_office_signer(home, passphrase)  # the answer-signing key, under the same passphrase
    log.info("office key pair created (%d escrow recipients)", len(escrow))
    return OfficeKeyInfo(public, public_path, identity_path, tuple(escrow))


def load_office_identity(home: Home, passphrase: str) -> pyrage.x25519.Identity:
    path = home.keys / OFFICE_IDENTITY
    if not path.is_file():
        raise NotFoundError(f"找不到省局私钥 {path}：请在省局的数据目录上运行（--home），或先运行 province init。")
    data = read_key_file(path, "省局私钥")
    try:
        text = pyrage.passphrase.decrypt(data, passphrase).decode("utf-8")
    except pyrage.DecryptError as exc:
        # age caps the scrypt work it accepts by timing this machine now: when the PC is very busy (or slower
        # than the one that made the key) it refuses before trying the passphrase, and says so.
        if "Excessive work" in str(exc):
            log.warning("office key %s: age refused the scrypt work factor (%s)", path, str(exc).splitlines()[0])
            raise StateError(
                "本机此刻太忙（或比生成省局密钥的电脑慢），解开省局私钥所需的计算超过了允许的上限，口令尚未核对："
                "请关闭其他程序，稍后重试。"
            ) from None
        raise InputError("省局私钥的口令不正确，请重试。") from None
    except UnicodeDecodeError:
        raise StateError(f"省局私钥文件 {path} 已损坏：请从备份恢复。") from None
    for line in text.splitlines():
        if line.startswith("AGE-SECRET-KEY-"):
            return pyrage.x25519.Identity.from_str(line.strip())
    raise StateError(f"省局私钥文件 {path} 中没有密钥：请从备份恢复。")


@dataclass(frozen=True)
class OfficeIdentities:
    """The office's private keys per suite, unlocked with its passphrase (None: the office lacks that suite)."""

    age: pyrage.x25519.Identity | None
    gm: Any = None  # desktop.services.gm.sm2.PrivateKey; imported lazily

    def for_suite(self, suite: Suite) -> tuple[Any, str] | None:
        """The identity of `suite` and the id bundles name it by (age recipient / SM3 key id)."""
        if suite is GM:
            return None if self.gm is None else (self.gm, self.gm.public.key_id())
        return None if self.age is None else (self.age, str(self.age.to_public()))


def office_suites(home: Home) -> list[Suite]:
    """The suites the office has keys for, its first (the one `province init` chose) first."""
    if gm_keys.office_is_gm_only(home):
        return [GM]
    return [AGE, GM] if gm_keys.office_gm_paths(home) is not None else [AGE]


def office_recipient_ids(home: Home, suite: Suite) -> list[str]:
    """At the office: its public key and escrow keys in `suite` (age recipients, or SM3 key ids)."""
    path = home.keys / OFFICE_PUBLIC
    data = read_key_file(path, "省局公钥")
    found = gm_keys.read_gm_office_pub(data, path.name) if suite is GM else None
    return [key.key_id() for key in found.encrypt] if found is not None else parse_recipients(data, path.name)


def own_office_answer_key(home: Home) -> VerifyKey | None:
    """At the office: the key its answers are signed with in its first suite (from its own office.pub)."""
    if office_suites(home)[0] is GM:
        return office_answer_key(home)
    age = office_signing_key(home)
    return AgeVerifyKey(age) if age is not None else None


def load_office_keys(home: Home, passphrase: str) -> OfficeIdentities:
    """Every suite's office key. A 国密-only office has no age identity; an age office may have added 国密."""
    if gm_keys.office_is_gm_only(home):
        return OfficeIdentities(None, gm_keys.load_office_gm(home, passphrase))
    age = load_office_identity(home, passphrase)
    return OfficeIdentities(age, gm_keys.load_office_gm(home, passphrase))


def load_office_signer(home: Home, passphrase: str) -> tuple[minisign.SecretKey, bool]:
    """The office's answer-signing key, made on first use (an office set up before answers existed).

    Returns the key and whether it was just made: then office.pub gained the signing line and every unit
    must import the new office.pub before it accepts answers.
    """
    path = home.keys / OFFICE_SIGNER
    if not (home.keys / OFFICE_IDENTITY).is_file():
        raise NotFoundError("这不是省局的数据目录（没有省局私钥）：回执只能在省局制作。")
    if not path.is_file():
        load_office_identity(home, passphrase)  # the new key takes the office's passphrase: check it first
        return make_office_signer(home, passphrase), True
    try:
        secret = minisign.SecretKey.from_bytes(read_key_file(path, "回执签名密钥").strip())
    except (minisign.Error, ValueError):
        raise StateError(f"回执签名密钥文件 {path} 已损坏：请从备份恢复 keys 文件夹。") from None
    try:
        secret.decrypt(passphrase)
    except minisign.Error:
        raise InputError("省局私钥的口令不正确，请重试。") from None
    return secret, False


def make_office_signer(home: Home, passphrase: str) -> minisign.SecretKey:
    """A new answer-signing key under the office passphrase; office.pub gains its `# minisign:` line."""
    pair = minisign.KeyPair.generate()
    secret, public = pair.secret_key, pair.public_key
    key_id = public_key_id(public)
    secret.untrusted_comment = f"planprogress office answer signing key {key_id}"
    secret.encrypt(passphrase)
    write_private(home.keys / OFFICE_SIGNER, bytes(secret) + b"\n")
    secret.decrypt(passphrase)
    pub_path = home.keys / OFFICE_PUBLIC
    text = read_key_file(pub_path, "省局公钥").decode("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith((SIGNING_LINE, "# 回执签名公钥"))]
    lines += [
        f"# 回执签名公钥（编号 {key_id}）；审计核对回执：minisign -V -P 下一行冒号后的公钥 -m SHA256SUMS",
        SIGNING_LINE + public.to_base64().decode("ascii"),
    ]
    write_private(pub_path, ("\n".join(lines) + "\n").encode("utf-8"), 0o644)
    return secret
