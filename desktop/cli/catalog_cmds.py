"""Plans on the command line: `province catalog template|add|list` at the office, `plans` at a unit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from desktop.domain.catalog_versions import VersionChanges
from desktop.domain.errors import InputError, StateError
from desktop.services.catalogs import IssuePlan, list_catalogs, plan_issue
from desktop.services.operations import catalogs as catalog_ops
from desktop.services.plans import held_plans
from desktop.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("plans", help="列出本单位持有的规划（随程序附带的和省局回执送来的）")
    p.set_defaults(handler=cmd_plans)


def register_office(group: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    catalog = group.add_parser("catalog", help="规划目录：生成填写模板、导入（发布）规划、列出已发布的规划")
    sub = catalog.add_subparsers(dest="what", required=True)
    p = sub.add_parser("template", help="生成规划目录的 Excel 填写模板")
    p.add_argument("--out", required=True, metavar="FILE.xlsx")
    p.set_defaults(handler=cmd_template)
    p = sub.add_parser("add", help="导入填好的模板或 JSON 规划目录：先逐项检查，无误才保存")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="新版本不再询问确认（脚本用）")
    p.set_defaults(handler=cmd_add)
    p = sub.add_parser("list", help="列出省局的规划目录（随程序附带的和省局发布的）")
    p.set_defaults(handler=cmd_list)


def _office(ctx: Context) -> Store:
    store = ctx.open_store()
    if store.kind != "office":
        store.close()
        raise StateError(f"{ctx.home} 是单位的数据目录：规划目录由省局发布，请用 --home 指向省局的数据目录。")
    return store


def cmd_template(ctx: Context, args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".xlsx":
        raise InputError(f"模板文件名须以 .xlsx 结尾（现为 {out.name}）。")
    if out.exists():
        raise InputError(f"{out} 已存在：请换一个文件名，以免覆盖已填写的内容。")
    from desktop.services.catalogs.template import write_template  # openpyxl: loaded only for this command

    write_template(out)
    ctx.emit({"path": str(out)}, f"已生成规划目录模板：{out}\n填写后运行 planprogress province catalog add {out.name}")
    return 0


def changes_lines(changes: VersionChanges) -> list[str]:
    lines = [f"与已发布的版本 {changes.previous} 相比："]
    for label, keys in (("改写", changes.reworded), ("新增", changes.added), ("撤销", changes.retired)):
        lines.append(f"  {label} {len(keys)} 项" + (f"：{'、'.join(keys)}" if keys else ""))
    return lines


def _confirm(plan: IssuePlan, args: argparse.Namespace) -> bool:
    if plan.changes is None or args.yes:
        return True
    if not sys.stdin.isatty():
        raise InputError("发布新版本需要确认：请在终端运行并回答，或加 --yes。什么都没有保存。")
    content = plan.content or {}
    answer = input(f"发布 {content.get('id')} 的版本 {content.get('version')}？[y/N] ")
    return answer.strip().lower() in ("y", "yes", "是")


def _plan_data(plan: IssuePlan) -> dict[str, Any]:
    return {
        "ok": not plan.problems,
        "problems": [{"where": p.where, "message": p.message} for p in plan.problems],
        "changes": plan.changes.as_dict() if plan.changes else None,
    }


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    with _office(ctx) as store:
        plan = plan_issue(store, source)
        if plan.problems:
            if ctx.json:
                ctx.emit(_plan_data(plan))
            else:
                print(catalog_ops.problems_text(plan), file=sys.stderr)
            return InputError.exit_code
        assert plan.content is not None
        name = f"{plan.content['title']}（{plan.content['id']} 版本 {plan.content['version']}）"
        if plan.already_issued:
            ctx.emit({**_plan_data(plan), "issued": False}, f"{name} 已经发布过，内容相同：未作改动。")
            return 0
        if plan.changes is not None and not ctx.json:
            print("\n".join(changes_lines(plan.changes)))
        if not _confirm(plan, args):
            print("已取消，什么都没有保存。", file=sys.stderr)
            return 1
        issued = catalog_ops.issue_catalog(store, plan).value
    assert issued is not None
    ctx.emit(
        {**_plan_data(plan), "issued": True, "id": issued.id, "version": issued.version, "issued_at": issued.issued_at},
        f"已发布 {name}：随下一份回执送达各单位（province answer）。",
    )
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    with _office(ctx) as store:
        entries = [e.as_dict() for e in list_catalogs(store)]
    lines = []
    for e in entries:
        when = "随程序附带" if e["shipped"] else f"发布于 {e['issued_at']}"
        counts = e["counts"]
        lines.append(
            f"{e['id']}  版本 {e['version']}  {e['title']}  {e['years'][0]}–{e['years'][1]}  "
            f"工程 {counts['projects']}  任务 {counts['tasks']}  指标 {counts['targets']}"
            + (f"  已撤销 {counts['retired']}" if counts["retired"] else "")
            + f"  {when}"
        )
    ctx.emit(entries, "\n".join(lines))
    return 0


def cmd_plans(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        plans = held_plans(store)
    lines = [
        f"{p.id}  版本 {p.version}  {p.title}  {p.start_year}–{p.end_year}"
        + ("  随程序附带" if p.received_at is None else f"  省局送达于 {p.received_at}")
        + ("  （当前）" if p.current else "")
        for p in plans
    ]
    ctx.emit([p.as_dict() for p in plans], "\n".join(lines))
    return 0
