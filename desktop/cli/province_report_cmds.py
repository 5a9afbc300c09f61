"""`province report`: the office summary report (PDF, or the same facts as a workbook).

Kept apart from province_cmds so the report side and the intake side change independently; the
province group calls `register_report` to add the subcommand.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from desktop.cli.report_cmds import RenderProgress
from desktop.domain.periods import parse_date

PLAN_HELP = "规划编号（province catalog list 可查），如 gd-prison-14fyp；默认：年份包含今天的规划，否则最新的规划"

# reportlab and openpyxl are imported inside the command: every other command starts faster.


def register_report(group: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = group.add_parser("report", help="全省汇总报告：报送情况、各单位完成度、全省指标、各单位红灯事项")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件，如 全省汇总.pdf 或 全省汇总.xlsx")
    p.add_argument("--period", help="报告期：2026-11、2026-Q4 或 2026（默认：本季度）")
    p.add_argument("--format", choices=("pdf", "xlsx"), help="pdf 或 xlsx（默认按 --out 的扩展名）")
    p.add_argument("--today", help="按这一天判断逾期和指标（默认今天）YYYY-MM-DD")
    p.add_argument("--plan", metavar="ID", help=PLAN_HELP)
    p.set_defaults(handler=cmd_province_report)


def cmd_province_report(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.reports.office_data import collect_office_report
    from desktop.services.reports.office_pdf import render_office_pdf
    from desktop.services.reports.office_xlsx import export_office_workbook
    from desktop.services.reports.output import check_target

    out = Path(args.out).expanduser()
    fmt = args.format or ("xlsx" if out.suffix.lower() == ".xlsx" else "pdf")
    check_target(out, (f".{fmt}",))
    today = parse_date(args.today) if args.today else None
    collecting = RenderProgress(ctx, "collect", "汇总数据")
    with ctx.open_store() as store:
        collecting(0, 1)
        data = collect_office_report(store, args.period, today, plan=args.plan)
        collecting(1, 1)
    collecting.close()
    progress = RenderProgress(ctx, "render", "生成报告" if fmt == "pdf" else "生成汇总表")
    try:
        if fmt == "pdf":
            pages = render_office_pdf(data, out, progress)
            extra: dict[str, Any] = {"pages": pages}
            what = f"全省汇总报告（{pages} 页）"
        else:
            rows = export_office_workbook(data, out, progress)
            extra = {"rows": rows}
            what = f"全省汇总表（{rows} 行）"
    finally:
        progress.close()
    late = [u for u in data.units if not u.reported]
    if not data.units:
        summary = "尚未登记任何单位。"
    elif len(late) == len(data.units):
        summary = "尚无单位报送本期数据。"
    elif late:
        names = (u.code if u.name == u.code else f"{u.name}（{u.code}）" for u in late)
        summary = f"本期未报送：{'、'.join(names)}。"
    else:
        summary = "全部单位均已报送。"
    ctx.emit(
        {
            "event": "result",
            "out": str(out),
            "format": fmt,
            "period": data.period.code,
            "bytes": out.stat().st_size,
            **extra,
            "units": len(data.units),
            "not_reported": [u.code for u in late],
            "red_items": sum(len(u.red_items) for u in data.units),
        },
        f"已生成{data.period.label}{what}：{out}\n{summary}",
    )
    return 0
