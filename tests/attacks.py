"""Make tampered copies of a dossier, the way an attacker would (used by tests only)."""

from __future__ import annotations

import io
import re
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


# --- the PDF-Insecurity catalogue, generated against our own dossiers -------------------------------



from pypdf.generic import DictionaryObject, IndirectObject, NumberObject  # noqa: E402

_BR = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def last_byte_range(data: bytes) -> tuple[re.Match[bytes], tuple[int, int, int, int]]:
    match = list(_BR.finditer(data))[-1]
    return match, tuple(int(x) for x in match.groups())  # type: ignore[return-value]


def signature_gap(path: Path) -> tuple[int, int]:
    """(start, end) of the last signature's /Contents hex string, '<' and '>' included."""
    _, (_, len1, start2, _) = last_byte_range(path.read_bytes())
    return len1, start2


def flip_in_signature_value(path: Path) -> None:
    """Outside the signed range: a byte of the CMS signature itself (hex digit changed)."""
    start, _ = signature_gap(path)
    _replace_hex_digit(path, start + 400)


def flip_in_signature_padding(path: Path) -> None:
    """Outside the signed range: the zero padding after the CMS structure."""
    _, end = signature_gap(path)
    _replace_hex_digit(path, end - 20)


def _replace_hex_digit(path: Path, offset: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        old = f.read(1)
        f.seek(offset)
        f.write(b"1" if old != b"1" else b"2")


def zero_contents(path: Path) -> None:
    """USF: /Contents kept in place but all zeros."""
    start, end = signature_gap(path)
    with open(path, "r+b") as f:
        f.seek(start + 1)
        f.write(b"0" * (end - start - 2))


def empty_contents(path: Path) -> None:
    """USF: /Contents <> (the rest of the reserved space blanked)."""
    start, end = signature_gap(path)
    with open(path, "r+b") as f:
        f.seek(start)
        f.write(b"<>" + b" " * (end - start - 2))


def rename_key(path: Path, key: bytes, new: bytes) -> None:
    """USF: a signature dictionary entry made unreadable (same length, other name)."""
    data = path.read_bytes()
    pos = data.rindex(key)
    assert len(key) == len(new)
    path.write_bytes(data[:pos] + new + data[pos + len(key):])


def rewrite_byte_range(path: Path, new: tuple[int, int, int, int]) -> None:
    """/ByteRange rewritten in place (same length, padded with spaces)."""
    data = path.read_bytes()
    match, _ = last_byte_range(data)
    text = b"/ByteRange [%d %d %d %d]" % new
    room = match.end() - match.start()
    while len(text) > room and data[match.start() + room:match.start() + room + 1] == b" ":
        room += 1  # pyHanko pads the array with spaces: the new text may use them
    if len(text) > room:
        raise ValueError("new /ByteRange does not fit")
    path.write_bytes(data[:match.start()] + text.ljust(room) + data[match.start() + room:])


def wrap_signature(path: Path) -> None:
    """Signature wrapping (SWA): the signed bytes stay identical, but a copy of the signature
    dictionary whose /ByteRange skips over an injected object is placed in the unsigned
    gap, and a new cross-reference section makes readers use it. The digest still matches.
    """
    data = path.read_bytes()
    match, (_, len1, start2, len2) = last_byte_range(data)
    obj_start = data.rindex(b" 0 obj", 0, len1)
    obj_start = data.rindex(b"\n", 0, obj_start) + 1
    obj_num = int(data[obj_start:data.index(b" ", obj_start)])
    obj_end = data.index(b"endobj", match.end()) + len(b"endobj")
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    evil = b"\n%d 0 obj\n<< /Length 34 >>\nstream\nq 1 0 0 rg 0 0 600 850 re f Q\n\nendstream\nendobj\n" % size
    original_obj = data[obj_start:obj_end]
    # the copy's /ByteRange will point past the injected bytes; compute lengths iteratively
    inject = b""
    for _ in range(3):
        new_start2 = start2 + len(inject)
        copy = _BR.sub(b"/ByteRange [0 %d %d %d]" % (len1, new_start2, len2), original_obj, count=1)
        inject = b"\n" + copy + evil
    new_start2 = start2 + len(inject)
    body = data[:start2] + inject + data[start2:]
    copy_offset = start2 + 1
    evil_offset = start2 + len(inject) - len(evil) + 1
    old_startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    root = re.findall(rb"/Root (\d+ \d+ R)", data)[-1]
    xref_at = len(body)
    xref = (b"xref\n%d 1\n%010d 00000 n \n%d 1\n%010d 00000 n \n" % (obj_num, copy_offset, size, evil_offset)
            + b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (size + 1, root, old_startxref + len(inject), xref_at))
    path.write_bytes(body + xref)
    assert new_start2 == start2 + len(inject)


def add_info(path: Path) -> None:
    """Metadata: an /Info dictionary added by an incremental update."""
    writer = _incremental(path)
    writer.add_metadata({"/Title": "已全额退款 fully refunded", "/Author": "someone else"})
    _save(writer, path)


def add_xmp(path: Path) -> None:
    """Metadata: an XMP /Metadata stream added to the catalog by an incremental update."""
    writer = _incremental(path)
    xmp = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
           b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
           b'xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="application/pdf"/></rdf:RDF>'
           b'</x:xmpmeta><?xpacket end="w"?>')
    stream = DecodedStreamObject()
    stream.set_data(xmp)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    _save(writer, path)


