"""Answers around a hand-made payload tar, signed with the office's real key and encrypted to the unit: what
a stolen office key or a buggy writer could produce. The unit must refuse the content while every outer
check passes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import minisign
import pyrage

from desktop.services.answer.format import HEADER, AnswerHeader, answer_name
from desktop.services.bundle.format import PAYLOAD, SUMS, SUMS_SIG, Part, format_sums, signature_comment


def craft_answer(
    out: Path, signer: minisign.SecretKey, recipient: str, unit: str, seq: int, answer_id: str, tar: bytes
) -> Path:
    folder = out / answer_name(unit, seq)
    folder.mkdir(parents=True)
    ciphertext = pyrage.encrypt(tar, [pyrage.x25519.Recipient.from_str(recipient)])
    (folder / PAYLOAD).write_bytes(ciphertext)
    header = AnswerHeader(
        unit=unit,
        seq=seq,
        answer_id=answer_id,
        office="伪造测试",
        office_key_id=_key_id(signer),
        created_at="2026-12-01T00:00:00Z",
        recipient=recipient,
        parts=(Part(PAYLOAD, len(ciphertext), hashlib.sha256(ciphertext).hexdigest()),),
        plaintext_size=len(tar),
    )
    raw = header.to_json()
    (folder / HEADER).write_bytes(raw)
    sums = format_sums([(HEADER, hashlib.sha256(raw).hexdigest()), (PAYLOAD, hashlib.sha256(ciphertext).hexdigest())])
    (folder / SUMS).write_bytes(sums)
    resign(folder, signer)
    return folder


def resign(folder: Path, signer: minisign.SecretKey) -> None:
    """Sign the folder's SHA256SUMS again (as an attacker with some key would after editing it)."""
    sums = (folder / SUMS).read_bytes()
    name = folder.name.split("-")
    unit, seq = "-".join(name[1:-1]), int(name[-1])
    header = AnswerHeader.parse((folder / HEADER).read_bytes())
    comment = signature_comment("answer", unit, seq, header.answer_id)
    signature = signer.sign(sums, prehash=True, untrusted_comment="x", trusted_comment=comment)
    (folder / SUMS_SIG).write_bytes(bytes(signature) + b"\n")


def _key_id(signer: minisign.SecretKey) -> str:
    from desktop.services.keys import public_key_id

    return public_key_id(signer.get_public_key())
