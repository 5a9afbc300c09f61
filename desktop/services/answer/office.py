"""The office's side of answers: sending a unit's period back, notices, and writing PO-<unit>-<seq>/ folders.

An answer is written only for a unit whose state (receipts, open returns, notices, the plans issued) changed
since its last answer, unless the unit is named or all are asked for. Writing answers changes no unit data at
the office: only the answer log (the seq per unit) advances, after the folder was written and read back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyrage

from desktop.domain.errors import InputError, PlanProgressError, StateError
from desktop.domain.periods import parse_period
from desktop.services.answer.format import CONTENT as CONTENT_NAME
from desktop.services.answer.format import HEADER, LAYOUT, AnswerContent, AnswerHeader, answer_name, state_json
from desktop.services.bundle.export import write_small
from desktop.services.bundle.format import PART_SIZE, signature_comment
from desktop.services.bundle.parts import PartWriter
from desktop.services.bundle.tarstream import SourceEntry, TarSource, tar_size
from desktop.services.bundle.verify import check_parts, check_signed_folder, own_key_lookup
from desktop.services.gm_keys import load_office_gm_signer
from desktop.services.office.plans import office_plan, plan_task, unknown_task
from desktop.services.office.registry import require_office
from desktop.services.office_keys import load_office_signer, office_suites
from desktop.services.sealing import seal
from desktop.services.suite import AgeSigner, GmSigner, Signer, Suite, recipient_suite, sm2_recipient_key
from desktop.store import Store
from desktop.store.answers import AnswerLog, Notice, OfficeAnswers, OfficeReturn, ReturnComment
from desktop.store.catalogs import OfficeCatalogs
from desktop.store.files import fsync_dir
from desktop.store.office import OfficeRepo, check_reason
from desktop.store.office_records import OfficeRecords

MAX_TEXT = 4000
Progress = Callable[[int, int], None]


def return_period(
    store: Store,
    code: str,
    period: str,
    reason: str,
    comments: list[str],
    plan: str | None = None,
    today: dt.date | None = None,
) -> OfficeReturn:
    """Send a unit's period back with a reason and comments `TASK=TEXT` (TASK a task of plan `plan` as the plan
    shows it, e.g. 1.04, or its uid; None: the plan current on `today`; or the uid of one of the unit's
    records)."""
    require_office(store)
    unit = OfficeRepo(store.database, store.audit).require_unit(code)
    period_code = parse_period(period).code
    reason = check_reason(reason, "退回报告期")
    if len(reason) > MAX_TEXT:
        raise InputError(f"退回原因过长（{len(reason)} 字）：请控制在 {MAX_TEXT} 字以内。")
    year = (today or dt.date.today()).year
    office_plan(store, plan, year)  # an unknown plan is refused before anything else
    records = OfficeRecords(store.database, store.audit)
    own = {str(r["uid"]) for entity in ("measure", "milestone") for r in records.rows(entity, unit.code)}
    parsed: list[ReturnComment] = []
    for item in comments:
        target, sep, text = item.partition("=")
        target, text = target.strip(), text.strip()
        if not sep or not target or not text:
            raise InputError(f"意见“{item[:40]}”的格式不对：请写成 任务序号=意见，例如 --comment 1.04=请补充佐证材料。")
        if len(text) > MAX_TEXT:
            raise InputError(f"对 {target} 的意见过长：请控制在 {MAX_TEXT} 字以内。")
        found = None if target in own else plan_task(store, plan, target, year)
        if target in own:
            parsed.append(ReturnComment(target, "", text))
        elif found is not None:
            parsed.append(ReturnComment(found[1], found[2], text))
        else:
            raise InputError(
                f"“{target}”不是 {unit.code} 报送的措施或时间节点编号；{unknown_task(store, plan, target, year)}"
                "未作任何改动。"
            )
    return OfficeAnswers(store.database, store.audit).add_return(unit.code, period_code, reason, tuple(parsed))


def add_notice(store: Store, title: str, text: str, units: list[str] | None) -> Notice:
    require_office(store)
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise InputError("通知的标题和正文都不能为空（--title、--text）。")
    if len(title) > 200 or len(text) > MAX_TEXT:
        raise InputError(f"通知过长：标题不超过 200 字，正文不超过 {MAX_TEXT} 字。")
    office = OfficeRepo(store.database, store.audit)
    codes = [office.require_unit(code).code for code in units] if units else None
    return OfficeAnswers(store.database, store.audit).add_notice(title, text, codes)


@dataclass(frozen=True)
class WrittenAnswer:
    unit: str
    seq: int
    path: Path
    receipts: int
    returns: int
    notices: int


@dataclass(frozen=True)
class AnswerRun:
    written: tuple[WrittenAnswer, ...]
    skipped: tuple[tuple[str, str], ...]  # unit, why (units named or asked for that got no answer)
    unchanged: int  # units with nothing new (not named)
    signer_created: bool  # the office's answer-signing key was made now: units must import office.pub again


def write_answers(
    store: Store,
    out: Path,
    passphrase: str,
    *,
    units: list[str] | None = None,
    all_units: bool = False,
    progress: Progress | None = None,
) -> AnswerRun:
    """Write PO-<unit>-<seq>/ into `out` for each unit with something new (or each named, or all)."""
    require_office(store)
    out = out.expanduser()
    if not out.is_dir():
        raise InputError(f"目标文件夹 {out} 不存在：请插好U盘，或先建立该文件夹。")
    office = OfficeRepo(store.database, store.audit)
    answers = OfficeAnswers(store.database, store.audit)
    named = [office.require_unit(code).code for code in units or []]
    candidates = named or [u.code for u in office.units() if not u.revoked]
    catalogs = tuple(c.content for c in OfficeCatalogs(store.database, store.audit).issued())
    signers = _Signers(store, passphrase)
    signers.of(office_suites(store.home)[0])  # a wrong passphrase is said before anything is written
    for leftover in out.glob(".PO-*.partial"):  # hidden halves of an interrupted run: never an answer
        shutil.rmtree(leftover, ignore_errors=True)
    office_name = store.database.meta("office_name", "省局") or "省局"
    written: list[WrittenAnswer] = []
    skipped: list[tuple[str, str]] = []
    unchanged = 0
    for done, code in enumerate(candidates):
        if progress is not None:
            progress(done, len(candidates))
        recipient = answers.recipient(code)
        unit = office.require_unit(code)
        if unit.revoked:
            skipped.append((code, "该单位已被吊销，不再给它写回执。"))
            continue
        if recipient is None:
            skipped.append(
                (code, "还不知道该单位的回执公钥：请它用新版程序导出一个数据包并在此导入，或重新登记它的 unit.pub。")
            )
            continue
        receipts = tuple(answers.receipts(code))
        returns = tuple(r.entry for r in answers.returns(code))
        notices = tuple(answers.notices_for(code))
        state = state_json(receipts, returns, notices, catalogs)
        digest = hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        last = answers.last_answer(code)
        fresh = (last.digest != digest) if last else bool(receipts or returns or notices or catalogs)
        if not (fresh or named or all_units):
            unchanged += 1
            continue
        seq = (last.seq if last else 0) + 1
        content = AnswerContent(code, seq, str(uuid.uuid4()), _now(), receipts, returns, notices, catalogs)
        path = _write_one(out, content, recipient, signers.of(recipient_suite(recipient)), office_name)
        answers.log_answer(
            AnswerLog(
                code,
                seq,
                content.answer_id,
                digest,
                len(receipts),
                len(returns),
                len(notices),
                str(path),
                store.database.now(),
                store.audit.actor,
            )  # fmt: skip
        )
        final = out / answer_name(code, seq)
        try:
            os.replace(path, final)
            fsync_dir(out)
        except OSError as exc:
            raise StateError(
                f"回执 {final.name} 已写好并记录，但未能改为正式名称（{exc.strerror}）：请重新插好U盘后再制作一次"
                "（该单位会收到下一号回执，内容是最新的全部状态，跳过的序号无妨）。"
            ) from None
        written.append(WrittenAnswer(code, seq, final, len(receipts), len(returns), len(notices)))
    if progress is not None:
        progress(len(candidates), len(candidates))
    return AnswerRun(tuple(written), tuple(skipped), unchanged, signers.created)


class _Signers:
    """The office's answer-signing key per suite, unlocked on first use (a 国密 office has no minisign key)."""

    def __init__(self, store: Store, passphrase: str) -> None:
        self._store = store
        self._passphrase = passphrase
        self._loaded: dict[str, Signer] = {}
        self.created = False

    def of(self, suite: Suite) -> Signer:
        if suite.name not in self._loaded:
            if suite.gm:
                self._loaded[suite.name] = GmSigner(load_office_gm_signer(self._store.home, self._passphrase))
            else:
                secret, created = load_office_signer(self._store.home, self._passphrase)
                self.created = self.created or created
                self._loaded[suite.name] = AgeSigner(secret)
        return self._loaded[suite.name]


