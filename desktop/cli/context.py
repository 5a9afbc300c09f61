"""What every command gets: the chosen home, output mode, acting user, and how to print results."""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import paths
from desktop.domain.errors import StateError
from desktop.store import Home, Store


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers, env -i)
        return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


@dataclass
class Context:
    home: Path
    json: bool = False
    actor: str = field(default_factory=default_actor)
    passphrase_file: Path | None = None
    unit_only: bool = False  # the command works on a unit's records: refused on the office's home

    @classmethod
    def from_args(cls, home: str | None, as_json: bool, user: str | None, passphrase_file: str | None) -> Context:
        root = Path(home).expanduser() if home else paths.default_home()
        return cls(
            home=root,
            json=as_json,
            actor=user or default_actor(),
            passphrase_file=Path(passphrase_file).expanduser() if passphrase_file else None,
        )

    def open_store(self) -> Store:
        if Store.needs_upgrade(self.home):  # seconds on a large office: say why nothing seems to happen
            print("正在升级数据库（只需一次，升级前已自动备份），请稍候…", file=sys.stderr, flush=True)
        store = Store.open(self.home, self.actor)
        if self.unit_only and store.kind == "office":
            store.close()
            raise StateError(
                f"{self.home} 是省局的数据目录：这条命令只用于单位的数据目录。"
                "省局请用 planprogress province …（如 province status、province report）。"
            )
        return store

    def open_office_store(self) -> Store:
        """The office's home, for the province commands: a unit's home is refused with the way to the office's."""
        store = self.open_store()
        if store.kind != "office":
            store.close()
            raise StateError(
                f"{self.home} 是单位的数据目录：省局命令请用 --home 指向省局的数据目录（province init 建立）。"
            )
        return store

    def window_beside(self, *, replaces_home: bool) -> int | None:
        """The process id of a window open on this home, if any. The database takes both writers safely (WAL,
        one write at a time), but a restore would swap the folder out from under the window: refused. The
        window's own child processes (export, import, reports) do not count."""
        holder = Home(self.home).window_holder()
        if holder is None or holder in (os.getpid(), os.getppid()):
            return None
        if replaces_home:
            raise StateError(
                f"图形界面（进程 {holder}）正在使用数据目录 {self.home}：恢复会替换整个数据目录，"
                "窗口之后的修改会写进被换下的旧目录。请先关闭该窗口再运行本命令，"
                "或在窗口里用“文件 → 从备份恢复…”。数据目录未作改动。"
            )
        return holder

    def saved_beside_window(self, holder: int) -> None:
        """After a write: the window keeps showing what it read before."""
        self.warn(
            f"图形界面（进程 {holder}）正在使用这个数据目录。本命令的改动已保存（同时使用不会损坏数据库），"
            "但窗口仍显示之前读到的内容：请在窗口里用“文件 → 注销（切换用户）”重新登录后再查看。"
        )

    def emit(self, data: Any, text: str | None = None) -> None:
        """Print `data` as JSON with --json, else `text` (or a readable rendering of `data`)."""
        if self.json:
            print(json.dumps(data, ensure_ascii=False, default=str))
        elif text is not None:
            print(text)
        else:
            print(data)

    def warn(self, message: str) -> None:
        print(f"注意：{message}", file=sys.stderr)
