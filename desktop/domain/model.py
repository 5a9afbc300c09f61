"""Records of a unit's store as plain, typed values. The store returns these, never database rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from desktop.domain.status import ReviewState, Role, Status


class ItemKind(Enum):
    TASK = "task"
    MEASURE = "measure"
    MILESTONE = "milestone"

    @property
    def label(self) -> str:
        return {"task": "任务", "measure": "措施", "milestone": "时间节点"}[self.value]


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    catalog_id: str
    catalog_version: str


@dataclass(frozen=True)
class Project:
    id: int
    number: int
    name: str


@dataclass(frozen=True)
class Task:
    id: int
    uid: str
    project: int  # project number, 1-based
    seq: int
    key: str
    text: str


@dataclass(frozen=True)
class Measure:
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


@dataclass(frozen=True)
class Milestone:
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


@dataclass(frozen=True)
class ProgressEntry:
    id: int
    uid: str
    item_id: int
    period: str
    status: Status
    percent: int
    note: str
    updated_at: str
    updated_by: str


@dataclass(frozen=True)
class ReviewRecord:
    period: str
    state: ReviewState
    updated_at: str
    updated_by: str
    comment: str


@dataclass(frozen=True)
class User:
    id: int
    name: str
    display_name: str
    role: Role
    active: bool
    failed_logins: int
    locked_until: str | None
    created_at: str


@dataclass(frozen=True)
class EvidenceRecord:
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


@dataclass(frozen=True)
class AuditEntry:
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


@dataclass(frozen=True)
class Target:
    key: str
    name: str
    unit: str
    task_id: int | None
    goals: tuple[tuple[int, float], ...]
