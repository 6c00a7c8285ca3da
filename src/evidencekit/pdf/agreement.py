"""Do independent PDF readers see the same document?

Three readings of the file are compared:
- the strict reading (pdf/structure.py), which accounts for every byte and knows each
  object number means one set of bytes;
- pyHanko's (which checks the signatures): its cross-reference map, revision by
  revision, must locate every object exactly where the strict reading found it, so both
  parse the same bytes;
- qpdf's, through pikepdf (poppler and most viewers resolve ambiguous files the way
  qpdf does): the catalog, every page — its dictionary, its resources, its content as
  stored — and every attached file reachable through the name tree must be what the
  strict reading holds.
A difference means some reader shows something the signature check did not look at.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from evidencekit.i18n import Message, msg
from evidencekit.pdf.structure import Name, PdfDict, Ref, StrictView, Structure

Norm = Any  # nested tuples of plain values

_MAX_PAGES = 100_000
_MAX_DEPTH = 32


def _number(value: Any) -> tuple[str, str]:
    return ("N", format(Decimal(str(value)).normalize(), "f"))


# --- the strict reading's view ----------------------------------------------------------


def _strict_norm(value: Any, depth: int = 0) -> Norm:
    if depth > _MAX_DEPTH:
        return ("deep",)
    if isinstance(value, Ref):
        return ("R", value.num, value.gen)
    if isinstance(value, PdfDict):
        return ("D", tuple(sorted((str(k), _strict_norm(v, depth + 1)) for k, v in value.items())))
    if isinstance(value, list):
        return ("A", tuple(_strict_norm(v, depth + 1) for v in value))
    if isinstance(value, Name):
        return ("/", str(value))
    if isinstance(value, bool):
        return ("B", value)
    if value is None:
        return ("null",)
    if isinstance(value, bytes):
        return ("S", value)
    if isinstance(value, (int, float)):
        return _number(value)
    return ("?", type(value).__name__)


def _strict_view(strict: StrictView) -> dict[str, Any]:
    root_ref = strict.trailer.get("/Root")
    root = strict.resolve(root_ref)
    if not isinstance(root, PdfDict):
        raise ValueError("no catalog")
    view: dict[str, Any] = {"catalog": _strict_norm(root), "pages": [], "files": []}
    stack = [(root.get("/Pages"), 0)]
    while stack and len(view["pages"]) < _MAX_PAGES:
        ref, depth = stack.pop()
        node = strict.resolve(ref)
        if not isinstance(node, PdfDict):
            raise ValueError("a page tree node is not a dictionary")
        kids = strict.resolve(node.get("/Kids"))
        if kids is not None and depth < _MAX_DEPTH:
            stack.extend((kid, depth + 1) for kid in reversed(kids))
            continue
        digest = hashlib.sha256()
        contents = node.get("/Contents")
        resolved = strict.resolve(contents)
        for stream in (resolved if isinstance(resolved, list) else [contents] if contents is not None else []):
            digest.update(strict.raw_stream(stream))
        resources = strict.resolve(node.get("/Resources"))
        view["pages"].append(((ref.num, ref.gen) if isinstance(ref, Ref) else None, _strict_norm(node),
                              _strict_norm(resources) if resources is not None else None, digest.hexdigest()))
    names = strict.resolve(root.get("/Names"))
    tree = strict.resolve(names.get("/EmbeddedFiles")) if isinstance(names, PdfDict) else None
    if isinstance(tree, PdfDict):
        _strict_tree(strict, tree, view["files"], 0)
    return view


def _strict_tree(strict: StrictView, node: PdfDict, out: list[Any], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    pairs = strict.resolve(node.get("/Names"))
    if isinstance(pairs, list):
        for i in range(0, len(pairs) - 1, 2):
            spec = strict.resolve(pairs[i + 1])
            ef = strict.resolve(spec.get("/EF")) if isinstance(spec, PdfDict) else None
            out.append((_strict_norm(strict.resolve(pairs[i])), _strict_norm(pairs[i + 1]), _strict_norm(spec),
                        _strict_norm(ef) if ef is not None else None))
    kids = strict.resolve(node.get("/Kids"))
    for kid in kids if isinstance(kids, list) else []:
        child = strict.resolve(kid)
        if isinstance(child, PdfDict):
            _strict_tree(strict, child, out, depth + 1)


def _xref_differences(structure: Structure, hanko_reader: Any) -> list[Message]:
    """pyHanko must locate every object, in every revision, where the strict reading found it."""
    xrefs = hanko_reader.xrefs
    if xrefs.total_revisions != len(structure.revisions):
        return [msg("agree.revisions", seen=xrefs.total_revisions, actual=len(structure.revisions))]
    for k, revision in enumerate(structure.revisions):
        data = xrefs.get_xref_data(k)
        theirs = {num: (gen, offset) for num, (gen, offset) in data.standard_xrefs.items()}
        ours = {num: (obj.gen, obj.offset) for num, obj in revision.objects.items() if obj.in_object_stream is None}
        theirs_c = {num: int(ref.obj_stream_id) for num, ref in data.xrefs_in_objstm.items()}
        ours_c = {num: obj.in_object_stream for num, obj in revision.objects.items()
                  if obj.in_object_stream is not None}
        if theirs != ours or theirs_c != ours_c:
            differing = sorted(set(theirs.items()) ^ set(ours.items()))[:3]
            return [msg("agree.xref", revision=k + 1, differing=str(differing))]
    return []


# --- qpdf's view, through pikepdf ---------------------------------------------------------


def _pike_norm(value: Any, depth: int = 0, top: bool = True) -> Norm:
    import pikepdf

    if depth > _MAX_DEPTH:
        return ("deep",)
    if isinstance(value, pikepdf.Object) and value.is_indirect and not top:
        return ("R", value.objgen[0], value.objgen[1])
    if isinstance(value, pikepdf.Stream):
        value = value.stream_dict
    if isinstance(value, pikepdf.Dictionary):
        return ("D", tuple(sorted((str(k), _pike_norm(value.get(k), depth + 1, False)) for k in value.keys())))
    if isinstance(value, pikepdf.Array):
        return ("A", tuple(_pike_norm(v, depth + 1, False) for v in value))
    if isinstance(value, pikepdf.Name):
        return ("/", str(value))
    if isinstance(value, pikepdf.String):
        return ("S", bytes(value))
    if isinstance(value, bool):
        return ("B", value)
    if value is None:
        return ("null",)
    if isinstance(value, (int, float, Decimal)):
        return _number(value)
    if isinstance(value, pikepdf.Object) and value._type_code == pikepdf.ObjectType.null:
        return ("null",)
    return ("?", type(value).__name__)


def _pike_ref(value: Any) -> tuple[int, int] | None:
    return tuple(value.objgen) if value.is_indirect else None  # type: ignore[return-value]


def _pike_view(pdf: Any) -> dict[str, Any]:
    import pikepdf

    root = pdf.Root
    view: dict[str, Any] = {"catalog": _pike_norm(root), "pages": [], "files": []}
    stack = [(root.get("/Pages"), 0)]
    while stack and len(view["pages"]) < _MAX_PAGES:
        node, depth = stack.pop()
        if "/Kids" in node and depth < _MAX_DEPTH:
            kids = node.Kids
            stack.extend((kids[i], depth + 1) for i in reversed(range(len(kids))))
            continue
        digest = hashlib.sha256()
        contents = node.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        for stream in streams:
            digest.update(stream.read_raw_bytes())
        resources = node.get("/Resources")
        view["pages"].append((_pike_ref(node), _pike_norm(node),
                              _pike_norm(resources) if resources is not None else None, digest.hexdigest()))
    names = root.get("/Names")
    tree = names.get("/EmbeddedFiles") if names is not None else None
    if tree is not None:
        _pike_tree(tree, view["files"], 0)
    return view


def _pike_tree(node: Any, out: list[Any], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    pairs = node.get("/Names")
    if pairs is not None:
        for i in range(0, len(pairs) - 1, 2):
            spec = pairs[i + 1]
            ef = spec.get("/EF")
            out.append((_pike_norm(pairs[i], top=False), _pike_norm(spec, top=False), _pike_norm(spec),
                        _pike_norm(ef) if ef is not None else None))
    kids = node.get("/Kids")
    for kid in kids if kids is not None else []:
        _pike_tree(kid, out, depth + 1)


# --- the comparison ---------------------------------------------------------------------------


def disagreements(path: Path, structure: Structure, f: BinaryIO, hanko_reader: Any) -> list[Message]:
    """What pyHanko or qpdf sees differently from the strict reading; empty when all agree."""
    import pikepdf

    out = _xref_differences(structure, hanko_reader)
    try:
        ours = _strict_view(StrictView(structure, f))
    except Exception as exc:  # noqa: BLE001 - fail closed: what the strict reader cannot read is a finding
        return out + [msg("agree.unreadable", detail=f"{type(exc).__name__}: {exc}")]
    try:
        theirs_pdf = pikepdf.open(path, suppress_warnings=True)
    except Exception as exc:  # noqa: BLE001 - fail closed: what the strict reader cannot read is a finding
        return out + [msg("agree.qpdf_cannot_open", detail=str(exc))]
    with theirs_pdf:
        try:
            theirs = _pike_view(theirs_pdf)
        except Exception as exc:  # noqa: BLE001 - fail closed: what qpdf cannot read is a finding
            return out + [msg("agree.qpdf_unreadable", detail=f"{type(exc).__name__}: {exc}")]
        warnings = [str(w) for w in theirs_pdf.get_warnings()]
    out += [msg("agree.qpdf_reports", warning=w) for w in warnings[:5]]
    if ours["catalog"] != theirs["catalog"]:
        out.append(msg("agree.catalog"))
    if len(ours["pages"]) != len(theirs["pages"]):
        out.append(msg("agree.page_count", ours=len(ours["pages"]), theirs=len(theirs["pages"])))
    else:
        changed = [n for n, (a, b) in enumerate(zip(ours["pages"], theirs["pages"]), start=1) if a != b]
        if changed:
            listed = ", ".join(str(n) for n in changed[:10]) + ("…" if len(changed) > 10 else "")
            out.append(msg("agree.page" if len(changed) == 1 else "agree.pages", pages=listed))
    if ours["files"] != theirs["files"]:
        out.append(msg("agree.files", ours=len(ours["files"]), theirs=len(theirs["files"])))
    return out
