"""Status lights: green on track, yellow due soon, red overdue or 滞后. Thresholds are settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum

import msgspec

from desktop.domain.status import Status


class Light(Enum):
    GREY = 0  # nothing reported yet
    GREEN = 1
    YELLOW = 2
    RED = 3

    @property
    def label(self) -> str:
        return {0: "未填报", 1: "正常", 2: "临近到期", 3: "逾期/滞后"}[self.value]


class Thresholds(msgspec.Struct, frozen=True):
    due_soon_days: int = 30


def due_light(due: dt.date | None, done: bool, today: dt.date, thresholds: Thresholds) -> Light:
    if done:
        return Light.GREEN
    if due is None:
        return Light.GREEN
    if due < today:
        return Light.RED
    if (due - today).days <= thresholds.due_soon_days:
        return Light.YELLOW
    return Light.GREEN


def progress_light(status: Status | None, due: dt.date | None, today: dt.date, thresholds: Thresholds) -> Light:
    if status is Status.LAGGING:
        return Light.RED
    dated = due_light(due, status is Status.DONE, today, thresholds)
    if status is None and dated is Light.GREEN:
        return Light.GREY
    return dated


def worst(lights: Iterable[Light], default: Light = Light.GREY) -> Light:
    return max(lights, key=lambda light: light.value, default=default)
