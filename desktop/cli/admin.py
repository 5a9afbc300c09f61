"""Administration commands: init, unit, users, review workflow, audit trail, backup and restore."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

import msgspec

from desktop import paths
from desktop.cli import answer_cmds
from desktop.cli.context import Context
from desktop.cli.terminal_io import read_passphrase
from desktop.domain.catalog import DEFAULT_CATALOG_ID, available_catalogs
from desktop.domain.errors import InputError, IntegrityError, NotFoundError
from desktop.domain.status import Role
from desktop.domain.system_errors import reason
from desktop.domain.unit_code import canonical_unit_code, normalised_note
from desktop.services import keys
from desktop.services import operations as ops
from desktop.services.backup import create_backup, export_state, restore_backup, resync_advice
from desktop.services.operations import keys as key_ops
from desktop.services.suite import AGE
from desktop.store import Home, Store

PASSWORD_ENV = "PLANPROGRESS_USER_PASSWORD"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help="建立本单位的数据目录")
    p.add_argument("--unit-code", required=True, help="单位代码：英文字母、数字和 -，如 GD-GZ01")
    p.add_argument("--unit-name", required=True, help="单位名称，如 广州监狱")
    p.add_argument("--catalog", default=DEFAULT_CATALOG_ID, help="规划目录（默认“十四五”规划）")
    p.add_argument("--province-key", metavar="FILE", help="省局下发的公钥文件 office.pub（也可以以后用 keys import）")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("unit", help="显示本单位信息")
    p.set_defaults(handler=cmd_unit)

    user = sub.add_parser("user", help="用户与角色").add_subparsers(dest="action", required=True)
    p = user.add_parser("add", help="添加用户")
    p.add_argument("name")
    p.add_argument("--role", required=True, help="填报员 / 审核员 / 管理员")
    p.add_argument("--display-name", default="")
    p.add_argument("--password-file", help=f"从文件读取密码（或设环境变量 {PASSWORD_ENV}）")
    p.set_defaults(handler=cmd_user_add)
    p = user.add_parser("list", help="列出用户")
    p.set_defaults(handler=cmd_user_list)
    p = user.add_parser("passwd", help="重设用户密码")
    p.add_argument("name")
    p.add_argument("--password-file")
    p.set_defaults(handler=cmd_user_passwd)
    p = user.add_parser("disable", help="停用用户")
    p.add_argument("name")
    p.set_defaults(handler=cmd_user_disable)

    review = sub.add_parser("review", help="报告期审核：提交、通过、退回、重新打开")
    actions = review.add_subparsers(dest="action", required=True)
    for action, text in (
        ("submit", "提交审核"),
        ("approve", "审核通过（锁定）"),
        ("return", "退回修改"),
        ("reopen", "重新打开已审核的报告期"),
    ):
        p = actions.add_parser(action, help=text)
        p.add_argument("period")
        p.add_argument("--comment", default="")
        if action == "reopen":
            p.add_argument("--reason", required=True, help="重新打开的原因（写入审计记录）")
        p.set_defaults(handler=cmd_review, review_action=action)
    p = actions.add_parser("status", help="各报告期的审核状态")
    p.set_defaults(handler=cmd_review_status)

    audit = sub.add_parser("audit", help="审计记录").add_subparsers(dest="action", required=True)
    p = audit.add_parser("verify", help="校验审计记录的哈希链")
    p.set_defaults(handler=cmd_audit_verify)
    p = audit.add_parser("list", help="列出审计记录")
    p.add_argument("--user")
    p.add_argument("--entity", help="measure / milestone / progress / evidence / review / user ...")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=cmd_audit_list)

    p = sub.add_parser("backup", help="把整个数据目录备份成一个文件")
    p.add_argument("--out", required=True, help="备份文件（或文件夹）")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help="从备份文件恢复数据目录")
    p.add_argument("file")
    p.add_argument("--replace", action="store_true", help="数据目录已有数据时，把它移到一旁后恢复")
    p.set_defaults(handler=cmd_restore)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    code = canonical_unit_code(args.unit_code)
    if not args.unit_name.strip():
        raise InputError("单位名称不能为空。")
    catalogs = [c for c in available_catalogs(paths.catalogs_dir()) if c.id == args.catalog]
    if not catalogs:
        raise NotFoundError(f"没有名为 {args.catalog} 的规划目录。")
    office_key = Path(args.province_key).expanduser() if args.province_key else None
    suite = AGE  # units take the suite of the office key they import
    if office_key is not None:  # checked before anything is created
        suite, _ = keys.office_pub_suite(keys.read_key_file(office_key, "省局公钥"), office_key.name)
    passphrase = read_passphrase(ctx, "为本单位签名密钥设置口令（直接回车则不设口令）：", new=True)
    with Store.create(ctx.home, ctx.actor, "unit", catalogs[-1]) as store:
        unit = ops.set_unit(store, code, args.unit_name).value
        tasks = len(store.plan.tasks())
    home = Home(ctx.home)
    signing = key_ops.create_unit_key(home, unit.code, passphrase, suite).value
    if office_key is not None:
        key_ops.import_office_key(home, office_key)
    kind = "国密 SM2 签名密钥" if suite is not AGE else "签名密钥"  # the suite follows the office key
    notice = (
        f"已生成本单位的{kind}（有口令保护）。"
        if signing.protected
        else f"已生成本单位的{kind}（未设口令：没有终端可输入，也没有 --passphrase-file 或 PLANPROGRESS_PASSPHRASE）。"
    )
    ctx.emit(
        {
            "home": str(ctx.home),
            "unit_code": unit.code,
            "unit_name": unit.name,
            "catalog": f"{unit.catalog_id}@{unit.catalog_version}",
            "tasks": tasks,
            "signing_key_id": signing.key_id,
            "signing_key_protected": signing.protected,
            "suite": signing.suite.name,
            "public_key_path": str(signing.public_key_path),
            "office_key_imported": office_key is not None,
        },
        f"已建立 {unit.name}（{unit.code}）的数据目录：{ctx.home}\n规划目录 {unit.catalog_id} {unit.catalog_version}，"
        f"共 {tasks} 项任务。\n{notice}\n本单位签名密钥编号：{signing.key_id}（省局登记公钥时会与您核对这个编号）。"
        + (f"\n{note}" if (note := normalised_note(args.unit_code, unit.code)) else ""),
    )
    return 0


def cmd_unit(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        unit = store.unit()
        data = {**msgspec.structs.asdict(unit), "home": str(ctx.home), "kind": store.kind}
        if store.kind == "office":  # an office has no unit code: say whose office it is
            data["office_name"] = store.database.meta("office_name", "") or ""
        else:
            data["signing_key_id"] = keys.unit_key_id(store.home)
    who = f"省局：{data['office_name']}" if data["kind"] == "office" else f"{unit.name}（{unit.code}）"
    text = f"{who}\n数据目录 {ctx.home}\n规划目录 {unit.catalog_id} {unit.catalog_version}"
    if data["kind"] != "office":
        text += f"\n签名密钥编号 {data['signing_key_id'] or '（尚未生成：planprogress keys init）'}"
    ctx.emit(data, text)
    return 0


def read_new_password(password_file: str | None) -> str:
    if password_file:
        try:
            return Path(password_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise InputError(f"无法读取密码文件 {password_file}（{reason(exc)}）。") from None
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise InputError(f"请用 --password-file 文件 或环境变量 {PASSWORD_ENV} 提供密码（当前没有终端可以输入）。")
    first = getpass.getpass("新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise InputError("两次输入的密码不一致，请重试。")
    return first


def cmd_user_add(ctx: Context, args: argparse.Namespace) -> int:
    role = Role.parse(args.role)
    password = read_new_password(args.password_file)
    with ctx.open_store() as store:
        user = ops.add_user(store, args.name, role, password, args.display_name).value
    ctx.emit({"name": user.name, "role": user.role.value}, f"已添加用户 {user.name}（{user.role.value}）")
    return 0


def cmd_user_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        users = store.users.find()
    ctx.emit(
        [{"name": u.name, "display_name": u.display_name, "role": u.role.value, "active": u.active} for u in users],
        "\n".join(f"{u.name}\t{u.role.value}\t{'在用' if u.active else '已停用'}" for u in users) or "还没有用户。",
    )
    return 0


def cmd_user_passwd(ctx: Context, args: argparse.Namespace) -> int:
    password = read_new_password(args.password_file)
    with ctx.open_store() as store:
        ops.set_password(store, args.name, password)
    ctx.emit({"name": args.name, "password": "changed"}, f"已重设 {args.name} 的密码")
    return 0


def cmd_user_disable(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        ops.set_active(store, args.name, False)
    ctx.emit({"name": args.name, "active": False}, f"已停用用户 {args.name}")
    return 0


def cmd_review(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        action = args.review_action
        if action == "submit":
            record = ops.submit_period(store, args.period, args.comment).value
        elif action == "approve":
            record = ops.approve_period(store, args.period, args.comment).value
        elif action == "return":
            record = ops.return_period(store, args.period, args.comment).value
        else:
            record = ops.reopen_period(store, args.period, args.reason).value
    ctx.emit(
        {"period": record.period, "state": record.state.value, "by": record.updated_by},
        f"报告期 {record.period}：{record.state.label}",
    )
    return 0


def cmd_review_status(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        records = {r.period: r for r in store.reviews.find()}
        returned = answer_cmds.review_returns(store)
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    for period in sorted(set(records) | set(returned)):
        record = records.get(period)
        back = returned.get(period)
        label = "退回" if back else (record.state.label if record else "草稿")
        row: dict[str, Any] = {
            "period": period,
            "state": "returned" if back else (record.state.value if record else "draft"),
            "by": record.updated_by if record else (back or {}).get("by", ""),
            "at": record.updated_at if record else (back or {}).get("at", ""),
        }
        if back:  # sent back by the office: 退回, with its reason, who, when and comments per task
            row["label"] = label
            row["office_return"] = back
        rows.append(row)
        lines.append(f"{period}\t{label}\t{row['by']}\t{row['at']}")
        if back:
            lines.append(f"    省局退回（{back['by']}，{back['at']}）：{back['reason']}")
            lines += [f"    意见 {c['task'] or c['target']}：{c['text']}" for c in back["comments"]]
    ctx.emit(rows, "\n".join(lines) or "还没有审核记录。")
    return 0


def cmd_audit_verify(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        problems = store.audit.verify()
        count = store.audit.count()
    ctx.emit(
        {"ok": not problems, "rows": count, "problems": [{"row": p.row_id, "problem": p.message} for p in problems]},
        "\n".join(p.message for p in problems) or f"审计记录完好：共 {count} 条，哈希链无断裂。",
    )
    if problems:
        raise IntegrityError(f"审计记录校验发现 {len(problems)} 处问题：记录可能被改动，请联系管理员并保留现场。")
    return 0


def cmd_audit_list(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        total = store.audit.count()
        entries = store.audit.entries(user=args.user, entity=args.entity, after_id=max(0, total - args.limit))
    ctx.emit(
        [msgspec.structs.asdict(e) for e in entries],
        "\n".join(f"{e.id}\t{e.at}\t{e.user}\t{e.action}\t{e.entity}\t{e.entity_uid}" for e in entries),
    )
    return 0


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        result = create_backup(store, Path(args.out))
    ctx.emit(
        {"path": str(result.path), "files": result.files, "bytes": result.bytes},
        f"已备份到 {result.path}（{result.files} 个文件，{result.bytes} 字节）",
    )
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    before = export_state(ctx.home) if args.replace else None
    kept = restore_backup(Path(args.file).expanduser(), ctx.home, replace=args.replace)
    after = export_state(ctx.home)
    advice = resync_advice(before, after)
    note = f"；原数据已移到 {kept}" if kept else ""
    ctx.emit(
        {
            "home": str(ctx.home),
            "previous": str(kept) if kept else None,
            "last_seq_before": before.last_seq if before else None,
            "last_seq_restored": after.last_seq if after else None,
            "resync_advice": advice,
        },
        f"已从备份恢复到 {ctx.home}{note}" + (f"\n{advice}" if advice else ""),
    )
    return 0
