"""Re-hash every stored evidence file of a home, unit or office, and name each one missing or altered.

The window's menu item and the command line read the same result; only the office's store keeps files by
hash alone (units sent them), so its lines name the hash where a unit's name the files.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.store import Store
from desktop.store.files import Progress


@dataclass(frozen=True)
class EvidenceCheck:
    problems: tuple[str, ...]  # one line per missing or altered file, in the user's words
    checked: int  # evidence records (a unit) or files (the office) found intact or not


def check_all_evidence(store: Store, progress: Progress | None = None) -> EvidenceCheck:
    if store.kind == "office":
        from desktop.services.office import evidence as office_evidence

        found, total = office_evidence.verify_all(store, progress)
        return EvidenceCheck(tuple(f"{problem}：sha256 {sha[:16]}…" for sha, problem in found), total)
    problems = store.evidence.verify(progress)
    return EvidenceCheck(tuple(f"{'、'.join(p.names)}：{p.message}" for p in problems), store.evidence.count())
