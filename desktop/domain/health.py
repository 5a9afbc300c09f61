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


# Members as module constants: the roll-up calls these for every measure and milestone before the main window's
# first paint, and each `Light.X` / `Status.X` lookup goes through the enum's descriptor (Python 3.11).
_GREY, _GREEN, _YELLOW, _RED = Light.GREY, Light.GREEN, Light.YELLOW, Light.RED
_DONE, _LAGGING = Status.DONE, Status.LAGGING
_RANK = {light: light.value for light in Light}


def due_light(due: dt.date | None, done: bool, today: dt.date, thresholds: Thresholds) -> Light:
    if done or due is None:
        return _GREEN
    if due < today:
        return _RED
    if (due - today).days <= thresholds.due_soon_days:
        return _YELLOW
    return _GREEN


def progress_light(status: Status | None, due: dt.date | None, today: dt.date, thresholds: Thresholds) -> Light:
    if status is _LAGGING:
        return _RED
    dated = due_light(due, status is _DONE, today, thresholds)
    if status is None and dated is _GREEN:
        return _GREY
    return dated


def worst(lights: Iterable[Light], default: Light = Light.GREY) -> Light:
    return max(lights, key=_RANK.__getitem__, default=default)
