"""The audit trail on screen names changed fields and record types in Chinese, never the store's column names."""

from __future__ import annotations

import datetime as dt
import json

from desktop.domain.model import AuditEntry
from desktop.store import Store
from desktop.ui.models.audit import audit_columns, summary


def test_changed_fields_of_a_milestone_are_named_in_chinese(store: Store) -> None:
    measure = store.measures.add(3, "开展全员轮训", department="政治处")
    milestone = store.milestones.add(measure.id, "完成第一期轮训", dt.date(2026, 6, 30), target_value=100)
    store.milestones.update(milestone.id, actual_value=100, achieved_date=dt.date(2026, 6, 28))
    store.measures.update(measure.id, department="狱政科", due_date=dt.date(2026, 12, 31))
    updates = {e.entity: summary(e) for e in store.audit.entries() if e.action == "update"}
    assert updates["milestone"] == "完成第一期轮训（完成日期、实际值）"
    assert updates["measure"] == "开展全员轮训（责任部门、期限）"


def test_users_and_bundles_are_shown_without_english_keys(store: Store) -> None:
    entries = store.audit.entries(entity="user")
    assert entries
    text = summary(entries[-1])
    assert "name=" not in text and "role=" not in text
    assert "名称=reviewer" in text and "角色=审核员" in text
    kinds = {audit_columns()[4].text(e) for e in store.audit.entries()}
    assert all(not k.isascii() for k in kinds), kinds


def test_an_export_entry_reads_in_chinese() -> None:
    after = json.dumps({"action": "export", "kind": "delta", "seq": 3, "held_periods": ["2026", "2026-01"]})
    entry = AuditEntry(7, "2026-11-26T20:18:37Z", "张三", "event", "bundle", "GD-GZ01-3", None, after, "", "")
    assert audit_columns()[4].text(entry) == "数据包"
    assert summary(entry) == "操作=导出，类型=变化数据包，序号=3，留在本机的报告期=2026年度、2026年1月"
