"""The SM4 stream runs between a reader and a writer thread: same bytes in the same order as one pass, and an
error on either side comes out unchanged with every thread ended."""

from __future__ import annotations

import io
import os
import threading

import pytest
from cryptography.hazmat.primitives import hashes

from desktop.services.gm.symmetric import CHUNK, Sm3, sm4_ctr
from desktop.services.sealing import HashBehind, sm4_stream

KEY = bytes(range(16))
IV = bytes(range(16, 32))


class Sink:
    def __init__(self, fail_at: int | None = None) -> None:
        self.out = io.BytesIO()
        self.writes = 0
        self.fail_at = fail_at

    def write(self, data: bytes) -> int:
        self.writes += 1
        if self.writes == self.fail_at:
            raise OSError(28, "No space left on device")
        return self.out.write(data)


class Source:
    def __init__(self, data: bytes, fail_after: int | None = None) -> None:
        self.src = io.BytesIO(data)
        self.reads = 0
        self.fail_after = fail_after

    def read(self, size: int = -1) -> bytes:
        self.reads += 1
        if self.fail_after is not None and self.reads > self.fail_after:
            raise ValueError("the evidence file changed")
        return self.src.read(size)


def test_stream_gives_the_same_bytes_as_one_pass() -> None:
    data = os.urandom(7 * CHUNK + 12345)
    sink = Sink()
    sm4_stream(KEY, IV.hex(), Source(data), sink)
    assert sink.out.getvalue() == sm4_ctr(KEY, IV, data)


def test_a_failing_sink_stops_the_stream_with_its_own_error() -> None:
    before = threading.active_count()
    source = Source(os.urandom(20 * CHUNK))
    with pytest.raises(OSError, match="No space left"):
        sm4_stream(KEY, IV.hex(), source, Sink(fail_at=3))
    assert threading.active_count() == before
    assert source.reads < 20  # the reader stopped instead of draining the source


def test_a_failing_source_stops_the_stream_with_its_own_error() -> None:
    before = threading.active_count()
    data = os.urandom(10 * CHUNK)
    sink = Sink()
    with pytest.raises(ValueError, match="evidence file changed"):
        sm4_stream(KEY, IV.hex(), Source(data, fail_after=2), sink)
    assert threading.active_count() == before
    written = sink.out.getvalue()
    assert len(written) <= 2 * CHUNK
    assert written == sm4_ctr(KEY, IV, data[: len(written)])


def test_sm3_hashed_behind_equals_cryptographys_sm3() -> None:
    data = os.urandom(3 * CHUNK + 5)
    reference = hashes.Hash(hashes.SM3())
    reference.update(data)
    with HashBehind(Sm3()) as behind:
        for start in range(0, len(data), CHUNK):
            behind.update(data[start : start + CHUNK])
        assert behind.hexdigest() == reference.finalize().hex()
