"""Records of a unit's store as plain, typed values. The store returns these, never database rows.

Records here and in desktop/store are msgspec Structs, not dataclasses: a Struct class is made and built
many times faster than a frozen dataclass, which counts where the window's start-up makes ~30 record classes
and the overview ~7,000 records (figures in docs/gui.md, "Start-up time"). tests/core/test_records.py keeps
new records Structs.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

import msgspec

from desktop.domain.status import ReviewState, Role, Status


class ItemKind(Enum):
    TASK = "task"
    MEASURE = "measure"
    MILESTONE = "milestone"

    @property
    def label(self) -> str:
        return {"task": "任务", "measure": "措施", "milestone": "时间节点"}[self.value]


class Unit(msgspec.Struct, frozen=True):
    code: str
    name: str
    catalog_id: str
    catalog_version: str


class Project(msgspec.Struct, frozen=True):
    id: int
    number: int  # 1-based within its plan: every plan numbers its projects from 1
    name: str
    catalog: str = ""  # the plan (catalog id) it belongs to


class Task(msgspec.Struct, frozen=True):
    id: int
    uid: str
    project: int  # project number, 1-based
    seq: int
    key: str
    text: str
    catalog: str = ""  # the plan (catalog id) it belongs to
    retired: str | None = None  # the plan version that retired it (已调整): its records are read-only

    @property
    def label(self) -> str:
        """How the plan tree and lists mark a retired task."""
        return f"{self.text}（已调整）" if self.retired else self.text


class Measure(msgspec.Struct, frozen=True):
    id: int
    uid: str
    task_id: int
    title: str
    department: str
    person: str
    co_units: str
    start_date: dt.date | None
    due_date: dt.date | None
    created_at: str
    updated_at: str


class Milestone(msgspec.Struct, frozen=True):
    id: int
    uid: str
    task_id: int
    measure_id: int | None
    title: str
    due_date: dt.date
    target_value: float | None
    target_unit: str
    target_key: str | None
    actual_value: float | None
    achieved_date: dt.date | None
    created_at: str
    updated_at: str

    @property
    def done(self) -> bool:
        return self.achieved_date is not None


class ProgressEntry(msgspec.Struct, frozen=True):
    id: int
    uid: str
    item_id: int
    period: str
    status: Status
    percent: int
    note: str
    updated_at: str
    updated_by: str


class ReviewRecord(msgspec.Struct, frozen=True):
    period: str
    state: ReviewState
    updated_at: str
    updated_by: str
    comment: str


class User(msgspec.Struct, frozen=True):
    id: int
    name: str
    display_name: str
    role: Role
    active: bool
    failed_logins: int
    locked_until: str | None
    created_at: str


class EvidenceRecord(msgspec.Struct, frozen=True):
    id: int
    uid: str
    item_id: int
    sha256: str
    title: str
    category: str
    original_name: str
    size: int
    media_type: str
    added_by: str
    added_at: str
    period: str | None = None  # the reporting period the file belongs to (its code), or None: not set


class AuditEntry(msgspec.Struct, frozen=True):
    id: int
    at: str
    user: str
    action: str
    entity: str
    entity_uid: str
    before: str | None
    after: str | None
    prev_hash: str
    hash: str


class Target(msgspec.Struct, frozen=True):
    key: str
    name: str
    unit: str
    task_id: int | None
    goals: tuple[tuple[int, float], ...]
    catalog: str = ""
    retired: str | None = None
