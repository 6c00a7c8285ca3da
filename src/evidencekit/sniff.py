"""File types from content (libmagic), never from the extension alone."""

from __future__ import annotations

import threading
from pathlib import Path

import magic

from evidencekit.extract.media import OWN_MIMES, container_of, sniff_container
from evidencekit.extract.sniff import WEAK_AUDIO_MIMES
from evidencekit.extract.text import SAMPLE_BYTES, looks_like_text, read_head, utf16_without_bom

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
    mime = mime or "application/octet-stream"
    if mime in WEAK_AUDIO_MIMES or mime == "application/octet-stream":
        return _text_or(path, mime)
    return mime


def _text_or(path: Path, mime: str) -> str:
    """text/plain for a text libmagic took for audio from two bytes, or could not name
    (UTF-16 without its byte order mark); ``mime`` otherwise."""
    if sniff_container(path) is not None:
        return mime
    sample = read_head(path, SAMPLE_BYTES)
    if (mime in WEAK_AUDIO_MIMES or utf16_without_bom(sample) is not None) and looks_like_text(sample):
        return "text/plain"
    return mime
