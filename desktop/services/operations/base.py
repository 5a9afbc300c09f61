"""What every operation hands back: the value it made, which kinds of data changed, and how to take it back.

An operation is a plain function `op(store, ...) -> Outcome[T]`. It validates (through the store), writes in
one transaction with its audit row, and says what changed so that each view refreshes only that.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Flag, auto
from typing import TYPE_CHECKING, Generic, TypeVar

import msgspec

if TYPE_CHECKING:
    from desktop.store import Store

T_co = TypeVar("T_co", covariant=True)


class Change(Flag):
    """Kinds of data an edit touches; a view refreshes when one it shows is among them."""

    NONE = 0
    STRUCTURE = auto()  # measures or milestones added, edited or deleted
    PROGRESS = auto()
    EVIDENCE = auto()
    REVIEW = auto()
    USERS = auto()
    SETTINGS = auto()
    UNIT = auto()
    ALL = STRUCTURE | PROGRESS | EVIDENCE | REVIEW | USERS | SETTINGS | UNIT


class Undo(msgspec.Struct, frozen=True):
    """The inverse of one edit. `label` is a Chinese template with `{title}` (a window translates it first);
    steps with the same non-empty `key` fold together, so typing a note is undone in one go."""

    label: str
    title: str
    apply: Callable[[Store], object]
    changes: Change
    key: tuple[object, ...] = ()

    def text(self, translate: Callable[[str], str] = str) -> str:
        return translate(self.label).format(title=self.title)


class Outcome(msgspec.Struct, Generic[T_co], frozen=True):
    """The result of one operation: `value` (the record written, or None), the kinds of data changed, the ids
    of the records touched, and the undo step if the edit can be taken back."""

    value: T_co
    changes: Change
    ids: tuple[int | str, ...] = ()
    undo: Undo | None = None
