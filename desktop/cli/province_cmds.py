"""Provincial office commands: import, status, evidence, log; the keys and units (init, enroll, revoke, resync,
dismiss) are in province_unit_cmds, answers in answer_cmds, catalogs in catalog_cmds, reports in
province_report_cmds."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from desktop.cli import answer_cmds, catalog_cmds, province_unit_cmds
from desktop.cli.context import Context
from desktop.cli.evidence_cmds import period_text
from desktop.cli.province_report_cmds import PLAN_HELP, register_report
from desktop.cli.terminal_io import Reporter, read_passphrase
from desktop.domain.errors import InputError, IntegrityError
from desktop.domain.periods import parse_date
from desktop.services import office_keys
from desktop.services.bundle.format import Outcome
from desktop.services.office.intake import Intake, IntakeResult
from desktop.services.office.intake_counts import IntakeCounts, count_results
from desktop.services.office.sources import expand_sources
from desktop.services.suite import by_name
from desktop.store.office import OfficeRepo

if TYPE_CHECKING:
    from desktop.services.office.status import ProvinceStatus

# Each command imports the services only it uses when it runs: `province import` and `province status` are
# timed as processes at the office's scale, and neither needs the other's code (nor key making or evidence).
REJECTED_EXIT = 7


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("province", help="省局：密钥、单位登记、导入数据包、汇总").add_subparsers(
        dest="action", required=True
    )
    province_unit_cmds.register_keys_and_units(group)
    p = group.add_parser("import", help="导入数据包（可一次导入多个，或整个U盘）")
    p.add_argument("bundles", nargs="+", metavar="BUNDLE_DIR")
    p.set_defaults(handler=cmd_import)
    answer_cmds.register_office(group)
    catalog_cmds.register_office(group)

    p = group.add_parser("status", help="各单位报送情况、工程完成度和全省指标")
    p.add_argument("--period", help="报告期（默认本季度），如 2026-Q4、2026-11")
    p.add_argument("--today", help="按这一天计算（默认今天）YYYY-MM-DD")
    p.add_argument("--plan", metavar="ID", help=PLAN_HELP)
    p.set_defaults(handler=cmd_status)
    p = group.add_parser("log", help="导入日志（含被拒收的数据包及原因）")
    p.add_argument("--unit")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_log)
    evidence = group.add_parser("evidence", help="浏览各单位报送的佐证材料").add_subparsers(dest="what", required=True)
    p = evidence.add_parser("list", help="按单位、任务、时间节点列出")
    p.add_argument("--unit")
    p.add_argument("--task", help="任务序号，如 5.12（按 --plan 的规划查找）")
    p.add_argument("--plan", metavar="ID", help=PLAN_HELP)
    p.add_argument("--milestone", help="时间节点编号（uid）")
    p.add_argument("--after", type=int, default=0, help="分页：只列出编号大于此数的")
    p.add_argument("--limit", type=int)
    p.set_defaults(handler=cmd_evidence_list)
    p = evidence.add_parser("get", help="取出一份佐证材料（先校验哈希）")
    p.add_argument("id", type=int)
    p.add_argument("--out", required=True, help="目标文件或文件夹")
    p.set_defaults(handler=cmd_evidence_get)
    p = evidence.add_parser("verify", help="重新计算所有佐证材料的哈希")
    p.set_defaults(handler=cmd_evidence_verify)
    register_report(group)


def counts_text(counts: IntakeCounts) -> str:
    parts = [f"{counts.accepted} 个已接收或已导入过"]
    if counts.waiting:
        parts.append(f"{counts.waiting} 个暂存待补")
    if counts.refused:
        parts.append(f"{counts.refused} 个未接收")
    if counts.dismissed:
        parts.append(f"{counts.dismissed} 个此前已搁置、未再导入")
    text = f"共 {counts.found} 个数据包：{'，'.join(parts)}。"
    if counts.from_held:
        text += f"另有 {counts.from_held} 个此前暂存的数据包补齐后已导入。"
    return text


def _result_data(result: IntakeResult) -> dict[str, Any]:
    data = asdict(result)
    data["outcome"] = result.outcome.value
    data["label"] = result.outcome.label
    data["ok"] = result.ok
    return data


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    ctx.open_office_store().close()  # a wrong home is said before the passphrase is asked for
    sources = expand_sources([Path(item).expanduser() for item in args.bundles])  # and a stick without bundles
    passphrase = read_passphrase(ctx, "省局私钥的口令：")
    if not passphrase:
        raise InputError(
            "需要省局私钥的口令：请在终端输入，或用 --passphrase-file 文件 / 环境变量 PLANPROGRESS_PASSPHRASE 提供。"
        )
    reporter = Reporter(ctx, "导入")
    with ctx.open_office_store() as store:
        identity = office_keys.load_office_keys(store.home, passphrase)
        try:
            results = Intake(store, identity, progress=reporter.progress, phase=reporter.phase).run(sources)
        finally:
            reporter.close()
    ok = all(r.ok for r in results)
    counts = count_results([(r.outcome.value, r.from_held) for r in results])
    lines = [f"{r.name}  [{r.outcome.label}]  {r.message}" for r in results if r.outcome is not Outcome.DISMISSED]
    reporter.result(
        ctx,
        {"ok": ok, "bundles": [_result_data(r) for r in results], "counts": asdict(counts)},
        "\n".join(lines),
    )
    if not ctx.json and (counts.found != 1 or counts.from_held or counts.dismissed):  # stdout: a line per bundle
        print(counts_text(counts), file=sys.stderr)
    if not ok:
        bad = [r for r in results if not r.ok]
        print(
            f"错误：{len(bad)} 个数据包未被接收（见上方各行原因；被拒收的已隔离，可用 province log 查看）。",
            file=sys.stderr,
        )
        return REJECTED_EXIT
    return 0


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_office_store() as store:
        entries = OfficeRepo(store.database, store.audit).intake_log(args.unit, args.limit)
    ctx.emit(
        [msgspec.structs.asdict(e) for e in entries],
        "\n".join(f"{e.at}  {e.name}  {_outcome_label(e.outcome)}  {e.reason}" for e in entries) or "还没有导入记录。",
    )
    return 0


def _outcome_label(code: str) -> str:
    """The Chinese label of a logged outcome (its code stays in --json); a code this version does not know as is."""
    try:
        return Outcome(code).label
    except ValueError:
        return code


def status_text(status: ProvinceStatus) -> str:
    from desktop.services.office.indicator_lines import HEADINGS, INDICATOR, indicator_lines

    plan = f"  规划：{status.plan.title}（{status.plan.id} 版本 {status.plan.version}）" if status.plan else ""
    lines = [f"报告期 {status.period}（截至 {status.today}）{plan}"]
    for unit in status.units:
        state = "已吊销" if unit.revoked else ("已报送" if unit.reported else "未报送")
        suite = by_name(unit.suite)
        if suite is not None:
            state += f"，{suite.label}"
        last = f"第 {unit.last_seq} 号，{unit.last_at}"
        projects = "  ".join(f"{p.number}.{p.name} {p.percent}%" for p in unit.projects)
        extra = ""
        if unit.held:
            extra += f"；暂存待补：第 {', '.join(map(str, unit.held))} 号"
        if unit.resync_pending:
            extra += "；等待重新同步的完整数据包"
        if unit.returned:
            extra += f"；已退回，待单位重报：{'、'.join(unit.returned)}"
        if not unit.last_seq:  # enrolled, nothing accepted yet: its name, periods and progress come with a bundle
            lines.append(f"{unit.code}（尚未收到数据包）  [{state}]{extra.replace('；', '  ', 1)}")
            if not unit.revoked:
                lines.append(
                    "    已登记，等待该单位导出并报送第一个数据包；收到后这里显示单位名称、报告期和各工程完成度。"
                )
            continue
        lines.append(f"{unit.code} {unit.name or '（名称未知）'}  [{state}]  最近接收：{last}{extra}")
        lines.append(f"    报告期：{'、'.join(unit.periods) or '无'}")
        lines.append(f"    {projects}")
    if status.not_reported:
        lines.append(f"本期未报送：{'、'.join(status.not_reported)}")
    if status.revoked:
        lines.append(f"已吊销（不计入汇总）：{'、'.join(u.code for u in status.revoked)}")
    for line in indicator_lines(status.indicators):  # the words of the office window and the summary PDF
        name, *cells = line.texts()
        lines.append(f"{INDICATOR} {name}：" + "，".join(f"{h} {c}" for h, c in zip(HEADINGS[1:], cells, strict=True)))
    return "\n".join(lines)


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office.status import province_status

    today = parse_date(args.today, "日期") if args.today else dt.date.today()
    with ctx.open_office_store() as store:
        status = province_status(store, args.period, today, args.plan)
    data = asdict(status)
    data["today"] = status.today.isoformat()
    ctx.emit(data, status_text(status))
    return 0


def cmd_evidence_list(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import evidence as office_evidence

    with ctx.open_office_store() as store:
        rows = office_evidence.list_evidence(
            store,
            unit=args.unit,
            task=args.task,
            milestone=args.milestone,
            after=args.after,
            limit=args.limit,
            plan=args.plan,
        )
    ctx.emit(
        [asdict(r) for r in rows],
        "\n".join(
            f"[{r.id:>5}] {r.unit} 任务{r.task_key or '?'} {r.item_title[:20]}｜{r.title}｜{r.original_name}｜"
            f"{r.size} 字节｜{r.sha256[:12]}｜所属期：{period_text(r.period)}"
            for r in rows
        )
        or "没有佐证材料。",
    )
    return 0


def cmd_evidence_get(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import evidence as office_evidence

    with ctx.open_office_store() as store:
        path = office_evidence.copy_out(store, args.id, Path(args.out).expanduser())
    ctx.emit({"id": args.id, "path": str(path), "verified": True}, f"已取出（哈希校验通过）：{path}")
    return 0


def cmd_evidence_verify(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import evidence as office_evidence

    with ctx.open_office_store() as store:
        problems, total = office_evidence.verify_all(store)
    ctx.emit(
        {"ok": not problems, "files": total, "problems": [{"sha256": s, "problem": p} for s, p in problems]},
        "\n".join(f"{p}：sha256 {s[:12]}" for s, p in problems) or f"全部 {total} 个佐证文件完好。",
    )
    if problems:
        raise IntegrityError(f"{len(problems)} 个佐证文件缺失或被改动：请从备份恢复，或让相关单位重新导出完整数据包。")
    return 0
