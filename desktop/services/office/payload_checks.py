"""Reading a decrypted payload's records and audit rows as untrusted input: every line is checked for shape
and type before it reaches the database, and the audit slice must be an unbroken hash chain."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop.domain.errors import PlanProgressError
from desktop.domain.periods import parse_period
from desktop.domain.status import ReviewState, Status
from desktop.services.bundle.format import AUDIT, RECORDS, SHA256, BundleError, Manifest, Outcome, unsafe
from desktop.store.audit import GENESIS, row_hash
from desktop.store.exports import RECORD_FIELDS
from desktop.store.office_records import AUDIT_COLUMNS, RecordOp

MAX_LINE = 16 * 1024 * 1024
_ACTIONS = {"insert", "update", "delete", "event"}


def _lines(path: Path | None, name: str) -> Iterator[tuple[int, Any]]:
    if path is None:
        return
    with open(path, "rb") as handle:
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_LINE + 1), b""), start=1):
            if len(raw) > MAX_LINE:
                raise unsafe(f"{name} 第 {number} 行过长。", name)
            try:
                yield number, json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise unsafe(f"{name} 第 {number} 行不是有效的 JSON。", name) from None


def _check_value(value: Any, kind: type, nullable: bool) -> bool:
    if value is None:
        return nullable
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str) and len(value) <= 1_000_000


def _check_semantics(entity: str, data: dict[str, Any], where: str) -> None:
    try:
        if entity in ("progress", "review") and parse_period(str(data["period"])).code != data["period"]:
            raise ValueError  # the office matches periods by their code: "2026-1" would never be found
        if entity == "progress":
            Status(data["status"])
            if not 0 <= int(data["percent"]) <= 100:
                raise ValueError
        elif entity == "review":
            ReviewState(data["state"])
            if data["uid"] != data["period"]:
                raise ValueError
        elif entity == "evidence" and (not SHA256.match(str(data["sha256"])) or int(data["size"]) < 0):
            raise ValueError
    except (ValueError, KeyError, TypeError, PlanProgressError):
        raise unsafe(f"{where} 的取值无效。", RECORDS) from None


def parse_record(number: int, line: Any) -> RecordOp:
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
    if set(data) != {name for name, _, _ in fields}:
        raise unsafe(f"{where} 的字段与格式不符。", RECORDS)
    for name, kind, nullable in fields:
        if not _check_value(data[name], kind, nullable):
            raise unsafe(f"{where} 的字段 {name} 类型无效。", RECORDS)
    if data["uid"] != uid:
        raise unsafe(f"{where} 的编号前后不一致。", RECORDS)
    _check_semantics(entity, data, where)
    floats = {name for name, kind, _ in fields if kind is float}
    return RecordOp(entity, op, uid, {k: float(v) if k in floats and v is not None else v for k, v in data.items()})


def records(path: Path | None) -> Iterator[RecordOp]:
    for number, line in _lines(path, RECORDS):
        yield parse_record(number, line)


def evidence_shas(path: Path | None) -> dict[str, int]:
    """Every evidence file the records refer to, with its size (a first pass that also validates)."""
    found: dict[str, int] = {}
    for op in records(path):
        if op.entity == "evidence" and op.data is not None:
            found[str(op.data["sha256"])] = int(op.data["size"])
    return found


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
    for number, row in _lines(path, AUDIT):
        where = f"{AUDIT} 第 {number} 行"
        if not isinstance(row, dict) or set(row) != set(AUDIT_COLUMNS):
            raise unsafe(f"{where} 的字段与格式不符。", AUDIT)
        if row["id"] != expected_id:
            raise unsafe(f"{where} 的编号应为 {expected_id}（审计记录不连续）。", AUDIT)
        texts = ("at", "user", "action", "entity", "entity_uid", "prev_hash", "hash")
        if not all(isinstance(row[k], str) for k in texts) or row["action"] not in _ACTIONS:
            raise unsafe(f"{where} 的字段类型无效。", AUDIT)
        if not all(row[k] is None or isinstance(row[k], str) for k in ("before", "after")):
            raise unsafe(f"{where} 的字段类型无效。", AUDIT)
        if prev and row["prev_hash"] != prev:
            raise BundleError(Outcome.BROKEN_CHAIN, f"{where} 与前一条审计记录不衔接（审计链断裂）。", AUDIT)
        computed = row_hash(*(row[k] for k in AUDIT_COLUMNS[:9]))
        if computed != row["hash"]:
            raise unsafe(f"{where} 的哈希不符（审计记录被改动）。", AUDIT)
        prev = row["hash"]
        expected_id += 1
        yield row
    if expected_id != manifest.audit_to + 1:
        raise unsafe(f"审计记录应到第 {manifest.audit_to} 条，实际只到第 {expected_id - 1} 条。", AUDIT)
