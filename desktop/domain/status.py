"""Progress status and the roles of users, with their Chinese names and English aliases."""

from __future__ import annotations

from enum import Enum

from desktop.domain.errors import InputError
from desktop.domain.numbers import parse_number


class Status(Enum):
    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    LAGGING = "滞后"

    @classmethod
    def parse(cls, text: str) -> Status:
        exact = _BY_VALUE.get(text)  # stored rows hold the value itself: the office reads tens of thousands
        if exact is not None:
            return exact
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        for status in cls:
            if key in (status.value, status.name.lower()):
                return status
        if key in _STATUS_ALIASES:
            return _STATUS_ALIASES[key]
        names = "、".join(s.value for s in cls)
        raise InputError(f"状态“{text}”无法识别：请使用 {names} 之一。")


_BY_VALUE = {status.value: status for status in Status}
_STATUS_ALIASES = {
    "todo": Status.NOT_STARTED,
    "pending": Status.NOT_STARTED,
    "ongoing": Status.IN_PROGRESS,
    "progress": Status.IN_PROGRESS,
    "completed": Status.DONE,
    "complete": Status.DONE,
    "late": Status.LAGGING,
    "delayed": Status.LAGGING,
    "behind": Status.LAGGING,
}


def coupled(status: Status, percent: int, *, status_chosen: bool) -> tuple[Status, int]:
    """Status and percent kept consistent as a clerk edits one of them: choosing 已完成 gives 100 and 未启动 0;
    a percent below 100 for 已完成, or above 0 for 未启动, makes the status 推进中."""
    if status_chosen:
        if status is Status.DONE:
            return status, 100
        if status is Status.NOT_STARTED:
            return status, 0
        return status, percent
    if status is Status.DONE and percent < 100 or status is Status.NOT_STARTED and percent > 0:
        return Status.IN_PROGRESS, percent
    return status, percent


class Role(Enum):
    CLERK = "填报员"
    REVIEWER = "审核员"
    ADMIN = "管理员"

    @classmethod
    def parse(cls, text: str) -> Role:
        key = text.strip().lower()
        for role in cls:
            if key in (role.value, role.name.lower()):
                return role
        if key in ("administrator", "admin"):
            return Role.ADMIN
        names = "、".join(r.value for r in cls)
        raise InputError(f"角色“{text}”无法识别：请使用 {names} 之一。")


class ReviewState(Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "submitted": "待审核", "approved": "已审核"}[self.value]


def parse_percent(value: str | int | float) -> int:
    """A completion percent: an integer 0 to 100 (the rule of desktop.domain.numbers, as the window uses it)."""
    number = parse_number(str(value), "完成百分比", minimum=0, maximum=100, integer=True, required=True)
    assert number is not None
    return int(number)
