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
from desktop.store import Store


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
        store = Store.open(self.home, self.actor)
        if self.unit_only and store.kind == "office":
            store.close()
            raise StateError(
                f"{self.home} 是省局的数据目录：这条命令只用于单位的数据目录。"
                "省局请用 planprogress province …（如 province status、province report）。"
            )
        return store

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
