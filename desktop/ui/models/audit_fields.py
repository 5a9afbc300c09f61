"""Audit record fields on screen: a label for every field the store writes into an audit row's before/after,
and each value shown as the rest of the window shows it (dates, statuses, roles, periods, related records by
title). Clerks read Chinese only; the store's column names are English."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.domain.status import ReviewState
from desktop.ui.format import local_time, number_text, period_code_label, size_text
from desktop.ui.i18n import tr, tr_noop

# In the order a clerk reads a record: what it is, where it belongs, what it says, then bookkeeping.
FIELDS = {
    "title": tr_noop("名称"),
    "name": tr_noop("名称"),
    "code": tr_noop("单位代码"),
    "task_id": tr_noop("所属任务"),
    "task_uid": tr_noop("所属任务"),
    "measure_id": tr_noop("所属措施"),
    "measure_uid": tr_noop("所属措施"),
    "item_id": tr_noop("所属事项"),
    "item_uid": tr_noop("所属事项"),
    "department": tr_noop("责任部门"),
    "person": tr_noop("责任人"),
    "co_units": tr_noop("配合单位"),
    "start_date": tr_noop("开始日期"),
    "due_date": tr_noop("期限"),
    "target_value": tr_noop("目标值"),
    "target_unit": tr_noop("计量单位"),
    "target_key": tr_noop("对应指标"),
    "actual_value": tr_noop("实际值"),
    "achieved_date": tr_noop("完成日期"),
    "period": tr_noop("报告期"),
    "status": tr_noop("状态"),
    "percent": tr_noop("完成百分比"),
    "note": tr_noop("进展说明"),
    "action": tr_noop("操作"),
    "state": tr_noop("审核状态"),
    "comment": tr_noop("审核意见"),
    "role": tr_noop("角色"),
    "active": tr_noop("在用"),
    "password": tr_noop("密码"),
    "ok": tr_noop("登录成功"),
    "failures": tr_noop("连续输错次数"),
    "issued": tr_noop("已生成恢复码"),
    "used": tr_noop("恢复码核对通过"),
    "due_soon_days": tr_noop("临近到期提醒（天）"),
    "original_name": tr_noop("文件名"),
    "category": tr_noop("类别"),
    "size": tr_noop("大小"),
    "media_type": tr_noop("文件类型"),
    "sha256": tr_noop("SHA-256"),
    "kind": tr_noop("类型"),
    "seq": tr_noop("序号"),
    "records": tr_noop("记录"),
    "evidence": tr_noop("佐证材料"),
    "destination": tr_noop("写到"),
    "held_periods": tr_noop("留在本机的报告期"),
    "bundle_hash": tr_noop("数据包哈希"),
    "unit": tr_noop("单位"),
    "key_id": tr_noop("密钥编号"),
    "what": tr_noop("登记结果"),
    "reason": tr_noop("原因"),
    "last_seq": tr_noop("最近序号"),
    "resync": tr_noop("重新同步"),
    "id": tr_noop("编号"),
    "uid": tr_noop("记录标识"),
    "created_at": tr_noop("创建时间"),
    "updated_at": tr_noop("修改时间"),
    "updated_by": tr_noop("填报人"),
    "added_by": tr_noop("添加人"),
    "added_at": tr_noop("添加时间"),
}
_ORDER = {key: n for n, key in enumerate(FIELDS)}
# A related record is named by its uid; the row id beside it names the same record and is left out.
REFERENCES = {"task_id": "task_uid", "measure_id": "measure_uid", "item_id": "item_uid"}
_STAMPS = {"created_at", "updated_at", "added_at"}
_NUMBERS = {"target_value", "actual_value"}
# Words the store writes in English, as the window says them elsewhere.
WORDS = {
    "action": {
        "submit": tr_noop("提交审核"),
        "approve": tr_noop("审核通过"),
        "return": tr_noop("退回"),
        "reopen": tr_noop("重新打开"),
        "export": tr_noop("导出"),
        "resend": tr_noop("重新写出"),
        "enroll": tr_noop("登记公钥"),
        "revoke": tr_noop("吊销"),
        "resync": tr_noop("允许重新同步"),
        "rotate_key": tr_noop("更换签名密钥"),
        "dismiss": tr_noop("搁置数据包"),
    },
    "kind": {"full": tr_noop("完整数据包"), "delta": tr_noop("变化数据包")},
    "what": {
        "new": tr_noop("新登记"),
        "rotated": tr_noop("更换密钥"),
        "re-enrolled": tr_noop("重新登记"),
        "unchanged": tr_noop("未改动"),
    },
    "password": {"changed": tr_noop("已修改"), "reset with recovery code": tr_noop("已用恢复码重设")},
}
EMPTY = "—"
# Names a related record by its uid: its title, or None when it no longer exists.
Titles = Callable[[str], str | None]


@dataclass(frozen=True)
class FieldLine:
    label: str
    value: str
    changed: bool


def field_label(key: str) -> str:
    return tr(FIELDS[key]) if key in FIELDS else key


def field_names(keys: list[str]) -> str:
    """Changed fields by name, each once (a record's id and its uid name the same thing)."""
    return tr("、").join(dict.fromkeys(field_label(k) for k in keys))


def short_uid(uid: str) -> str:
    """A uid too long to read: a task's number (catalog/1.2), or the first 8 characters of a random uid."""
    if "/" in uid:
        return uid.rsplit("/", 1)[1]
    return uid[:8] + "…" if len(uid) > 12 else uid


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_value(key: str, value: Any, titles: Titles | None = None) -> str:
    """One value as the window shows it elsewhere; anything unrecognised is shown as it was stored."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return tr("是") if value else tr("否")
    if key in WORDS and isinstance(value, str):
        word = WORDS[key].get(value)
        return tr(word) if word else value
    if key in ("status", "role") and isinstance(value, str):
        return tr(value)
    if key == "state" and isinstance(value, str):
        try:
            return tr(ReviewState(value).label)
        except ValueError:
            return value
    if key == "period" and isinstance(value, str):
        return period_code_label(value)
    if key == "held_periods" and isinstance(value, list):
        return tr("、").join(period_code_label(str(v)) for v in value)
    if key == "percent" and isinstance(value, int | float):
        return f"{value:g}%"
    if key in _NUMBERS and isinstance(value, int | float):
        return number_text(float(value))
    if key == "size" and isinstance(value, int):
        return size_text(value)
    if key in _STAMPS and isinstance(value, str):
        return local_time(value)
    if key in REFERENCES.values() and isinstance(value, str):
        title = titles(value) if titles else None
        return _clip(title) if title else short_uid(value)
    if isinstance(value, list):
        return tr("、").join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def load(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def field_lines(data: dict[str, Any], other: dict[str, Any] | None, titles: Titles | None = None) -> list[FieldLine]:
    """A record's fields, labelled and in reading order; `changed` where `other` (the other side of an
    update) holds a different value. Unknown fields come last under their own name, so nothing is hidden."""
    return [
        FieldLine(
            field_label(k),
            field_value(k, data[k], titles),
            other is not None and k != "updated_at" and other.get(k) != data[k],
        )
        for k in reading_order(data)
    ]


def reading_order(data: dict[str, Any]) -> list[str]:
    """The keys to show, in FIELDS order (unknown ones last); a row id beside its uid twin is left out."""
    keys = [k for k in data if not (k in REFERENCES and REFERENCES[k] in data)]
    return sorted(keys, key=lambda k: (_ORDER.get(k, len(_ORDER)), k))


def detail_text(text: str | None, other: str | None = None, titles: Titles | None = None) -> str:
    """One side of an audit row as 'label：value' lines (what the 修改前/修改后 panes show)."""
    return "\n".join(line_text(line) for line in detail_lines(text, other, titles))


def line_text(line: FieldLine) -> str:
    return tr("{label}：{value}").format(label=line.label, value=line.value) if line.label else line.value


def detail_lines(text: str | None, other: str | None = None, titles: Titles | None = None) -> list[FieldLine]:
    data = load(text)
    if not isinstance(data, dict):
        return [FieldLine("", text or "", False)] if text else []
    counterpart = load(other)
    return field_lines(data, counterpart if isinstance(counterpart, dict) else None, titles)
