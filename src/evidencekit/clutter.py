"""Clutter handled before sealing: exact duplicates attached once, large media hashed only.

Both act on described items (their digests known) and change what is attached, never what
is listed: every file of the folder keeps its row in the evidence list and the manifest.
"""

from __future__ import annotations

from collections.abc import Sequence

from evidencekit.collect import matches_glob
from evidencekit.i18n import msg
from evidencekit.model import Item


def mark_duplicates(items: list[Item]) -> None:
    """A file whose bytes (SHA-256 and size) equal an earlier item's is that item's copy:
    listed as "同 E07" and attached once. Its facts are dropped so the timeline and the
    money flow do not count the same screenshot twice."""
    first: dict[tuple[str, int], Item] = {}
    for item in items:
        key = (item.sha256, item.size)
        original = first.get(key)
        if original is None:
            first[key] = item
            continue
        item.duplicate_of = original.id
        item.kind, item.mime = original.kind, original.mime
        item.facts, item.captured_at = {}, None
        item.warnings = [w for w in item.warnings if not _about_content(w)]
        item.warnings.append(msg("warn.duplicate_of", id=original.id, path=original.path))


def mark_hash_only(items: list[Item], patterns: Sequence[str]) -> None:
    """``--hash-only``: the matching items are hashed, described and listed, not embedded."""
    if not patterns:
        return
    for item in items:
        if matches_glob(item.path, patterns) is not None:
            item.embedded = False


def _about_content(warning: object) -> bool:
    """Warnings about what a file says belong to its first copy; a name warning stays."""
    return str(getattr(warning, "code", "")) not in _NAME_WARNINGS


_NAME_WARNINGS = frozenset({"warn.same_name_nfc"})
