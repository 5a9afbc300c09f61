"""Operations on the plans the office issues: store a checked catalog (a new plan or a new version)."""

from __future__ import annotations

from desktop.domain.catalog_versions import check_issue
from desktop.domain.errors import InputError
from desktop.services.catalogs import IssuePlan, list_catalogs
from desktop.services.operations.base import Change, Outcome
from desktop.store import Store
from desktop.store.catalogs import IssuedCatalog, OfficeCatalogs


def problems_text(plan: IssuePlan) -> str:
    lines = [f"{plan.source.name} 有 {len(plan.problems)} 处问题，什么都没有保存；请改正后重新导入："]
    lines += [f"  {p.text()}" for p in plan.problems]
    return "\n".join(lines)


def issue_catalog(store: Store, plan: IssuePlan) -> Outcome[IssuedCatalog | None]:
    """Store the catalog `plan_issue` checked (and the clerk confirmed) in one audited transaction. The versions
    already issued are checked again inside it; a catalog identical to an issued version stores nothing (None)."""
    if plan.problems or plan.content is None:
        raise InputError(problems_text(plan))
    with store.database.transaction():
        check = check_issue(plan.content, [e.content for e in list_catalogs(store)])
        if check.problems:
            raise InputError(
                f"{plan.source.name}：{check.problems[0].message}（省局刚有人发布了同一规划？请重新导入查看。）"
            )
        if check.already_issued:
            return Outcome(None, Change.NONE)
        changes = check.changes.as_dict() if check.changes else None
        issued = OfficeCatalogs(store.database, store.audit).add(plan.content, changes)
    return Outcome(issued, Change.STRUCTURE, (f"{issued.id}@{issued.version}",))
