"""What the commands share at the terminal: the passphrase (from --passphrase-file, the environment or typed) and
the progress of long commands (JSON lines with --json, a bar on a terminal)."""

from __future__ import annotations

import getpass
import json
import os
import sys
import time
from typing import TYPE_CHECKING, Any

from desktop.cli.context import Context
from desktop.domain.errors import InputError
from desktop.domain.system_errors import reason

if TYPE_CHECKING:  # the exporter is imported by `export` when it runs: the office's commands never use it
    pass

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
