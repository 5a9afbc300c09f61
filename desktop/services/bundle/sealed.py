"""What the cleartext headers of bundles and answers share: the crypto suite they name and the encrypted
payload parts they list, each with its size and digest (sha256, or sm3 in the 国密 suite)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.services import suite as suites
from desktop.services.bundle.fields import Fields
from desktop.services.bundle.format import damaged


@dataclass(frozen=True)
class Part:
    name: str
    size: int
    sha256: str


class SealedHeader:
    """What bundle.json and answer.json compute alike from the fields they share (a base of both frozen header
    dataclasses): the suite, the wrapped key files it implies, the payload's size and the JSON as written."""

    suite: str
    parts: tuple[Part, ...]
    iv: str  # 国密 only: the SM4-CTR initial counter, hex

    @property
    def key_count(self) -> int:
        """How many recipients the payload is sealed for (one wrapped key file each in the 国密 suite)."""
        raise NotImplementedError

    @property
    def crypto(self) -> suites.Suite:
        found = suites.by_name(self.suite)
        assert found is not None  # parse() refuses any other
        return found

    @property
    def key_files(self) -> list[str]:
        """The wrapped key files of the 国密 suite, one per recipient (none in the age suite)."""
        return suites.key_file_names(self.key_count) if self.crypto.gm else []

    @property
    def payload_size(self) -> int:
        return sum(p.size for p in self.parts)

    def sealed_json(self, data: dict[str, Any]) -> bytes:
        """The header file's bytes from its fields `data`: parts with the suite's digest name, no iv outside 国密."""
        data["parts"] = part_json(self.parts, self.crypto)
        if not self.crypto.gm:
            del data["iv"]
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def header_suite(reader: Fields, data: dict[str, Any]) -> suites.Suite:
    found = suites.by_name(reader.text("suite"))
    if found is None:
        raise damaged(f"使用的加密套件“{data.get('suite')}”本程序不支持：请安装新版本的 planprogress。", reader.where)
    return found


def part_json(parts: tuple[Part, ...], crypto: suites.Suite) -> list[dict[str, Any]]:
    return [{"name": p.name, "size": p.size, crypto.digest_field: p.sha256} for p in parts]


def parse_parts(data: dict[str, Any], crypto: suites.Suite, where: str, most: int) -> list[Part]:
    """The header's parts: names as the suite numbers them, each with size and digest (sha256 or sm3)."""
    raw_parts = data.get("parts")
    if not isinstance(raw_parts, list) or not 1 <= len(raw_parts) <= most:
        raise damaged(f"{where} 中的分卷清单无效。", where)
    parts = []
    for item in raw_parts:
        part = Fields(item if isinstance(item, dict) else {}, where)
        parts.append(Part(part.text("name"), part.number("size"), part.sha(crypto.digest_field)))
    if [p.name for p in parts] != crypto.part_names(len(parts)):
        raise damaged(f"{where} 中的分卷名称不合规。", where)
    return parts
