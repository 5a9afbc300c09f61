"""Operations on the plans the office issues: store a checked catalog (a new plan or a new version)."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.errors import InputError
from desktop.services.catalogs import IssuePlan, plan_issue
from desktop.services.operations.base import Change, Outcome
from desktop.store import Store
from desktop.store.catalogs import IssuedCatalog, OfficeCatalogs


def problems_text(plan: IssuePlan) -> str:
    lines = [f"{plan.source.name} 有 {len(plan.problems)} 处问题，什么都没有保存；请改正后重新导入："]
    lines += [f"  {p.text()}" for p in plan.problems]
    return "\n".join(lines)


def issue_catalog(store: Store, source: Path) -> Outcome[IssuedCatalog | None]:
    """Check `source` again and store it in one transaction (audited). A file identical to a version already
    issued stores nothing (value None); any problem refuses the whole file with every problem listed."""
    with store.database.transaction():
        plan = plan_issue(store, source)
        if plan.problems:
            raise InputError(problems_text(plan))
        if plan.already_issued or plan.content is None:
            return Outcome(None, Change.NONE)
        changes = plan.changes.as_dict() if plan.changes else None
        issued = OfficeCatalogs(store.database, store.audit).add(plan.content, changes)
    return Outcome(issued, Change.STRUCTURE, (f"{issued.id}@{issued.version}",))
