"""Assemble the dossier file: reportlab's pages, the images and imported pages in
their slots, every original attached byte for byte, manifest.json and case.toml.

Everything streams to ``out``; each original's state (inode, size, mtime, ctime) is compared once
it is copied in, so a file that changed since it was hashed is caught before anything is sealed.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from pypdf import PdfReader
from pypdf import generic as g

from evidencekit.errors import BadInput
from evidencekit.hashing import file_state
from evidencekit.i18n import Message, msg, os_reason
from evidencekit.layout import CASE_NAME, DOSSIER_KEY, MANIFEST_NAME, MANIFEST_SCHEMA
from evidencekit.model import Item
from evidencekit.pdf.images import ImageUnreadable, XImage, jpeg_image, load_image, placement_matrix, print_image
from evidencekit.pdf.importer import PdfPageSource, rotation_orientation, unit_matrix
from evidencekit.pdf.writer import (
    FileSegments,
    FileShrank,
    PdfStreamWriter,
    name,
    num,
    pdf_dict,
    ref,
    text,
)
from evidencekit.render.document import Slot
from evidencekit.render.dossier import RenderedPages

log = logging.getLogger("evidencekit")

#: Catalog key holding the dossier id, so verify can tie the file to its manifest.


@dataclass(frozen=True)
class Attachment:
    """A file to attach: an item's original, or a small generated file."""

    key: str  # name-tree key: the item id, or manifest.json / case.toml
    path: str  # file name shown to readers (the item's relative path)
    mime: str
    description: str
    data: bytes | None = None
    item: Item | None = None


