"""`planprogress status`: the unit's own roll-up for a period, in the shape of its entry in `province status`,
with what the office has of it where the two differ."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import asdict

from desktop.cli.context import Context
from desktop.domain.periods import parse_date
from desktop.services.unit_status import OwnStatus, own_status

LIGHT_WORDS = {"red": "逾期/滞后", "yellow": "临近到期", "green": "正常", "grey": "未填报"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="本单位各工程完成度和任务状态（与省局看到的对照）")
    p.add_argument("--period", help="报告期（默认本季度），如 2026-Q4、2026-11、2026")
    p.add_argument("--today", help="按这一天计算（默认今天）YYYY-MM-DD")
    p.add_argument("--plan", metavar="ID", help="规划目录编号（默认：年份包含今年的规划，否则最新的；plans 列出）")
    p.set_defaults(handler=cmd_status)


def _lights(counts: dict[str, int]) -> str:
    return "，".join(f"{LIGHT_WORDS[key]} {counts.get(key, 0)}" for key in LIGHT_WORDS)


def status_text(status: OwnStatus) -> str:
    lines = [f"{status.name}（{status.code}）  {status.plan_title}  报告期 {status.period}（截至 {status.today}）"]
    lines.append("    " + "  ".join(f"{p.number}.{p.name} {p.percent}%" for p in status.projects))
    lines.append(f"    任务：{_lights(status.lights)}")
    if not status.last_seq:
        lines.append("省局处：尚未导出过数据包（planprogress export 导出后由省局导入）。")
    elif status.differs:
        lines.append(f"省局处（截至第 {status.last_seq} 号数据包）：")
        lines.append("    " + "  ".join(f"{p.number}.{p.name} {p.reported_percent}%" for p in status.projects))
        lines.append(f"    任务：{_lights(status.reported_lights)}")
    else:
        lines.append(f"省局处（截至第 {status.last_seq} 号数据包）：与本单位相同。")
    if status.held_periods:
        lines.append(f"待审核：{'、'.join(status.held_periods)} 的进度尚未审核通过，审核通过后随下一次导出报送省局。")
    if status.unsent:
        lines.append("有尚未导出的修改：运行 planprogress export 报送省局。")
    return "\n".join(lines)


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    today = parse_date(args.today, "日期") if args.today else dt.date.today()
    with ctx.open_store() as store:
        status = own_status(store, args.period, today, args.plan)
    data = asdict(status)
    data["today"] = status.today.isoformat()
    ctx.emit(data, status_text(status))
    return 0
