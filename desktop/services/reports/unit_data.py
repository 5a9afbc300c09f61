"""Everything a unit report shows, gathered from the store once so PDF and Excel render the same facts."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from desktop import paths
from desktop.domain.catalog import available_catalogs
from desktop.domain.health import Light
from desktop.domain.model import EvidenceRecord, ReviewRecord, Unit
from desktop.domain.periods import Period, parse_period
from desktop.domain.status import ReviewState
from desktop.services.plans import plan_for
from desktop.store import Store
from desktop.store.exports import ExportRepo
from desktop.store.overview import ProjectView

NOT_EXPORTED = "尚未导出"


@dataclass(frozen=True)
class EvidenceLine:
    record: EvidenceRecord
    supports: str  # what the file is evidence for, e.g. "措施：… （任务 1.03）"
    task_key: str


@dataclass(frozen=True)
class UnitReportData:
    unit: Unit
    plan_title: str
    period: Period
    generated: dt.datetime
    today: dt.date
    review: ReviewRecord
    submitter: str  # "" when nobody submitted the period
    reviewer: str  # "" unless the period is approved
    last_bundle_seq: int | None
    projects: tuple[ProjectView, ...]
    evidence: tuple[EvidenceLine, ...]
    plan_id: str = ""  # the plan (catalog id) the report is of

    @property
    def bundle_text(self) -> str:
        return f"第 {self.last_bundle_seq} 批" if self.last_bundle_seq is not None else NOT_EXPORTED

    @property
    def review_text(self) -> str:
        return self.review.state.label

    def light_totals(self) -> dict[Light, int]:
        return {light: sum(p.lights.get(light, 0) for p in self.projects) for light in Light}

    def overall_percent(self) -> int:
        tasks = [t for p in self.projects for t in p.tasks]
        return round(sum(t.percent for t in tasks) / len(tasks)) if tasks else 0


def default_period(store: Store, today: dt.date) -> str:
    """The latest period with progress or a review, else the current quarter."""
    periods = store.progress.periods()
    if periods:
        return max(periods, key=lambda code: (parse_period(code).end, parse_period(code).start))
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def last_bundle_seq(store: Store) -> int | None:
    """Sequence number of the last exported bundle; None before the first export."""
    last = ExportRepo(store.database, store.audit).last()
    return last.seq if last is not None else None


def plan_title(catalog_id: str) -> str:
    for catalog in available_catalogs(paths.catalogs_dir()):
        if catalog.id == catalog_id:
            return catalog.title
    return "规划"


def _review_people(store: Store, review: ReviewRecord) -> tuple[str, str]:
    """Who last submitted the period and, if approved, who approved it (from the audit trail)."""
    names = {u.name: (u.display_name or u.name) for u in store.users.find()}
    submitter = reviewer = ""
    for entry in store.audit.entries(entity="review", entity_uid=review.period):
        try:
            action = json.loads(entry.after or "{}").get("action")
        except ValueError:
            continue
        if action == "submit":
            submitter = names.get(entry.user, entry.user)
        elif action == "approve":
            reviewer = names.get(entry.user, entry.user)
    if review.state is not ReviewState.APPROVED:
        reviewer = ""
    if review.state is ReviewState.DRAFT:
        submitter = ""
    return submitter, reviewer


def _evidence_lines(store: Store, projects: list[ProjectView]) -> tuple[EvidenceLine, ...]:
    """Evidence of the report's plan only: the files of the tasks, measures and milestones it shows."""
    labels: dict[int, tuple[str, str]] = {}
    for project in projects:
        for view in project.tasks:
            key = view.task.key
            labels[view.task.id] = (f"任务 {key}", key)
            for m in view.measures:
                labels[m.measure.id] = (f"措施：{m.measure.title}（任务 {key}）", key)
            for ms in view.milestones:
                labels[ms.milestone.id] = (f"时间节点：{ms.milestone.title}（任务 {key}）", key)
    lines = []
    for record in store.evidence.find():
        if record.item_id in labels:
            supports, key = labels[record.item_id]
            lines.append(EvidenceLine(record, supports, key))
    order = {view.task.key: n for n, view in enumerate(v for p in projects for v in p.tasks)}
    lines.sort(key=lambda line: (order.get(line.task_key, len(order)), line.record.id))
    return tuple(lines)


def collect_unit_report(
    store: Store, period: str | None = None, now: dt.datetime | None = None, plan: str | None = None
) -> UnitReportData:
    """One plan's report (`plan`, default the current one: desktop.services.plans.plan_for)."""
    generated = now or dt.datetime.now().astimezone()
    today = generated.date()
    when = parse_period(period or default_period(store, today))
    held = plan_for(store, plan)
    review = store.reviews.get(when.code)
    submitter, reviewer = _review_people(store, review)
    projects = store.overview(when.code, today, plan=held.id)
    unit = store.unit()
    return UnitReportData(
        unit=unit,
        plan_title=held.title,
        period=when,
        generated=generated,
        today=today,
        review=review,
        submitter=submitter,
        reviewer=reviewer,
        last_bundle_seq=last_bundle_seq(store),
        projects=tuple(projects),
        evidence=_evidence_lines(store, projects),
        plan_id=held.id,
    )
