"""The command line: every core action is scriptable. Errors print one clear line on stderr."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence

from desktop import __version__
from desktop.cli import admin, evidence_cmds, records
from desktop.cli.context import Context
from desktop.domain.errors import PlanProgressError

Handler = Callable[[Context, argparse.Namespace], int]

# Feature modules each add their subcommands; order is the order in `--help`.
COMMAND_MODULES = [admin, records, evidence_cmds]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planprogress",
        description="广东监狱“十四五”规划进度填报（不带命令时打开图形界面）",
    )
    parser.add_argument("--version", action="version", version=f"planprogress {__version__}")
    parser.add_argument(
        "--home", metavar="DIR", help="数据目录（默认：系统用户数据目录，或环境变量 PLANPROGRESS_HOME）"
    )
    parser.add_argument("--json", action="store_true", help="输出机器可读的 JSON")
    parser.add_argument("--user", metavar="NAME", help="写入审计记录的操作人（默认：系统登录名）")
    parser.add_argument(
        "--passphrase-file", metavar="FILE", help="从文件读取密钥口令（或设环境变量 PLANPROGRESS_PASSPHRASE）"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    ctx = Context.from_args(args.home, args.json, args.user, args.passphrase_file)
    handler: Handler = args.handler
    try:
        return handler(ctx, args)
    except PlanProgressError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except sqlite3.DatabaseError as exc:
        print(f"错误：数据库出错（{exc}）：请运行 planprogress backup 保存现状，并联系管理员。", file=sys.stderr)
        return 10
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
