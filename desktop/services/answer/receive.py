"""The unit receives the office's answers: copy to staging, verify the office's signature and the sums before
decrypting, check unit and seq, decrypt through the strict reader, validate, apply in one transaction.

One Qt-free entry point, `receive_answers(store, paths)`, for the command line and the window. Answers for
other units on the same stick are skipped and counted; a PO- folder of another unit named directly is
refused. A refused answer changes no unit data and is logged (answer_refused), never stored as data.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import InputError, NotFoundError, StateError
from desktop.services.answer.format import (
    CONTENT,
    ENTRY_NAMES,
    HEADER,
    LAYOUT,
    MAX_CONTENT,
    MAX_PAYLOAD,
    AnswerContent,
    AnswerError,
    AnswerHeader,
    refusal_kind,
    wrong_unit,
)
from desktop.services.bundle.format import BundleError, parse_signature_comment, unsafe
from desktop.services.bundle.reader import StrictTarReader
from desktop.services.bundle.tarstream import SourceEntry, tar_size
from desktop.services.bundle.verify import KeyLookup, SignedFolder, check_parts, check_signed_folder, shown
from desktop.services.gm_keys import gm_answer_keys
from desktop.services.keys import answer_identities, office_answer_key
from desktop.services.office.payload import decrypt_into
from desktop.services.office.staging import copy_in, intake_lock
from desktop.services.suite import SignatureInvalidError, VerifyKey, sm2_recipient, suite_of_key_id
from desktop.store import Store
from desktop.store.unit_answers import ApplyCounts, ReceivedAnswer, UnitAnswers

APPLIED = "applied"
ALREADY = "already_applied"
REFUSED = "refused"


@dataclass(frozen=True)
class ReceiveLine:
    source: str
    name: str
    seq: int | None
    status: str  # applied | already_applied | refused
    kind: str | None  # why it was refused (see AnswerError)
    message: str


@dataclass(frozen=True)
class ReceiveRun:
    lines: tuple[ReceiveLine, ...]
    others: tuple[str, ...]  # folders addressed to other units, skipped

    @property
    def ok(self) -> bool:
        return bool(self.lines) and all(line.status != REFUSED for line in self.lines)


def receive_answers(store: Store, paths: list[Path]) -> ReceiveRun:
    if store.kind != "unit":
        raise StateError("这是省局的数据目录：回执只能导入单位的数据目录。")
    own = store.unit().code
    direct: list[Path] = []
    found: list[Path] = []
    for path in paths:
        path = path.expanduser()
        if not path.is_dir():
            raise InputError(f"找不到文件夹 {path}：请插好U盘，选择U盘根目录、回执所在的文件夹或某个 PO- 文件夹。")
        if path.name.startswith("PO-"):
            direct.append(path)
        else:
            found += sorted(p for p in path.iterdir() if p.name.startswith("PO-") and p.is_dir())
    lines: list[ReceiveLine] = []
    others: list[str] = []
    mine: list[tuple[int, Path]] = []
    answers = UnitAnswers(store.database, store.audit)
    for path in direct + found:
        match = LAYOUT.folder_name.match(path.name)
        if match is None:
            line = _refused(answers, path, None, AnswerError("damaged", f"“{shown(path.name)}”不是回执文件夹的名称。"))
            lines.append(line)
        elif match[1] != own:
            if path in direct:
                lines.append(_refused(answers, path, int(match[2]), wrong_unit(match[1], own)))
            else:
                others.append(path.name)
        else:
            mine.append((int(match[2]), path))
    if not mine and not lines:
        where = "、".join(str(p) for p in paths)
        extra = f"（有 {len(others)} 份是给其他单位的，已跳过）" if others else ""
        raise NotFoundError(f"在 {where} 中没有找到本单位（{own}）的回执{extra}：请确认U盘是省局制作的回执U盘。")
    staging_root = store.home.root / "answers"
    staging_root.mkdir(exist_ok=True)
    with intake_lock(staging_root / "receive.lock"):
        staging = staging_root / "staging"
        shutil.rmtree(staging, ignore_errors=True)  # copies left by a receive that was killed
        staging.mkdir()
        for _, path in sorted(mine, key=lambda item: item[0]):
            lines.append(_one(store, answers, own, path, staging / uuid.uuid4().hex))
        shutil.rmtree(staging, ignore_errors=True)
    return ReceiveRun(tuple(lines), tuple(others))


def _refused(answers: UnitAnswers, path: Path, seq: int | None, exc: BundleError) -> ReceiveLine:
    answers.log_refused(str(path), shown(path.name), seq, str(exc))
    return ReceiveLine(str(path), shown(path.name), seq, REFUSED, refusal_kind(exc), str(exc))


def _office_lookup(store: Store) -> KeyLookup:
    imported = office_answer_key(store.home)

    def lookup(key_id: str, unit: str | None) -> VerifyKey:
        sig_name = suite_of_key_id(key_id).sums_sig
        if imported is None:
            raise AnswerError(
                "unknown_key",
                f"回执由省局密钥 {key_id} 签名，但本单位导入的省局公钥（office.pub）中还没有回执签名公钥："
                "请向省局索取新的 office.pub，电话核对密钥编号后用“导入省局公钥”（keys import）导入，再导入回执。",
                sig_name,
            )
        expected = imported.key_id
        if key_id != expected:
            raise AnswerError(
                "changed_key",
                f"回执由密钥 {key_id} 签名，而本单位导入的省局回执签名密钥是 {expected}：如省局确已更换密钥，"
                "请向省局索取新的 office.pub，电话核对编号后导入；否则这份回执是伪造的，请交省局核查。",
                sig_name,
            )
        return imported

    return lookup


def _one(store: Store, answers: UnitAnswers, own: str, source: Path, stage: Path) -> ReceiveLine:
    name = source.name
    seq: int | None = None
    try:
        folder = stage / name
        stage.mkdir()
        hashes, extra = copy_in(source, folder, header=HEADER, part_cap=MAX_PAYLOAD)  # a stick cannot fill the disk
        signed = check_signed_folder(folder, LAYOUT, _office_lookup(store), name=name, hashes=hashes, extra=extra)
        header = _header(signed, own)
        seq = header.seq
        check_parts(signed, header.parts, hashes=hashes, key_files=header.key_files)
        done = answers.by_id(header.answer_id)
        if done is not None:
            return ReceiveLine(
                str(source), name, seq, ALREADY, None, f"{name} 已于 {done.received_at} 导入过，本次未作改动。"
            )
        last = answers.last()
        if last is not None and header.seq <= last.seq:
            raise AnswerError(
                "replay",
                f"{name} 是第 {header.seq} 号回执，本单位已导入到第 {last.seq} 号："
                "这是重放的旧回执，不予导入，未作改动。",
            )
        content = _decrypt(store, signed, header, stage / "content")
        counts = answers.apply(
            ReceivedAnswer(header.seq, header.answer_id, signed.key_id, header.created_at, "", "", str(source)),
            list(content.receipts),
            list(content.returns),
            list(content.notices),
            list(content.catalogs),
        )
        return ReceiveLine(str(source), name, seq, APPLIED, None, _applied_text(name, content, counts))
    except BundleError as exc:
        return _refused(answers, source, seq, exc)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _header(signed: SignedFolder, own: str) -> AnswerHeader:
    header = AnswerHeader.parse(signed.header_raw)
    if (header.unit, header.seq, header.answer_id) != signed.comment:
        raise AnswerError("bad_signature", "签名注释中的单位和序号与回执头不符。", signed.crypto.sums_sig)
    if (signed.name_match[1], int(signed.name_match[2])) != (header.unit, header.seq):
        raise AnswerError("damaged", f"文件夹名称 {signed.name} 与回执内容（{header.unit} 第 {header.seq} 号）不符。")
    if header.office_key_id != signed.key_id:
        raise AnswerError("bad_signature", "回执头所列的签名密钥与实际签名不符。", HEADER)
    if header.crypto is not signed.crypto:
        raise AnswerError("damaged", f"回执头所写的加密套件与 {signed.sums_name} 不符。", HEADER)
    if header.unit != own:
        raise wrong_unit(header.unit, own)
    return header


def _decrypt(store: Store, signed: SignedFolder, header: AnswerHeader, target: Path) -> AnswerContent:
    crypto = header.crypto
    identities: list[Any] = gm_answer_keys(store.home) if crypto.gm else list(answer_identities(store.home))
    if not identities:
        raise AnswerError(
            "unknown_recipient",
            "本单位还没有回执密钥：请先导出一个数据包（会生成回执密钥并告知省局），再请省局重新制作回执。",
        )
    own = {sm2_recipient(k.public) if crypto.gm else str(k.to_public()) for k in identities}
    if header.recipient not in own:
        raise AnswerError(
            "unknown_recipient",
            "这份回执不是加密给本单位的回执密钥的（省局登记的回执公钥不是本机的）：请导出一个新数据包交省局导入，"
            "再请省局重新制作回执。",
        )
    holder: list[AnswerContent] = []

    def check(raw: bytes, sig_raw: bytes) -> AnswerContent:
        try:
            trusted = signed.public_key.verify(raw, sig_raw)
        except SignatureInvalidError:
            raise AnswerError("bad_signature", "回执内容的签名无效。") from None
        if trusted is not None:  # minisign names unit, seq and id in its trusted comment
            named = parse_signature_comment(trusted, "answer-content")
        else:  # the 国密 signature covers ANSWER.json itself, which names them
            inner = AnswerContent.parse(raw)
            named = (inner.unit, inner.seq, inner.answer_id)
        if named != signed.comment:
            raise AnswerError("bad_signature", "回执内容签名所注明的单位和序号与外部不符。")
        content = AnswerContent.parse(raw)
        if (content.unit, content.seq, content.answer_id) != signed.comment:
            raise unsafe("回执内容与回执头不一致。")
        head = [SourceEntry("", len(raw), ""), SourceEntry("", len(sig_raw), "")]
        if tar_size(head) != header.plaintext_size:
            raise unsafe("回执内容的总长度与回执头不符。")
        holder.append(content)
        return content

    target.mkdir()
    head = (CONTENT, CONTENT + crypto.sig_ext)
    reader = StrictTarReader(target, check, head=head, names=ENTRY_NAMES, head_cap=MAX_CONTENT)
    decrypt_into(
        [signed.folder / p.name for p in header.parts],
        reader,
        identities,
        None,
        crypto=crypto,
        key_files=header.key_files,
        iv=header.iv,
        disk="解密回执到本单位数据目录时出错（{error}）：请检查磁盘空间后重试。",
        wrong_key=AnswerError("unknown_recipient", "无法用本单位的回执密钥解密：回执不是加密给本单位的。"),
    )
    reader.complete()
    return holder[0]


def _applied_text(name: str, content: AnswerContent, counts: ApplyCounts) -> str:
    accepted = sum(1 for r in content.receipts if r.outcome in ("accepted", "already_imported"))
    refused = sum(1 for r in content.receipts if r.outcome == "refused")
    parts = [f"已导入 {name}：省局已接收 {accepted} 个数据包" + (f"，拒收 {refused} 个" if refused else "")]
    for period in counts.new_returns:
        note = "（本单位没有该期的记录，请按省局意见补报）" if period in counts.unreported else ""
        parts.append(f"省局退回报告期 {period}{note}")
    if counts.withdrawn:
        parts.append(f"省局已收到重报：{'、'.join(counts.withdrawn)}")
    if counts.new_notices:
        parts.append(f"新通知 {counts.new_notices} 条")
    if counts.new_catalogs:
        parts.append(f"收到规划目录 {'、'.join(counts.new_catalogs)}（planprogress plans 列出）")
    return "；".join(parts) + "。"
