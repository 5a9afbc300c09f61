"""What a catalog file held, in the JSON catalog's shape, and where each value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.domain.catalog_check import Problem


@dataclass
class Read:
    """What a file held, in the JSON catalog's shape, and where each path came from."""

    data: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)
    places: dict[str, str] = field(default_factory=dict)

    def where(self, path: str) -> str:
        probe = path
        while probe:
            if probe in self.places:
                return self.places[probe]
            probe = probe.rpartition(".")[0] if "." in probe else probe.rpartition("[")[0]
        return self.places.get("", path)
