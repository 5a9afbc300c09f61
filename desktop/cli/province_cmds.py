"""Provincial office commands: init (office key pair), enroll, revoke, import, dismiss, resync, status, evidence,
log."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from desktop import paths
from desktop.cli import answer_cmds, catalog_cmds
from desktop.cli.context import Context
from desktop.cli.evidence_cmds import period_text
from desktop.cli.province_report_cmds import PLAN_HELP, register_report
from desktop.cli.terminal_io import Reporter, read_passphrase
from desktop.domain.errors import InputError, IntegrityError, StateError
from desktop.domain.periods import parse_date
from desktop.domain.unit_code import normalised_note
from desktop.services import gm_keys, keys, office_keys
from desktop.services.bundle.format import BUNDLE_NAME, Outcome
from desktop.services.office.intake import Intake, IntakeResult
from desktop.services.office.intake_counts import IntakeCounts, count_results
from desktop.services.suite import GM, SHORT_NAMES, by_name, by_short
from desktop.store import Home, Store
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
    p = group.add_parser("init", help="建立省局的数据目录和加密密钥对")
    p.add_argument("--name", default="省局", help="省局名称（写在公钥文件的注释里）")
    p.add_argument(
        "--escrow",
        action="append",
        default=[],
        metavar="KEY_OR_FILE",
        help="托管备份公钥（age1…或文件；国密：SM2 PEM 文件）",
    )
    p.add_argument("--suite", choices=SHORT_NAMES, default="age", help="密码套件：age（默认）或 gm（国密 SM2/SM3/SM4）")
    p.set_defaults(handler=cmd_init)
    keys_group = group.add_parser("keys", help="省局密钥：增加国密密钥").add_subparsers(dest="what", required=True)
    p = keys_group.add_parser("add", help="为已有的 age 省局增加国密（SM2）密钥，office.pub 同时含两套公钥")
    p.add_argument("--suite", choices=["gm"], required=True)
    p.add_argument("--escrow", action="append", default=[], metavar="FILE", help="国密托管备份公钥（SM2 PEM 文件）")
    p.set_defaults(handler=cmd_keys_add)
    p = group.add_parser("enroll", help="登记单位的签名公钥")
    p.add_argument("pubkey", metavar="UNIT_PUBKEY_FILE", help="单位交来的 unit.pub（age 或国密套件均可）")
    p.add_argument("--unit-code", required=True, help="单位代码，如 GD-GZ01（与单位初始化时一致）")
    p.set_defaults(handler=cmd_enroll)
    p = group.add_parser("revoke", help="吊销单位（不再接收其数据包）")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--reason", default="", help="原因（写入审计记录）")
    p.set_defaults(handler=cmd_revoke)
    p = group.add_parser("import", help="导入数据包（可一次导入多个，或整个U盘）")
    p.add_argument("bundles", nargs="+", metavar="BUNDLE_DIR")
    p.set_defaults(handler=cmd_import)
    p = group.add_parser("dismiss", help="搁置被吊销单位或已停用密钥签名的数据包：以后导入时不再显示")
    p.add_argument("name", metavar="BUNDLE_NAME", help="数据包名称，如 PB-GD-GZ01-000003（见导入结果或 province log）")
    p.add_argument("--reason", required=True, help="原因（写入审计记录）")
    p.set_defaults(handler=cmd_dismiss)
    p = group.add_parser("resync", help="单位从备份恢复后：允许其下一个完整数据包重新开始数据包链")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--reason", required=True, help="原因（写入导入日志）")
    p.set_defaults(handler=cmd_resync)
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


def _office_store(ctx: Context) -> Store:
    store = ctx.open_store()
    if store.kind != "office":
        store.close()
        raise StateError(f"{ctx.home} 是单位的数据目录：省局命令请用 --home 指向省局的数据目录（province init 建立）。")
    return store


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    home = Home(ctx.home)
    if home.exists():
        with ctx.open_store() as store:
            if store.kind != "office":
                raise StateError(f"{ctx.home} 是单位的数据目录：省局请另建一个数据目录（--home）。")
    suite = by_short(args.suite)
    escrow: list[str] = []
    gm_escrow = []
    for item in args.escrow:
        path = Path(item).expanduser()
        if suite is GM:
            gm_escrow += gm_keys.read_escrow(path)
        else:
            escrow += keys.parse_recipients(path.read_bytes(), path.name) if path.is_file() else [item]
    passphrase = read_passphrase(ctx, "为省局私钥设置口令（至少 8 个字符）：", new=True)
    if not passphrase:
        raise InputError(
            "省局私钥必须设口令：请在终端运行并输入口令，或用 --passphrase-file 文件 / 环境变量 "
            "PLANPROGRESS_PASSPHRASE 提供。"
        )
    if len(passphrase) < keys.MIN_OFFICE_PASSPHRASE:
        raise InputError(f"省局私钥口令至少需要 {keys.MIN_OFFICE_PASSPHRASE} 个字符。")
    from desktop.domain.catalog import available_catalogs
    from desktop.services import operations as ops
    from desktop.services.operations import keys as key_ops

    if not home.exists():
        catalogs = available_catalogs(paths.catalogs_dir())
        with Store.create(ctx.home, ctx.actor, "office", catalogs[-1]) as store:
            ops.set_up_office(store, catalogs, args.name)
    info = key_ops.create_office_key(home, passphrase, escrow, args.name, suite, gm_escrow).value
    ctx.emit(
        {
            "home": str(ctx.home),
            "suite": info.suite.name,
            "public_key": info.public_key,
            "public_key_path": str(info.public_key_path),
            "identity_path": str(info.identity_path),
            "escrow": list(info.escrow),
        },
        f"已建立省局密钥对。\n公钥：{info.public_key}\n"
        f"公钥文件：{info.public_key_path}（交各单位：planprogress keys import）\n"
        f"私钥文件：{info.identity_path}（口令保护；请另行备份，口令切勿遗失）",
    )
    return 0


def cmd_keys_add(ctx: Context, args: argparse.Namespace) -> int:
    """An age office adds SM2 keys beside its age identity (units then migrate one by one)."""
    with _office_store(ctx) as store:
        office_name = store.database.meta("office_name", "省局") or "省局"
    gm_escrow = [key for item in args.escrow for key in gm_keys.read_escrow(Path(item).expanduser())]
    passphrase = read_passphrase(ctx, "省局私钥的口令：")
    if not passphrase:
        raise InputError(
            "需要省局私钥的口令：请在终端输入，或用 --passphrase-file 文件 / 环境变量 PLANPROGRESS_PASSPHRASE 提供。"
        )
    from desktop.services.operations import keys as key_ops

    home = Home(ctx.home)
    office_keys.load_office_identity(home, passphrase)  # the new keys take the office's passphrase: check it first
    public = key_ops.add_office_gm_key(home, passphrase, gm_escrow, office_name).value
    paths = gm_keys.office_gm_paths(home)
    assert paths is not None
    ctx.emit(
        {
            "suite": GM.name,
            "public_key": public.key_id(),
            "public_key_path": str(home.keys / keys.OFFICE_PUBLIC),
            "identity_path": str(paths[0]),
            "escrow": [key.key_id() for key in gm_escrow],
        },
        f"已增加省局国密（SM2）密钥（编号 {public.key_id()}）：{paths[0]}\n"
        f"新的公钥文件 {home.keys / keys.OFFICE_PUBLIC} 同时含 age 与国密公钥：请把它交给要换用国密的单位"
        "（planprogress keys import office.pub）；未导入的单位照旧用 age，省局两种都接收。",
    )
    return 0


def cmd_enroll(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import registry

    with _office_store(ctx) as store:
        unit, what, key_id = registry.enroll(store, Path(args.pubkey).expanduser(), args.unit_code)
    text = {
        "new": f"已登记单位 {unit.code}（签名密钥 {key_id}）",
        "rotated": f"已为单位 {unit.code} 更换签名密钥为 {key_id}（旧密钥停用）",
        "re-enrolled": f"已重新登记单位 {unit.code}（新签名密钥 {key_id}），吊销已解除",
        "unchanged": f"单位 {unit.code} 已登记过这把密钥（{key_id}），未作改动",
    }[what]
    note = normalised_note(args.unit_code, unit.code)
    ctx.emit({"unit": unit.code, "key_id": key_id, "result": what}, text + (f"\n{note}" if note else ""))
    return 0


def cmd_revoke(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import registry

    with _office_store(ctx) as store:
        unit = registry.revoke(store, args.code, args.reason)
    ctx.emit({"unit": unit.code, "revoked_at": unit.revoked_at}, f"已吊销单位 {unit.code}：不再接收其数据包。")
    return 0


def cmd_resync(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import registry

    with _office_store(ctx) as store:
        unit = registry.allow_resync(store, args.code, args.reason)
    ctx.emit(
        {"unit": unit.code, "resync": True, "last_seq": unit.last_seq},
        f"已允许 {unit.code} 重新同步：请该单位导出完整数据包（planprogress export --full），"
        "导入后其数据包链从该包重新开始。",
    )
    return 0


def cmd_dismiss(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import dismiss

    with _office_store(ctx) as store:
        found = dismiss.dismiss(store, args.name, args.reason)
    ctx.emit(
        msgspec.structs.asdict(found),
        f"已搁置 {found.name}：以后导入含有这个数据包的U盘时，它不再被拒收，只在汇总中计为“已搁置”。",
    )
    return 0


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


def expand_sources(items: list[str]) -> list[Path]:
    """Bundle folders as given; a folder that holds bundles (a stick) stands for all of them, in chain order."""
    out: list[Path] = []
    for item in items:
        path = Path(item).expanduser()
        if not BUNDLE_NAME.match(path.name) and path.is_dir():
            inner = [p for p in path.iterdir() if BUNDLE_NAME.match(p.name) and p.is_dir()]
            if inner:
                out += sorted(inner, key=lambda p: p.name)
                continue
        out.append(path)
    return out


def _result_data(result: IntakeResult) -> dict[str, Any]:
    data = asdict(result)
    data["outcome"] = result.outcome.value
    data["label"] = result.outcome.label
    data["ok"] = result.ok
    return data


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    sources = expand_sources(args.bundles)
    _office_store(ctx).close()  # a wrong home is said before the passphrase is asked for
    passphrase = read_passphrase(ctx, "省局私钥的口令：")
    if not passphrase:
        raise InputError(
            "需要省局私钥的口令：请在终端输入，或用 --passphrase-file 文件 / 环境变量 PLANPROGRESS_PASSPHRASE 提供。"
        )
    reporter = Reporter(ctx, "导入")
    with _office_store(ctx) as store:
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
    with _office_store(ctx) as store:
        entries = OfficeRepo(store.database, store.audit).intake_log(args.unit, args.limit)
    ctx.emit(
        [msgspec.structs.asdict(e) for e in entries],
        "\n".join(f"{e.at}  {e.name}  {e.outcome}  {e.reason}" for e in entries) or "还没有导入记录。",
    )
    return 0


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
    with _office_store(ctx) as store:
        status = province_status(store, args.period, today, args.plan)
    data = asdict(status)
    data["today"] = status.today.isoformat()
    ctx.emit(data, status_text(status))
    return 0


def cmd_evidence_list(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import evidence as office_evidence

    with _office_store(ctx) as store:
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

    with _office_store(ctx) as store:
        path = office_evidence.copy_out(store, args.id, Path(args.out).expanduser())
    ctx.emit({"id": args.id, "path": str(path), "verified": True}, f"已取出（哈希校验通过）：{path}")
    return 0


def cmd_evidence_verify(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import evidence as office_evidence

    with _office_store(ctx) as store:
        problems, total = office_evidence.verify_all(store)
    ctx.emit(
        {"ok": not problems, "files": total, "problems": [{"sha256": s, "problem": p} for s, p in problems]},
        "\n".join(f"{p}：sha256 {s[:12]}" for s, p in problems) or f"全部 {total} 个佐证文件完好。",
    )
    if problems:
        raise IntegrityError(f"{len(problems)} 个佐证文件缺失或被改动：请从备份恢复，或让相关单位重新导出完整数据包。")
    return 0
