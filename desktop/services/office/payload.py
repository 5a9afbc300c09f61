"""Decrypting a verified bundle into staging through the strict reader, checking the inner manifest against
the outside (hash, signature by the same unit key, unit, seq, chain fields, total size) before any entry
beyond it is written."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyrage

from desktop.domain.errors import StateError
from desktop.domain.system_errors import reason
from desktop.services.bundle.format import MANIFEST, BundleError, Outcome, damaged, parse_signature_comment, unsafe
from desktop.services.bundle.manifest import Manifest
from desktop.services.bundle.parts import PartsReader
from desktop.services.bundle.reader import Payload, StrictTarReader
from desktop.services.bundle.tarstream import SourceEntry, tar_size
from desktop.services.bundle.verify import VerifiedBundle
from desktop.services.sealing import sm4_stream, unwrap_key
from desktop.services.suite import SignatureInvalidError, Suite


def manifest_check(verified: VerifiedBundle) -> Callable[[bytes, bytes], Manifest]:
    header = verified.header

    def check(raw: bytes, sig_raw: bytes) -> Manifest:
        if hashlib.sha256(raw).hexdigest() != header.bundle_hash:
            raise unsafe("数据包内的清单与数据包头所列的哈希不符。")
        try:
            trusted = verified.public_key.verify(raw, sig_raw)
        except SignatureInvalidError:
            raise BundleError(Outcome.BAD_SIGNATURE, "数据包内清单的签名无效。") from None
        if trusted is not None:  # minisign's trusted comment names unit, seq and id
            named = parse_signature_comment(trusted, "manifest")
        else:  # the 国密 signature covers the manifest itself, which names them
            inner = Manifest.parse(raw)
            named = (inner.unit, inner.seq, inner.bundle_id)
        if named != (header.unit, header.seq, header.bundle_id):
            raise BundleError(Outcome.BAD_SIGNATURE, "数据包内清单签名所注明的单位和序号与外部不符。")
        manifest = Manifest.parse(raw)
        outside = (header.unit, header.seq, header.bundle_id, header.prev_hash, header.kind, header.catalogs)
        inside = (manifest.unit, manifest.seq, manifest.bundle_id, manifest.prev_hash, manifest.kind, manifest.catalogs)
        if inside != outside:
            raise unsafe("数据包内的清单与数据包头不一致。")
        listed = [SourceEntry(e.name, e.size, e.sha256) for e in manifest.entries]
        head = [SourceEntry("", len(raw), ""), SourceEntry("", len(sig_raw), "")]
        if tar_size([*head, *listed]) != header.plaintext_size:
            raise unsafe("数据包内容的总长度与清单不符。")
        return manifest

    return check


def decrypt_payload(
    verified: VerifiedBundle,
    identity: Any,
    target: Path,
    on_bytes: Callable[[int], None] | None = None,
) -> Payload:
    """Decrypt the parts into `target` (a fresh folder in staging) and return what the payload held.

    `identity` is the office's key of the bundle's suite (an age identity, or an SM2 private key)."""
    target.mkdir()
    crypto = verified.header.crypto
    reader = StrictTarReader(target, manifest_check(verified), head=(MANIFEST, MANIFEST + crypto.sig_ext))
    decrypt_into(
        verified.part_paths,
        reader,
        [identity],
        on_bytes,
        crypto=crypto,
        key_files=verified.header.key_files,
        iv=verified.header.iv,
        disk="解密到省局数据目录时出错（{error}）：请检查省局电脑的磁盘空间后重新导入。",
        wrong_key=BundleError(Outcome.WRONG_OFFICE_KEY, "无法用本省局的私钥解密：数据包不是加密给本局的。"),
    )
    return reader.finish()


def decrypt_into(
    parts: list[Path],
    reader: StrictTarReader,
    identities: list[Any],
    on_bytes: Callable[[int], None] | None,
    *,
    disk: str,
    wrong_key: BundleError,
    crypto: Suite | None = None,
    key_files: list[str] | None = None,
    iv: str = "",
) -> None:
    """Decrypt from the parts into the strict reader, with the reader's own error re-raised (pyrage wraps it),
    `disk` (formatted with the error) for a fault of our own disk, `wrong_key` for no matching key.

    The age suite decrypts with pyrage; the 国密 suite unwraps the SM4 key from one of `key_files` (beside
    the parts) and streams SM4-CTR (no MAC: the signed SM3 sums were checked before)."""
    source = PartsReader(parts, on_bytes)
    try:
        if crypto is not None and crypto.gm:
            key = unwrap_key(parts[0].parent, key_files or [], identities)
            if key is None:
                raise wrong_key
            sm4_stream(key, iv, source, reader)
        else:
            pyrage.decrypt_io(source, reader, identities)
    except BundleError:
        raise
    except (pyrage.DecryptError, OSError, ValueError) as exc:
        original = reader.error or source.error
        if isinstance(original, OSError):  # our disk, not the bundle
            raise StateError(disk.format(error=reason(original))) from None
        if original is not None:
            raise original from None
        if "No matching keys" in str(exc):
            raise wrong_key from None
        raise damaged(f"数据包无法解密（{exc}）：内容已损坏或不完整。") from None
    finally:
        source.close()
