"""Report commands: the unit's PDF report or Excel ledger, and importing an edited ledger."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.context import Context
from desktop.domain.errors import InputError

if TYPE_CHECKING:
    from desktop.services.reports.ledger_import import LedgerPlan

# reportlab and openpyxl are imported inside the commands that use them: every other command starts faster.

_SHOWN_DETAILS = 50


class RenderProgress:
    """The shared progress contract: JSON lines with --json, else a bar on stderr when it is a terminal."""

    def __init__(self, ctx: Context, phase: str, label: str) -> None:
        self.ctx = ctx
        self.phase = phase
        self.label = label
        self.bar = not ctx.json and sys.stderr.isatty()
        self._shown = -1
        self._last: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.ctx.json:
            if (done, total) == self._last:  # the renderer may report the same point many times
                return
            self._last = (done, total)
            event = {"event": "progress", "phase": self.phase, "done": done, "total": total}
            print(json.dumps(event), flush=True)
        elif self.bar:
            percent = 100 * done // total if total else 100
            if percent != self._shown:
                self._shown = percent
                filled = percent * 30 // 100
                print(f"\r{self.label} [{'#' * filled}{'-' * (30 - filled)}] {percent:3d}%", end="", file=sys.stderr)

    def close(self) -> None:
        if self.bar and self._shown >= 0:
            print(file=sys.stderr)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="生成本单位的进度报告（PDF）或台账（Excel）")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件，如 报告.pdf 或 台账.xlsx")
    p.add_argument("--period", help="报告期：2026-11、2026-Q4 或 2026（默认：最近填报的报告期）")
    p.add_argument("--format", choices=("pdf", "xlsx"), help="pdf 或 xlsx（默认按 --out 的扩展名）")
    p.add_argument("--plan", metavar="ID", help="规划目录编号（默认：年份包含今年的规划，否则最新的；plans 列出）")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("import-ledger", help="从 Excel 台账导入措施和时间节点（先检查，再一次性导入）")
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出将要导入的内容，不写入")
    p.add_argument("--yes", action="store_true", help="检查通过后不再询问，直接导入")
    p.set_defaults(handler=cmd_import_ledger)


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.reports.ledger_xlsx import export_ledger
    from desktop.services.reports.output import check_target
    from desktop.services.reports.unit_data import collect_unit_report
    from desktop.services.reports.unit_pdf import render_unit_pdf

    out = Path(args.out).expanduser()
    fmt = args.format or ("xlsx" if out.suffix.lower() == ".xlsx" else "pdf")
    check_target(out, (f".{fmt}",))
    with ctx.open_store() as store:
        data = collect_unit_report(store, args.period, plan=args.plan)
    progress = RenderProgress(ctx, "render", "生成报告" if fmt == "pdf" else "生成台账")
    try:
        if fmt == "pdf":
            pages = render_unit_pdf(data, out, progress)
            extra: dict[str, Any] = {"pages": pages}
            what = f"进度报告（{pages} 页）"
        else:
            rows = export_ledger(data, out, progress)
            extra = {"rows": rows}
            what = f"台账（{rows} 行）"
    finally:
        progress.close()
    size = out.stat().st_size
    ctx.emit(
        {
            "event": "result",
            "out": str(out),
            "format": fmt,
            "period": data.period.code,
            "plan": data.plan_id,
            "bytes": size,
            **extra,
        },
        f"已生成{data.period.label}{what}：{out}",
    )
    return 0


def _plan_data(plan: LedgerPlan) -> dict[str, Any]:
    from desktop.services.reports import ledger_progress

    return {
        "file": str(plan.source),
        "sheets": plan.sheets,
        "skipped_sheets": plan.skipped_sheets,
        "new_measures": len(plan.new_measures),
        "changed_measures": len(plan.changed_measures),
        "new_milestones": len(plan.new_milestones),
        "changed_milestones": len(plan.changed_milestones),
        "unchanged": plan.unchanged,
        "changes": plan.details(),
        "problems": [{"sheet": p.sheet, "row": p.row, "message": p.message} for p in plan.problems],
        "not_imported": {
            "columns": list(ledger_progress.COLUMNS),
            "reason": ledger_progress.REASON,
            "edited_rows": [e.data() for e in plan.progress_edits],
        },
    }


def _progress_left_out(plan: LedgerPlan) -> str:
    """The closing line: which columns were not imported, and what to do if the clerk typed progress there."""
    from desktop.services.reports import ledger_progress

    columns = "、".join(ledger_progress.COLUMNS)
    if not plan.progress_edits:
        return f"进度列（{columns}）只供查看，没有导入。"
    return (
        f"进度列（{columns}）没有导入，其中 {len(plan.progress_edits)} 行与程序中的不同（见上）："
        f"{ledger_progress.WHAT_TO_DO}。"
    )


def _print_plan(plan: LedgerPlan) -> None:
    from desktop.services.reports import ledger_progress

    skipped = f"；未读取：{'、'.join(plan.skipped_sheets)}" if plan.skipped_sheets else ""
    print(f"台账：{plan.source}（读取工作表：{'、'.join(plan.sheets) or '无'}{skipped}）")
    if plan.problems:
        print(f"有 {len(plan.problems)} 行无法读取：")
        print(plan.problem_text())
        return
    print(f"检查结果：{plan.summary()}。")
    details = plan.details()
    for line in details[:_SHOWN_DETAILS]:
        print(f"  {line}")
    if len(details) > _SHOWN_DETAILS:
        print(f"  ……另有 {len(details) - _SHOWN_DETAILS} 条（用 --json 查看全部）")
    print(f"注意：{ledger_progress.notice()}")
    edits = plan.progress_edits
    if edits:
        print(f"以下 {len(edits)} 行的进度列与程序中的不同（在台账里改过），这些内容不会导入：")
        for edit in edits[:_SHOWN_DETAILS]:
            print(f"  {edit}")
        if len(edits) > _SHOWN_DETAILS:
            print(f"  ……另有 {len(edits) - _SHOWN_DETAILS} 行（用 --json 查看全部）")


def _confirmed(ctx: Context, args: argparse.Namespace) -> bool:
    if args.yes:
        return True
    if ctx.json or not sys.stdin.isatty():
        raise InputError("检查已通过，但尚未导入：确认无误后请加 --yes 重新运行（或先用 --dry-run 查看）。")
    answer = input("确认导入以上内容？输入 y 确认，其他键取消：")
    return answer.strip().lower() in ("y", "yes", "是")


def cmd_import_ledger(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.operations.ledger import import_ledger
    from desktop.services.reports.ledger_import import plan_ledger_import

    source = Path(args.file).expanduser()
    with ctx.open_store() as store:
        progress = RenderProgress(ctx, "check", "检查台账")
        try:
            plan = plan_ledger_import(store, source, progress)
        finally:
            progress.close()
        if not ctx.json:
            _print_plan(plan)
        if plan.problems:
            if ctx.json:
                ctx.emit({"event": "result", "imported": False, **_plan_data(plan)})
            first = plan.problems[0]
            raise InputError(
                f"台账中有 {len(plan.problems)} 行无法读取（第一处：{first}），没有导入任何内容：请修改后重新导入。"
            )
        if args.dry_run or plan.change_count == 0:
            if args.dry_run:
                note = "这是试运行（--dry-run），没有写入任何内容。"
            else:
                note = "台账中的措施和时间节点与现有数据一致，无需导入。"
            note += _progress_left_out(plan)
            ctx.emit({"event": "result", "imported": False, "dry_run": args.dry_run, **_plan_data(plan)}, note)
            return 0
        if not _confirmed(ctx, args):
            print("已取消，没有导入任何内容。", file=sys.stderr)
            return 1
        progress = RenderProgress(ctx, "import", "导入台账")
        try:
            result = import_ledger(store, plan, progress).value
        finally:
            progress.close()
    ctx.emit(
        {"event": "result", "imported": True, **_plan_data(plan)},
        f"已导入：新增措施 {result.added_measures} 条、修改措施 {result.updated_measures} 条、"
        f"新增时间节点 {result.added_milestones} 条、修改时间节点 {result.updated_milestones} 条。"
        + _progress_left_out(plan),
    )
    return 0
