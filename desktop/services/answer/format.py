"""Answer format version 1: the folder PO-<unit>-<seq>/ the office writes for a unit, its cleartext header
(answer.json) and the signed content inside the payload (ANSWER.json). See docs/answers.md.

The folder holds the same kinds of files as a progress bundle (SHA256SUMS, its minisign signature, one
age-encrypted payload part), so the same checks and the same standard tools apply.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from desktop.domain.catalog_check import check_catalog, normalize
from desktop.services import suite as suites
from desktop.services.bundle.fields import Fields, json_object
from desktop.services.bundle.format import AGE_RECIPIENT, SUITE, UNIT, BundleError, Outcome, damaged, unsafe
from desktop.services.bundle.sealed import Part, SealedHeader, header_suite, parse_parts
from desktop.services.bundle.verify import Layout
from desktop.store.answers import OUTCOMES, Notice, PeriodReturn, Receipt, ReturnComment

FORMAT = "planprogress-answer"
CONTENT_FORMAT = "planprogress-answer-content"
FORMAT_VERSION = 1
HEADER = "answer.json"
CONTENT = "ANSWER.json"
CONTENT_SIG = "ANSWER.json.minisig"
MAX_CONTENT = 16 * 1024 * 1024
MAX_PAYLOAD = 2 * MAX_CONTENT  # the encrypted part: the content, its signature and age's overhead fit easily
MAX_ITEMS = 100_000
ANSWER_NAME = re.compile(rf"^PO-({UNIT})-(\d{{6}})$")
ENTRY_NAMES = re.compile(r"^ANSWER\.json(?:\.minisig|\.sig)?$")
LAYOUT = Layout(HEADER, "answer", "回执", "省局", ANSWER_NAME, "PO-单位代码-六位序号", "office_key_id", "answer_id")


def answer_name(unit: str, seq: int) -> str:
    return f"PO-{unit}-{seq:06d}"


class AnswerError(BundleError):
    """An answer refused at the unit; `kind` names why for scripts (wrong_unit, unknown_key, changed_key,
    bad_signature, damaged, unsafe_content, replay)."""

    def __init__(self, kind: str, message: str, part: str | None = None) -> None:
        super().__init__(Outcome.BAD_SIGNATURE if "key" in kind else Outcome.DAMAGED, message, part)
        self.kind = kind


def refusal_kind(exc: BundleError) -> str:
    if isinstance(exc, AnswerError):
        return exc.kind
    return {Outcome.BAD_SIGNATURE: "bad_signature", Outcome.UNSAFE_CONTENT: "unsafe_content"}.get(
        exc.outcome, "damaged"
    )


@dataclass(frozen=True)
class AnswerHeader(SealedHeader):
    """answer.json: what the unit checks before decrypting. Covered by SHA256SUMS and its signature."""

    unit: str
    seq: int
    answer_id: str
    office: str
    office_key_id: str
    created_at: str
    recipient: str
    parts: tuple[Part, ...]
    plaintext_size: int
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    suite: str = SUITE
    iv: str = ""  # 国密 only: the SM4-CTR initial counter, hex

    @property
    def key_count(self) -> int:
        return 1  # the unit's answer recipient

    def to_json(self) -> bytes:
        return self.sealed_json(asdict(self))

    @classmethod
    def parse(cls, raw: bytes) -> AnswerHeader:
        data = json_object(raw, HEADER)
        reader = Fields(data, HEADER)
        if reader.text("format") != FORMAT:
            raise damaged(f"{HEADER} 不是 planprogress 回执的头文件。", HEADER)
        if reader.number("format_version") != FORMAT_VERSION or suites.by_name(data.get("suite")) is None:
            raise damaged("回执的格式版本或加密套件本程序不认识：请安装新版本的 planprogress。", HEADER)
        crypto = header_suite(reader, data)
        parts = tuple(parse_parts(data, crypto, HEADER, 1))
        if parts[0].size > MAX_PAYLOAD:
            raise damaged(f"{HEADER} 所列的分卷过大，不是本程序生成的回执。", HEADER)
        recipient = reader.text("recipient")
        valid = suites.sm2_recipient_key(recipient) is not None if crypto.gm else AGE_RECIPIENT.match(recipient)
        if not valid:
            raise damaged(f"{HEADER} 中的字段 recipient 无效。", HEADER)
        return cls(
            unit=reader.unit("unit"),
            seq=reader.seq("seq"),
            answer_id=reader.uuid("answer_id"),
            office=reader.text("office"),
            office_key_id=reader.text("office_key_id"),
            created_at=reader.text("created_at"),
            recipient=recipient,
            parts=parts,
            plaintext_size=reader.number("plaintext_size"),
            suite=crypto.name,
            iv=reader.iv("iv") if crypto.gm else "",
        )


@dataclass(frozen=True)
class AnswerContent:
    """ANSWER.json: the office's whole current state for one unit (signed again inside the payload)."""

    unit: str
    seq: int
    answer_id: str
    created_at: str
    receipts: tuple[Receipt, ...]
    returns: tuple[PeriodReturn, ...]
    notices: tuple[Notice, ...]
    catalogs: tuple[dict[str, Any], ...] = ()  # plan catalogs the office issued (normalized), absent when none
    format: str = CONTENT_FORMAT
    format_version: int = FORMAT_VERSION

    @property
    def entries(self) -> tuple[()]:
        """Nothing may follow ANSWER.json and its signature in the payload (for the strict reader)."""
        return ()

    def to_json(self) -> bytes:
        data = {
            "format": self.format,
            "format_version": self.format_version,
            "unit": self.unit,
            "seq": self.seq,
            "answer_id": self.answer_id,
            "created_at": self.created_at,
            **state_json(self.receipts, self.returns, self.notices, self.catalogs),
        }
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")

    @classmethod
    def parse(cls, raw: bytes) -> AnswerContent:
        data = json_object(raw, CONTENT, outcome_unsafe=True)
        reader = Fields(data, CONTENT, unsafe_content=True)
        if reader.text("format") != CONTENT_FORMAT or reader.number("format_version") != FORMAT_VERSION:
            raise unsafe(f"{CONTENT} 的格式不符。", CONTENT)
        receipts = tuple(_receipt(Fields(i, CONTENT, True)) for i in _items(data, "receipts"))
        returns = tuple(_return(i) for i in _items(data, "returns"))
        notices = tuple(_notice(Fields(i, CONTENT, True)) for i in _items(data, "notices"))
        catalogs = tuple(_catalog(i) for i in _items(data, "catalogs")) if "catalogs" in data else ()
        return cls(
            unit=reader.unit("unit"),
            seq=reader.seq("seq"),
            answer_id=reader.uuid("answer_id"),
            created_at=reader.text("created_at"),
            receipts=receipts,
            returns=returns,
            notices=notices,
            catalogs=catalogs,
        )


