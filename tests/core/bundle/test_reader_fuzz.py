"""Fuzzing the bundle reader: whatever bytes a decrypted payload holds, and however they arrive in chunks,
the strict reader either yields exactly what its manifest lists or refuses with a BundleError; it never
raises anything else and never writes outside its folder. The header and SHA256SUMS parsers likewise.

Runs briefly in CI; set PLANPROGRESS_FUZZ_EXAMPLES (e.g. 20000) to run longer by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.services.bundle.format import AUDIT, MANIFEST, MANIFEST_SIG, RECORDS, BundleError, CatalogRef, parse_sums
from desktop.services.bundle.header import Header
from desktop.services.bundle.manifest import Entry, Manifest
from desktop.services.bundle.reader import StrictTarReader
from desktop.services.bundle.tarstream import SourceEntry, TarSource

EXAMPLES = int(os.environ.get("PLANPROGRESS_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _entry(name: str, data: bytes) -> SourceEntry:
    return SourceEntry(name, len(data), hashlib.sha256(data).hexdigest(), data)


def _valid_tar() -> tuple[bytes, dict[str, bytes]]:
    evidence = b"%PDF-1.4 fuzz evidence" * 40
    sha = hashlib.sha256(evidence).hexdigest()
    content = {RECORDS: b'{"entity":"review"}\n', AUDIT: b"", f"evidence/{sha}": evidence}
    entries = [_entry(name, data) for name, data in content.items()]
    manifest = Manifest(
        unit="GD-F01", unit_name="模糊测试", seq=1, bundle_id="00000000-0000-4000-8000-000000000000",
        prev_hash="0" * 64, kind="full", catalogs=(CatalogRef("c", "1"),), created_at="2026-01-01T00:00:00Z",
        review_in_use=False, held_periods=(), audit_from=1, audit_to=0,
        entries=tuple(Entry(e.name, e.size, e.sha256) for e in entries),
    )  # fmt: skip
    source = TarSource([_entry(MANIFEST, manifest.to_json()), _entry(MANIFEST_SIG, b"sig\n"), *entries], 0)
    chunks = []
    while chunk := source.read(65536):
        chunks.append(chunk)
    return b"".join(chunks), content


VALID, CONTENT = _valid_tar()


def _feed(data: bytes, cuts: list[int]) -> None:
    """Feed `data` to a reader in pieces; check what it yields if it does not refuse."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        target = root / "content"
        target.mkdir()
        reader = StrictTarReader(target, lambda raw, sig: Manifest.parse(raw))
        try:
            position = 0
            for cut in [*sorted(cuts), len(data)]:
                if cut > position:
                    reader.write(data[position:cut])
                    position = cut
            payload = reader.finish()
        except BundleError:
            payload = None
        outside = [p for p in root.rglob("*") if target not in p.parents and p != target]
        assert outside == []
        if payload is not None:
            for entry in payload.manifest.entries:
                if entry.name == RECORDS:
                    path = payload.records
                elif entry.name == AUDIT:
                    path = payload.audit
                else:
                    path = payload.evidence[entry.name.removeprefix("evidence/")]
                assert path is not None and target in path.parents
                assert hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256


@FUZZ
@given(cuts=st.lists(st.integers(0, len(VALID)), max_size=8))
def test_valid_payload_in_any_chunking(cuts: list[int]) -> None:
    _feed(VALID, cuts)


@FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(1, 255)), min_size=1, max_size=6),
    cuts=st.lists(st.integers(0, len(VALID)), max_size=4),
)
def test_flipped_bytes(flips: list[tuple[int, int]], cuts: list[int]) -> None:
    data = bytearray(VALID)
    for where, mask in flips:
        data[where] ^= mask
    _feed(bytes(data), cuts)


@FUZZ
@given(keep=st.integers(0, len(VALID)), extra=st.binary(max_size=2048))
def test_truncated_or_extended(keep: int, extra: bytes) -> None:
    _feed(VALID[:keep] + extra, [])


@FUZZ
@given(prefix_blocks=st.integers(0, 4), data=st.binary(max_size=4096))
def test_arbitrary_bytes_after_a_valid_start(prefix_blocks: int, data: bytes) -> None:
    _feed(VALID[: 512 * prefix_blocks] + data, [])


def _parses_or_refuses_clearly(parse: Callable[[bytes], object], raw: bytes) -> None:
    """The property: a parser returns a value or raises BundleError with a Chinese message, nothing else."""
    try:
        value = parse(raw)
    except BundleError as exc:
        assert re.search(r"[\u4e00-\u9fff]", str(exc)), str(exc)
    else:
        assert value is not None


@FUZZ
@given(st.binary(max_size=2048))
def test_header_and_sums_parsers_refuse_cleanly(raw: bytes) -> None:
    for parse in (Header.parse, parse_sums, Manifest.parse):
        _parses_or_refuses_clearly(parse, raw)


FIELDS = ["format", "format_version", "suite", "unit", "seq", "parts", "recipients", "bundle_id", "bundle_hash",
          "prev_hash", "kind"]  # fmt: skip
VALUES = st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=3))


@FUZZ
@given(st.dictionaries(st.sampled_from(FIELDS), VALUES))
def test_header_fields_of_any_type(fields: dict[str, object]) -> None:
    _parses_or_refuses_clearly(Header.parse, json.dumps(fields).encode())
