"""Key files of the 国密 suite (SM2) in a home, beside the age/minisign ones of `keys`.

- Office, made by `province init --suite gm`: `office.key` (the SM2 encryption key) and `office-sign.key`
  (the SM2 key that signs answers), both PKCS#8 under the office passphrase (PBES2, SM4-CBC), so
  `openssl pkeyutl -decrypt -inkey office.key` opens bundle keys. An age office that adds the suite
  (`province keys add --suite gm`) keeps its age files and gets `office-sm2.key` and `office-sm2-sign.key`.
- `office.pub` gains (or is) a section `# suite: sm2-sm3-sm4`, then PEM public keys, each after a line
  `# role: encrypt | escrow | sign`; the office's encryption key comes first, so `openssl pkeyutl -encrypt
  -pubin -inkey office.pub` takes it.
- Unit: `unit.key` (SM2, PKCS#8, passphrase-protected when one was given), `unit.pub` (the signing key, then
  the answer encryption key) and `answer-sm2.key` (the answer key, not protected, like `answer.key`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.domain.errors import InputError, NotFoundError, StateError

if TYPE_CHECKING:
    from desktop.services.gm.sm2 import PrivateKey, PublicKey
    from desktop.store.home import Home

SUITE_LINE = "# suite: sm2-sm3-sm4"
OFFICE_GM_SECRET = "office-sm2.key"
OFFICE_GM_SIGNER = "office-sm2-sign.key"
UNIT_ANSWER_GM = "answer-sm2.key"
_ROLE_BLOCK = re.compile(
    r"^# role: (encrypt|escrow|sign)[^\n]*\n(-----BEGIN PUBLIC KEY-----\n.*?-----END PUBLIC KEY-----\n?)",
    re.MULTILINE | re.DOTALL,
)
_PEM_BLOCK = re.compile(r"-----BEGIN [A-Z ]+-----.*?-----END [A-Z ]+-----", re.DOTALL)


@dataclass(frozen=True)
class GmOfficePub:
    """The SM2 part of an office.pub: encryption keys (the office's first, then escrow) and the signing key."""

    encrypt: tuple[PublicKey, ...]
    signing: PublicKey | None


def without_pem(text: str) -> str:
    """The text with every PEM block taken out (what the age reader of office.pub looks at)."""
    return _PEM_BLOCK.sub("", text)


def has_gm_section(data: bytes) -> bool:
    return SUITE_LINE.encode() in data


def has_role_lines(data: bytes) -> bool:
    """Whether the file has an office.pub's `# role:` key lines (a unit.pub has none)."""
    return _ROLE_BLOCK.search(data.decode("utf-8", "replace")) is not None


def read_gm_office_pub(data: bytes, source: str) -> GmOfficePub | None:
    """The SM2 section of an office.pub, or None when it has none."""
    if not has_gm_section(data):
        return None
    from desktop.services.gm.keyfiles import load_public_pem

    text = data.decode("utf-8", "replace")
    encrypt: list[PublicKey] = []
    signing: PublicKey | None = None
    for role, block in _ROLE_BLOCK.findall(text):
        key = load_public_pem(block.encode("ascii"), source)
        if role == "sign":
            signing = key
        elif role == "encrypt":
            encrypt.insert(0, key)
        else:
            encrypt.append(key)
    if not encrypt or text.count("-----BEGIN PUBLIC KEY-----") != len(_ROLE_BLOCK.findall(text)):
        raise InputError(f"{source} 中的国密公钥不完整或已损坏：请重新复制省局下发的 office.pub。")
    return GmOfficePub(tuple(encrypt), signing)


def gm_section(office_name: str, encrypt: PublicKey, escrow: Sequence[PublicKey], signing: PublicKey) -> str:
    from desktop.services.gm.keyfiles import public_pem

    lines = [f"{SUITE_LINE} - planprogress {office_name} 省局国密公钥（SM2）\n"]
    lines.append(f"# role: encrypt 省局加密公钥 {encrypt.key_id()[:16]}\n" + public_pem(encrypt))
    lines += [f"# role: escrow 托管备份公钥 {k.key_id()[:16]}\n" + public_pem(k) for k in escrow]
    lines.append(f"# role: sign 回执签名公钥（编号 {signing.key_id()}）\n" + public_pem(signing))
    return "".join(lines)


def read_escrow(path: Path) -> list[PublicKey]:
    """SM2 escrow public keys from a PEM file (one or two keys, as `openssl pkey -pubout` writes)."""
    from desktop.services.gm.keyfiles import read_pub_file
    from desktop.services.keys import read_key_file

    return list(read_pub_file(read_key_file(path, "托管公钥"), path.name).keys)


# -- office -------------------------------------------------------------------------------------------------
def office_gm_paths(home: Home) -> tuple[Path, Path] | None:
    """The office's SM2 encryption and signing key files, or None when it has no 国密 keys."""
    if (home.keys / OFFICE_GM_SECRET).is_file():
        return home.keys / OFFICE_GM_SECRET, home.keys / OFFICE_GM_SIGNER
    primary = home.keys / "office.key"
    if primary.is_file() and primary.read_bytes().lstrip().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----"):
        return primary, home.keys / "office-sign.key"
    return None


def office_is_gm_only(home: Home) -> bool:
    paths = office_gm_paths(home)
    return paths is not None and paths[0].name == "office.key"


def create_office_gm(
    home: Home, passphrase: str, escrow: Sequence[PublicKey], office_name: str, *, primary: bool
) -> PublicKey:
    """New SM2 office keys under `passphrase`. `primary` (a 国密 office) names them office.key/office-sign.key
    and writes office.pub; otherwise (an age office adding the suite) they go beside the age files and
    office.pub keeps its age lines with the 国密 section appended. Returns the encryption key."""
    from desktop.services.gm.keyfiles import encrypt_private_key
    from desktop.services.gm.sm2 import PrivateKey
    from desktop.services.keys import OFFICE_PUBLIC, read_key_file, write_private

    if office_gm_paths(home) is not None:
        raise StateError("省局已有国密（SM2）密钥，未作改动：不要重复生成，否则已下发的公钥将失效。")
    secret, signer = PrivateKey.generate(), PrivateKey.generate()
    names = ("office.key", "office-sign.key") if primary else (OFFICE_GM_SECRET, OFFICE_GM_SIGNER)
    section = gm_section(office_name, secret.public, escrow, signer.public)
    pub_path = home.keys / OFFICE_PUBLIC
    if primary:
        text = section
    else:
        before = read_key_file(pub_path, "省局公钥").decode("utf-8")
        text = before.rstrip("\n") + "\n" + section
    write_private(home.keys / names[0], encrypt_private_key(secret, passphrase).encode("ascii"))
    write_private(home.keys / names[1], encrypt_private_key(signer, passphrase).encode("ascii"))
    write_private(pub_path, text.encode("utf-8"), 0o644)
    return secret.public


def _load_private(path: Path, passphrase: str | None, what: str) -> PrivateKey:
    from desktop.services.gm.keyfiles import load_private_key
    from desktop.services.keys import read_key_file

    if not path.is_file():
        raise NotFoundError(f"找不到{what} {path}：请从备份恢复 keys 文件夹。")
    try:
        return load_private_key(read_key_file(path, what), passphrase, what)
    except InputError as exc:
        if "口令不对" in str(exc):
            raise InputError(
                "省局私钥的口令不正确，请重试。" if "省局" in what else "签名密钥的口令不正确，请重试。"
            ) from None
        raise


def load_office_gm(home: Home, passphrase: str) -> PrivateKey | None:
    paths = office_gm_paths(home)
    return None if paths is None else _load_private(paths[0], passphrase, "省局国密私钥")


def load_office_gm_signer(home: Home, passphrase: str) -> PrivateKey:
    paths = office_gm_paths(home)
    if paths is None:
        raise NotFoundError("省局还没有国密（SM2）密钥：请先运行 province keys add --suite gm。")
    return _load_private(paths[1], passphrase, "省局国密回执签名密钥")


# -- unit ---------------------------------------------------------------------------------------------------
def create_unit_gm(home: Home, unit_code: str, passphrase: str | None) -> PublicKey:
    """An SM2 signing key (and, on first use, the SM2 answer key); unit.pub names both, signing key first."""
    from desktop.services.gm.keyfiles import encrypt_private_key, pub_file_text
    from desktop.services.gm.sm2 import PrivateKey
    from desktop.services.keys import UNIT_PUBLIC, UNIT_SECRET, write_private

    secret = PrivateKey.generate()
    answer = ensure_gm_answer_key(home)
    if passphrase:
        text = encrypt_private_key(secret, passphrase)
    else:
        from desktop.services.gm.keyfiles import private_pem

        text = private_pem(secret)
    write_private(home.keys / UNIT_SECRET, text.encode("ascii"))
    comment = f"planprogress unit {unit_code} signing key {secret.public.key_id()}, then its answer key"
    write_private(home.keys / UNIT_PUBLIC, pub_file_text([secret.public, answer.public], comment).encode(), 0o644)
    return secret.public


def ensure_gm_answer_key(home: Home) -> PrivateKey:
    from desktop.services.gm.keyfiles import private_pem
    from desktop.services.gm.sm2 import PrivateKey
    from desktop.services.keys import write_private

    path = home.keys / UNIT_ANSWER_GM
    if not path.is_file():
        write_private(path, private_pem(PrivateKey.generate()).encode("ascii"))
    return _load_private(path, None, "回执密钥")


def gm_answer_keys(home: Home) -> list[PrivateKey]:
    path = home.keys / UNIT_ANSWER_GM
    return [_load_private(path, None, "回执密钥")] if path.is_file() else []


def load_unit_gm_signer(home: Home, passphrase: str | None) -> PrivateKey:
    from desktop.services.keys import UNIT_SECRET

    path = home.keys / UNIT_SECRET
    data = path.read_bytes()
    if b"ENCRYPTED PRIVATE KEY" in data and not passphrase:
        raise InputError(
            "签名密钥有口令保护：请在终端输入口令，或用 --passphrase-file 文件 / 环境变量 "
            "PLANPROGRESS_PASSPHRASE 提供。"
        )
    return _load_private(path, passphrase, "签名密钥")


def is_gm_unit_pub(data: bytes) -> bool:
    return data.lstrip().startswith((SUITE_LINE.encode(), b"-----BEGIN PUBLIC KEY-----"))


def read_gm_unit_pub(data: bytes, name: str) -> tuple[PublicKey, PublicKey | None]:
    """A unit's SM2 unit.pub: its signing key and (when present) its answer encryption key."""
    from desktop.services.gm.keyfiles import read_pub_file

    keys = read_pub_file(data, name).keys
    return keys[0], keys[1] if len(keys) > 1 else None
