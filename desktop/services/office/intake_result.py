"""What the office's intake says about one bundle: its outcome, the words for the clerk, and the counts."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.bundle.format import Outcome


@dataclass(frozen=True)
class IntakeResult:
    source: str
    name: str
    unit: str | None
    seq: int | None
    outcome: Outcome
    message: str
    part: str | None = None
    upserts: int = 0
    deletes: int = 0
    evidence: int = 0
    quarantine: str | None = None
    from_held: bool = False
    resync: bool = False

    @property
    def ok(self) -> bool:
        return self.outcome.ok
