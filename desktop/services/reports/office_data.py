"""The office summary report's facts, read from the office database once so PDF and Excel say the same.

Who reported, per-project completion and the province-wide indicators come from `province_status` (the
numbers `province status` and the office views show); this module only adds each unit's red items and
turns the result into the renderer's plain `OfficeReportData`. Red items are judged as the office's
drill-down judges them: a task or measure whose latest progress up to the period is 滞后, a measure past
its due date and not done, a milestone past its due date and not achieved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.domain.errors import StateError
from desktop.domain.health import Light, Thresholds
from desktop.domain.periods import Period, parse_period
from desktop.domain.status import Status
from desktop.services.office.indicator_lines import indicator_lines
from desktop.services.office.plans import office_plan, plan_task_rows
from desktop.services.office.status import UnitStatus, province_status
from desktop.services.office.unit_view import MeasureRow, ProgressCell, TaskRow, unit_tasks
from desktop.services.reports.office_pdf import OfficeReportData, OfficeUnitRow, RedItem
from desktop.store import Store
from desktop.store.office_records import OfficeRecords

DEFAULT_OFFICE_NAME = "省局"


def _local_time(stamp: str | None) -> str:
    """The database's UTC stamp as local wall-clock time, the way the office reads it."""
    if not stamp:
        return ""
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _lagging(cell: ProgressCell) -> str:
    note = cell.note.strip()
    reason = "滞后" + (f"：{note}" if note else "")
    return f"{reason}（{cell.period} 填报，沿用）" if cell.carried else reason


def _responsible(measure: MeasureRow | None) -> str:
    if measure is None:
        return ""
    return " / ".join(p for p in (measure.department.strip(), measure.person.strip()) if p)


def _task_reds(task: TaskRow, measure_by_uid: dict[str, MeasureRow]) -> list[RedItem]:
    out: list[RedItem] = []
    own = task.progress
    if own is not None and own.status is Status.LAGGING:
        out.append(RedItem(task.key, "任务", task.text, _lagging(own)))
    for measure in task.measures:
        if measure.light is not Light.RED:
            continue
        status = measure.progress.status if measure.progress else None
        if status is Status.LAGGING:
            assert measure.progress is not None
            reason = _lagging(measure.progress)
        else:
            reason = f"逾期（完成期限 {measure.due_date}），{'当前状态：' + status.value if status else '未填报进展'}"
        out.append(RedItem(task.key, "措施", measure.title, reason, _responsible(measure)))
    for milestone in task.milestones:
        if milestone.light is not Light.RED:
            continue
        reason = f"逾期未完成（到期 {milestone.due_date}）" + (f"，目标 {milestone.target}" if milestone.target else "")
        owner = measure_by_uid.get(milestone.measure_uid)
        out.append(RedItem(task.key, "时间节点", milestone.title, reason, _responsible(owner)))
    return out


def red_items(
    records: OfficeRecords,
    code: str,
    when: Period,
    today: dt.date,
    thresholds: Thresholds,
    plan_tasks: list[dict[str, Any]],
) -> tuple[RedItem, ...]:
    """A unit's overdue and 滞后 items of a plan's tasks in plan order (tasks, then their measures, then their
    milestones)."""
    tasks = unit_tasks(records, code, when, today, thresholds, plan_tasks)
    measure_by_uid = {m.uid: m for t in tasks for m in t.measures}
    return tuple(item for task in tasks for item in _task_reds(task, measure_by_uid))


def _unit_row(
    unit: UnitStatus,
    projects: list[int],
    records: OfficeRecords,
    when: Period,
    today: dt.date,
    th: Thresholds,
    plan_tasks: list[dict[str, Any]],
) -> OfficeUnitRow:
    percents = {p.number: p.percent for p in unit.projects}
    received = unit.last_seq > 0
    return OfficeUnitRow(
        code=unit.code,
        name=unit.name or unit.code,
        reported=unit.reported,
        last_seq=unit.last_seq if received else None,
        last_at=_local_time(unit.last_at) if received else "",
        percents=tuple(percents.get(n) if received else None for n in projects),
        red_items=red_items(records, unit.code, when, today, th, plan_tasks) if received else (),
    )


def collect_office_report(
    store: Store,
    period: str | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    plan: str | None = None,
) -> OfficeReportData:
    """Everything the office summary shows of plan `plan` (default: the plan whose years hold today, else the
    newest) for `period` (default: the quarter `today` falls in)."""
    if store.kind != "office":
        raise StateError(
            f"{store.home.root} 是单位的数据目录：全省汇总报告只能在省局的数据目录生成"
            "（用 --home 指向 province init 建立的目录）；本单位的报告请用 planprogress report。"
        )
    generated = now or dt.datetime.now().astimezone()
    today = today or generated.date()
    catalog = office_plan(store, plan, today.year)
    status = province_status(store, period, today, catalog.id)
    when = parse_period(status.period)
    records = OfficeRecords(store.database, store.audit)
    thresholds = store.settings.thresholds()
    projects = catalog.projects
    numbers = [p.number for p in projects]
    tasks = plan_task_rows(catalog)
    active = [u for u in status.units if not u.revoked]
    return OfficeReportData(
        office=store.database.meta("office_name", DEFAULT_OFFICE_NAME) or DEFAULT_OFFICE_NAME,
        plan_title=catalog.title,
        period=when,
        generated=generated,
        projects=tuple(p.name for p in projects),
        units=tuple(_unit_row(u, numbers, records, when, today, thresholds, tasks) for u in active),
        indicators=tuple(indicator_lines(status.indicators)),
        revoked=tuple(u.name or u.code for u in status.revoked),
    )
