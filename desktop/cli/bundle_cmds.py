"""Unit-side bundle commands: export and verify.

Long commands follow the shared contract: with --json one JSON object per line, progress lines
`{"event": "progress", "phase": ..., "done": ..., "total": ...}` then `{"event": "result", ...}`; on a
terminal without --json a simple progress bar on stderr (desktop.cli.terminal_io).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli import answer_cmds
from desktop.cli.context import Context
from desktop.domain.errors import InputError, PlanProgressError
from desktop.domain.sizes import size_text
from desktop.services import keys
from desktop.services.bundle.format import BundleError
from desktop.services.bundle.verify import KeyLookup, own_key_lookup, verify_bundle
from desktop.services.office.registry import office_lookup
from desktop.store import Home, Store
from desktop.store.exports import ExportRepo

if TYPE_CHECKING:  # the exporter is imported by `export` when it runs: the office's commands never use it
    from desktop.services.bundle.export import ExportResult

from desktop.cli.terminal_io import Reporter, read_passphrase


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
                f"{e.seq:>6}  {'完整' if e.kind == 'full' else '变化'}  {e.created_at}  {e.records} 条记录  "
                f"{e.evidence} 份材料  {e.destination}  {office[e.seq]['office_text']}"
                for e in exports
            )
            or "还没有导出过数据包。",
        )
        return 0
    if not args.out:
        raise InputError("请用 --out 指定目标文件夹（如U盘）。")
    if args.full and args.resend is not None:
        raise InputError("--full 和 --resend 不能同时使用。")
    from desktop.services.bundle.export import check_destination, export_bundle

    check_destination(Path(args.out))  # a wrong folder is said before the passphrase is asked for
    home = Home(ctx.home)
    passphrase = None
    if (home.keys / keys.UNIT_SECRET).is_file() and keys.unit_key_is_protected(home):
        passphrase = read_passphrase(ctx, "本单位签名密钥的口令：")

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
