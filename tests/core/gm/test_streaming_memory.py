"""SM4-CTR and SM3 over a file keep memory flat: a payload of any size passes through in fixed chunks."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

from desktop.services.gm.symmetric import CHUNK, sm3_file, sm4_ctr_file

SIZE = 48 * 1024 * 1024


def test_encrypting_and_hashing_a_large_file_holds_a_few_chunks(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    with plain.open("wb") as f:
        for _ in range(SIZE // CHUNK):
            f.write(os.urandom(CHUNK))
    key, iv = os.urandom(16), os.urandom(16)
    tracemalloc.start()
    try:
        written, digest = sm4_ctr_file(key, iv, plain, tmp_path / "payload.sm4")
        again = sm3_file(tmp_path / "payload.sm4")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (written, digest) == (SIZE, again)
    assert peak < 6 * CHUNK, f"peak {peak / CHUNK:.1f} chunks for a {SIZE // CHUNK}-chunk file"
    assert sm4_ctr_file(key, iv, tmp_path / "payload.sm4", tmp_path / "back")[0] == SIZE
    assert (tmp_path / "back").read_bytes() == plain.read_bytes()
