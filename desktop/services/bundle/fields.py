"""Typed reading of untrusted JSON (bundle and answer headers, manifests, answers): one clear message per bad
field, raised as the damaged (outside) or unsafe (inside the payload) outcome."""

from __future__ import annotations

import json
import re
from typing import Any

from desktop.services.bundle.format import MAX_CATALOGS, SHA256, UNIT, BundleError, CatalogRef, damaged, unsafe


def json_object(raw: bytes, name: str, outcome_unsafe: bool = False) -> dict[str, Any]:
    make = unsafe if outcome_unsafe else damaged
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise make(f"{name} 不是有效的 JSON。", name) from None
    if not isinstance(data, dict):
        raise make(f"{name} 的内容不是 JSON 对象。", name)
    return data


class Fields:
    """Typed access to untrusted JSON with one clear message per bad field."""

    def __init__(self, data: dict[str, Any], where: str, unsafe_content: bool = False) -> None:
        self._data = data
        self._where = where
        self._make = unsafe if unsafe_content else damaged

    @property
    def where(self) -> str:
        return self._where

    def iv(self, key: str) -> str:
        value = self.text(key)
        if not re.fullmatch(r"[0-9a-f]{32}", value):
            raise self._bad(key)
        return value

    def _bad(self, key: str) -> BundleError:
        return self._make(f"{self._where} 中的字段 {key} 缺失或无效。", self._where)

    def text(self, key: str) -> str:
        value = self._data.get(key)
        if not isinstance(value, str) or len(value) > 4096:
            raise self._bad(key)
        return value

    def number(self, key: str) -> int:
        value = self._data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self._bad(key)
        return value

    def seq(self, key: str) -> int:
        value = self.number(key)
        if not 1 <= value <= 999_999:
            raise self._bad(key)
        return value

    def sha(self, key: str) -> str:
        value = self.text(key)
        if not SHA256.match(value):
            raise self._bad(key)
        return value

    def unit(self, key: str) -> str:
        value = self.text(key)
        if not re.fullmatch(UNIT, value):
            raise self._bad(key)
        return value

    def uuid(self, key: str) -> str:
        value = self.text(key)
        if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value):
            raise self._bad(key)
        return value

    def catalogs(self, version: int) -> tuple[CatalogRef, ...]:
        """Version 1: `catalog_id` and `catalog_version`; version 2: `catalogs`, a list of {id, version}."""
        if version == 1:
            return (CatalogRef(self.text("catalog_id"), self.text("catalog_version")),)
        raw = self._data.get("catalogs")
        if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_CATALOGS:
            raise self._bad("catalogs")
        refs = []
        for item in raw:
            fields = [item.get(k) if isinstance(item, dict) else None for k in ("id", "version")]
            if not all(isinstance(f, str) and 0 < len(f) <= 200 for f in fields):
                raise self._bad("catalogs")
            refs.append(CatalogRef(str(fields[0]), str(fields[1])))
        if len({r.id for r in refs}) != len(refs):
            raise self._bad("catalogs")
        return tuple(refs)

    def kind(self, key: str) -> str:
        value = self.text(key)
        if value not in ("full", "delta"):
            raise self._bad(key)
        return value