def assemble(
    out: BinaryIO,
    rendered: RenderedPages,
    items: list[Item],
    *,
    dossier_id: str,
    manifest_bytes: bytes,
    case_text: str | None,
    passwords: dict[str, str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    page_images: str = "full",
    marker_key: str = DOSSIER_KEY,
    schema: str = MANIFEST_SCHEMA,
) -> None:
    """Write the whole unsigned dossier to ``out``, streaming. ``page_images="print"``: pages show
    images at print resolution (the attachments are the originals whatever the mode).

    A public copy is assembled the same way, under its own catalog key and manifest schema
    (``marker_key``, ``schema``): its items are the renditions it shows."""
    assembly = Assembly(out)
    assembly.attach(items, manifest_bytes, case_text, progress)
    assembly.finish(rendered, items, dossier_id=dossier_id, passwords=passwords, progress=progress,
                    page_images=page_images, marker_key=marker_key, schema=schema)


class Assembly:
    """The dossier file in two parts, so the heavy one can be written while the pages are laid out.

    First what needs no page: :meth:`write_images` (the shown pictures' XObjects) and :meth:`attach`
    (every original and the generated files): nearly all the bytes. Then :meth:`finish`, once
    reportlab's pages exist: they are copied in after everything written so far (their object numbers
    shifted past it), with the pictures drawn in their slots, then the catalog and the xref."""

    def __init__(self, out: BinaryIO) -> None:
        self.writer = PdfStreamWriter(out)
        self.images: dict[str, tuple[int, int]] = {}  # item id → (XObject, its EXIF orientation)
        self.filespecs: list[tuple[str, int]] = []

    def write_images(self, items: list[Item], stop: Callable[[], bool] | None = None) -> None:
        """Each item's picture as it is shown full size (``page_images="full"``), before any slot exists."""
        for item in items:
            if stop is not None and stop():
                return
            if item.id not in self.images:
                image = _load_image(item)
                self.images[item.id] = (_write_ximage(self.writer, image), image.orientation)

    def attach(self, items: list[Item], manifest_bytes: bytes, case_text: str | None,
               progress: Callable[[str, int, int], None] | None = None,
               stop: Callable[[], bool] | None = None) -> None:
        self.filespecs = _attach_all(self.writer, items, manifest_bytes, case_text, progress, stop)

    def finish(self, rendered: RenderedPages, items: list[Item], *, dossier_id: str,
               passwords: dict[str, str] | None = None, progress: Callable[[str, int, int], None] | None = None,
               page_images: str = "full", marker_key: str = DOSSIER_KEY, schema: str = MANIFEST_SCHEMA) -> None:
        writer = self.writer
        base = PdfReader(io.BytesIO(rendered.pdf), strict=False)
        size = int(base.trailer["/Size"])  # type: ignore[call-overload]
        shift = writer.reserve() - 1  # reportlab's object n becomes n + shift
        writer.reserve_upto(shift + size - 1)
        placements = _place_slots(writer, rendered, items, passwords or {}, progress, page_images, self.images)
        catalog_num = _copy_pages(writer, base, size, placements, shift)
        _write_catalog(writer, base, catalog_num, self.filespecs, dossier_id, marker_key, schema, shift)
        id_bytes = bytes.fromhex(dossier_id)
        writer.finish(catalog_num + shift, (id_bytes[:16], id_bytes[16:32]))


def _load_image(item: Item, page_images: str = "full", box: tuple[float, float] | None = None) -> XImage:
    try:
        return (print_image(item.source, item.size, box) if page_images == "print" and box is not None
                else load_image(item.source, item.size))
    except (ImageUnreadable, OSError) as exc:
        # It was readable when the pages were laid out; say so on the page's slot.
        raise BadInput(msg("err.image_unreadable_sealing", path=item.path, reason=_reason(exc)),
                       msg("err.image_unreadable_sealing.hint")) from exc


def _shifted_dict(obj: object, shift: int) -> g.DictionaryObject:
    shifted = _shifted(obj, shift)
    assert isinstance(shifted, g.DictionaryObject)
    return shifted


def _shifted(obj: object, shift: int) -> object:
    """A copy of reportlab's ``obj`` whose references point to the objects' new numbers."""
    if isinstance(obj, g.IndirectObject):
        return ref(obj.idnum + shift)
    if isinstance(obj, g.StreamObject):
        raise TypeError("streams are written with PdfStreamWriter.write_stream")
    if isinstance(obj, g.DictionaryObject):
        return g.DictionaryObject({k: _shifted(v, shift) for k, v in obj.items()})
    if isinstance(obj, g.ArrayObject):
        return g.ArrayObject([_shifted(v, shift) for v in obj])
    return obj


@dataclass
class _Placements:
    """Per page index: the draw operators and the XObjects they name."""

    draws: dict[int, list[str]]
    xobjects: dict[int, dict[str, int]]


def _place_slots(writer: PdfStreamWriter, rendered: RenderedPages, items: list[Item], passwords: dict[str, str],
                 progress: Callable[[str, int, int], None] | None, page_images: str = "full",
                 images: dict[str, tuple[int, int]] | None = None) -> _Placements:
    """Write each image or imported page as an XObject (unless ``images`` already holds it: item id →
    XObject, EXIF orientation); remember which page draws it where."""
    slots = rendered.slots
    by_id = {item.id: item for item in items}
    placements = _Placements({}, {})
    open_source: tuple[str, PdfPageSource] | None = None  # one source PDF open at a time
    images = dict(images or {})
    ordered = sorted(slots, key=lambda s: (s.page, s.key))
    for n, slot in enumerate(ordered):
        res_name = f"/EkX{n}"
        item_id, _, page_part = slot.key.partition("#p")
        if slot.key in rendered.pictures:  # made for the page (a video's contact sheet)
            xobject = _write_ximage(writer, jpeg_image(rendered.pictures[slot.key]))
            ops = f"q {_fmt(placement_matrix(1, slot.x, slot.y, slot.w, slot.h))} cm {res_name} Do Q"
        elif slot.crop is not None:  # a band of a long picture: one XObject for all its bands
            item_id = slot.key.partition("#s")[0]
            if item_id not in images:
                image = _load_image(by_id[item_id])
                images[item_id] = (_write_ximage(writer, image), image.orientation)
            xobject, ops = images[item_id][0], _draw_band(res_name, images[item_id][1], slot)
        elif page_part:
            item = by_id[item_id]
            if open_source is None or open_source[0] != item_id:
                open_source = (item_id, PdfPageSource(item.source, passwords.get(item.path)))
            imported = open_source[1].import_page(int(page_part) - 1, writer)
            xobject, ops = imported.form, _draw_form(res_name, imported.bbox, imported.rotate, slot)
        elif page_images != "print" and item_id in images:  # written before the pages were laid out
            xobject, orientation = images[item_id]
            ops = _draw_image(res_name, orientation, slot)
        else:
            image = _load_image(by_id[item_id], page_images, (slot.w, slot.h))
            xobject, ops = _write_ximage(writer, image), _draw_image(res_name, image.orientation, slot)
        placements.draws.setdefault(slot.page - 1, []).append(ops)
        placements.xobjects.setdefault(slot.page - 1, {})[res_name] = xobject
        if progress:
            progress("place", n + 1, len(ordered))
    return placements


def _copy_pages(writer: PdfStreamWriter, base: PdfReader, size: int, placements: _Placements, shift: int) -> int:
    """Copy reportlab's objects, object n as n + ``shift``, adding the placed XObjects to their pages.

    Returns the catalog's object number in reportlab's file (written last, by ``_write_catalog``).
    """
    catalog_num = base.trailer.raw_get("/Root").idnum  # type: ignore[union-attr]
    info = base.trailer.raw_get("/Info") if "/Info" in base.trailer else None
    skip = {catalog_num, getattr(info, "idnum", None)}  # no /Info: see seal.py
    page_index = {page.indirect_reference.idnum: i for i, page in enumerate(base.pages)  # type: ignore[union-attr]
                  if page.indirect_reference is not None}
    wrap_num = writer.reserve()
    writer.write_stream(wrap_num, g.DictionaryObject(), b"q\n")

    def remap(n: int) -> int:
        return n + shift

    for idnum in range(1, size):
        if idnum in skip:
            continue
        try:
            obj = base.get_object(idnum)
        except Exception:  # noqa: BLE001 - reportlab leaves no holes; be tolerant anyway
            continue
        if obj is None:
            continue
        index = page_index.get(idnum)
        if index is not None and index in placements.draws and isinstance(obj, g.DictionaryObject):
            writer.write_object(idnum + shift, _page_with_draws(writer, obj, placements.draws[index],
                                                                placements.xobjects[index], wrap_num, shift))
        elif isinstance(obj, g.StreamObject):
            entries = g.DictionaryObject({k: v for k, v in obj.items() if k != "/Length"})
            writer.write_stream(idnum + shift, entries, obj._data, remap)
        else:
            writer.write_object(idnum + shift, obj, remap)
    return catalog_num


def _attach_all(writer: PdfStreamWriter, items: list[Item], manifest_bytes: bytes, case_text: str | None,
                progress: Callable[[str, int, int], None] | None,
                stop: Callable[[], bool] | None = None) -> list[tuple[str, int]]:
    attachments = [  # a duplicate is its first copy's attachment; a --hash-only item has none
        Attachment(item.id, item.path, item.mime, f"{item.id} {item.path}", item=item) for item in items
        if item.attached
    ]
    attachments.append(Attachment(MANIFEST_NAME, MANIFEST_NAME, "application/json",
                                  "evidencekit manifest (its SHA-256 is the dossier id)", data=manifest_bytes))
    if case_text is not None:
        attachments.append(Attachment(CASE_NAME, CASE_NAME, "application/toml", "case description",
                                      data=case_text.encode("utf-8")))
    filespecs: list[tuple[str, int]] = []
    for n, att in enumerate(attachments):
        if stop is not None and stop():
            break
        filespecs.append((att.key, _attach(writer, att)))
        if progress:
            progress("attach", n + 1, len(attachments))
    return filespecs


def _write_catalog(writer: PdfStreamWriter, base: PdfReader, catalog_num: int,
                   filespecs: list[tuple[str, int]], dossier_id: str, marker_key: str, schema: str,
                   shift: int) -> None:
    catalog = _shifted_dict(base.get_object(catalog_num), shift)
    names_num = writer.reserve()
    # name-tree keys must be sorted by their bytes; ours are ASCII (E01…, case.toml, manifest.json)
    writer.write_object(names_num, pdf_dict(
        Names=g.ArrayObject([x for key, fs in sorted(filespecs) for x in (text(key), ref(fs))])
    ))
    catalog[g.NameObject("/Names")] = pdf_dict(EmbeddedFiles=ref(names_num))
    catalog[g.NameObject("/AF")] = g.ArrayObject([ref(fs) for _, fs in filespecs])
    catalog[g.NameObject(marker_key)] = pdf_dict(
        Id=text(dossier_id), Schema=text(schema), Manifest=text(MANIFEST_NAME)
    )
    catalog[g.NameObject("/ViewerPreferences")] = pdf_dict(DisplayDocTitle=g.BooleanObject(True))
    if "/Outlines" in catalog:
        catalog[g.NameObject("/PageMode")] = name("UseOutlines")
    writer.write_object(catalog_num + shift, catalog)


def _draw_image(res_name: str, orientation: int, slot: Slot) -> str:
    return f"q {_fmt(placement_matrix(orientation, slot.x, slot.y, slot.w, slot.h))} cm {res_name} Do Q"


def _draw_band(res_name: str, orientation: int, slot: Slot) -> str:
    """The whole picture placed so the slot's band of it fills the slot, clipped to the slot."""
    assert slot.crop is not None
    top, bottom = slot.crop
    full_h = slot.h / (bottom - top)
    y0 = slot.y + slot.h + top * full_h - full_h
    matrix = placement_matrix(orientation, slot.x, y0, slot.w, full_h)
    clip = _fmt((slot.x, slot.y, slot.w, slot.h))
    return f"q {clip} re W n {_fmt(matrix)} cm {res_name} Do Q"


def _reason(exc: Exception) -> str | Message:
    """An OS error in the catalog's words; an image's own problem as it was found."""
    if isinstance(exc, ImageUnreadable):
        return exc.reason
    return os_reason(exc) if isinstance(exc, OSError) and exc.errno else str(exc)


def _write_ximage(writer: PdfStreamWriter, image: XImage) -> int:
    entries = g.DictionaryObject(image.entries)
    if image.smask is not None:
        entries[g.NameObject("/SMask")] = ref(_write_ximage(writer, image.smask))
    num_ = writer.reserve()
    writer.write_stream(num_, entries, image.data)
    return num_


def _draw_form(res_name: str, bbox: tuple[float, float, float, float], rotate: int, slot: Slot) -> str:
    orient = placement_matrix(rotation_orientation(rotate), slot.x, slot.y, slot.w, slot.h)
    return f"q {_fmt(orient)} cm {_fmt(unit_matrix(bbox))} cm {res_name} Do Q"


def _fmt(matrix: tuple[float, ...]) -> str:
    return " ".join(f"{v:.6f}".rstrip("0").rstrip(".") or "0" for v in matrix)


def _page_with_draws(writer: PdfStreamWriter, page: g.DictionaryObject, draws: list[str],
                     xobjects: dict[str, int], wrap_num: int, shift: int) -> g.DictionaryObject:
    """reportlab's ``page`` (its references shifted by ``shift``) drawing ``xobjects`` (ours, as they are)."""
    res = page.get("/Resources")
    res = g.DictionaryObject(res.get_object() if res is not None else {})
    xo = res.get("/XObject")
    xo = g.DictionaryObject(xo.get_object() if xo is not None else {})
    contents = page.get("/Contents")
    existing = contents.get_object() if contents is not None else None
    if isinstance(existing, g.ArrayObject):
        parts = list(existing)
    elif contents is not None:
        parts = [contents]
    else:
        parts = []
    page, res, xo = _shifted_dict(page, shift), _shifted_dict(res, shift), _shifted_dict(xo, shift)
    for res_name, obj in xobjects.items():
        xo[g.NameObject(res_name)] = ref(obj)
    res[g.NameObject("/XObject")] = xo
    page[g.NameObject("/Resources")] = res
    draw_num = writer.reserve()
    ops = "\nQ\n" + "\n".join(draws) + "\n"
    writer.write_stream(draw_num, g.DictionaryObject(), ops.encode("ascii"))
    page[g.NameObject("/Contents")] = g.ArrayObject([ref(wrap_num), *(_shifted(p, shift) for p in parts),
                                                     ref(draw_num)])
    return page


def _pdf_date(ts: float) -> g.TextStringObject:
    dt = datetime.fromtimestamp(ts, tz=UTC)
    return text(dt.strftime("D:%Y%m%d%H%M%SZ"))


def _attach(writer: PdfStreamWriter, att: Attachment) -> int:
    """Write an embedded file stream (raw bytes, no filter) and its file specification."""
    subtype = g.NameObject("/" + att.mime)  # pypdf escapes the slash as #2F
    stream_num = writer.reserve()
    if att.item is not None:
        item = att.item
        params = pdf_dict(Size=num(item.size), ModDate=_pdf_date(item.mtime))
        entries = pdf_dict(Type=name("EmbeddedFile"), Subtype=subtype, Params=params)
        # A change since the hashing stage: the file's state taken before it was hashed must be
        # the same once it is copied in (any write moves its ctime), and so must its length.
        # Without a state (an item built elsewhere), SHA-256 alone is enough (SM3 is slower).
        sha = hashlib.sha256() if item.source_state is None else None
        size = [0]

        def count(chunk: bytes) -> None:
            if sha is not None:
                sha.update(chunk)
            size[0] += len(chunk)

        try:
            writer.write_stream(stream_num, entries, FileSegments.whole(item.source, item.size), on_chunk=count)
            changed = (size[0] != item.size or (sha.hexdigest() != item.sha256 if sha is not None
                                                else file_state(item.source) != item.source_state))
        except FileShrank:
            changed = True  # cut short while it was copied: changed, like any other change
        except OSError as exc:
            raise BadInput(msg("err.unreadable_sealing", path=item.path, reason=_reason(exc)),
                           msg("err.unreadable_sealing.hint")) from exc
        if changed:
            raise BadInput(msg("err.changed_while_sealing", path=item.path), msg("err.changed_while_sealing.hint"))
    else:
        assert att.data is not None
        entries = pdf_dict(Type=name("EmbeddedFile"), Subtype=subtype, Params=pdf_dict(Size=num(len(att.data))))
        writer.write_stream(stream_num, entries, att.data)
    spec_num = writer.reserve()
    file_name = att.path.rsplit("/", 1)[-1]
    writer.write_object(spec_num, pdf_dict(
        Type=name("Filespec"),
        F=text(_ascii_fallback(att.key, file_name)),
        # a flat, unique name: tools such as `pdfdetach -saveall` write files by this name and
        # cannot create folders; the relative path is in /Desc and in the manifest
        UF=text(file_name if att.item is None else f"{att.key}_{file_name}"),
        Desc=text(att.description),
        AFRelationship=name("Source") if att.item is not None else name("Supplement"),
        EF=pdf_dict(F=ref(stream_num), UF=ref(stream_num)),
    ))
    return spec_num


def _ascii_fallback(key: str, file_name: str) -> str:
    """/F is for old readers: keep it ASCII and unique."""
    try:
        file_name.encode("ascii")
        return file_name if key in (MANIFEST_NAME, CASE_NAME) else f"{key}_{file_name}"
    except UnicodeEncodeError:
        ext = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        return f"{key}.{ext.encode('ascii', 'ignore').decode() or 'bin'}"

