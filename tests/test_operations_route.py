"""Every edit takes one route: the window and the command line write only through desktop.services.operations.

A dialog that edits is given its operation with `RecordDialog.perform_on_save`, which runs it through the
session (undo step, audit row, refresh, the refusal shown in the dialog); a dialog's `save` set from outside
it, or to a lambda, is a second route and fails the test too.

The store's write methods are found by reading the store classes (a method that opens a transaction, sets
a meta value, appends an audit row or calls another write method of its class); then every module under
desktop/ui and desktop/cli is read with `ast`, and a call of such a method on the store's repositories (or on
a repository the module builds itself, or on a name bound to either), or of a key-file writer of
desktop.services.keys or office_keys, fails the test.
"""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from pathlib import Path

import pytest

import desktop.store as store_package
from desktop.store import Store
from desktop.store.db import Database
from desktop.store.exports import ExportRepo
from desktop.store.office import OfficeRepo
from desktop.store.office_records import OfficeRecords

REPO = Path(__file__).resolve().parents[1]
# Opening or creating a home is not an edit of one; everything else on the store that writes is.
NOT_EDITS = {"open", "create", "__init__", "__enter__", "__exit__", "close"}
WRITE_CALLS = {"transaction", "set_meta"}
OUTSIDE_STORE = (OfficeRepo, ExportRepo, OfficeRecords)  # repositories services build on the store's connection
KEY_WRITES = {"create_unit_key", "rotate_unit_key", "import_office_key", "create_office_key"}  # key-file writers


def _name(node: ast.expr) -> str:
    """The last name of an expression (`self._audit` -> `_audit`), or "" for anything else."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _direct_writes(cls: type) -> dict[str, set[str]]:
    """For each method of `cls`: the names of the calls that write, and of the methods of self it calls."""
    calls: dict[str, set[str]] = {}
    for name, function in inspect.getmembers(cls, inspect.isfunction):
        if name in NOT_EDITS:
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                found.add(node.func.attr)
                if node.func.attr == "append" and _name(node.func.value).endswith("audit"):
                    found.add("audit.append")  # an audit row, not a list
        calls[name] = found
    return calls


def write_methods(cls: type) -> set[str]:
    calls = _direct_writes(cls)
    writes = {name for name, found in calls.items() if found & (WRITE_CALLS | {"audit.append"})}
    if cls is Database:
        writes.add("transaction")
    while True:  # a method that calls a write method of its own class writes too
        more = {name for name, found in calls.items() if found & writes} - writes
        if not more:
            return writes
        writes |= more


def store_attributes() -> dict[str, type]:
    """The repositories a Store holds, by attribute name, read from Store.__init__."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(Store.__init__)))
    found: dict[str, type] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Attribute)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
        ):
            cls = vars(store_package).get(node.value.func.id)
            if isinstance(cls, type):
                found[node.targets[0].attr] = cls
    return found


@functools.cache
def _forbidden() -> tuple[dict[str, set[str]], dict[str, set[str]], set[str]]:
    by_attribute = {name: write_methods(cls) for name, cls in store_attributes().items()}
    by_class = {cls.__name__: write_methods(cls) for cls in OUTSIDE_STORE}
    return by_attribute, by_class, write_methods(Store)


def direct_writes(path: Path) -> list[str]:
    """`path:line  receiver.method` for each store write the module makes itself."""
    by_attribute, by_class, on_store = _forbidden()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    aliases: dict[str, set[str]] = {}  # a local name bound to a repository -> its write methods
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            value = node.value
            if isinstance(value, ast.Attribute) and value.attr in by_attribute:
                aliases[node.targets[0].id] = by_attribute[value.attr]
            elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in by_class:
                aliases[node.targets[0].id] = by_class[value.func.id]
    where = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, node.func.value
        writes: set[str] = set()
        if isinstance(receiver, ast.Attribute) and receiver.attr in by_attribute:
            writes = by_attribute[receiver.attr]
        elif isinstance(receiver, ast.Name) and receiver.id in aliases:
            writes = aliases[receiver.id]
        elif isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id in by_class:
            writes = by_class[receiver.func.id]
        elif "store" in _name(receiver):
            writes = on_store
        elif _name(receiver) in ("keys", "office_keys"):
            writes = KEY_WRITES
        if method in writes:
            found.append(f"{where}:{node.lineno}  {ast.unparse(node.func)}")
    return found


