"""The operating system's file errors in Chinese, with what to do: one place for the window and the command line.

`OSError.strerror` is the C library's English ("No such file or directory") on most PCs, so a clerk who pulled
the stick out too early read English. Messages name the cause by errno (and Windows' own error number where it
says more) and what to do about it.

    reason(exc)       -> "找不到该文件或文件夹"            (the cause, for a message that says the rest)
    describe(exc)     -> "“E:\\x”：找不到该文件或文件夹：U盘可能已拔出……"   (cause, path and what to do)
"""

from __future__ import annotations

import errno

# errno name -> (cause, what to do); names a platform lacks are skipped
_BY_NAME: dict[str, tuple[str, str]] = {
    "ENOENT": ("找不到该文件或文件夹", "U盘可能已拔出或换了盘符，请插好后重新选择位置"),
    "ENODEV": ("设备不存在", "U盘可能已拔出，请插好后重试"),
    "ENXIO": ("设备不存在", "U盘可能已拔出，请插好后重试"),
    "EIO": ("读写出错", "U盘可能已拔出或损坏，请插好后重试，或换一个U盘"),
    "ENOSPC": ("磁盘空间不足", "请删除不需要的文件或换一个空间更大的位置后重试"),
    "EDQUOT": ("磁盘空间不足", "请删除不需要的文件或换一个空间更大的位置后重试"),
    "EFBIG": ("文件超过该磁盘允许的大小", "FAT32 格式的U盘单个文件最大 4 GB，请换用 exFAT 或 NTFS 格式的U盘"),
    "EROFS": ("该位置只能读、不能写", "U盘可能处于写保护状态，请拨开写保护开关或换一个位置"),
    "EACCES": ("没有访问权限", "请换一个位置，或请管理员开放该文件夹的权限"),
    "EPERM": ("没有访问权限", "请换一个位置，或请管理员开放该文件夹的权限"),
    "EBUSY": ("文件正被其他程序使用", "请关闭打开它的程序后重试"),
    "ETXTBSY": ("文件正被其他程序使用", "请关闭打开它的程序后重试"),
    "EEXIST": ("同名文件已存在", "请换一个名称或位置"),
    "ENOTDIR": ("路径中有一部分不是文件夹", "请重新选择位置"),
    "EISDIR": ("这是一个文件夹，不是文件", "请选择文件"),
    "ENOTEMPTY": ("文件夹不是空的", "请换一个空文件夹"),
    "ENAMETOOLONG": ("文件名或路径太长", "请选一个层级更浅的位置，或缩短文件名"),
    "EINVAL": ("文件名或路径无效", "文件名中可能有该磁盘不允许的字符，请改名后重试"),
    "EMFILE": ("同时打开的文件太多", "请关闭其他程序后重试"),
    "ENFILE": ("同时打开的文件太多", "请关闭其他程序后重试"),
    "EAGAIN": ("资源暂时不可用", "请稍后重试"),
    "ETIMEDOUT": ("操作超时", "网络盘或U盘可能已断开，请检查后重试"),
}

_BY_ERRNO = {getattr(errno, name): text for name, text in _BY_NAME.items() if hasattr(errno, name)}

# Windows' own error numbers (OSError.winerror) where they say more than the errno Python derives from them.
_BY_WINERROR: dict[int, tuple[str, str]] = {
    21: ("设备未就绪", "U盘可能已拔出，请插好后重试"),
    32: ("文件正被其他程序打开", "请关闭打开它的程序（如 WPS、Excel、资源管理器的预览）后重试"),
    33: ("文件的一部分被其他程序锁定", "请关闭打开它的程序后重试"),
    112: ("磁盘空间不足", "请删除不需要的文件或换一个空间更大的位置后重试"),
    1006: ("U盘已被拔出或更换", "请插好U盘后重试"),
}


def _known(exc: OSError) -> tuple[str, str]:
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]
    code = exc.errno if exc.errno is not None else "未知"
    return f"系统报告读写错误（代码 {code}）", "请检查U盘或磁盘是否插好、是否有空间，然后重试"


def reason(exc: OSError) -> str:
    """The cause in a few Chinese words, for messages that go on to say what to do themselves."""
    return _known(exc)[0]


def describe(exc: OSError) -> str:
    """A whole message: the path concerned (if known), the cause and what to do."""
    cause, advice = _known(exc)
    where = exc.filename if exc.filename is not None else None
    prefix = f"“{where}”：" if where is not None else ""
    return f"{prefix}{cause}：{advice}。"
