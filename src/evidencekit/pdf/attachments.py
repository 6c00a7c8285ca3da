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
from evidencekit.pdf.structure import Ref, StrictView

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


def attachment_route_problems(view: StrictView) -> list[Message]:
    """A message for every way to an attached file other than one name-tree entry with one stream.

    A dossier reaches each original in exactly one way: a name-tree entry whose file
    specification holds one stream (under /F, and /UF only as the same object). A name
    listed twice, a /UF or /RF stream beside /F, a file specification reachable only from
    /AF, or a /FileAttachment annotation lets a viewer offer a file the check never saw.
    Read from the strict reading, which every reader has been shown to agree with.
    """
    problems: list[Message] = []
    root = view.resolve(view.trailer.get("/Root"))
    if not isinstance(root, dict):
        return [msg("route.no_stream", name="/Root")]
    pairs: list[tuple[object, object]] = []

    def walk(node: object, depth: int) -> None:
        node = view.resolve(node)
        if not isinstance(node, dict):
            return
        if depth > 32:
            problems.append(msg("route.too_deep"))
            return
        names = view.resolve(node.get("/Names"))
        if isinstance(names, list):
            if len(names) % 2:
                problems.append(msg("route.unpaired"))
            pairs.extend((view.resolve(names[i]), names[i + 1]) for i in range(0, len(names) - 1, 2))
        kids = view.resolve(node.get("/Kids"))
        for kid in kids if isinstance(kids, list) else []:
            walk(kid, depth + 1)

    names_root = view.resolve(root.get("/Names"))
    if isinstance(names_root, dict) and "/EmbeddedFiles" in names_root:
        walk(names_root["/EmbeddedFiles"], 0)
    seen: set[object] = set()
    specs: set[Ref] = set()
    for raw_name, spec_ref in pairs:
        name = raw_name.decode("latin-1") if isinstance(raw_name, bytes) else str(raw_name)
        if raw_name in seen:
            problems.append(msg("route.name_twice", name=name))
        seen.add(raw_name)
        if not isinstance(spec_ref, Ref):
            problems.append(msg("route.spec_direct", name=name))
            continue
        specs.add(spec_ref)
        spec = view.resolve(spec_ref)
        ef = view.resolve(spec.get("/EF")) if isinstance(spec, dict) else None
        if not isinstance(ef, dict) or "/F" not in ef:
            problems.append(msg("route.no_stream", name=name))
            continue
        extra = sorted(set(ef) - {"/F", "/UF"})
        if extra:
            problems.append(msg("route.other_streams", name=name, streams=", ".join(extra)))
        if "/UF" in ef and ef["/UF"] != ef["/F"]:
            problems.append(msg("route.uf_differs", name=name))
        if "/RF" in spec:
            problems.append(msg("route.related_files", name=name))
    pages = _pages(view, root)
    holders = [(msg("route.catalog"), root)] + [(msg("route.page", n=n), page) for n, page in enumerate(pages, 1)]
    for where, holder in holders:
        af = view.resolve(holder.get("/AF"))
        for spec_ref in af if isinstance(af, list) else []:
            if spec_ref not in specs:
                problems.append(msg("route.af_outside", where=where))
    for n, page in enumerate(pages, start=1):
        annots = view.resolve(page.get("/Annots"))
        for annot in annots if isinstance(annots, list) else []:
            annot = view.resolve(annot)
            if isinstance(annot, dict) and annot.get("/Subtype") == "/FileAttachment":
                problems.append(msg("route.annotation", n=n))
    return problems


def _pages(view: StrictView, root: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stack = [(root.get("/Pages"), 0)]
    while stack and len(out) < 100_000:
        ref, depth = stack.pop()
        node = view.resolve(ref)
        if not isinstance(node, dict):
            continue
        kids = view.resolve(node.get("/Kids"))
        if isinstance(kids, list) and depth < 64:
            stack.extend((kid, depth + 1) for kid in reversed(kids))
        else:
            out.append(node)
    return out
