"""Writing a report file all-or-nothing: a failed or cancelled run never leaves half a PDF behind."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from desktop.domain.errors import InputError
from desktop.domain.system_errors import reason


def check_target(path: Path, suffixes: tuple[str, ...]) -> Path:
    """Refuse an output path that cannot work before any time is spent rendering."""
    path = path.expanduser()
    if path.is_dir():
        raise InputError(f"“{path}”是文件夹：请在 --out 中写上文件名，例如 {path / ('报告' + suffixes[0])}。")
    if path.suffix.lower() not in suffixes:
        raise InputError(f"输出文件“{path.name}”的扩展名应为 {' 或 '.join(suffixes)}：请修改 --out。")
    if not path.parent.is_dir():
        raise InputError(f"输出目录“{path.parent}”不存在：请先建立该目录，或换一个位置。")
    return path


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling path; on success it replaces `path`, on failure it is removed."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except PermissionError as exc:
        raise InputError(f"无法写入“{path}”（{reason(exc)}）：文件可能正被其他程序打开，请关闭后重试。") from None
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
            raise InputError(f"输出目录“{path.parent}”不存在：请先建立该目录。") from None
        raise InputError(f"写入“{path}”失败（{reason(exc)}）：请检查磁盘空间和权限。") from None
    finally:
        tmp.unlink(missing_ok=True)
