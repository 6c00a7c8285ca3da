"""File types from content (libmagic), never from the extension alone."""

from __future__ import annotations

import threading
from pathlib import Path

import magic

from evidencekit.extract.media import OWN_MIMES, container_of

_local = threading.local()


def _magic() -> magic.Magic:
    m = getattr(_local, "magic", None)
    if m is None:
        m = _local.magic = magic.Magic(mime=True)
    return m


def detect_mime(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(16)
    own = OWN_MIMES.get(container_of(head) or "")
    if own is not None:
        return own  # libmagic names WeChat's SILK voice and AMR vaguely, or not at all
    try:
        mime = _magic().from_file(str(path))
    except (magic.MagicException, OSError):
        return "application/octet-stream"
    return mime or "application/octet-stream"
