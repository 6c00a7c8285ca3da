"""Clutter handled before sealing: exact duplicates attached once, large media hashed only.

Both act on described items (their digests known) and change what is attached, never what
is listed: every file of the folder keeps its row in the evidence list and the manifest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from evidencekit.collect import matches_glob
from evidencekit.i18n import msg
from evidencekit.model import Item

#: What phones, browsers and file managers add to a copy's name: "x(1).jpg", "x (2).jpg",
#: "x - 副本.jpg", "x - Copy.jpg", "x_copy.jpg", "复件 x.jpg", "Copy of x.jpg".
_COPY_NAME = re.compile(r"(\s?[(（]\d+[)）]|\s?-\s?(副本|复制|Copy)(\s?[(（]\d+[)）])?|[_ ]copy\d*)(\.[^./]*)?$"
                        r"|(^|/)(复件|副本|Copy of) ", re.IGNORECASE)


def mark_duplicates(items: list[Item]) -> None:
    """Files with the same bytes (SHA-256 and size) are one exhibit: the first whose name does
    not look like a copy's ("x(1).jpg", "x - 副本.jpg"), else the first in order, is attached;
    the others are listed as "同 E07" and attached once. A copy's facts are dropped so the
    timeline and the money flow do not count the same screenshot twice."""
    groups: dict[tuple[str, int], list[Item]] = {}
    for item in items:
        groups.setdefault((item.sha256, item.size), []).append(item)
    for group in groups.values():
        if len(group) < 2:
            continue
        original = min(group, key=lambda i: bool(_COPY_NAME.search(i.path)))  # stable: order breaks ties
        for item in group:
            if item is not original:
                _mark_copy(item, original)


def _mark_copy(item: Item, original: Item) -> None:
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
