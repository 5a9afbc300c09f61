"""Answers around a hand-made payload tar, signed with the office's real key and encrypted to the unit: what
a stolen office key or a buggy writer could produce, in either suite (through the same suite interface as the
office's writer). The unit must refuse the content while every outer check passes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import minisign

from desktop.services.answer.format import HEADER, AnswerHeader, answer_name
from desktop.services.bundle.folder_files import folder_suite
from desktop.services.bundle.format import signature_comment
from desktop.services.bundle.sealed import Part
from desktop.services.sealing import seal
from desktop.services.suite import Signer, as_signer, sm2_recipient_key


def craft_answer(
    out: Path, signer: Signer | minisign.SecretKey, recipient: str, unit: str, seq: int, answer_id: str, tar: bytes
) -> Path:
    signer = as_signer(signer)
    suite = signer.suite
    folder = out / answer_name(unit, seq)
    folder.mkdir(parents=True)
    sink = io.BytesIO()
    sealed = seal(suite, io.BytesIO(tar), sink, [sm2_recipient_key(recipient) if suite.gm else recipient])
    ciphertext = sink.getvalue()
    (folder / suite.payload).write_bytes(ciphertext)
    for name, wrapped in sealed.key_files:
        (folder / name).write_bytes(wrapped)
    header = AnswerHeader(
        unit=unit,
        seq=seq,
        answer_id=answer_id,
        office="伪造测试",
        office_key_id=signer.public.key_id,
        created_at="2026-12-01T00:00:00Z",
        recipient=recipient,
        parts=(Part(suite.payload, len(ciphertext), suite.digest(ciphertext)),),
        plaintext_size=len(tar),
        suite=suite.name,
        iv=sealed.iv,
    )
    raw = header.to_json()
    (folder / HEADER).write_bytes(raw)
    listed = [(HEADER, suite.digest(raw)), *[(n, suite.digest(w)) for n, w in sealed.key_files]]
    (folder / suite.sums).write_bytes(suite.format_sums([*listed, (suite.payload, suite.digest(ciphertext))]))
    resign(folder, signer)
    return folder


def resign(folder: Path, signer: Signer | minisign.SecretKey) -> None:
    """Sign the folder's sums again (as an attacker with some key would after editing them). In the 国密 suite
    the header names the signing key, so the attacker names his own there and lists the header's new sum."""
    signer = as_signer(signer)
    suite = folder_suite([p.name for p in folder.iterdir()])
    if suite.gm:
        data = json.loads((folder / HEADER).read_bytes())
        data["office_key_id"] = signer.public.key_id
        raw = (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
        (folder / HEADER).write_bytes(raw)
        lines = (folder / suite.sums).read_text(encoding="ascii").splitlines()
        lines[0] = f"SM3 ({HEADER}) = {suite.digest(raw)}"
        (folder / suite.sums).write_text("\n".join(lines) + "\n", encoding="ascii")
    sums = (folder / suite.sums).read_bytes()
    name = folder.name.split("-")
    unit, seq = "-".join(name[1:-1]), int(name[-1])
    header = AnswerHeader.parse((folder / HEADER).read_bytes())
    comment = signature_comment("answer", unit, seq, header.answer_id)
    (folder / suite.sums_sig).write_bytes(signer.sign(sums, comment, "x"))