def add_page(path: Path) -> None:
    writer = _incremental(path)
    writer.add_blank_page(595, 842)
    _save(writer, path)


def remove_page(path: Path, index: int = -1) -> None:
    writer = _incremental(path)
    pages = writer._root_object["/Pages"].get_object()
    kids = pages["/Kids"]
    del kids[index]
    pages[NameObject("/Count")] = NumberObject(int(pages["/Count"]) - 1)
    _save(writer, path)


def add_attachment(path: Path, name: str, data: bytes) -> None:
    writer = _incremental(path)
    writer.add_attachment(name, data)
    _save(writer, path)


def remove_signature(path: Path) -> None:
    """The signature field dropped from /AcroForm /Fields and its widget from the page's /Annots."""
    writer = _incremental(path)
    acroform = writer._root_object["/AcroForm"].get_object()
    acroform[NameObject("/Fields")] = ArrayObject([
        f for f in acroform["/Fields"] if f.get_object().get("/FT") != "/Sig"])
    for page in writer.pages:
        if "/Annots" in page:
            page[NameObject("/Annots")] = ArrayObject([
                a for a in page["/Annots"] if a.get_object().get("/FT") != "/Sig"])
    _save(writer, path)


def shadow_prepare(path: Path) -> int:
    """Before sealing (the attacker is the one who prepares the document): an unreferenced
    second page tree with a different page rides along in the file. Returns its object number."""
    writer = _incremental(path)
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 36 Tf 72 700 Td (REFUND APPROVED) Tj ET")
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    shadow_pages = DictionaryObject({NameObject("/Type"): NameObject("/Pages"), NameObject("/Count"): NumberObject(1),
                                     NameObject("/Kids"): ArrayObject()})
    shadow_ref = writer._add_object(shadow_pages)
    page = DictionaryObject({
        NameObject("/Type"): NameObject("/Page"), NameObject("/Parent"): shadow_ref,
        NameObject("/MediaBox"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(595), NumberObject(842)]),
        NameObject("/Contents"): writer._add_object(content),
        NameObject("/Resources"): DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): writer._add_object(font)})}),
    })
    shadow_pages[NameObject("/Kids")].append(writer._add_object(page))
    _save(writer, path)
    return shadow_ref.idnum


def shadow_swap(path: Path, shadow_idnum: int) -> None:
    """After sealing: an update that only points /Root /Pages at the shadow page tree."""
    writer = _incremental(path)
    writer._root_object[NameObject("/Pages")] = IndirectObject(shadow_idnum, 0, writer)
    _save(writer, path)


def truncate(path: Path, keep: int) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:keep])


def append_garbage(path: Path, junk: bytes = b"\nthis is not part of the signed file 1 0 obj << >> endobj\n") -> None:
    with open(path, "ab") as f:
        f.write(junk)


def manifest_bytes(path: Path) -> bytes:
    reader = PdfReader(str(path))
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == "manifest.json":
            return bytes(names[i + 1].get_object()["/EF"]["/F"].get_object().get_data())
    raise KeyError("manifest.json")


def rebuild_with_manifest(path: Path, manifest: bytes) -> None:
    """The whole file rewritten (not an incremental update) with another manifest, keeping the
    signature dictionary as it was: what a naive 'edit and save' tool does."""
    writer = PdfWriter(clone_from=str(path))
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == "manifest.json":
            stream = names[i + 1].get_object()["/EF"]["/F"].get_object()
            stream.set_data(manifest)
    _save(writer, path)