def test_the_store_write_methods_are_found() -> None:
    """The scan is only as good as its list: the edits every user makes must be on it, the reads must not."""
    by_attribute, by_class, on_store = _forbidden()
    assert {"add", "update", "delete"} <= by_attribute["measures"]
    assert {"add", "update", "mark_done", "delete"} <= by_attribute["milestones"]
    assert {"record", "delete"} <= by_attribute["progress"]
    assert {"submit", "approve", "return_", "reopen"} <= by_attribute["reviews"]
    assert {"add", "add_many", "delete"} <= by_attribute["evidence"]
    assert {"add", "set_password", "set_active", "set_role", "new_recovery_code", "record_sign_in"} <= by_attribute[
        "users"
    ]
    assert {"authenticate", "reset_with_recovery_code"} <= by_attribute["users"]
    assert "set_thresholds" in by_attribute["settings"]
    assert "load_catalog" in by_attribute["plan"]
    assert {"set_meta", "transaction"} <= by_attribute["database"]
    assert "set_unit" in on_store
    assert {"enroll", "revoke", "allow_resync"} <= by_class["OfficeRepo"]
    reads = {"get", "find", "count", "tasks", "targets", "thresholds", "units", "is_locked", "verify", "meta"}
    for writes in (*by_attribute.values(), *by_class.values(), on_store):
        assert not writes & reads


def test_the_scan_catches_each_way_of_calling_the_store(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        textwrap.dedent(
            """
            def edit(session, store, office_store):
                session.store.measures.add(1, "x")
                reviews = store.reviews
                reviews.approve("2026-Q4")
                OfficeRepo(office_store.database, office_store.audit).revoke("GD-X", "lost")
                office = OfficeRepo(office_store.database, office_store.audit)
                office.enroll("GD-X", "k", "p")
                store.set_unit("GD-X", "x")
                store.measures.find()
                office.units()
                keys.import_office_key(store.home, "office.pub")
                keys.unit_public_key(store.home)
            """
        ),
        encoding="utf-8",
    )
    found = direct_writes(sample)
    assert [line.split("  ")[1] for line in found] == [
        "session.store.measures.add",
        "reviews.approve",
        "OfficeRepo(office_store.database, office_store.audit).revoke",
        "office.enroll",
        "store.set_unit",
        "keys.import_office_key",
    ]


@pytest.mark.parametrize("layer", ["ui", "cli"])
def test_the_window_and_the_command_line_write_only_through_operations(layer: str) -> None:
    found = [line for path in sorted((REPO / "desktop" / layer).rglob("*.py")) for line in direct_writes(path)]
    assert not found, "call an operation of desktop.services.operations instead:\n" + "\n".join(found)


def ad_hoc_saves(path: Path) -> list[str]:
    """`path:line  target` for each dialog save wired by hand: `x.save = ...` on anything but `self`, or a
    lambda given to any `save` (an edit through a dialog goes through `RecordDialog.perform_on_save`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    where = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if not (isinstance(target, ast.Attribute) and target.attr == "save"):
                continue
            own = isinstance(target.value, ast.Name) and target.value.id == "self"
            if not own or isinstance(value, ast.Lambda):
                found.append(f"{where}:{node.lineno}  {ast.unparse(target)}")
    return found


def test_the_save_scan_catches_a_dialog_wired_by_hand(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        textwrap.dedent(
            """
            def add(self):
                dialog = MeasureDialog("任务", None, today, self)
                dialog.save = lambda: ops.add_measure(self.session.store, 1, **dialog.values())
                self.dialog.save = functools.partial(ops.add_measure, self.session.store, 1)
                dialog.perform_on_save(self.session, lambda store: ops.add_measure(store, 1), self)

            class OwnDialog(RecordDialog):
                def __init__(self):
                    self.save = self._save
                    self.save = lambda: ops.set_thresholds(self.session.store, 5)
            """
        ),
        encoding="utf-8",
    )
    assert [line.split("  ")[1] for line in ad_hoc_saves(sample)] == ["dialog.save", "self.dialog.save", "self.save"]


@pytest.mark.parametrize("layer", ["ui", "cli"])
def test_dialogs_save_only_through_the_operations_route(layer: str) -> None:
    found = [line for path in sorted((REPO / "desktop" / layer).rglob("*.py")) for line in ad_hoc_saves(path)]
    assert not found, "give the dialog its operation with RecordDialog.perform_on_save instead:\n" + "\n".join(found)