def state_json(
    receipts: tuple[Receipt, ...],
    returns: tuple[PeriodReturn, ...],
    notices: tuple[Notice, ...],
    catalogs: tuple[dict[str, Any], ...] = (),
) -> dict[str, Any]:
    """The state an answer carries; `catalogs` only when the office issued any, so an office without issued
    plans writes (and digests) exactly what it wrote before."""
    return ({"catalogs": list(catalogs)} if catalogs else {}) | {
        "receipts": [
            {"seq": r.seq, "bundle_id": r.bundle_id, "outcome": r.outcome, "reason": r.reason, "at": r.at}
            for r in receipts
        ],
        "returns": [
            {
                "id": r.id,
                "period": r.period,
                "reason": r.reason,
                "by": r.made_by,
                "at": r.made_at,
                "comments": [{"target": c.target, "task": c.task, "text": c.text} for c in r.comments],
            }
            for r in returns
        ],
        "notices": [{"id": n.id, "title": n.title, "text": n.text, "by": n.made_by, "at": n.made_at} for n in notices],
    }


def _catalog(data: dict[str, Any]) -> dict[str, Any]:
    """A catalog in an answer meets every rule an issued catalog meets, else the answer is refused whole."""
    found = check_catalog(data)
    if found:
        raise unsafe(f"{CONTENT} 中的规划目录不合规（{found[0].text()}）。", CONTENT)
    return normalize(data)


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or len(value) > MAX_ITEMS or not all(isinstance(i, dict) for i in value):
        raise unsafe(f"{CONTENT} 中的 {key} 清单无效。", CONTENT)
    return value


def _receipt(item: Fields) -> Receipt:
    outcome = item.text("outcome")
    if outcome not in OUTCOMES:
        raise unsafe(f"{CONTENT} 中的回执结果“{outcome[:40]}”无效。", CONTENT)
    bundle_id = item.uuid("bundle_id") if item._data.get("bundle_id") is not None else None
    return Receipt(item.seq("seq"), bundle_id, outcome, item.text("reason"), item.text("at"))


def _return(data: dict[str, Any]) -> PeriodReturn:
    from desktop.domain.errors import InputError
    from desktop.domain.periods import parse_period

    item = Fields(data, CONTENT, True)
    period = item.text("period")
    try:
        if parse_period(period).code != period:
            raise InputError(period)
    except InputError:
        raise unsafe(f"{CONTENT} 中的报告期“{period[:40]}”无效。", CONTENT) from None
    comments = []
    for raw in _items(data, "comments"):
        comment = Fields(raw, CONTENT, True)
        comments.append(ReturnComment(comment.text("target"), comment.text("task"), comment.text("text")))
    return PeriodReturn(item.uuid("id"), period, item.text("reason"), tuple(comments), item.text("by"), item.text("at"))


def _notice(item: Fields) -> Notice:
    return Notice(item.uuid("id"), item.text("title"), item.text("text"), item.text("by"), item.text("at"))


def wrong_unit(named: str, own: str) -> AnswerError:
    return AnswerError(
        "wrong_unit",
        f"这是省局给 {named} 的回执，本单位是 {own}：不予导入，未作任何改动。请把它交给 {named}。",
    )
