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


def attachment_route_problems(root: Any) -> list[tuple[str, str]]:
    """(zh, en) for every way to an attached file other than one name-tree entry with one stream.

    A dossier reaches each original in exactly one way: a name-tree entry whose file
    specification holds one stream (under /F, and /UF only as the same object). A name
    listed twice, a /UF or /RF stream beside /F, a file specification reachable only from
    /AF, or a /FileAttachment annotation lets a viewer offer a file the check never saw.
    """
    problems: list[tuple[str, str]] = []
    seen_names: set[str] = set()
    specs: set[Any] = set()
    pairs: list[tuple[str, Any]] = []

    def walk(node: Any, depth: int) -> None:
        node = node.get_object()
        if depth > 32:
            problems.append(("附件名录嵌套过深", "the attachment name tree is nested too deep"))
            return
        names = node.get("/Names")
        if names is not None:
            names = names.get_object()
            if len(names) % 2:
                problems.append(("附件名录的条目不成对", "the attachment name tree has an unpaired entry"))
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
            problems.append((f"附件名 {name} 出现了两次", f"the attachment name {name} is listed twice"))
        seen_names.add(name)
        key = _ref_key(spec_ref)
        if key is None:
            problems.append((f"附件 {name} 的文件说明不是独立对象", f"the file specification of {name} is not an object"))
            continue
        specs.add(key)
        spec = spec_ref.get_object()
        ef = spec.get("/EF")
        ef = ef.get_object() if ef is not None else None
        if ef is None or "/F" not in ef:
            problems.append((f"附件 {name} 没有 /EF /F 数据流", f"attachment {name} has no /EF /F stream"))
            continue
        extra = sorted(set(ef.keys()) - {"/F", "/UF"})
        if extra:
            problems.append((f"附件 {name} 还有其他数据流（{', '.join(extra)}）",
                             f"attachment {name} carries other streams ({', '.join(extra)})"))
        if "/UF" in ef and _ref_key(ef.raw_get("/UF")) != _ref_key(ef.raw_get("/F")):
            problems.append((f"附件 {name} 的 /UF 数据流与 /F 不是同一个",
                             f"attachment {name}: its /UF stream is not its /F stream"))
        if "/RF" in spec:
            problems.append((f"附件 {name} 带有 /RF 相关文件", f"attachment {name} carries related files (/RF)"))
    for label, holder in [("目录", root)] + [(f"第 {n} 页", page) for n, page in enumerate(_pages(root), start=1)]:
        af = holder.get("/AF")
        for spec_ref in (af.get_object() if af is not None else []):
            if _ref_key(spec_ref) not in specs:
                en_label = "the catalog" if label == "目录" else f"page {label[2:-2]}"
                problems.append((f"{label}的 /AF 指向附件名录之外的文件", f"{en_label}'s /AF names a file outside the "
                                 "attachment name tree"))
    for n, page in enumerate(_pages(root), start=1):
        annots = page.get("/Annots")
        for annot in (annots.get_object() if annots is not None else []):
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                problems.append((f"第 {n} 页带有文件附件注释", f"page {n} carries a file attachment annotation"))
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
