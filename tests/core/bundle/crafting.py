"""Build correctly signed and encrypted bundles around a hand-made tar: what a unit whose key was stolen, or
a buggy exporter, could send. The office must refuse the content while every outer check passes."""

from __future__ import annotations

import hashlib
import io
import tarfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import minisign

from desktop.services.bundle.contents import held_catalogs, sign_manifest
from desktop.services.bundle.format import GENESIS, HEADER, MANIFEST, CatalogRef, bundle_name, signature_comment
from desktop.services.bundle.header import Header
from desktop.services.bundle.manifest import Entry, Manifest
from desktop.services.bundle.sealed import Part
from desktop.services.bundle.tarstream import SourceEntry, padded, tar_header, tar_size
from desktop.services.keys import office_targets, unit_signer
from desktop.services.sealing import seal
from desktop.services.suite import Signer
from desktop.store import Store


def member(name: str, data: bytes = b"", kind: bytes = tarfile.REGTYPE, linkname: str = "") -> bytes:
    """One tar member (header + padded data) of any type and any name, even one that is not UTF-8
    (pass it through os.fsdecode: its raw bytes land in the header)."""
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.size = len(data) if kind in (tarfile.REGTYPE, tarfile.AREGTYPE) else 0
    info.mode = 0o644
    header = info.tobuf(format=tarfile.GNU_FORMAT, encoding="utf-8", errors="surrogateescape")
    if not info.size:
        return header
    return header + data + bytes(padded(len(data)) - len(data))


def regular(name: str, data: bytes) -> bytes:
    return tar_header(name, len(data), 0) + data + bytes(padded(len(data)) - len(data))


def entry(name: str, data: bytes) -> Entry:
    return Entry(name, len(data), hashlib.sha256(data).hexdigest())


@dataclass
class Craft:
    """What to put in the bundle; defaults make a valid, empty full bundle with seq 1."""

    body: bytes = b""
    entries: list[Entry] = field(default_factory=list)
    seq: int = 1
    prev_hash: str = GENESIS
    manifest_seq: int | None = None
    manifest_first: bool = True
    manifest_signer: Signer | minisign.SecretKey | None = None
    tail: bytes = bytes(1024)
    encrypt_to: list[Any] | None = None  # age recipients, or SM2 public keys
    catalogs: tuple[CatalogRef, ...] = ()  # default: the plans the unit holds, as an export names them


def craft_bundle(unit: Store, out: Path, craft: Craft) -> Path:
    """The bundle in the suite of the unit's keys (age or 国密), through the same suite interface as export."""
    signer = unit_signer(unit.home, None)
    info = unit.unit()
    suite, recipients, recipient_ids = office_targets(unit.home)
    bundle_id = str(uuid.uuid4())
    manifest = Manifest(
        unit=info.code,
        unit_name=info.name,
        seq=craft.manifest_seq or craft.seq,
        bundle_id=bundle_id,
        prev_hash=craft.prev_hash,
        kind="full",
        catalogs=craft.catalogs or held_catalogs(unit),
        created_at="2026-11-26T08:00:00Z",
        review_in_use=False,
        held_periods=(),
        audit_from=1,
        audit_to=0,
        counts={},
        entries=tuple(craft.entries),
    )
    manifest_bytes = manifest.to_json()
    signature = sign_manifest(craft.manifest_signer or signer, manifest, manifest_bytes)
    sig_name = MANIFEST + suite.sig_ext
    head = regular(MANIFEST, manifest_bytes) + regular(sig_name, signature)
    if not craft.manifest_first:
        head = regular(sig_name, signature) + regular(MANIFEST, manifest_bytes)
    tar = head + craft.body + craft.tail
    listed = [SourceEntry(e.name, e.size, e.sha256) for e in craft.entries]
    plaintext_size = tar_size([SourceEntry("", len(manifest_bytes), ""), SourceEntry("", len(signature), ""), *listed])
    sink = io.BytesIO()
    sealed = seal(suite, io.BytesIO(tar), sink, craft.encrypt_to or recipients)
    payload = sink.getvalue()
    folder = out / bundle_name(info.code, craft.seq)
    folder.mkdir(parents=True)
    (folder / suite.payload).write_bytes(payload)
    for name, wrapped in sealed.key_files:
        (folder / name).write_bytes(wrapped)
    header = Header(
        unit=info.code,
        seq=craft.seq,
        bundle_id=bundle_id,
        bundle_hash=hashlib.sha256(manifest_bytes).hexdigest(),
        prev_hash=craft.prev_hash,
        kind="full",
        catalogs=craft.catalogs or held_catalogs(unit),
        created_at=manifest.created_at,
        written_at=manifest.created_at,
        signing_key_id=signer.public.key_id,
        recipients=tuple(recipient_ids),
        parts=(Part(suite.payload, len(payload), suite.digest(payload)),),
        plaintext_size=plaintext_size,
        suite=suite.name,
        iv=sealed.iv,
    )
    header_bytes = header.to_json()
    (folder / HEADER).write_bytes(header_bytes)
    keys_listed = [(name, suite.digest(wrapped)) for name, wrapped in sealed.key_files]
    sums = suite.format_sums(
        [(HEADER, suite.digest(header_bytes)), *keys_listed, (suite.payload, header.parts[0].sha256)]
    )
    (folder / suite.sums).write_bytes(sums)
    comment = signature_comment("bundle", info.code, craft.seq, bundle_id)
    (folder / suite.sums_sig).write_bytes(signer.sign(sums, comment, "crafted"))
    return folder
