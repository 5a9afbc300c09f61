"""What one import did, counted the same way by the command line and the office window."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.bundle.format import Outcome


@dataclass(frozen=True)
class IntakeCounts:
    """What one import did, counted over the bundles found on the medium (a bundle waiting from an earlier
    import and applied now is counted apart, in `from_held`)."""

    found: int
    accepted: int
    waiting: int
    refused: int
    dismissed: int
    from_held: int


def count_results(results: list[tuple[str, bool]]) -> IntakeCounts:
    """Counts from (outcome value, from_held) pairs: the service's results, or the lines of `--json` output."""
    offered = [Outcome(outcome) for outcome, from_held in results if not from_held]
    return IntakeCounts(
        found=len(offered),
        accepted=sum(1 for o in offered if o in (Outcome.ACCEPTED, Outcome.ALREADY_IMPORTED)),
        waiting=sum(1 for o in offered if o is Outcome.GAP),
        refused=sum(1 for o in offered if not o.ok and o is not Outcome.GAP),
        dismissed=sum(1 for o in offered if o is Outcome.DISMISSED),
        from_held=sum(1 for outcome, from_held in results if from_held and Outcome(outcome).ok),
    )
