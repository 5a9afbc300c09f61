"""The unit's key commands: keys show, export, import (which switches suite when the office's key is of the other
one), init and rotate."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import Context
from desktop.services import keys, office_keys
from desktop.services.operations import keys as key_ops
from desktop.services.suite import Suite
from desktop.store import Home, Store, missing_home_error

if TYPE_CHECKING:  # the exporter is imported by `export` when it runs: the office's commands never use it
    pass

from desktop.cli.terminal_io import read_passphrase


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    group = sub.add_parser("keys", help="密钥：本单位签名公钥、省局公钥").add_subparsers(dest="action", required=True)
    p = group.add_parser("show", help="显示本单位的签名公钥（交省局登记）或省局公钥")
    p.set_defaults(handler=cmd_keys_show)
    p = group.add_parser("export", help="把本单位签名公钥 unit.pub 写到U盘或文件夹（交省局登记），并显示密钥编号")
    p.add_argument("--out", required=True, metavar="PATH", help="目标文件夹（如U盘）或文件")
    p.set_defaults(handler=cmd_keys_export)
    p = group.add_parser("import", help="导入省局下发的公钥文件 office.pub")
    p.add_argument("file")
    p.set_defaults(handler=cmd_keys_import)
    p = group.add_parser("init", help="为已有数据目录生成本单位的签名密钥")
    p.set_defaults(handler=cmd_keys_init)
    p = group.add_parser("rotate", help="更换本单位的签名密钥（新公钥须交省局重新登记）")
    p.set_defaults(handler=cmd_keys_rotate)


def cmd_keys_show(ctx: Context, args: argparse.Namespace) -> int:
    home = Home(ctx.home)
    if not home.exists():  # not "no signing key yet: run keys init", which cannot work here either
        raise missing_home_error(ctx.home)
    if (home.keys / keys.OFFICE_IDENTITY).is_file():
        path = home.keys / keys.OFFICE_PUBLIC
        suite = office_keys.office_suites(home)[0]
        recipients = office_keys.office_recipient_ids(home, suite)
        answer_key = office_keys.own_office_answer_key(home)
        signing_id = answer_key.key_id if answer_key is not None else None
        ctx.emit(
            {
                "kind": "office",
                "suite": suite.name,
                "suites": [s.name for s in office_keys.office_suites(home)],
                "public_key": recipients[0],
                "public_key_path": str(path),
                "escrow": recipients[1:],
                "signing_key_id": signing_id,
            },
            f"省局公钥：{recipients[0]}（{suite.label}）\n"
            f"公钥文件：{path}（请把它交给各单位：planprogress keys import office.pub）"
            + (f"\n回执签名密钥编号：{signing_id}（各单位导入时电话核对）" if signing_id else ""),
        )
        return 0
    public = keys.unit_verify_key(home)
    key_id = public.key_id
    path = home.keys / keys.UNIT_PUBLIC
    office = home.keys / keys.OFFICE_PUBLIC
    ctx.emit(
        {
            "kind": "unit",
            "suite": public.suite.name,
            "public_key": public.stored,
            "public_key_path": str(path),
            "key_id": key_id,
            "office_key_imported": office.is_file(),
        },
        f"本单位签名公钥（{public.suite.label}）：{public.stored.strip()}\n密钥编号：{key_id}\n公钥文件：{path}"
        "（请把这个文件交省局登记：province enroll）"
        + ("" if office.is_file() else "\n注意：还没有导入省局公钥（planprogress keys import office.pub）。"),
    )
    return 0


def cmd_keys_export(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        code = store.unit().code
    path, key_id = keys.export_unit_public_key(Home(ctx.home), Path(args.out).expanduser(), code)
    ctx.emit(
        {"public_key_path": str(path), "key_id": key_id, "unit_code": code},
        f"已写出本单位签名公钥：{path}\n密钥编号：{key_id}\n"
        "请把这个文件交省局登记；省局登记时会与您核对这个密钥编号，请记下或当面告知。",
    )
    return 0


def cmd_keys_import(ctx: Context, args: argparse.Namespace) -> int:
    home = Home(ctx.home)
    if not home.exists():
        raise missing_home_error(ctx.home)
    source = Path(args.file).expanduser()
    suite, _ = keys.office_pub_suite(keys.read_key_file(source, "省局公钥"), source.name)
    switched = _switch_suite(ctx, home, suite)  # before the import: a refusal leaves the old office.pub in place
    recipients = key_ops.import_office_key(home, source).value
    answer_key = keys.office_answer_key(home)
    signing_id = answer_key.key_id if answer_key is not None else None
    if switched is not None:
        ctx.warn(
            f"省局已换用{suite.label}套件：本单位已生成新的{suite.label}签名密钥（编号 {switched.key_id}），"
            f"旧密钥停用。请把 {switched.public_key_path} 交省局重新登记（province enroll），"
            "省局登记新公钥以后才能导入用它签名的数据包（登记前导入会被拒收，登记后再导入即可）。"
            "下一次导出是完整数据包，序号接着上一个。"
        )
    ctx.emit(
        {
            "office_public_key": recipients[0],
            "recipients": recipients,
            "suite": suite.name,
            "path": str(home.keys / keys.OFFICE_PUBLIC),
            "signing_key_id": signing_id,
            "unit_key_id": switched.key_id if switched is not None else None,
        },
        f"已导入省局公钥 {recipients[0]}"
        + (f"（另有 {len(recipients) - 1} 个托管公钥）" if len(recipients) > 1 else "")
        + (
            f"\n省局回执签名密钥编号 {signing_id}：请打电话与省局核对这个编号，一致才说明文件没有被调换。"
            if signing_id
            else "\n注意：这份 office.pub 没有回执签名公钥（省局用旧版制作），暂不能导入省局回执。"
        ),
    )
    return 0


def _switch_suite(ctx: Context, home: Home, suite: Suite) -> keys.UnitKeyInfo | None:
    """A unit whose office changed suite gets a signing key in that suite (its chain continues); None when the
    unit already signs in it, or has no key yet."""
    if not (home.keys / keys.UNIT_PUBLIC).is_file() or keys.unit_verify_key(home).suite is suite:
        return None
    with ctx.open_store() as store:
        if store.kind != "unit":
            return None
        return create_unit_key(ctx, home, store.unit().code, rotate_in=store, suite=suite)


def create_unit_key(
    ctx: Context, home: Home, unit_code: str, rotate_in: Store | None = None, suite: Suite | None = None
) -> keys.UnitKeyInfo:
    """A new signing key; with `rotate_in`, one that replaces the key of that unit's store (in `suite`)."""
    passphrase = read_passphrase(ctx, "为本单位签名密钥设置口令（直接回车则不设口令）：", new=True)
    if rotate_in is not None:
        info = key_ops.rotate_unit_key(rotate_in, home, unit_code, passphrase, suite).value
    else:
        info = key_ops.create_unit_key(home, unit_code, passphrase).value
    if not info.protected:
        ctx.warn(
            "签名密钥没有设口令（没有终端可输入，也没有 --passphrase-file 或 PLANPROGRESS_PASSPHRASE）："
            f"请妥善保管 {home.keys / keys.UNIT_SECRET}。"
        )
    return info


def cmd_keys_init(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        code = store.unit().code
    info = create_unit_key(ctx, Home(ctx.home), code)
    ctx.emit(
        {"public_key": info.public_key, "public_key_path": str(info.public_key_path), "key_id": info.key_id},
        f"已生成本单位签名密钥（编号 {info.key_id}），公钥文件：{info.public_key_path}",
    )
    return 0


def cmd_keys_rotate(ctx: Context, args: argparse.Namespace) -> int:
    with ctx.open_store() as store:
        code = store.unit().code
        info = create_unit_key(ctx, Home(ctx.home), code, rotate_in=store)
    ctx.emit(
        {"public_key": info.public_key, "public_key_path": str(info.public_key_path), "key_id": info.key_id},
        f"已更换签名密钥（新编号 {info.key_id}）：请把 {info.public_key_path} 交省局重新登记（province enroll），"
        "省局登记新公钥以后才能导入用它签名的数据包（登记前导入会被拒收，登记后再导入即可）。下一次导出是完整数据包。",
    )
    return 0
