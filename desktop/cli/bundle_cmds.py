"""Unit-side bundle commands: keys (show, import, init, rotate), export and verify; plus the passphrase and
progress helpers the province commands share.

Long commands follow the shared contract: with --json one JSON object per line, progress lines
`{"event": "progress", "phase": ..., "done": ..., "total": ...}` then `{"event": "result", ...}`; on a
terminal without --json a simple progress bar on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli import answer_cmds
from desktop.cli.context import Context
from desktop.domain.errors import InputError, PlanProgressError
from desktop.domain.sizes import size_text
from desktop.domain.system_errors import reason
from desktop.services import keys, office_keys
from desktop.services.bundle.format import BundleError
from desktop.services.bundle.verify import KeyLookup, own_key_lookup, verify_bundle
from desktop.services.office.registry import office_lookup
from desktop.services.operations import keys as key_ops
from desktop.services.suite import Suite
from desktop.store import Home, Store, missing_home_error
from desktop.store.exports import ExportRepo

if TYPE_CHECKING:  # the exporter is imported by `export` when it runs: the office's commands never use it
    from desktop.services.bundle.export import ExportResult

PASSPHRASE_ENV = "PLANPROGRESS_PASSPHRASE"


def read_passphrase(ctx: Context, prompt: str, *, new: bool = False) -> str | None:
    """From --passphrase-file, else $PLANPROGRESS_PASSPHRASE, else the terminal; None when there is none."""
    if ctx.passphrase_file is not None:
        try:
            text = ctx.passphrase_file.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise InputError(f"无法读取口令文件 {ctx.passphrase_file}（{reason(exc)}）。") from None
        if not text:
            raise InputError(f"口令文件 {ctx.passphrase_file} 是空的。")
        return text
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(prompt)
    if new and first and getpass.getpass("再输入一次：") != first:
        raise InputError("两次输入的口令不一致，请重试。")
    return first or None


class Reporter:
    """Progress for long commands: JSON lines with --json, a bar on a terminal, nothing otherwise."""

    def __init__(self, ctx: Context, label: str) -> None:
        self._json = ctx.json
        self._bar = not ctx.json and sys.stderr.isatty()
        self._label = label
        self._phase = ""
        self._last = 0.0
        self._drawn = False

    def phase(self, name: str) -> None:
        self._phase = name
        self._last = 0.0

    def progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.2:
            return
        self._last = now
        if self._json:
            line = {"event": "progress", "phase": self._phase, "done": int(done), "total": int(total)}
            print(json.dumps(line), flush=True)
        elif self._bar:
            share = done / total if total else 1.0
            filled = int(share * 30)
            sys.stderr.write(
                f"\r{self._label} {_PHASES.get(self._phase, self._phase)} [{'#' * filled}{'-' * (30 - filled)}] "
                f"{share:6.1%} {done / 1048576:8.1f}/{total / 1048576:.1f} MiB"
            )
            sys.stderr.flush()
            self._drawn = True

    def close(self) -> None:
        if self._drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._drawn = False

    def result(self, ctx: Context, data: dict[str, Any], text: str) -> None:
        self.close()
        ctx.emit({"event": "result", **data}, text)


_PHASES = {
    "prepare": "准备",
    "encrypt": "加密写入",
    "verify": "读回校验",
    "copy": "复制",
    "check": "校验",
    "write": "写入",
    "decrypt": "解密",
    "merge": "合并",
}


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

    p = sub.add_parser("export", help="导出加密签名的数据包到U盘（PB-单位代码-序号）")
    p.add_argument("--out", metavar="DIR", help="目标文件夹（如U盘）")
    p.add_argument("--full", action="store_true", help="完整数据包（默认只导出上次以来的变化）")
    p.add_argument("--resend", type=int, metavar="SEQ", help="把已导出的第 SEQ 号数据包原样再写一份（U盘丢失时）")
    p.add_argument("--list", action="store_true", help="列出已导出的数据包")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("verify", help="不解密，校验数据包的签名和哈希")
    p.add_argument("bundle", metavar="BUNDLE_DIR")
    p.add_argument("--pubkey", metavar="FILE", help="用这个单位公钥文件校验（默认：本单位的，或省局登记的）")
    p.set_defaults(handler=cmd_verify)


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
            f"旧密钥停用。请把 {switched.public_key_path} 交省局重新登记（province enroll），登记前导出的数据包"
            "省局不会接收。下一次导出是完整数据包，序号接着上一个。"
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
        "登记前导出的数据包省局不会接收。下一次导出是完整数据包。",
    )
    return 0


def export_text(result: ExportResult) -> str:
    what = "重发" if result.resend else ("完整数据包" if result.kind == "full" else "变化数据包")
    lines = [
        f"已导出{what} {result.path}",
        f"序号 {result.seq}；记录 {result.upserts} 条更新、{result.deletes} 条删除；审计记录 {result.audit} 条；"
        f"佐证材料 {result.evidence} 份；共 {size_text(result.payload_bytes)}（{len(result.parts)} 个分卷），"
        "已读回校验。",
    ]
    if result.held_periods:
        lines.append(f"以下报告期尚未审核通过，其进度留在本机未导出：{'、'.join(result.held_periods)}")
    for name in result.completed:
        lines.append(f"另：已补完上次中断的导出 {name}。")
    return "\n".join(lines)


def export_data(result: ExportResult) -> dict[str, Any]:
    return {
        "path": str(result.path),
        "seq": result.seq,
        "kind": result.kind,
        "bundle_id": result.bundle_id,
        "bundle_hash": result.bundle_hash,
        "upserts": result.upserts,
        "deletes": result.deletes,
        "audit": result.audit,
        "evidence": result.evidence,
        "payload_bytes": result.payload_bytes,
        "parts": list(result.parts),
        "review_in_use": result.review_in_use,
        "held_periods": list(result.held_periods),
        "resend": result.resend,
        "completed": list(result.completed),
    }


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    if args.list:
        with ctx.open_store() as store:
            exports = ExportRepo(store.database, store.audit).find()
            office = answer_cmds.office_fields(store, exports)
        ctx.emit(
            [
                {
                    **{k: v for k, v in office[e.seq].items() if k != "office_text"},
                    "seq": e.seq,
                    "kind": e.kind,
                    "created_at": e.created_at,
                    "records": e.records,
                    "evidence": e.evidence,
                    "bytes": e.payload_bytes,
                    "held_periods": list(e.held_periods),
                    "bundle_hash": e.bundle_hash,
                    "destination": e.destination,
                }
                for e in exports
            ],
            "\n".join(
                f"{e.seq:>6}  {e.kind:<5}  {e.created_at}  {e.records} 条记录  {e.evidence} 份材料  {e.destination}"
                f"  {office[e.seq]['office_text']}"
                for e in exports
            )
            or "还没有导出过数据包。",
        )
        return 0
    if not args.out:
        raise InputError("请用 --out 指定目标文件夹（如U盘）。")
    if args.full and args.resend is not None:
        raise InputError("--full 和 --resend 不能同时使用。")
    home = Home(ctx.home)
    passphrase = None
    if (home.keys / keys.UNIT_SECRET).is_file() and keys.unit_key_is_protected(home):
        passphrase = read_passphrase(ctx, "本单位签名密钥的口令：")
    from desktop.services.bundle.export import export_bundle

    reporter = Reporter(ctx, "导出")
    try:
        with ctx.open_store() as store:
            result = export_bundle(
                store,
                Path(args.out),
                full=args.full,
                resend=args.resend,
                passphrase=passphrase,
                progress=reporter.progress,
                phase=reporter.phase,
            )
    finally:
        reporter.close()
    reporter.result(ctx, export_data(result), export_text(result))
    return 0


def verify_lookup(ctx: Context, pubkey: str | None, store: Store | None) -> tuple[KeyLookup, str]:
    if pubkey:
        public = keys.read_unit_pub(Path(pubkey).expanduser(), "公钥文件")[0]
        return own_key_lookup(public, f"公钥文件 {pubkey} 中的密钥"), "file"
    if store is not None and store.kind == "office":
        return office_lookup(store), "office"
    home = Home(ctx.home)
    if (home.keys / keys.UNIT_PUBLIC).is_file():
        return own_key_lookup(keys.unit_verify_key(home), "本单位的签名密钥"), "unit"
    raise InputError("请用 --pubkey 指定单位的公钥文件（unit.pub）：当前数据目录中没有可用的公钥。")


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.open_store() if not args.pubkey and Home(ctx.home).exists() else None
    try:
        return _verify(ctx, args, store)
    finally:
        if store is not None:
            store.close()


def _verify(ctx: Context, args: argparse.Namespace, store: Store | None) -> int:
    lookup, source = verify_lookup(ctx, args.pubkey, store)
    folder = Path(args.bundle).expanduser()
    reporter = Reporter(ctx, "校验")
    total = sum(p.stat().st_size for p in folder.glob("payload.*")) if folder.is_dir() else 0
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        reporter.progress(done, total)

    reporter.phase("verify")
    try:
        verified = verify_bundle(
            folder.resolve() if folder.exists() else folder, lookup, name=folder.resolve().name, on_bytes=advance
        )
    except BundleError as exc:
        reporter.close()
        if ctx.json:
            ctx.emit(
                {"event": "result", "ok": False, "outcome": exc.outcome.value, "part": exc.part, "message": str(exc)}
            )
        raise
    except PlanProgressError:
        reporter.close()
        raise
    header = verified.header
    reporter.result(
        ctx,
        {
            "ok": True,
            "unit": header.unit,
            "seq": header.seq,
            "kind": header.kind,
            "key_id": verified.key_id,
            "bundle_hash": header.bundle_hash,
            "prev_hash": header.prev_hash,
            "parts": [p.name for p in header.parts],
            "payload_bytes": header.payload_size,
            "checked_with": source,
        },
        f"{verified.name}：签名有效（密钥 {verified.key_id}），{len(header.parts)} 个分卷哈希全部相符。"
        f"单位 {header.unit}，第 {header.seq} 号（{'完整' if header.kind == 'full' else '变化'}数据包），"
        f"共 {size_text(header.payload_size)}。未解密内容。",
    )
    return 0
