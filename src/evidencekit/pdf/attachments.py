"""Reading a dossier's attachments: the name tree, and each embedded file's bytes.

Attachment data is streamed from the file where our own layout allows (an uncompressed
stream with a direct length, found through the cross-reference table), so a gigabyte of
originals is read in fixed-size chunks; anything else falls back to the PDF parser.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, BinaryIO

from evidencekit.hashing import Digester
from evidencekit.pdf.stream_reader import UnsupportedStream, feed_stream, locate_stream

log = logging.getLogger("evidencekit")


def embedded_files(root: Any) -> dict[str, Any]:
    """Name-tree key -> file specification dictionary."""
    out: dict[str, Any] = {}
    names = root.get("/Names")
    if names is None:
        return out
    tree = names.get_object().get("/EmbeddedFiles")
    if tree is None:
        return out

    def walk(node: Any, depth: int) -> None:
        node = node.get_object()
        if depth > 32:
            return
        pairs = node.get("/Names")
        if pairs is not None:
            pairs = pairs.get_object()
            for i in range(0, len(pairs) - 1, 2):
                out[str(pairs[i])] = pairs[i + 1]
        for kid in node.get("/Kids", []) or []:
            walk(kid, depth + 1)

    walk(tree, 0)
    return out


def xref_offsets(path: Path) -> dict[int, int]:
    """Object number -> byte offset, as the newest cross-reference sections say."""
    try:
        from pypdf import PdfReader

        with open(path, "rb") as f:  # a path would make pypdf read the whole file into memory
            reader = PdfReader(f, strict=False)
            return dict(reader.xref.get(0, {}))
    except Exception:
        return {}


def stream_ref(spec: Any) -> Any:
    ef = spec.get_object().get("/EF")
    if ef is None:
        return None
    ef = ef.get_object()
    return ef.raw_get("/F") if "/F" in ef else (ef.raw_get("/UF") if "/UF" in ef else None)


def hash_attachment(spec: Any, reader: Any, f: BinaryIO, offsets: dict[int, int]) -> tuple[int, str, str] | None:
    """(size, SHA-256, SM3) of an attachment, streamed from the file where our layout allows."""
    ref = stream_ref(spec)
    if ref is None:
        return None
    idnum = getattr(ref, "idnum", None)
    if idnum is not None and idnum in offsets:
        digester = Digester()
        try:
            feed_stream(f, locate_stream(f, offsets[idnum], idnum), digester.update)
            found = digester.finish()
            return found.size, found.sha256, found.sm3
        except UnsupportedStream as exc:
            digester.finish()
            log.debug("attachment %s: slow path (%s)", idnum, exc)
    digester = Digester()
    try:
        digester.update(bytes(ref.get_object().data))
    except Exception:
        return None
    found = digester.finish()
    return found.size, found.sha256, found.sm3


def read_attachment(spec: Any, reader: Any, f: BinaryIO, offsets: dict[int, int]) -> bytes | None:
    ref = stream_ref(spec)
    if ref is None:
        return None
    try:
        return bytes(ref.get_object().data)
    except Exception:
        return None