def _write_one(out: Path, content: AnswerContent, recipient: str, signer: Signer, office_name: str) -> Path:
    """Write the answer under a hidden name, read it back and verify it; the caller logs it, then renames."""
    final = out / answer_name(content.unit, content.seq)
    if final.exists():
        raise StateError(f"{out} 中已有 {final.name}：请换一个U盘或文件夹，或先把原来的回执移走。")
    work = out / f".{final.name}.{content.answer_id}.partial"
    shutil.rmtree(work, ignore_errors=True)
    public = signer.public
    suite = signer.suite
    target = sm2_recipient_key(recipient) if suite.gm else recipient
    try:
        work.mkdir()
        raw = content.to_json()
        comment = signature_comment("answer-content", content.unit, content.seq, content.answer_id)
        sig_raw = signer.sign(raw, comment, "planprogress office signature")
        entries = [_entry(CONTENT_NAME, raw), _entry(CONTENT_NAME + suite.sig_ext, sig_raw)]
        source = TarSource(entries, 0)
        sink = PartWriter(work, PART_SIZE, base=suite.payload, hasher=suite.hasher)
        try:
            sealed = seal(suite, source, sink, [target])
        except (pyrage.EncryptError, OSError) as exc:
            sink.abort()
            raise StateError(f"加密回执时出错（{exc}）：请重试。") from None
        parts = sink.close()
        for name, wrapped in sealed.key_files:
            write_small(work / name, wrapped)
        header = AnswerHeader(
            unit=content.unit,
            seq=content.seq,
            answer_id=content.answer_id,
            office=office_name,
            office_key_id=public.key_id,
            created_at=content.created_at,
            recipient=recipient,
            parts=tuple(parts),
            plaintext_size=tar_size(entries),
            suite=suite.name,
            iv=sealed.iv,
        )
        header_bytes = header.to_json()
        write_small(work / HEADER, header_bytes)
        listed = [(HEADER, suite.digest(header_bytes))] + [(n, suite.digest(w)) for n, w in sealed.key_files]
        sums = suite.format_sums(listed + [(p.name, p.sha256) for p in parts])
        write_small(work / suite.sums, sums)
        comment = signature_comment("answer", content.unit, content.seq, content.answer_id)
        write_small(work / suite.sums_sig, signer.sign(sums, comment, "planprogress office signature"))
        fsync_dir(work)
        signed = check_signed_folder(work, LAYOUT, own_key_lookup(public, "省局的回执签名密钥"), name=final.name)
        check_parts(signed, header.parts, key_files=header.key_files)
    except PlanProgressError:
        shutil.rmtree(work, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise StateError(
            f"写入 {out} 时出错（{exc.strerror}）：U盘可能已拔出或已满。已清除写了一半的回执，请重试。"
        ) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return work


def _entry(name: str, content: bytes) -> SourceEntry:
    return SourceEntry(name, len(content), hashlib.sha256(content).hexdigest(), content)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
