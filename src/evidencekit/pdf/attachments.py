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
from evidencekit.i18n import Message, msg
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
    except Exception:  # noqa: BLE001 - a damaged xref only loses the fast path
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
    except Exception:  # noqa: BLE001 - fail closed: verify reports an attachment it cannot read as unreadable
        return None
    found = digester.finish()
    return found.size, found.sha256, found.sm3


def read_attachment(spec: Any, reader: Any, f: BinaryIO, offsets: dict[int, int]) -> bytes | None:
    ref = stream_ref(spec)
    if ref is None:
        return None
    try:
        return bytes(ref.get_object().data)
    except Exception:  # noqa: BLE001 - fail closed: verify reports an attachment it cannot read as unreadable
        return None


def attachment_route_problems(root: Any) -> list[Message]:
    """A message for every way to an attached file other than one name-tree entry with one stream.

    A dossier reaches each original in exactly one way: a name-tree entry whose file
    specification holds one stream (under /F, and /UF only as the same object). A name
    listed twice, a /UF or /RF stream beside /F, a file specification reachable only from
    /AF, or a /FileAttachment annotation lets a viewer offer a file the check never saw.
    """
    problems: list[Message] = []
    seen_names: set[str] = set()
    specs: set[Any] = set()
    pairs: list[tuple[str, Any]] = []

    def walk(node: Any, depth: int) -> None:
        node = node.get_object()
        if depth > 32:
            problems.append(msg("route.too_deep"))
            return
        names = node.get("/Names")
        if names is not None:
            names = names.get_object()
            if len(names) % 2:
                problems.append(msg("route.unpaired"))
            for i in range(0, len(names) - 1, 2):
                pairs.append((str(names[i]), names.raw_get(i + 1)))
        for kid in node.get("/Kids", []) or []:
            walk(kid, depth + 1)

    names_root = root.get("/Names")
    tree = names_root.get_object().get("/EmbeddedFiles") if names_root is not None else None
    if tree is not None:
        walk(tree, 0)
    for name, spec_ref in pairs:
        if name in seen_names:
            problems.append(msg("route.name_twice", name=name))
        seen_names.add(name)
        key = _ref_key(spec_ref)
        if key is None:
            problems.append(msg("route.spec_direct", name=name))
            continue
        specs.add(key)
        spec = spec_ref.get_object()
        ef = spec.get("/EF")
        ef = ef.get_object() if ef is not None else None
        if ef is None or "/F" not in ef:
            problems.append(msg("route.no_stream", name=name))
            continue
        extra = sorted(set(ef.keys()) - {"/F", "/UF"})
        if extra:
            problems.append(msg("route.other_streams", name=name, streams=", ".join(extra)))
        if "/UF" in ef and _ref_key(ef.raw_get("/UF")) != _ref_key(ef.raw_get("/F")):
            problems.append(msg("route.uf_differs", name=name))
        if "/RF" in spec:
            problems.append(msg("route.related_files", name=name))
    holders = [(msg("route.catalog"), root)] + [(msg("route.page", n=n), page)
                                                for n, page in enumerate(_pages(root), start=1)]
    for where, holder in holders:
        af = holder.get("/AF")
        for spec_ref in (af.get_object() if af is not None else []):
            if _ref_key(spec_ref) not in specs:
                problems.append(msg("route.af_outside", where=where))
    for n, page in enumerate(_pages(root), start=1):
        annots = page.get("/Annots")
        for annot in (annots.get_object() if annots is not None else []):
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                problems.append(msg("route.annotation", n=n))
    return problems


def _ref_key(value: Any) -> tuple[int, int] | None:
    ref = getattr(value, "reference", None) or value
    idnum = getattr(ref, "idnum", None)
    return (idnum, ref.generation) if idnum is not None else None


def _pages(root: Any) -> list[Any]:
    out: list[Any] = []
    stack = [(root.get("/Pages"), 0)]
    while stack and len(out) < 100_000:
        node, depth = stack.pop()
        if node is None:
            continue
        node = node.get_object()
        kids = node.get("/Kids")
        if kids is not None and depth < 64:
            kids = kids.get_object()
            stack.extend((kid, depth + 1) for kid in reversed(list(kids)))
        else:
            out.append(node)
    return out
