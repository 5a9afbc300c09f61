"""What a folder the office names for import stands for: itself when it is a bundle (or is shaped like one, so
a broken bundle is still refused and quarantined), else the bundles directly inside it, in chain order. A
folder with no bundle at all (an empty stick, or the office's own answer stick) is said plainly, not refused."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.errors import InputError
from desktop.services.answer.format import ANSWER_NAME
from desktop.services.bundle.format import BUNDLE_NAME, HEADER

_PREFIX = "PB-"


def _shaped_like_bundle(path: Path) -> bool:
    """Named PB-… (even wrongly) or holding a bundle header: the intake decides, and refuses it if broken."""
    return path.name.startswith(_PREFIX) or (path / HEADER).is_file()


def bundles_in(folder: Path) -> list[Path]:
    """The bundles `folder` stands for; [] when it is neither a bundle nor holds one (or cannot be read)."""
    try:
        if not folder.is_dir():
            return [folder] if BUNDLE_NAME.match(folder.name) else []
        if _shaped_like_bundle(folder):
            return [folder]
        inner = [p for p in folder.iterdir() if p.name.startswith(_PREFIX) and p.is_dir()]
    except OSError:
        return []
    return sorted(inner, key=lambda p: p.name)


def no_bundle_message(folder: Path) -> str:
    """Why `folder` gives nothing to import, and what to do: a missing folder, an answer stick, or no bundle."""
    try:
        if not folder.is_dir():
            return f"找不到文件夹 {folder}：请插好U盘，选择U盘根目录或某个 PB- 数据包文件夹。"
        answers = ANSWER_NAME.match(folder.name) is not None or any(
            ANSWER_NAME.match(p.name) and p.is_dir() for p in folder.iterdir()
        )
    except OSError as exc:
        return f"无法读取 {folder}（{exc.strerror or exc}）：U盘可能已拔出，请插好后重试。"
    if answers:
        return f"{folder} 是省局写给单位的回执U盘（PO-…），不是单位的数据包：请交给单位用 planprogress receive 导入。"
    return f"{folder} 里没有数据包（PB-单位代码-序号 文件夹）：请确认插入的是单位交来的U盘。"


def expand_sources(folders: list[Path]) -> list[Path]:
    """Every bundle the named folders stand for; a folder with none is refused before anything is imported."""
    out: list[Path] = []
    for folder in folders:
        found = bundles_in(folder)
        if not found:
            raise InputError(no_bundle_message(folder) + "未导入任何数据包。")
        out += found
    return out
