"""Do two independent PDF readers see the same document?

pyHanko (which checks the signatures) and qpdf (through pikepdf; poppler and most
viewers resolve ambiguous files the way qpdf does) each read the catalog, every page —
its dictionary, its resources and the digest of its content — and every attached file
reachable through the name tree. A difference means some reader shows something the
signature check did not look at.

Objects are compared by number and generation, not followed: the strict structure
check has already made sure each number means one set of bytes.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

Norm = Any  # nested tuples of plain values

_MAX_PAGES = 100_000
_MAX_DEPTH = 32


def _number(value: Any) -> tuple[str, str]:
    return ("N", format(Decimal(str(value)).normalize(), "f"))


# --- pyHanko's view -------------------------------------------------------------------


def _get(dictionary: Any, key: str) -> Any:
    """The value of ``key``, dereferenced (pyHanko's ``get`` does not dereference)."""
    return dictionary[key] if key in dictionary else None


def _hanko_norm(value: Any, depth: int = 0) -> Norm:
    from pyhanko.pdf_utils import generic as g

    if depth > _MAX_DEPTH:
        return ("deep",)
    if isinstance(value, g.IndirectObject):
        return ("R", value.idnum, value.generation)
    if isinstance(value, g.DictionaryObject):
        items = tuple(sorted((str(k), _hanko_norm(value.raw_get(k), depth + 1)) for k in value.keys()))
        return ("D", items)
    if isinstance(value, g.ArrayObject):
        return ("A", tuple(_hanko_norm(value.raw_get(i), depth + 1) for i in range(len(value))))
    if isinstance(value, g.NameObject):
        return ("/", str(value))
    if isinstance(value, g.BooleanObject) or isinstance(value, bool):
        return ("B", bool(value))
    if isinstance(value, g.NullObject) or value is None:
        return ("null",)
    if isinstance(value, (g.TextStringObject, g.ByteStringObject)):
        return ("S", bytes(value.original_bytes))
    if isinstance(value, (int, float, Decimal)):
        return _number(value)
    return ("?", type(value).__name__)


def _hanko_ref(value: Any) -> tuple[int, int] | None:
    ref = getattr(value, "reference", None) or value
    idnum = getattr(ref, "idnum", None)
    return (idnum, ref.generation) if idnum is not None else None


def _hanko_view(reader: Any) -> dict[str, Any]:
    from pyhanko.pdf_utils import generic as g

    root = reader.root
    view: dict[str, Any] = {"catalog": _hanko_norm(root), "pages": [], "files": []}
    stack = [(root.raw_get("/Pages"), 0)]
    while stack and len(view["pages"]) < _MAX_PAGES:
        ref, depth = stack.pop()
        node = ref.get_object() if isinstance(ref, g.IndirectObject) else ref
        if "/Kids" in node and depth < _MAX_DEPTH:
            kids = node["/Kids"]
            stack.extend((kids.raw_get(i), depth + 1) for i in reversed(range(len(kids))))
            continue
        view["pages"].append(_hanko_page(ref, node))
    names = _get(root, "/Names")
    tree = _get(names, "/EmbeddedFiles") if names is not None else None
    if tree is not None:
        _hanko_tree(tree, view["files"], 0)
    return view


def _hanko_page(ref: Any, node: Any) -> Norm:
    from pyhanko.pdf_utils import generic as g

    digest = hashlib.sha256()
    contents = _get(node, "/Contents")
    streams = contents if isinstance(contents, g.ArrayObject) else [contents] if contents is not None else []
    for stream in streams:
        stream = stream.get_object() if isinstance(stream, g.IndirectObject) else stream
        digest.update(bytes(stream.data))
    resources = _get(node, "/Resources")
    return (_hanko_ref(ref), _hanko_norm(node), _hanko_norm(resources) if resources is not None else None,
            digest.hexdigest())


def _hanko_tree(node: Any, out: list[Any], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    pairs = _get(node, "/Names")
    if pairs is not None:
        for i in range(0, len(pairs) - 1, 2):
            spec_ref = pairs.raw_get(i + 1)
            spec = spec_ref.get_object()
            ef = _get(spec, "/EF")
            out.append((_hanko_norm(pairs[i]), _hanko_norm(spec_ref), _hanko_norm(spec),
                        _hanko_norm(ef) if ef is not None else None))
    kids = _get(node, "/Kids")
    for kid in kids if kids is not None else []:
        _hanko_tree(kid, out, depth + 1)


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
            digest.update(stream.read_bytes())
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


def disagreements(path: Path, hanko_reader: Any) -> list[tuple[str, str]]:
    """What qpdf sees differently from pyHanko, as (zh, en) phrases; empty when they agree."""
    import pikepdf

    try:
        theirs_pdf = pikepdf.open(path, suppress_warnings=True)
    except Exception as exc:
        return [(f"qpdf 无法打开该文件（{exc}）", f"qpdf cannot open the file ({exc})")]
    with theirs_pdf:
        try:
            theirs = _pike_view(theirs_pdf)
        except Exception as exc:
            return [(f"qpdf 无法读取页面或附件（{type(exc).__name__}）",
                     f"qpdf cannot read the pages or attachments ({type(exc).__name__}: {exc})")]
        warnings = [str(w) for w in theirs_pdf.get_warnings()]
    try:
        ours = _hanko_view(hanko_reader)
    except Exception as exc:
        return [(f"pyHanko 无法读取页面或附件（{type(exc).__name__}）",
                 f"pyHanko cannot read the pages or attachments ({type(exc).__name__}: {exc})")]
    out = [(f"qpdf 报告：{w}", f"qpdf reports: {w}") for w in warnings[:5]]
    if ours["catalog"] != theirs["catalog"]:
        out.append(("两者读到的文档目录（catalog）不同", "the document catalog differs"))
    if len(ours["pages"]) != len(theirs["pages"]):
        out.append((f"pyHanko 看到 {len(ours['pages'])} 页，qpdf 看到 {len(theirs['pages'])} 页",
                    f"pyHanko sees {len(ours['pages'])} pages, qpdf {len(theirs['pages'])}"))
    else:
        changed = [n for n, (a, b) in enumerate(zip(ours["pages"], theirs["pages"]), start=1) if a != b]
        if changed:
            listed = ", ".join(str(n) for n in changed[:10]) + ("…" if len(changed) > 10 else "")
            out.append((f"第 {listed} 页的内容不同", f"page {listed} differs" if len(changed) == 1
                        else f"pages {listed} differ"))
    if ours["files"] != theirs["files"]:
        out.append((f"附件不同（pyHanko 看到 {len(ours['files'])} 个，qpdf 看到 {len(theirs['files'])} 个）",
                    f"the attached files differ ({len(ours['files'])} seen by pyHanko, {len(theirs['files'])} by qpdf)"))
    return out
