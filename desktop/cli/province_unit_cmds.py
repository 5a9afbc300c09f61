"""The office's keys and units: province init (its key pair), keys add (国密 beside age), enroll, revoke, resync,
and dismiss for bundles nothing can make acceptable again."""

from __future__ import annotations

import argparse
from pathlib import Path

import msgspec

from desktop import paths
from desktop.cli.context import Context
from desktop.cli.terminal_io import read_passphrase
from desktop.domain.errors import InputError, StateError
from desktop.domain.unit_code import normalised_note
from desktop.services import gm_keys, keys, office_keys
from desktop.services.suite import GM, SHORT_NAMES, by_short
from desktop.store import Home, Store


def register_keys_and_units(group: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    p = group.add_parser("dismiss", help="搁置被吊销单位或已停用密钥签名的数据包：以后导入时不再显示")
    p.add_argument("name", metavar="BUNDLE_NAME", help="数据包名称，如 PB-GD-GZ01-000003（见导入结果或 province log）")
    p.add_argument("--reason", required=True, help="原因（写入审计记录）")
    p.set_defaults(handler=cmd_dismiss)
    p = group.add_parser("resync", help="单位从备份恢复后：允许其下一个完整数据包重新开始数据包链")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--reason", required=True, help="原因（写入导入日志）")
    p.set_defaults(handler=cmd_resync)


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
    with ctx.open_office_store() as store:
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

    with ctx.open_office_store() as store:
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

    with ctx.open_office_store() as store:
        unit = registry.revoke(store, args.code, args.reason)
    ctx.emit({"unit": unit.code, "revoked_at": unit.revoked_at}, f"已吊销单位 {unit.code}：不再接收其数据包。")
    return 0


def cmd_resync(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import registry

    with ctx.open_office_store() as store:
        unit = registry.allow_resync(store, args.code, args.reason)
    ctx.emit(
        {"unit": unit.code, "resync": True, "last_seq": unit.last_seq},
        f"已允许 {unit.code} 重新同步：请该单位导出完整数据包（planprogress export --full），"
        "导入后其数据包链从该包重新开始。",
    )
    return 0


def cmd_dismiss(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.services.office import dismiss

    with ctx.open_office_store() as store:
        found = dismiss.dismiss(store, args.name, args.reason)
    ctx.emit(
        msgspec.structs.asdict(found),
        f"已搁置 {found.name}：以后导入含有这个数据包的U盘时，它不再被拒收，只在汇总中计为“已搁置”。",
    )
    return 0
