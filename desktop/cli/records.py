"""Commands over the plan and the unit's records: tasks, measures, milestones, progress."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

import msgspec

from desktop.cli.context import Context
from desktop.domain.errors import InputError
from desktop.domain.model import Task
from desktop.domain.numbers import parse_number
from desktop.domain.periods import parse_date, parse_period
from desktop.domain.status import Status, parse_percent
from desktop.services import operations as ops
from desktop.services.plans import plan_for


def _number(text: str | None, what: str) -> float | None:
    return parse_number(text or "", what)


def _opt_date(text: str | None, what: str) -> dt.date | None:
    return parse_date(text, what) if text else None


def item_id(text: str) -> int:
    """Parse a TARGET id argument with a clear message."""
    try:
        value = int(str(text).strip().lstrip("#"))
    except ValueError:
        raise InputError(f"编号“{text}”不是数字：请用 planprogress tasks 查看任务、措施和时间节点的编号。") from None
    if value <= 0:
        raise InputError(f"编号“{text}”无效：编号是正整数。")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("tasks", help="列出规划任务（及编号）")
    p.add_argument("--project", type=int, choices=range(1, 10), metavar="N", help="只列出第 N 项工程（1–5）")
    p.add_argument("--plan", metavar="ID", help="规划目录编号（默认：年份包含今年的规划，否则最新的；plans 列出）")
    p.set_defaults(handler=cmd_tasks)

    measure = sub.add_parser("measure", help="本单位的分解措施").add_subparsers(dest="action", required=True)
    p = measure.add_parser("add", help="在任务下添加措施")
    p.add_argument("task", help="任务编号")
    p.add_argument("--title", required=True)
    p.add_argument("--department", default="", help="责任部门")
    p.add_argument("--person", default="", help="责任人")
    p.add_argument("--co-units", default="", help="协办单位")
    p.add_argument("--start", help="开始日期 YYYY-MM-DD")
    p.add_argument("--due", help="完成期限 YYYY-MM-DD")
    p.set_defaults(handler=cmd_measure_add)
    p = measure.add_parser("list", help="列出措施")
    p.add_argument("--task", help="只列出该任务下的措施")
    p.set_defaults(handler=cmd_measure_list)
    p = measure.add_parser("edit", help="修改措施")
    p.add_argument("id")
    for flag in ("--title", "--department", "--person", "--co-units", "--start", "--due"):
        p.add_argument(flag)
    p.set_defaults(handler=cmd_measure_edit)
    p = measure.add_parser("delete", help="删除措施")
    p.add_argument("id")
    p.set_defaults(handler=cmd_measure_delete)

    milestone = sub.add_parser("milestone", help="时间节点").add_subparsers(dest="action", required=True)
    p = milestone.add_parser("add", help="在任务或措施下添加时间节点")
    p.add_argument("parent", help="任务或措施编号")
    p.add_argument("--title", required=True)
    p.add_argument("--due", required=True, help="到期日期 YYYY-MM-DD")
    p.add_argument("--target-value", help="量化目标值，如 80")
    p.add_argument("--target-unit", default="", help="计量单位，如 %%")
    p.add_argument("--target-key", help="对应规划指标，如 standardized-prison-rate")
    p.set_defaults(handler=cmd_milestone_add)
    p = milestone.add_parser("done", help="标记时间节点已完成")
    p.add_argument("id")
    p.add_argument("--actual", help="实际完成值")
    p.add_argument("--date", help="完成日期（默认今天）")
    p.set_defaults(handler=cmd_milestone_done)
    p = milestone.add_parser("list", help="列出时间节点")
    p.add_argument("--task", help="只列出该任务下的时间节点")
    p.set_defaults(handler=cmd_milestone_list)
    p = milestone.add_parser("delete", help="删除时间节点")
    p.add_argument("id")
    p.set_defaults(handler=cmd_milestone_delete)

    p = sub.add_parser("progress", help="填报某报告期的进度")
    p.add_argument("target", nargs="?", help="任务、措施或时间节点编号")
    p.add_argument("--period", required=True, help="报告期：2026-11、2026-Q4 或 2026")
    p.add_argument("--status", help="未启动 / 推进中 / 已完成 / 滞后")
    p.add_argument("--percent", help="完成百分比 0–100")
    p.add_argument("--note", default="", help="进展说明")
    p.add_argument("--list", action="store_true", help="列出该报告期已填报的进度")
    p.set_defaults(handler=cmd_progress)


def _task_dict(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "plan": task.catalog,
        "project": task.project,
        "key": task.key,
        "title": task.text,
        "uid": task.uid,
        "retired": task.retired,  # the plan version that retired it (已调整), else null
    }


def cmd_tasks(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        plan = plan_for(store, args.plan)
        tasks = store.plan.tasks(args.project, plan.id)
        projects = {p.number: p.name for p in store.plan.projects(plan.id)}
    if ctx.json:
        ctx.emit([_task_dict(t) for t in tasks])
        return 0
    print(f"{plan.title}（{plan.id} 版本 {plan.version}）")
    current = None
    for task in tasks:
        if task.project != current:
            current = task.project
            print(f"\n第{task.project}项 {projects.get(task.project, '')}")
        mark = f"  【已调整：版本 {task.retired} 撤销，历史记录只读】" if task.retired else ""
        print(f"  [{task.id:>3}] {task.key} {task.text}{mark}")
    return 0


def _measure_dict(m: Any) -> dict[str, Any]:
    data = msgspec.structs.asdict(m)
    data["start_date"] = m.start_date.isoformat() if m.start_date else None
    data["due_date"] = m.due_date.isoformat() if m.due_date else None
    return data


def cmd_measure_add(ctx: Context, args: argparse.Namespace) -> int:
    task = item_id(args.task)
    start, due = _opt_date(args.start, "开始日期"), _opt_date(args.due, "完成期限")
    with ctx.open_store() as store:
        measure = ops.add_measure(
            store,
            task,
            args.title,
            department=args.department,
            person=args.person,
            co_units=args.co_units,
            start_date=start,
            due_date=due,
        ).value
    ctx.emit(_measure_dict(measure), f"已添加措施 [{measure.id}] {measure.title}")
    return 0


def cmd_measure_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        measures = store.measures.find(item_id(args.task) if args.task else None)
    if ctx.json:
        ctx.emit([_measure_dict(m) for m in measures])
        return 0
    for m in measures:
        due = m.due_date.isoformat() if m.due_date else "—"
        print(f"[{m.id:>4}] 任务{m.task_id} {m.title}｜{m.department} {m.person}｜期限 {due}")
    return 0


def cmd_measure_edit(ctx: Context, args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {}
    for field in ("title", "department", "person", "co_units"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    if args.start is not None:
        changes["start_date"] = _opt_date(args.start, "开始日期")
    if args.due is not None:
        changes["due_date"] = _opt_date(args.due, "完成期限")
    with ctx.open_store() as store:
        measure = ops.update_measure(store, item_id(args.id), **changes).value
    ctx.emit(_measure_dict(measure), f"已修改措施 [{measure.id}] {measure.title}")
    return 0


def cmd_measure_delete(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        ops.delete_measure(store, item_id(args.id))
    ctx.emit({"deleted": int(args.id)}, f"已删除措施 [{args.id}]")
    return 0


def _milestone_dict(m: Any) -> dict[str, Any]:
    data = msgspec.structs.asdict(m)
    data["due_date"] = m.due_date.isoformat()
    data["achieved_date"] = m.achieved_date.isoformat() if m.achieved_date else None
    data["done"] = m.done
    return data


def cmd_milestone_add(ctx: Context, args: argparse.Namespace) -> int:
    parent = item_id(args.parent)
    due = parse_date(args.due, "到期日期")
    value = _number(args.target_value, "目标值")
    with ctx.open_store() as store:
        ms = ops.add_milestone(
            store, parent, args.title, due, target_value=value, target_unit=args.target_unit, target_key=args.target_key
        ).value
    ctx.emit(_milestone_dict(ms), f"已添加时间节点 [{ms.id}] {ms.title}（{ms.due_date}）")
    return 0


def cmd_milestone_done(ctx: Context, args: argparse.Namespace) -> int:
    achieved = parse_date(args.date, "完成日期") if args.date else dt.date.today()
    actual = _number(args.actual, "实际值")
    with ctx.open_store() as store:
        ms = ops.mark_milestone_done(store, item_id(args.id), achieved, actual).value
        evidence = store.evidence.count(ms.id)
    if not evidence:
        ctx.warn(f"时间节点 [{ms.id}] 已标记完成，但还没有佐证材料：请用 planprogress evidence add {ms.id} 文件 补充。")
    ctx.emit(_milestone_dict(ms), f"时间节点 [{ms.id}] {ms.title} 已完成（{ms.achieved_date}）")
    return 0


def cmd_milestone_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        milestones = store.milestones.find(task_id=item_id(args.task) if args.task else None)
    if ctx.json:
        ctx.emit([_milestone_dict(m) for m in milestones])
        return 0
    for m in milestones:
        target = f"目标 {m.target_value:g}{m.target_unit}" if m.target_value is not None else ""
        state = f"已完成 {m.achieved_date}" if m.done else "未完成"
        print(f"[{m.id:>4}] 任务{m.task_id} {m.title}｜到期 {m.due_date}｜{target}｜{state}")
    return 0


def cmd_milestone_delete(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        ops.delete_milestone(store, item_id(args.id))
    ctx.emit({"deleted": int(args.id)}, f"已删除时间节点 [{args.id}]")
    return 0


def cmd_progress(ctx: Context, args: argparse.Namespace) -> int:
    period = parse_period(args.period).code
    if args.list:
        with ctx.open_store() as store:
            entries = store.progress.find(period=period)
        data = [{**msgspec.structs.asdict(e), "status": e.status.value} for e in entries]
        text = "\n".join(f"[{e.item_id:>4}] {e.status.value} {e.percent}% {e.note}" for e in entries)
        ctx.emit(data, text or f"报告期 {period} 还没有填报进度。")
        return 0
    if not args.target or args.status is None or args.percent is None:
        raise InputError(
            "请给出编号、--status 和 --percent，例如："
            "planprogress progress 3 --period 2026-Q4 --status 推进中 --percent 40"
        )
    status = Status.parse(args.status)
    percent = parse_percent(args.percent)
    with ctx.open_store() as store:
        entry = ops.record_progress(store, item_id(args.target), period, status, percent, args.note).value
    ctx.emit(
        {**msgspec.structs.asdict(entry), "status": entry.status.value},
        f"已记录 [{entry.item_id}] {period}：{entry.status.value} {entry.percent}%",
    )
    return 0
