"""File types from content (libmagic), never from the extension alone."""

from __future__ import annotations

import threading
from pathlib import Path

import magic

_local = threading.local()

# libmagic names a few of our formats vaguely; these byte signatures settle them.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"#!SILK_V3", 0, "audio/silk"),
    (b"\x02#!SILK_V3", 0, "audio/silk"),
    (b"#!AMR-WB\n", 0, "audio/amr-wb"),
    (b"#!AMR\n", 0, "audio/amr"),
)


def _magic() -> magic.Magic:
    m = getattr(_local, "magic", None)
    if m is None:
        m = _local.magic = magic.Magic(mime=True)
    return m


def detect_mime(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(16)
    for signature, offset, mime in _SIGNATURES:
        if head[offset:offset + len(signature)] == signature:
            return mime
    try:
        mime = _magic().from_file(str(path))
    except (magic.MagicException, OSError):
        return "application/octet-stream"
    return mime or "application/octet-stream"
