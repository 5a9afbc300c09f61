"""The office's answers on the command line: `province return`, `province notice`, `province answer` at the
office, `receive` at the unit; plus what the unit's lists show of them (export --list, review status).
The answer services (and the signing and encryption libraries under them) are imported by the command that
runs them: `province status` or `export --list` registers these commands without paying for them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.context import Context
from desktop.cli.province_report_cmds import PLAN_HELP
from desktop.domain.errors import InputError
from desktop.services.answer.unit_view import open_returns, receipt_text, receipts_by_seq
from desktop.store import Store
from desktop.store.answers import PeriodReturn
from desktop.store.exports import ExportRecord

REFUSED_EXIT = 7


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("receive", help="导入省局回执（U盘根目录、回执所在文件夹或某个 PO- 文件夹）")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(handler=cmd_receive)


def register_office(group: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = group.add_parser("return", help="退回某单位的一个报告期（写明原因，可按任务写意见）")
    p.add_argument("code", metavar="CODE")
    p.add_argument("period", metavar="PERIOD")
    p.add_argument("--reason", required=True, help="退回原因")
    p.add_argument("--comment", action="append", default=[], metavar="TASK=TEXT", help="对某项任务的意见，如 1.04=…")
    p.add_argument("--plan", metavar="ID", help=PLAN_HELP + "（--comment 的任务序号按这一规划查找）")
    p.set_defaults(handler=cmd_return)
    p = group.add_parser("notice", help="给各单位（或 --unit 指定的单位）发通知，随下一份回执送达")
    p.add_argument("--title", required=True)
    p.add_argument("--text", required=True)
    p.add_argument("--unit", action="append", default=[], metavar="CODE")
    p.set_defaults(handler=cmd_notice)
    p = group.add_parser("answer", help="制作回执U盘：给有新内容的单位各写一个 PO-单位代码-序号 文件夹")
    p.add_argument("--out", required=True, metavar="DIR", help="目标文件夹（如U盘）")
    p.add_argument("--unit", action="append", default=[], metavar="CODE", help="只给这些单位写（即使没有新内容）")
    p.add_argument("--all", action="store_true", help="给所有单位写（即使没有新内容）")
    p.set_defaults(handler=cmd_answer)


def _office(ctx: Context) -> Store:
    store = ctx.open_store()
    return store


def return_data(unit: str, entry: PeriodReturn) -> dict[str, Any]:
    return {
        "unit": unit,
        "id": entry.id,
        "period": entry.period,
        "reason": entry.reason,
        "by": entry.made_by,
        "at": entry.made_at,
        "comments": [{"task": c.task, "target": c.target, "text": c.text} for c in entry.comments],
    }


def cmd_return(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.operations import answers as answer_ops

    with _office(ctx) as store:
        made = answer_ops.return_unit_period(store, args.code, args.period, args.reason, args.comment, args.plan).value
    ctx.emit(
        return_data(made.unit, made.entry),
        f"已退回 {made.unit} 的 {made.entry.period}（意见 {len(made.entry.comments)} 条）：随下一份回执送达该单位"
        "（province answer）。",
    )
    return 0


def cmd_notice(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.operations import answers as answer_ops

    with _office(ctx) as store:
        notice = answer_ops.add_notice(store, args.title, args.text, args.unit or None).value
    to = "、".join(args.unit) if args.unit else "所有单位"
    ctx.emit(
        {"id": notice.id, "title": notice.title, "units": args.unit or None, "at": notice.made_at},
        f"已登记通知“{notice.title}”（发给 {to}）：随下一份回执送达（province answer）。",
    )
    return 0


def cmd_answer(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.cli.terminal_io import read_passphrase
    from desktop.services.answer.office import write_answers
    from desktop.services.keys import office_signing_key, public_key_id

    passphrase = read_passphrase(ctx, "省局私钥的口令：")
    if not passphrase:
        raise InputError(
            "制作回执需要省局私钥的口令：请在终端输入，或用 --passphrase-file / PLANPROGRESS_PASSPHRASE 提供。"
        )
    with _office(ctx) as store:  # answers are small: no progress lines, `--json` prints one list
        run = write_answers(store, Path(args.out), passphrase, units=args.unit, all_units=args.all)
        signing = office_signing_key(store.home)
    if run.signer_created and signing is not None:
        ctx.warn(
            f"已生成省局的回执签名密钥（编号 {public_key_id(signing)}），office.pub 已更新："
            "请把新的 office.pub 交各单位"
            "导入（keys import）并电话核对编号，否则单位不接受回执。"
        )
    for code, why in run.skipped:
        ctx.warn(f"{code}：{why}")
    lines = [
        f"{w.path.name}  回执 {w.receipts} 条  退回 {w.returns} 期  通知 {w.notices} 条  → {w.path}"
        for w in run.written
    ]
    if run.unchanged:
        lines.append(f"另有 {run.unchanged} 个单位没有新内容，未写回执（--all 可全部重写）。")
    ctx.emit(
        [
            {
                "unit": w.unit,
                "seq": w.seq,
                "path": str(w.path),
                "receipts": w.receipts,
                "returns": w.returns,
                "notices": w.notices,
            }
            for w in run.written
        ],
        "\n".join(lines) or "没有需要写回执的单位。",
    )
    return 0


def cmd_receive(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.answer.receive import ALREADY, APPLIED
    from desktop.services.operations import answers as answer_ops

    with ctx.open_store() as store:
        run = answer_ops.receive_answers(store, [Path(p) for p in args.paths]).value
    status_text = {APPLIED: "已导入", ALREADY: "已导入过", "refused": "拒收"}
    lines = [f"{line.name}  [{status_text[line.status]}]  {line.message}" for line in run.lines]
    if run.others:
        lines.append(f"另有 {len(run.others)} 份回执是给其他单位的，已跳过：{'、'.join(run.others)}")
    ctx.emit(
        {
            "answers": [
                {
                    "name": line.name,
                    "source": line.source,
                    "seq": line.seq,
                    "status": line.status,
                    "reason": line.kind,
                    "message": line.message,
                }
                for line in run.lines
            ],
            "other_units": list(run.others),
            "ok": run.ok,
        },
        "\n".join(lines),
    )
    return 0 if run.ok else REFUSED_EXIT


# -- what the unit's lists show ---------------------------------------------------------------------------
def office_fields(store: Store, exports: list[ExportRecord]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for seq, receipt in receipts_by_seq(store, exports).items():
        out[seq] = {
            "office_outcome": receipt.outcome if receipt else None,
            "office_reason": receipt.reason if receipt else None,
            "confirmed_at": receipt.at if receipt else None,
            "office_text": receipt_text(receipt),
        }
    return out


def review_returns(store: Store) -> dict[str, dict[str, Any]]:
    """Open office returns by period, as `review status` shows them (state 退回)."""
    return {
        period: {
            "reason": r.entry.reason,
            "by": r.entry.made_by,
            "at": r.entry.made_at,
            "received_at": r.received_at,
            "comments": [{"task": c.task, "target": c.target, "text": c.text} for c in r.entry.comments],
        }
        for period, r in open_returns(store).items()
    }
