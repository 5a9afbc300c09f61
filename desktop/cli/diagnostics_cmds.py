"""`planprogress diagnostics --out FILE`: the zip a clerk hands to the office when something went wrong."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.context import Context
from desktop.cli.terminal_io import Reporter
from desktop.domain.sizes import size_text
from desktop.services.diagnostics import write_diagnostics


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diagnostics", help="导出诊断信息（日志、版本、校验结果；不含填报内容和密钥），交省局或管理员排查问题"
    )
    p.add_argument("--out", required=True, metavar="FILE", help="诊断文件（.zip），或放入它的文件夹（如U盘）")
    p.set_defaults(handler=cmd_diagnostics)


def cmd_diagnostics(ctx: Context, args: argparse.Namespace) -> int:
    reporter = Reporter(ctx, "诊断信息")
    try:
        result = write_diagnostics(
            ctx.home, Path(args.out), actor=ctx.actor, progress=reporter.progress, phase=reporter.phase
        )
    finally:
        reporter.close()
    found = "；".join(result.problems)
    reporter.result(
        ctx,
        {"path": str(result.path), "bytes": result.bytes, "problems": list(result.problems)},
        f"已写入诊断信息 {result.path}（{size_text(result.bytes)}）"
        + (f"\n注意：{found}。请把这个文件交给管理员或省局。" if found else "\n各项校验均通过。"),
    )
    return 0
