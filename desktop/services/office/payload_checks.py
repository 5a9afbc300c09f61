"""Reading a decrypted payload's records and audit rows as untrusted input: every line is checked for shape
and type before it reaches the database, and the audit slice must be an unbroken hash chain.

Each line is first decoded by msgspec into a struct that states the same rules (exact fields, types, lengths):
a line it takes is one the step-by-step checks below would take with the same values. A line it refuses goes
through those checks, which decide and say what is wrong (or take it, where msgspec is only stricter)."""

from __future__ import annotations

import functools
import json
import operator
import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import msgspec

from desktop.domain.errors import PlanProgressError
from desktop.domain.periods import parse_period
from desktop.domain.status import ReviewState, Status
from desktop.services.bundle.format import AUDIT, RECORDS, SHA256, BundleError, Outcome, unsafe
from desktop.services.bundle.manifest import Manifest
from desktop.store.audit import GENESIS, row_hash
from desktop.store.exports import OPTIONAL_FIELDS, RECORD_FIELDS
from desktop.store.office_records import AUDIT_COLUMNS, RecordOp

MAX_LINE = 16 * 1024 * 1024
MAX_TEXT = 1_000_000
_ACTIONS = {"insert", "update", "delete", "event"}
_STATUSES = frozenset(s.value for s in Status)
_REVIEW_STATES = frozenset(s.value for s in ReviewState)
_Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]


class _Line(msgspec.Struct):
    """A records line as msgspec reads it; `data` is decoded separately, by the entity's struct."""

    entity: str
    op: str
    uid: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    data: msgspec.Raw = msgspec.Raw(b"")


def _field_type(kind: type, nullable: bool) -> Any:
    base: Any = _Text if kind is str else kind
    return base | None if nullable else base


def _field(entity: str, name: str, kind: type, nullable: bool) -> tuple[Any, ...]:
    """A struct field; one a bundle of an earlier release lacks is read as null when absent."""
    if name in OPTIONAL_FIELDS.get(entity, ()):
        return (name, _field_type(kind, nullable), None)
    return (name, _field_type(kind, nullable))


def _audit_type(name: str) -> Any:
    return int if name == "id" else (str | None if name in ("before", "after") else str)


_HASHED = operator.itemgetter(*AUDIT_COLUMNS[:9])
_LINE = msgspec.json.Decoder(_Line)
_DATA = {
    entity: msgspec.json.Decoder(
        msgspec.defstruct(
            f"_{entity}_data",
            [_field(entity, name, kind, nullable) for name, kind, nullable in fields],
            forbid_unknown_fields=True,
        )
    )
    for entity, fields in RECORD_FIELDS.items()
}
_AUDIT = msgspec.json.Decoder(
    msgspec.defstruct(
        "_audit_row",
        [(name, _audit_type(name)) for name in AUDIT_COLUMNS],
        forbid_unknown_fields=True,
    )
)


def _raw_lines(path: Path | None, name: str) -> Iterator[tuple[int, bytes]]:
    if path is None:
        return
    with open(path, "rb") as handle:
        # A file no longer than MAX_LINE cannot hold a longer line: its lines are read as the file iterates them.
        small = os.fstat(handle.fileno()).st_size <= MAX_LINE
        lines = handle if small else iter(lambda: handle.readline(MAX_LINE + 1), b"")
        for number, raw in enumerate(lines, start=1):
            if len(raw) > MAX_LINE:
                raise unsafe(f"{name} 第 {number} 行过长。", name)
            yield number, raw


def _json(raw: bytes, number: int, name: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise unsafe(f"{name} 第 {number} 行不是有效的 JSON。", name) from None


def _check_value(value: Any, kind: type, nullable: bool) -> bool:
    if value is None:
        return nullable
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str) and len(value) <= MAX_TEXT


@functools.lru_cache(maxsize=4096)
def _canonical_period(code: str) -> bool:
    try:
        return parse_period(code).code == code
    except (ValueError, PlanProgressError):
        return False


