"""Evidence commands: add files to a task, measure or milestone; list; verify; delete."""

from __future__ import annotations

import argparse
from pathlib import Path

import msgspec

from desktop.cli.context import Context
from desktop.cli.records import item_id
from desktop.domain.errors import IntegrityError
from desktop.domain.periods import parse_period
from desktop.services import operations as ops


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evidence = sub.add_parser("evidence", help="佐证材料").add_subparsers(dest="action", required=True)
    p = evidence.add_parser("add", help="把文件添加为佐证材料")
    p.add_argument("target", help="任务、措施或时间节点编号")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--title", help="标题（默认取文件名）")
    p.add_argument("--category", default="", help="类别，如 照片、文件、会议记录")
    p.add_argument("--period", help="所属期：2026-11（月）、2026-Q4（季度）或 2026（年度）；不写表示不限定")
    p.set_defaults(handler=cmd_add)
    p = evidence.add_parser("list", help="列出佐证材料")
    p.add_argument("--target", help="只列出该编号下的材料")
    p.set_defaults(handler=cmd_list)
    p = evidence.add_parser("verify", help="重新计算每个文件的哈希，找出缺失或被改动的文件")
    p.set_defaults(handler=cmd_verify)
    p = evidence.add_parser("edit", help="修改一份佐证材料的标题、类别或所属期（文件本身不变）")
    p.add_argument("id")
    p.add_argument("--title", help="新标题")
    p.add_argument("--category", help="新类别（空字符串表示清除）")
    p.add_argument("--period", help='新所属期，如 2026-11、2026-Q4、2026（--period "" 表示清除，材料不再归属某一期）')
    p.set_defaults(handler=cmd_edit)
    p = evidence.add_parser("delete", help="删除一份佐证材料")
    p.add_argument("id")
    p.set_defaults(handler=cmd_delete)


def period_text(code: str | None) -> str:
    """A stored period as a clerk reads it (2026年第四季度), or （无） when not set."""
    return parse_period(code).label if code else "（无）"


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    target = item_id(args.target)
    with ctx.open_store() as store:
        # all-or-nothing: one unreadable file among several adds none of them
        added = ops.add_evidence(
            store,
            target,
            [Path(name) for name in args.files],
            title=args.title,
            category=args.category,
            period=args.period,
        ).value
    for result in added:
        for warning in result.warnings:
            ctx.warn(f"{result.record.original_name}：{warning}")
    if ctx.json:
        ctx.emit(
            [
                {**msgspec.structs.asdict(r.record), "deduplicated": r.deduplicated, "warnings": list(r.warnings)}
                for r in added
            ]
        )
    else:
        for r in added:
            same = "（内容与已有文件相同，只保存一份）" if r.deduplicated else ""
            period = f"｜所属期：{period_text(r.record.period)}" if r.record.period else ""
            name, sha = r.record.original_name, r.record.sha256[:12]
            print(f"已添加佐证材料 [{r.record.id}] {name}  sha256 {sha}{period}{same}")
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        records = store.evidence.find(item_id(args.target) if args.target else None)
    if ctx.json:
        ctx.emit([msgspec.structs.asdict(r) for r in records])
        return 0
    for r in records:
        print(
            f"[{r.id:>5}] 编号{r.item_id} {r.title}｜{r.original_name}｜{r.size} 字节｜{r.sha256[:12]}｜{r.added_by}"
            f"｜所属期：{period_text(r.period)}"
        )
    if not records:
        print("还没有佐证材料。")
    return 0


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        problems = store.evidence.verify()
        total = sum(1 for _ in store.evidence.iter_blobs())
    ctx.emit(
        {
            "ok": not problems,
            "files": total,
            "problems": [{"sha256": p.sha256, "names": list(p.names), "problem": p.message} for p in problems],
        },
        "\n".join(f"{p.message}：{'、'.join(p.names)}（sha256 {p.sha256[:12]}）" for p in problems)
        or f"全部 {total} 个佐证文件完好。",
    )
    if problems:
        raise IntegrityError(f"{len(problems)} 个佐证文件缺失或被改动：请从备份恢复这些文件，或重新添加。")
    return 0


def cmd_edit(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        record = ops.update_evidence(
            store, item_id(args.id), title=args.title, category=args.category, period=args.period
        ).value
    ctx.emit(
        msgspec.structs.asdict(record),
        f"已修改佐证材料 [{record.id}] {record.title}｜类别：{record.category or '（无）'}"
        f"｜所属期：{period_text(record.period)}",
    )
    return 0


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        ops.delete_evidence(store, item_id(args.id))
    ctx.emit({"deleted": int(args.id)}, f"已删除佐证材料 [{args.id}]")
    return 0
