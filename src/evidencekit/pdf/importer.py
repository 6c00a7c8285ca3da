"""Bring another PDF's pages in as Form XObjects, so our footer frames them.

Only what a page needs to be drawn is copied (its content and the objects its
resources reach); annotations, forms and scripts of the source are left behind —
the original file itself is attached byte for byte.
"""

from __future__ import annotations

import zlib
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf import generic as g

from evidencekit.pdf.writer import PdfStreamWriter, name, num, pdf_dict


@dataclass(frozen=True)
class ImportedPage:
    form: int  # object number of the Form XObject
    bbox: tuple[float, float, float, float]
    rotate: int  # /Rotate of the source page, clockwise degrees


class PdfPageSource:
    """An opened source PDF whose pages can be copied into a ``PdfStreamWriter``."""

    def __init__(self, path: Path, password: str | None = None) -> None:
        self.reader = PdfReader(str(path), strict=False)
        if self.reader.is_encrypted:
            if not self.reader.decrypt(password or ""):
                raise PermissionError("encrypted")
        self.page_count = len(self.reader.pages)

    def import_page(self, index: int, writer: PdfStreamWriter) -> ImportedPage:
        page = self.reader.pages[index]
        box = page.cropbox if "/CropBox" in page else page.mediabox
        bbox = (float(box.left), float(box.bottom), float(box.right), float(box.top))
        content = _page_content(page)
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else g.DictionaryObject()

        mapping: dict[int, int] = {}
        queue: deque[int] = deque()

        def remap(idnum: int) -> int:
            if idnum not in mapping:
                mapping[idnum] = writer.reserve()
                queue.append(idnum)
            return mapping[idnum]

        form_num = writer.reserve()
        entries = pdf_dict(
            Type=name("XObject"), Subtype=name("Form"), FormType=num(1),
            BBox=g.ArrayObject([num(v) for v in bbox]),
            Resources=resources, Filter=name("FlateDecode"),
        )
        writer.write_stream(form_num, entries, zlib.compress(content, 6), remap)
        while queue:
            old = queue.popleft()
            obj = self.reader.get_object(old)
            _write_copied(writer, mapping[old], obj if obj is not None else g.NullObject(), remap)
        rotate = int(page.get("/Rotate", 0) or 0) % 360
        return ImportedPage(form_num, bbox, rotate)


def _page_content(page: g.DictionaryObject) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    streams = contents if isinstance(contents, g.ArrayObject) else [contents]
    parts = [s.get_object().get_data() for s in streams]
    return b"\n".join(parts)


def _write_copied(writer: PdfStreamWriter, new_num: int, obj: g.PdfObject, remap) -> None:  # type: ignore[no-untyped-def]
    if isinstance(obj, g.StreamObject):
        entries = g.DictionaryObject({k: v for k, v in obj.items() if k != "/Length"})
        writer.write_stream(new_num, entries, obj._data, remap)  # raw, still encoded as /Filter says
    else:
        if isinstance(obj, g.DictionaryObject) and "/Parent" in obj:
            obj = g.DictionaryObject({k: v for k, v in obj.items() if k != "/Parent"})
        writer.write_object(new_num, obj, remap)


def rotation_orientation(rotate: int) -> int:
    """A page's /Rotate expressed as the EXIF orientation that shows it upright."""
    return {0: 1, 90: 6, 180: 3, 270: 8}.get(rotate, 1)


def unit_matrix(bbox: tuple[float, float, float, float]) -> tuple[float, ...]:
    """Map a form's bbox onto the unit square (then placed like an image)."""
    x0, y0, x1, y1 = bbox
    w, h = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    return (1 / w, 0, 0, 1 / h, -x0 / w, -y0 / h)

