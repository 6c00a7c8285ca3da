"""manifest.json: canonical bytes, and the dossier id that is their SHA-256."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from evidencekit import __version__
from evidencekit.hashing import sha256_bytes
from evidencekit.model import Item

SCHEMA = "evidencekit/manifest/1"


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]
    canonical: bytes

    @property
    def dossier_id(self) -> str:
        return sha256_bytes(self.canonical)


def canonical_json(data: Any) -> bytes:
    """UTF-8, sorted keys, no insignificant whitespace."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def build_manifest(*, case: dict[str, Any], items: list[Item], created: str, time_source: str,
                   skipped: list[dict[str, str]] | None = None) -> Manifest:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "evidencekit", "version": __version__},
        "created": created,
        "time_source": time_source,
        "case": case,
        "items": [item.manifest_entry() for item in items],
    }
    if skipped:
        data["skipped"] = skipped
    return Manifest(data, canonical_json(data))


def parse_manifest(raw: bytes) -> dict[str, Any]:
    """Parse manifest bytes; raises ValueError when they are not a manifest."""
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("items"), list):
        raise ValueError("not an evidencekit manifest")
    return data