def _check_semantics(entity: str, data: dict[str, Any], where: str) -> None:
    try:
        if entity in ("progress", "review") and not _canonical_period(str(data["period"])):
            raise ValueError  # the office matches periods by their code: "2026-1" would never be found
        if entity == "evidence" and data["period"] is not None and not _canonical_period(str(data["period"])):
            raise ValueError
        if entity == "progress":
            if data["status"] not in _STATUSES or not 0 <= int(data["percent"]) <= 100:
                raise ValueError
        elif entity == "review":
            if data["state"] not in _REVIEW_STATES or data["uid"] != data["period"]:
                raise ValueError
        elif entity == "evidence" and (not SHA256.match(str(data["sha256"])) or int(data["size"]) < 0):
            raise ValueError
    except (ValueError, KeyError, TypeError, PlanProgressError):
        raise unsafe(f"{where} 的取值无效。", RECORDS) from None


def _finish(number: int, entity: str, uid: str, data: dict[str, Any]) -> RecordOp:
    """The checks every upsert gets after its shape and types are known to be right."""
    where = f"{RECORDS} 第 {number} 行"
    if data["uid"] != uid:
        raise unsafe(f"{where} 的编号前后不一致。", RECORDS)
    _check_semantics(entity, data, where)
    return RecordOp(entity, "upsert", uid, data)


def parse_record(number: int, line: Any) -> RecordOp:
    """One decoded records line, checked step by step; the error says which rule it breaks."""
    where = f"{RECORDS} 第 {number} 行"
    if not isinstance(line, dict):
        raise unsafe(f"{where} 不是 JSON 对象。", RECORDS)
    entity, op, uid = line.get("entity"), line.get("op"), line.get("uid")
    if entity not in RECORD_FIELDS or op not in ("upsert", "delete") or not isinstance(uid, str) or not uid:
        raise unsafe(f"{where} 的记录类型、操作或编号无效。", RECORDS)
    if len(uid) > 200:
        raise unsafe(f"{where} 的编号过长。", RECORDS)
    if op == "delete":
        return RecordOp(entity, op, uid, None)
    data = line.get("data")
    if not isinstance(data, dict):
        raise unsafe(f"{where} 缺少记录内容。", RECORDS)
    fields = RECORD_FIELDS[entity]
    optional = OPTIONAL_FIELDS.get(entity, frozenset())
    names = {name for name, _, _ in fields}
    if not (set(data) <= names and names - optional <= set(data)):
        raise unsafe(f"{where} 的字段与格式不符。", RECORDS)
    data = {name: data.get(name) for name, _, _ in fields}  # an absent optional field is null
    for name, kind, nullable in fields:
        if not _check_value(data[name], kind, nullable):
            raise unsafe(f"{where} 的字段 {name} 类型无效。", RECORDS)
    floats = {name for name, kind, _ in fields if kind is float}
    return _finish(number, entity, uid, {k: float(v) if k in floats and v is not None else v for k, v in data.items()})


def _fast_record(number: int, raw: bytes) -> RecordOp | None:
    """The line through msgspec's structs, or None where they refuse it (parse_record then decides)."""
    try:
        line = _LINE.decode(raw)
        if line.entity not in _DATA or line.op not in ("upsert", "delete"):
            return None
        if line.op == "delete":
            return RecordOp(line.entity, "delete", line.uid, None)
        if not line.data:
            return None
        data = msgspec.structs.asdict(_DATA[line.entity].decode(line.data))
    except msgspec.DecodeError:
        return None
    return _finish(number, line.entity, line.uid, data)


def records(path: Path | None) -> Iterator[RecordOp]:
    for number, raw in _raw_lines(path, RECORDS):
        yield _fast_record(number, raw) or parse_record(number, _json(raw, number, RECORDS))


class Records:
    """The records file, read once for the evidence it refers to and again by the merge: up to KEEP records
    are kept from the first reading instead of being decoded and checked twice (a large full bundle is read
    again, so memory stays bounded)."""

    KEEP = 20_000

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._kept: list[RecordOp] | None = None

    def __iter__(self) -> Iterator[RecordOp]:
        if self._kept is not None:
            yield from self._kept
            return
        kept: list[RecordOp] | None = []
        for op in records(self._path):
            if kept is not None:
                kept.append(op)
                if len(kept) > self.KEEP:
                    kept = None
            yield op
        self._kept = kept


