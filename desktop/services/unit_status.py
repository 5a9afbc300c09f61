"""A unit's own roll-up for a period next to what the provincial office has of it (`planprogress status`).

Both sides are computed by the office's own functions (desktop.services.office.unit_view and .status) over
records in the bundle record format: the unit's records as they are now, and the records as its bundles
carried them (replayed from the export log since the last full bundle, as the office merges them). The two
differ where review holds a period back or where changes have not been exported yet.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.periods import PeriodKind, current_period, parse_period
from desktop.services.bundle.format import RECORDS
from desktop.services.office.status import light_counts, project_completion
from desktop.services.office.unit_view import TaskRow, shown_rows, tasks_from_rows
from desktop.services.plans import plan_for
from desktop.store import Store
from desktop.store.exports import ExportRepo, record_digest

Records = dict[tuple[str, str], dict[str, Any]]  # (entity, uid) -> the record's data


@dataclass(frozen=True)
class ProjectFigures:
    number: int
    name: str
    percent: int  # the unit's own figure
    reported_percent: int  # what the office has (the unit's bundles so far)


@dataclass(frozen=True)
class OwnStatus:
    code: str
    name: str
    period: str
    today: dt.date
    projects: tuple[ProjectFigures, ...]
    lights: dict[str, int]  # tasks per light, the unit's own
    reported_lights: dict[str, int]  # the same from what the office has
    last_seq: int  # the office has what bundles up to this one carried (0: nothing exported yet)
    review_in_use: bool
    held_periods: tuple[str, ...]  # progress that review holds back (the period is not approved)
    unsent: bool  # other changes wait for the next export
    differs: bool = field(default=False)  # own and reported figures are not the same
    plan: str = ""  # the plan (catalog id) the figures are of
    plan_title: str = ""


def current_records(exports: ExportRepo) -> Records:
    return {(r.entity, r.uid): r.data for r in exports.current_records()}


def sent_records(exports: ExportRepo) -> Records:
    """The unit's records as its bundles carried them: a full bundle replaces everything, a delta upserts and
    deletes by (entity, uid)."""
    log = exports.find()
    fulls = [i for i, e in enumerate(log) if e.kind == "full"]
    state: Records = {}
    for export in log[fulls[-1] :] if fulls else log:
        for entry in exports.entries(export.seq):
            if entry.name != RECORDS or entry.content is None:
                continue
            for line in entry.content.decode("utf-8").splitlines():
                record = json.loads(line)
                key = (str(record["entity"]), str(record["uid"]))
                if record["op"] == "delete":
                    state.pop(key, None)
                else:
                    state[key] = record["data"]
    return state


def _rows(records: Records, entity: str) -> list[dict[str, Any]]:
    return [data for (kind, _uid), data in records.items() if kind == entity]


def _plan_tasks(store: Store, plan: str) -> list[dict[str, Any]]:
    """One plan's tasks in the shape the office reads them (OfficeRecords.plan_tasks)."""
    names = {p.number: p.name for p in store.plan.projects(plan)}
    return [
        {"uid": t.uid, "key": t.key, "text": t.text, "project": t.project, "project_name": names[t.project]}
        for t in store.plan.tasks(catalog=plan)
    ]


def own_status(
    store: Store, period: str | None = None, today: dt.date | None = None, plan: str | None = None
) -> OwnStatus:
    """The unit's roll-up of one plan (`plan`, default the current one: desktop.services.plans.plan_for) for
    `period` (default: the quarter `today` falls in), own and as the office has it."""
    today = today or dt.date.today()
    when = parse_period(period) if period else current_period(PeriodKind.QUARTER, today)
    chosen = plan_for(store, plan)
    exports = ExportRepo(store.database, store.audit)
    plan_tasks, thresholds = _plan_tasks(store, chosen.id), store.settings.thresholds()

    def tasks(records: Records) -> tuple[TaskRow, ...]:
        shown = shown_rows(_rows(records, "progress"), when)
        return tasks_from_rows(
            plan_tasks, shown, _rows(records, "measure"), _rows(records, "milestone"), today, thresholds
        )

    current, sent = current_records(exports), sent_records(exports)
    own, reported = tasks(current), tasks(sent)
    review = store.users.has_active_reviewer()
    approved = exports.approved_periods()
    changed: dict[str, set[str]] = defaultdict(set)  # entity -> periods (or "") of records that differ
    for key in current.keys() | sent.keys():
        now, then = current.get(key), sent.get(key)
        if now is None or then is None or record_digest(now) != record_digest(then):
            changed[key[0]].add(str((now or then or {}).get("period", "")))
    held = sorted(p for p in changed.get("progress", ()) if review and p not in approved)
    unsent = any(entity != "progress" for entity in changed) or any(p not in held for p in changed.get("progress", ()))
    figures = tuple(
        ProjectFigures(mine.number, mine.name, mine.percent, theirs.percent)
        for mine, theirs in zip(project_completion(own), project_completion(reported), strict=True)
    )
    lights, reported_lights = light_counts(own), light_counts(reported)
    last = exports.last()
    unit = store.unit()
    return OwnStatus(
        code=unit.code,
        name=unit.name,
        period=when.code,
        today=today,
        projects=figures,
        lights=lights,
        reported_lights=reported_lights,
        last_seq=last.seq if last else 0,
        review_in_use=review,
        held_periods=tuple(held),
        unsent=unsent,
        differs=lights != reported_lights or any(p.percent != p.reported_percent for p in figures),
        plan=chosen.id,
        plan_title=chosen.title,
    )
