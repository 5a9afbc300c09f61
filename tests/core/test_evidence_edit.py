"""Editing an evidence record's category (and title) after it was added: one operation for the window and the
command line, audited, refused with a message that writes nothing, and taken back by undo."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.errors import InputError
from desktop.services import operations as ops
from desktop.services.operations import Change, UndoHistory, run_undo
from desktop.services.operations.undo import UNDO_LABELS
from desktop.store import Store

from .conftest import CliResult


def _file(tmp_path: Path, name: str = "会议纪要.txt") -> Path:
    path = tmp_path / name
    path.write_text("第一次推进会纪要", encoding="utf-8")
    return path


def test_category_given_when_adding_is_stored(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    added = ops.add_evidence(store, task, [_file(tmp_path)], category=" 会议记录 ").value
    assert store.evidence.get(added[0].record.id).category == "会议记录"


def test_update_evidence_changes_category_with_one_audit_row_and_undo(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)], category="文件").value[0].record
    rows = store.audit.count()
    outcome = ops.update_evidence(store, record.id, category="照片")
    assert outcome.changes == Change.EVIDENCE and outcome.ids == (record.id,)
    assert store.evidence.get(record.id).category == "照片"
    assert store.evidence.get(record.id).sha256 == record.sha256  # the file is untouched
    assert store.audit.count() == rows + 1
    entry = store.audit.entries(entity="evidence", entity_uid=record.uid)[-1]
    assert entry.action == "update"
    assert json.loads(entry.before or "{}")["category"] == "文件"
    assert json.loads(entry.after or "{}")["category"] == "照片"
    assert outcome.undo is not None and outcome.undo.text() == "撤销修改佐证材料“会议纪要”"
    assert outcome.undo.label in UNDO_LABELS
    history = UndoHistory()
    history.push(outcome.undo)
    step = history.pop()
    assert step is not None and run_undo(step, store) is None
    assert store.evidence.get(record.id).category == "文件"
    assert store.audit.verify() == []


def test_an_empty_title_is_refused_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)], category="文件").value[0].record
    rows = store.audit.count()
    with pytest.raises(InputError, match="标题不能为空"):
        ops.update_evidence(store, record.id, title="  ", category="照片")
    assert store.evidence.get(record.id) == record
    assert store.audit.count() == rows


def test_unchanged_values_write_no_audit_row(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    record = ops.add_evidence(store, task, [_file(tmp_path)], category="文件").value[0].record
    rows = store.audit.count()
    ops.update_evidence(store, record.id, title=record.title, category="文件")
    assert store.audit.count() == rows


def test_categories_lists_the_used_ones_most_used_first(store: Store, tmp_path: Path) -> None:
    task = store.plan.tasks()[0].id
    for n, category in enumerate(("照片", "文件", "照片", "")):
        ops.add_evidence(store, task, [_file(tmp_path, f"f{n}.txt")], category=category)
    assert store.evidence.categories() == ["照片", "文件"]


def test_cli_sets_category_on_add_and_changes_it(
    cli: Callable[..., CliResult], unit_home: Path, tmp_path: Path
) -> None:
    source = _file(tmp_path)
    with Store.open(unit_home, "tester") as store:
        task = store.plan.tasks()[0].id
    added = cli("--json", "evidence", "add", str(task), str(source), "--category", "文件")
    assert added.code == 0, added.err
    evidence_id = added.json()[0]["id"]
    changed = cli("evidence", "edit", str(evidence_id), "--category", "会议记录")
    assert changed.code == 0, changed.err
    assert "会议记录" in changed.out
    listed = cli("--json", "evidence", "list")
    assert listed.json()[0]["category"] == "会议记录"
    refused = cli("evidence", "edit", str(evidence_id), "--title", "")
    assert refused.code != 0 and "标题不能为空" in refused.err