_TASK_REFS = {"measure": "task_uid", "milestone": "task_uid", "progress": "item_uid", "evidence": "item_uid"}


def evidence_shas(ops: Iterable[RecordOp], catalogs: Collection[str]) -> dict[str, int]:
    """Every evidence file the records refer to, with its size (a first pass that also validates), and every
    plan task a record points at (`catalog/key`) checked to be of a plan the bundle names in `catalogs`."""
    found: dict[str, int] = {}
    for op in ops:
        if op.data is None:
            continue
        if op.entity == "evidence":
            found[str(op.data["sha256"])] = int(op.data["size"])
        ref = op.data.get(_TASK_REFS.get(op.entity, ""))
        if isinstance(ref, str) and "/" in ref and ref.partition("/")[0] not in catalogs:
            raise unsafe(
                f"{RECORDS} 中的记录 {op.uid[:80]} 指向规划目录“{ref.partition('/')[0][:80]}”的任务，"
                "但数据包未列出这个规划目录。",
                RECORDS,
            )
    return found


def _audit_shape(row: Any, where: str, expected_id: int) -> dict[str, Any]:
    """One decoded audit line, checked step by step; the error says which rule it breaks."""
    if not isinstance(row, dict) or set(row) != set(AUDIT_COLUMNS):
        raise unsafe(f"{where} 的字段与格式不符。", AUDIT)
    if row["id"] != expected_id:
        raise unsafe(f"{where} 的编号应为 {expected_id}（审计记录不连续）。", AUDIT)
    texts = ("at", "user", "action", "entity", "entity_uid", "prev_hash", "hash")
    if not all(isinstance(row[k], str) for k in texts) or row["action"] not in _ACTIONS:
        raise unsafe(f"{where} 的字段类型无效。", AUDIT)
    if not all(row[k] is None or isinstance(row[k], str) for k in ("before", "after")):
        raise unsafe(f"{where} 的字段类型无效。", AUDIT)
    return row


def _fast_audit(raw: bytes, expected_id: int) -> dict[str, Any] | None:
    """The audit line through msgspec's struct, or None where it or the id and action rules refuse it."""
    try:
        row = msgspec.structs.asdict(_AUDIT.decode(raw))
    except msgspec.DecodeError:
        return None
    return row if row["id"] == expected_id and row["action"] in _ACTIONS else None


def audit_rows(path: Path | None, manifest: Manifest, head: tuple[int, str] | None) -> Iterator[dict[str, Any]]:
    """The audit slice, checked row by row: contiguous ids, recomputed hashes, and a chain that continues
    the office's copy of this unit's trail (a full bundle starts it from the beginning)."""
    expected_id = manifest.audit_from
    if manifest.kind == "full":
        if manifest.audit_from != 1:
            raise unsafe(f"完整数据包的审计记录应从第 1 条开始（实为第 {manifest.audit_from} 条）。", AUDIT)
        prev = GENESIS
    elif head is None:
        prev = GENESIS if manifest.audit_from == 1 else ""
    elif head[0] == manifest.audit_from - 1:
        prev = head[1]
    else:
        raise BundleError(
            Outcome.BROKEN_CHAIN,
            f"审计记录不衔接：省局已有到第 {head[0]} 条，数据包从第 {manifest.audit_from} 条开始。",
            AUDIT,
        )
    for number, raw in _raw_lines(path, AUDIT):
        where = f"{AUDIT} 第 {number} 行"
        row = _fast_audit(raw, expected_id) or _audit_shape(_json(raw, number, AUDIT), where, expected_id)
        if prev and row["prev_hash"] != prev:
            raise BundleError(Outcome.BROKEN_CHAIN, f"{where} 与前一条审计记录不衔接（审计链断裂）。", AUDIT)
        computed = row_hash(*_HASHED(row))
        if computed != row["hash"]:
            raise unsafe(f"{where} 的哈希不符（审计记录被改动）。", AUDIT)
        prev = row["hash"]
        expected_id += 1
        yield row
    if expected_id != manifest.audit_to + 1:
        raise unsafe(f"审计记录应到第 {manifest.audit_to} 条，实际只到第 {expected_id - 1} 条。", AUDIT)
