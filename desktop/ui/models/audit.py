"""Audit entries on screen: Chinese names for actions and record types, and a one-line summary."""

from __future__ import annotations

import json
from typing import Any

from desktop.domain.model import AuditEntry
from desktop.ui.format import local_time
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.models.table import RIGHT, Column

ACTIONS = {"insert": tr_noop("新增"), "update": tr_noop("修改"), "delete": tr_noop("删除"), "event": tr_noop("事件")}
ENTITIES = {
    "measure": tr_noop("措施"),
    "milestone": tr_noop("时间节点"),
    "progress": tr_noop("进度"),
    "evidence": tr_noop("佐证材料"),
    "review": tr_noop("审核"),
    "user": tr_noop("用户"),
    "login": tr_noop("登录"),
    "recovery_code": tr_noop("恢复码"),
    "unit": tr_noop("单位信息"),
    "catalog": tr_noop("规划目录"),
    "setting": tr_noop("设置"),
    "bundle": tr_noop("数据包"),
}
# Record fields as a clerk knows them (the store's column names are English).
FIELDS = {
    "title": tr_noop("名称"),
    "department": tr_noop("责任部门"),
    "person": tr_noop("责任人"),
    "co_units": tr_noop("配合单位"),
    "start_date": tr_noop("开始日期"),
    "due_date": tr_noop("期限"),
    "task_id": tr_noop("所属任务"),
    "task_uid": tr_noop("所属任务"),
    "measure_id": tr_noop("所属措施"),
    "measure_uid": tr_noop("所属措施"),
    "target_value": tr_noop("目标值"),
    "target_unit": tr_noop("计量单位"),
    "target_key": tr_noop("对应指标"),
    "actual_value": tr_noop("实际值"),
    "achieved_date": tr_noop("完成日期"),
    "code": tr_noop("单位代码"),
    "name": tr_noop("名称"),
    "role": tr_noop("角色"),
    "active": tr_noop("在用"),
    "action": tr_noop("操作"),
    "kind": tr_noop("类型"),
    "seq": tr_noop("序号"),
    "records": tr_noop("记录"),
    "evidence": tr_noop("佐证材料"),
    "destination": tr_noop("写到"),
    "held_periods": tr_noop("留在本机的报告期"),
    "bundle_hash": tr_noop("数据包哈希"),
}


def field_names(keys: list[str]) -> str:
    """Changed fields by name, each once (a record's id and its uid name the same thing)."""
    names = dict.fromkeys(tr(FIELDS.get(k, k)) for k in keys)
    return tr("、").join(names)


def _load(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return tr("是") if value else tr("否")
    if isinstance(value, list):
        return tr("、").join(str(v) for v in value)
    return str(value)


def summary(entry: AuditEntry) -> str:
    """What happened, in a few words: the record's title and the fields that matter."""
    after, before = _load(entry.after), _load(entry.before)
    data = after if isinstance(after, dict) else before if isinstance(before, dict) else {}
    if entry.entity == "login":
        return tr("登录成功") if data.get("ok") else tr("密码错误")
    if entry.entity == "progress":
        return f"{data.get('period', '')} {data.get('status', '')} {data.get('percent', '')}% {data.get('note', '')}"
    if entry.entity == "review":
        action = {
            "submit": tr_noop("提交审核"),
            "approve": tr_noop("审核通过"),
            "return": tr_noop("退回"),
            "reopen": tr_noop("重新打开"),
        }
        text = tr(action.get(str(data.get("action", "")), str(data.get("state", ""))))
        comment = data.get("comment")
        return f"{entry.entity_uid} {text}" + (tr("：{comment}").format(comment=comment) if comment else "")
    if entry.entity == "evidence":
        return str(data.get("original_name", ""))
    if entry.entity in ("measure", "milestone"):
        title = str(data.get("title", ""))
        if entry.action == "update" and isinstance(before, dict) and isinstance(after, dict):
            fields = [k for k in after if k not in ("updated_at",) and after.get(k) != before.get(k)]
            if fields:
                return tr("{title}（{fields}）").format(title=title, fields=field_names(fields))
        return title
    if isinstance(data, dict) and data:
        return tr("，").join(f"{tr(FIELDS.get(str(k), str(k)))}={_value(v)}" for k, v in data.items())[:120]
    return ""


def audit_columns() -> list[Column[AuditEntry]]:
    return [
        Column(tr("序号"), lambda e: str(e.id), RIGHT),
        Column(tr("时间"), lambda e: local_time(e.at), tooltip=lambda e: e.at),
        Column(tr("用户"), lambda e: e.user),
        Column(tr("操作"), lambda e: tr(ACTIONS.get(e.action, e.action))),
        Column(tr("对象"), lambda e: tr(ENTITIES.get(e.entity, e.entity))),
        Column(tr("内容"), summary, tooltip=lambda e: f"{e.entity_uid}\n{summary(e)}"),
    ]


def pretty(text: str | None) -> str:
    data = _load(text)
    if data is None:
        return text or ""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
