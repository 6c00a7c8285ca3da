"""case.toml: the case description (minimal loader; strict validation lands with the channels work)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evidencekit.errors import BadInput


@dataclass
class CaseFile:
    data: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    path: Path | None = None

    @property
    def title(self) -> str | None:
        return self.data.get("case", {}).get("title")

    @property
    def channel(self) -> str | None:
        return self.data.get("case", {}).get("channel")

    def evidence_for(self, path: str) -> dict[str, Any] | None:
        for entry in self.data.get("evidence", []):
            if entry.get("path") == path:
                return entry
        return None

    def disputed_ids(self) -> frozenset[str]:
        ids: set[str] = set()
        for tx in self.data.get("transactions", []):
            if tx.get("disputed"):
                ids.update(str(tx[k]) for k in ("id", "merchant_order") if tx.get(k))
        return frozenset(ids)


def empty_case() -> CaseFile:
    return CaseFile()


def parse_case(text: str, origin: str = "case.toml") -> CaseFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{origin}: not valid TOML ({exc})", "Fix the line named above.") from exc
    return CaseFile(data, text)


def load_case(path: Path) -> CaseFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot read the case file ({exc})", "Save case.toml as UTF-8 text.") from exc
    case = parse_case(text, str(path))
    case.path = path
    return case
