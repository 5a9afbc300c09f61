"""One line per bundle offered at the office, from the `province import --json` result line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QIcon

from desktop.domain.health import Light
from desktop.ui.i18n import tr
from desktop.ui.models.table import RIGHT, Column
from desktop.ui.widgets.lights import light_icon


@dataclass(frozen=True)
class IntakeLine:
    name: str
    unit: str
    seq: int | None
    outcome: str
    label: str
    message: str
    ok: bool
    part: str | None
    from_held: bool


def lines_from(result: dict[str, Any]) -> list[IntakeLine]:
    lines = []
    for item in result.get("bundles", []):
        seq = item.get("seq")
        lines.append(
            IntakeLine(
                name=str(item.get("name", "")),
                unit=str(item.get("unit") or ""),
                seq=int(seq) if isinstance(seq, int) else None,
                outcome=str(item.get("outcome", "")),
                label=str(item.get("label", "")),
                message=str(item.get("message", "")),
                ok=bool(item.get("ok")),
                part=item.get("part"),
                from_held=bool(item.get("from_held")),
            )
        )
    return lines


def _icon(line: IntakeLine) -> QIcon:
    if line.ok:
        return light_icon(Light.GREEN)
    return light_icon(Light.YELLOW if line.outcome == "gap" else Light.RED)


def intake_columns() -> list[Column[IntakeLine]]:
    return [
        Column(tr("数据包"), lambda x: x.name + (tr("（暂存后补入）") if x.from_held else "")),
        Column(tr("单位"), lambda x: x.unit),
        Column(tr("序号"), lambda x: str(x.seq) if x.seq is not None else "", RIGHT),
        Column(tr("结果"), lambda x: tr(x.label), icon=_icon),
        Column(
            tr("说明"),
            lambda x: x.message + (tr("（问题部分：{part}）").format(part=x.part) if x.part else ""),
            tooltip=lambda x: x.message,
        ),
    ]
