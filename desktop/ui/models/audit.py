"""Audit entries on screen: Chinese names for actions and record types, and a one-line summary."""

from __future__ import annotations

from desktop.domain.model import AuditEntry
from desktop.ui.format import local_time
from desktop.ui.i18n import tr, tr_noop
from desktop.ui.models.audit_fields import WORDS, field_label, field_names, field_value, load, reading_order
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


def summary(entry: AuditEntry) -> str:
    """What happened, in a few words: the record's title and the fields that matter (worded as the detail panes)."""
    after, before = load(entry.after), load(entry.before)
    data = after if isinstance(after, dict) else before if isinstance(before, dict) else {}
    if entry.entity == "login":
        return tr("登录成功") if data.get("ok") else tr("密码错误")
    if entry.entity == "progress":
        parts = (field_value(k, data.get(k)) for k in ("period", "status", "percent"))
        return " ".join([*parts, str(data.get("note") or "")]).strip()
    if entry.entity == "review":
        action = WORDS["action"].get(str(data.get("action", "")))
        text = tr(action) if action else field_value("state", data.get("state"))
        comment = data.get("comment")
        return f"{field_value('period', entry.entity_uid)} {text}" + (
            tr("：{comment}").format(comment=comment) if comment else ""
        )
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
        return tr("，").join(f"{field_label(k)}={field_value(k, data[k])}" for k in reading_order(data))[:120]
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
