"""The command line: every core action is scriptable. Errors print one clear line on stderr."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import re
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, NoReturn

import desktop
from desktop import logs
from desktop.cli.context import Context
from desktop.domain.errors import PlanProgressError, StoreError
from desktop.domain.system_errors import describe
from desktop.store import DatabaseFault, Home

log = logging.getLogger(__name__)

Handler = Callable[[Context, argparse.Namespace], int]

# Feature modules (under desktop.cli) each add their subcommands; order is the order in `--help`. Each is listed
# with the commands it adds, so that running one command imports only its own module (and what that needs), not
# every command's services; `--help` and a word that names no command import them all.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "admin": ("init", "unit", "user", "review", "audit", "backup", "restore"),
    "answer_cmds": ("receive",),
    "records": ("tasks", "measure", "milestone", "progress"),
    "status_cmds": ("status",),
    "evidence_cmds": ("evidence",),
    "report_cmds": ("report", "import-ledger"),
    "key_cmds": ("keys",),
    "bundle_cmds": ("export", "verify"),
    "province_cmds": ("province",),
    "catalog_cmds": ("plans",),
    "diagnostics_cmds": ("diagnostics",),
}
# Global options that take a value (the next word is their value, not a command).
VALUE_OPTIONS = ("--home", "--user", "--passphrase-file")
# Commands on a unit's own records; the office's home holds none, so there they are refused.
UNIT_ONLY_COMMANDS = {
    "plans",
    "measure",
    "milestone",
    "progress",
    "status",
    "evidence",
    "review",
    "report",
    "import-ledger",
    "export",
}
# Commands and subcommands that only read the home's records (they may write a file elsewhere).
READ_ONLY_COMMANDS = {"unit", "tasks", "status", "verify", "report", "backup", "diagnostics"}
READ_ONLY_ACTIONS = {"list", "show", "status", "verify", "log", "evidence", "report"}


def writes_records(args: argparse.Namespace) -> bool:
    if args.command in READ_ONLY_COMMANDS or getattr(args, "action", None) in READ_ONLY_ACTIONS:
        return False
    return not (getattr(args, "list", False) or getattr(args, "dry_run", False))


_ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.+)"), "缺少必填参数 {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "无法识别的参数 {0}"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面缺少取值"),
    (
        re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
        "参数 {0} 的取值 {1} 无效（可选：{2}）",
    ),
    (re.compile(r"argument (\S+): invalid \w+ value: (.+)"), "参数 {0} 的取值 {1} 无效"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), "参数 {0} 不完整，可能是 {1}：请写全"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "参数 {0} 不能与 {1} 同时使用"),
)


class Parser(argparse.ArgumentParser):
    """argparse with the program's error contract: one Chinese line on stderr, exit code 2."""

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGPARSE_MESSAGES:
            if match := pattern.fullmatch(message):
                message = chinese.format(*match.groups())
                break
        self.exit(2, f"错误：命令行参数有误：{message}。请运行 {self.prog} --help 查看用法。\n")


def _accept_global_flags_after_command(parsers: Sequence[argparse.ArgumentParser]) -> None:
    """Let `planprogress tasks --json` work as well as `planprogress --json tasks`: every command's parser (at
    any depth) also takes --json and --home, after its own options; a command with its own keeps it."""
    for child in parsers:  # a command that defines one of them itself keeps its own
        with contextlib.suppress(argparse.ArgumentError):
            child.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="输出 JSON")
        with contextlib.suppress(argparse.ArgumentError):
            child.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS, help="数据目录")


class PrintVersion(argparse.Action):
    """`--version`: the version is looked up only when asked (reading the package metadata costs every command
    tens of milliseconds)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"planprogress {desktop.__version__}")
        parser.exit()


def command_word(argv: Sequence[str]) -> str | None:
    """The command argv runs (its first word that is neither an option nor an option's value), or None when it
    names none or asks for help or the version before it. A long option may be abbreviated as argparse allows."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help", "--version"):
            return None
        if not word.startswith("-"):
            return word
        if "=" not in word and len(word) > 2 and any(option.startswith(word) for option in VALUE_OPTIONS):
            next(words, None)
    return None


def command_modules(argv: Sequence[str] | None = None) -> list[ModuleType]:
    """The modules whose commands the parser needs: the one adding argv's command, or every one."""
    word = command_word(sys.argv[1:] if argv is None else argv)
    names = [name for name, commands in COMMAND_MODULES.items() if word in commands] or list(COMMAND_MODULES)
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def build_parser(argv: Sequence[str] | None = None, *, every_command: bool = True) -> argparse.ArgumentParser:
    """The parser with every command, or (every_command=False) only with those of the module adding argv's."""
    parser = Parser(
        prog="planprogress",
        description="广东监狱规划进度填报（不带命令时打开图形界面）",
    )
    parser.add_argument("--version", action=PrintVersion, nargs=0, help="显示版本号并退出")
    parser.add_argument(
        "--home", metavar="DIR", help="数据目录（默认：系统用户数据目录，或环境变量 PLANPROGRESS_HOME）"
    )
    parser.add_argument("--json", action="store_true", help="输出机器可读的 JSON")
    parser.add_argument("--user", metavar="NAME", help="写入审计记录的操作人（默认：系统登录名）")
    parser.add_argument(
        "--passphrase-file", metavar="FILE", help="从文件读取密钥口令（或设环境变量 PLANPROGRESS_PASSPHRASE）"
    )
    commands: list[argparse.ArgumentParser] = []

    class CommandParser(Parser):
        """A command's parser (and, by argparse's default, its subcommands'): each one is noted in `commands`."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            commands.append(self)

    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    modules = command_modules([]) if every_command else command_modules(argv)
    for module in modules:
        module.register(sub)
    _accept_global_flags_after_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv, every_command=False)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    ctx = Context.from_args(args.home, args.json, args.user, args.passphrase_file)
    ctx.unit_only = args.command in UNIT_ONLY_COMMANDS
    handler: Handler = args.handler
    home = Home(ctx.home)
    command = " ".join(filter(None, (args.command, getattr(args, "action", None))))
    logs.configure(home.logs, home.log_ready, f"cli:{command}")
    try:
        window = ctx.window_beside(replaces_home=args.command == "restore")
        code = handler(ctx, args)
        if window is not None and code == 0 and writes_records(args):
            ctx.saved_beside_window(window)
        return code
    except PlanProgressError as exc:
        log_refusal(command, exc)
        print(f"错误：{exc}", file=sys.stderr)
        return exc.exit_code
    except DatabaseFault as exc:
        log.error("%s: database fault in %s: %s", command, home.database, exc)
        print(f"错误：数据库出错（{exc}）：请运行 planprogress backup 保存现状，并联系管理员。", file=sys.stderr)
        return 10
    except KeyboardInterrupt:
        log.info("%s: cancelled", command)
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file or stick problem no command foresaw: still Chinese, still what to do
        log.exception("%s: file error", command)
        print(f"错误：{describe(exc)}", file=sys.stderr)
        return 1
    except Exception:
        log.exception("%s: unexpected error", command)
        raise


def log_refusal(command: str, error: PlanProgressError) -> None:
    """A refused command, for whoever reads the log later. A fault of the home (StoreError) carries its message
    (paths, what failed); anything else only its kind, since its message may echo what a person typed or name
    the unit's files (the checks' findings are in the diagnostics file instead)."""
    if isinstance(error, StoreError):
        log.warning("%s: %s (exit %d): %s", command, type(error).__name__, error.exit_code, error)
    else:
        log.warning("%s: refused, %s (exit %d)", command, type(error).__name__, error.exit_code)
