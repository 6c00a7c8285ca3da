"""Make tampered copies of a dossier, the way an attacker would (used by tests only)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import NameObject, StreamObject, ArrayObject, DecodedStreamObject


def flip_byte(path: Path, offset: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        value = f.read(1)
        f.seek(offset)
        f.write(bytes([value[0] ^ 0x01]))


def _incremental(path: Path) -> PdfWriter:
    return PdfWriter(str(path), incremental=True)


def _save(writer: PdfWriter, path: Path) -> None:
    buf = io.BytesIO()
    writer.write(buf)
    path.write_bytes(buf.getvalue())


def overlay_page_content(path: Path, page: int = 0) -> None:
    """Append a revision that draws over a page (a changed page content)."""
    writer = _incremental(path)
    target = writer.pages[page]
    overlay = DecodedStreamObject()
    overlay.set_data(b"q 1 0 0 rg 50 400 300 80 re f Q")
    ref = writer._add_object(overlay)
    contents = target.get("/Contents")
    items = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    target[NameObject("/Contents")] = ArrayObject([*items, ref])
    _save(writer, path)


def add_annotation(path: Path, page: int = 0) -> None:
    writer = _incremental(path)
    writer.add_annotation(page, FreeText(text="已退款 refunded", rect=(50, 500, 300, 560)))
    _save(writer, path)


def swap_attachment(path: Path, key: str, data: bytes) -> None:
    """Replace the embedded file stream behind name-tree ``key`` with other bytes."""
    writer = _incremental(path)
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == key:
            spec = names[i + 1].get_object()
            stream = StreamObject()
            stream._data = data
            stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
            ref = writer._add_object(stream)
            spec["/EF"][NameObject("/F")] = ref
            spec["/EF"][NameObject("/UF")] = ref
            break
    else:
        raise KeyError(key)
    _save(writer, path)


def attachment_offset(path: Path, key: str) -> int:
    """Byte offset of the first data byte of attachment ``key`` (for byte flips)."""
    reader = PdfReader(str(path))
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == key:
            ref = names[i + 1].get_object()["/EF"].raw_get("/F")
            offset = reader.xref[0][ref.idnum]
            raw = path.read_bytes()
            return raw.index(b"stream\n", offset) + len(b"stream\n")
    raise KeyError(key)
