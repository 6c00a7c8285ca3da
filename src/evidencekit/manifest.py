"""manifest.json: canonical bytes, and the dossier id that is their SHA-256."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from evidencekit import __version__
from evidencekit.collect import raw_relative_path
from evidencekit.hashing import sha256_bytes
from evidencekit.i18n import Message, msg
from evidencekit.layout import MANIFEST_SCHEMA
from evidencekit.model import Item

SCHEMA = MANIFEST_SCHEMA


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
                   skipped: list[dict[str, str]] | None = None, page_images: str = "full") -> Manifest:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "evidencekit", "version": __version__},
        "created": created,
        "time_source": time_source,
        "case": case,
        "items": [_entry(item) for item in items],
    }
    if skipped:
        data["skipped"] = skipped
    if page_images != "full":  # the pages show print-resolution copies of the images (the originals are attached)
        data["page_images"] = page_images
    return Manifest(data, canonical_json(data))


def _entry(item: Item) -> dict[str, Any]:
    entry = item.manifest_entry()
    raw = raw_relative_path(item.source, item.path)
    if raw is not None:
        entry["path_bytes"] = encode_path_bytes(raw)
    return entry


def encode_path_bytes(raw: bytes) -> str:
    """``path_bytes``: a name that is not UTF-8, kept exactly (standard base64 of the raw bytes)."""
    return base64.b64encode(raw).decode("ascii")


def decode_path_bytes(value: str) -> bytes:
    """The raw relative path recorded in ``path_bytes``; ValueError when it is not base64."""
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ManifestInvalid(msg("err.manifest.path_bytes")) from exc


class ManifestInvalid(ValueError):
    """What is wrong with a manifest, as a catalog message (``str()`` is its English text).

    ``damaged``: it is ours (the schema says so) but an item breaks the schema.
    """

    def __init__(self, reason: Message, *, damaged: bool = False) -> None:
        super().__init__(str(reason))
        self.reason = reason
        self.damaged = damaged


_ITEM_FIELDS: dict[str, type | tuple[type, ...]] = {"id": str, "path": str, "size": int, "sha256": str}


def parse_manifest(raw: bytes, schema: str = SCHEMA) -> dict[str, Any]:
    """Parse manifest bytes; raises ValueError, saying what is wrong, when they are not a manifest.

    Each item must be an object with a string ``id``, ``path`` and ``sha256`` and an integer
    ``size`` (``path_bytes``, where present, base64): readers rely on those, and a sealed
    manifest that breaks them is damaged, not a dossier to trust.
    """
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict) or data.get("schema") != schema or not isinstance(data.get("items"), list):
        raise ManifestInvalid(msg("err.manifest.not_ours"))
    for n, item in enumerate(data["items"], start=1):
        if not isinstance(item, dict):
            raise ManifestInvalid(msg("err.manifest.item_not_object", n=n), damaged=True)
        for key, kind in _ITEM_FIELDS.items():
            value = item.get(key)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise ManifestInvalid(msg("err.manifest.item_field", n=n, key=repr(key)), damaged=True)
        if "path_bytes" in item:
            if not isinstance(item["path_bytes"], str):
                raise ManifestInvalid(msg("err.manifest.item_field", n=n, key="'path_bytes'"), damaged=True)
            try:
                decode_path_bytes(item["path_bytes"])
            except ValueError:
                raise ManifestInvalid(msg("err.manifest.item_field", n=n, key="'path_bytes'"), damaged=True) from None
    return data
