"""The strict structure reading (pdf/structure.py) on small hand-written PDFs.

Each file is written byte by byte, so that one ambiguity at a time can be put in; the
dossier-level attacks are in test_structure_attacks.py.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pytest

from evidencekit.pdf.structure import read_structure

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 200 200 ] /Contents 4 0 R >>"
CONTENT = b"BT /F1 12 Tf 20 100 Td (hi) Tj ET"


def stream(data: bytes, extra: bytes = b"", length: int | None = None) -> bytes:
    n = len(data) if length is None else length
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (n, extra, data)


def revision(objects: list[tuple[int, bytes]], start: int, prev: int | None = None, size: int | None = None,
             trailer_extra: bytes = b"", listed: list[int] | None = None) -> bytes:
    """Objects, then a classic xref table and trailer, positioned as if written at ``start``."""
    body = b""
    offsets: dict[int, int] = {}
    for num, value in objects:
        offsets.setdefault(num, start + len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (num, value)
    xref_at = start + len(body)
    nums = sorted(set(listed if listed is not None else offsets))
    table = b"xref\n0 1\n0000000000 65535 f \n"
    for num in nums:
        table += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    size = size if size is not None else max(offsets) + 1
    trailer = b"trailer\n<< /Size %d /Root 1 0 R %s%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size, b"/Prev %d " % prev if prev is not None else b"", trailer_extra, xref_at)
    return body + table + trailer


HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


def base_pdf() -> bytes:
    return HEADER + revision([(1, CATALOG), (2, PAGES), (3, PAGE), (4, stream(CONTENT))], len(HEADER))


def xref_of(data: bytes) -> int:
    return int(data.rsplit(b"startxref", 1)[1].split()[0])


def update(data: bytes, objects: list[tuple[int, bytes]], **kw: object) -> bytes:
    return data + revision(objects, len(data), prev=xref_of(data), size=kw.pop("size", 10), **kw)  # type: ignore[arg-type]


def problems(data: bytes) -> list[str]:
    return [p.code for p in read_structure(io.BytesIO(data), len(data)).problems]


def test_a_plain_file_and_a_plain_update_are_clean() -> None:
    data = base_pdf()
    found = read_structure(io.BytesIO(data), len(data))
    assert found.ok and len(found.revisions) == 1 and sorted(found.revisions[0].objects) == [1, 2, 3, 4]
    data = update(data, [(3, PAGE.replace(b"200 200", b"300 300"))])
    found = read_structure(io.BytesIO(data), len(data))
    assert found.ok and len(found.revisions) == 2
    assert found.revisions[1].start == found.revisions[0].end


@pytest.mark.parametrize("catalog", [
    b"<< /Type /Catalog /Pages 2 0 R /Pages 5 0 R >>",
    b"<< /Type /Catalog /Pages 2 0 R /P#61ges 5 0 R >>",  # the same key, #xx-escaped
    b"<< /Type /Catalog /Pages 2 0 R /Names << /A 1 /A 2 >> >>",  # nested
    b"<< /Type /Catalog /Pages 2 0 R /Kids [ << /X 1 /X 2 >> ] >>",  # inside an array
])
def test_a_repeated_key_anywhere_is_found(catalog: bytes) -> None:
    assert problems(update(base_pdf(), [(1, catalog)])) == ["duplicate-key"]


def test_a_repeated_key_in_a_trailer_or_stream_dictionary() -> None:
    data = base_pdf()
    assert problems(update(data, [(3, PAGE)], trailer_extra=b"/Root 3 0 R ")) == ["duplicate-key"]
    assert problems(update(data, [(4, stream(CONTENT, b"/Length 2 "))])) == ["duplicate-key"]


def test_an_object_defined_twice_in_one_revision() -> None:
    data = base_pdf()
    assert problems(update(data, [(3, PAGE), (3, PAGE.replace(b"200 200", b"1 1"))])) == ["object-defined-twice"]


def test_the_same_object_in_two_revisions_is_an_ordinary_update() -> None:
    data = update(base_pdf(), [(3, PAGE)])
    assert problems(update(data, [(3, PAGE)])) == []


def test_a_stream_length_that_does_not_reach_endstream() -> None:
    data = base_pdf()
    assert problems(update(data, [(4, stream(CONTENT, length=len(CONTENT) - 3))])) == ["stream-length-mismatch"]
    assert problems(update(data, [(4, stream(CONTENT, length=len(CONTENT) + 40))])) == ["stream-length-mismatch"]


def test_an_indirect_length_is_followed() -> None:
    data = base_pdf()
    ok = b"<< /Length 9 0 R >>\nstream\n%s\nendstream" % CONTENT
    assert problems(update(data, [(4, ok), (9, b"%d" % len(CONTENT))])) == []
    assert problems(update(data, [(4, ok), (9, b"%d" % (len(CONTENT) + 5))])) == ["stream-length-mismatch"]


def test_xref_entries_must_name_the_objects_of_their_revision() -> None:
    data = base_pdf()
    # an object the update defines but does not list: a reconstructing reader would find it
    assert problems(update(data, [(3, PAGE), (5, b"<< >>")], listed=[3])) == ["xref-mismatch"]
    # an entry that points into the middle of something else
    good = update(data, [(3, PAGE)])
    at = good.rindex(b"n \n") - 17
    entry = int(good[at:at + 10])
    bad = good[:at] + b"%010d" % (entry + 2) + good[at + 10:]
    assert problems(bad) == ["xref-mismatch"]


def test_the_prev_chain_must_match_the_revisions_in_the_file() -> None:
    data = base_pdf()
    bad = data + revision([(3, PAGE)], len(data), prev=xref_of(data) + 1, size=10)
    assert problems(bad) == ["revision-chain-broken"]
    first_without_link = data + revision([(3, PAGE)], len(data), prev=None, size=10)
    assert problems(first_without_link) == ["revision-chain-broken"]
    startxref_elsewhere = data.replace(b"startxref\n%d" % xref_of(data), b"startxref\n%d" % (xref_of(data) - 1))
    assert problems(startxref_elsewhere) == ["revision-chain-broken"]


def test_bytes_that_are_none_of_the_parts_of_a_pdf() -> None:
    data = base_pdf()
    assert problems(data + b"junk after the end\n") == ["structure-invalid"]
    assert problems(data[:40] + b"stray " + data[40:]) != []
    assert problems(b"garbage" + data) == ["structure-invalid"]


def _xref_stream_update(data: bytes, objects: list[tuple[int, bytes]], objstm: tuple[int, list[tuple[int, bytes]]]
                        | None = None) -> bytes:
    """An update whose cross-reference section is a compressed, PNG-predicted xref stream."""
    start = len(data)
    body = b""
    rows: list[tuple[int, int, int, int]] = []
    for num, value in objects:
        rows.append((num, 1, start + len(body), 0))
        body += b"%d 0 obj\n%s\nendobj\n" % (num, value)
    if objstm is not None:
        stm_num, members = objstm
        header, payload = b"", b""
        for i, (num, value) in enumerate(members):
            header += b"%d %d " % (num, len(payload))
            payload += value + b" "
            rows.append((num, 2, stm_num, i))
        content = header + payload
        rows.append((stm_num, 1, start + len(body), 0))
        body += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
            stm_num, len(members), len(header), len(content), content)
    xref_num = 20
    xref_at = start + len(body)
    rows.append((xref_num, 1, xref_at, 0))
    rows.sort()
    raw = b""
    previous = bytes(7)
    for _, kind, a, b in rows:
        line = bytes([kind]) + a.to_bytes(4, "big") + b.to_bytes(2, "big")
        raw += b"\x02" + bytes((x - y) & 0xFF for x, y in zip(line, previous))
        previous = line
    packed = zlib.compress(raw)
    index = b" ".join(b"%d 1" % row[0] for row in rows)
    xref_obj = (b"%d 0 obj\n<< /Type /XRef /Size 21 /Root 1 0 R /Prev %d /W [ 1 4 2 ] /Index [ %s ] "
                b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length %d >>\nstream\n"
                % (xref_num, xref_of(data), index, len(packed)) + packed + b"\nendstream\nendobj\n")
    return data + body + xref_obj + b"startxref\n%d\n%%%%EOF\n" % xref_at


def test_an_xref_stream_update_is_read_and_checked() -> None:
    data = base_pdf()
    assert problems(_xref_stream_update(data, [(3, PAGE)])) == []
    assert problems(_xref_stream_update(data, [(3, PAGE)], objstm=(6, [(7, b"<< /A 1 >>")]))) == []
    assert problems(_xref_stream_update(data, [(3, PAGE)], objstm=(6, [(7, b"<< /A 1 >>"), (8, b"[ 1 2 ]")]))) == []
    assert problems(_xref_stream_update(data, [(3, PAGE)], objstm=(6, [(7, b"<< /A 1 /A 2 >>")]))) == \
        ["duplicate-key"]
    assert problems(_xref_stream_update(data, [(3, PAGE)], objstm=(6, [(3, b"<< /Type /Page >>")]))) == \
        ["object-defined-twice"]


def test_a_repeated_key_in_the_xref_stream_dictionary() -> None:
    data = _xref_stream_update(base_pdf(), [(3, PAGE)])
    bad = data.replace(b"/Type /XRef /Size 21", b"/Type /XRef /Size 21 /Size 22")
    # the xref stream moved by 9 bytes: only the duplicate is reported (the first problem stops the reading)
    assert problems(bad)[0] == "duplicate-key"


def test_reader_comparison_names_what_qpdf_reads_differently(sealed: Path, tmp_path: Path) -> None:
    """The comparison itself, on two files: the strict reading of the sealed dossier against qpdf's
    reading of a copy with a page removed (strict structure catches the real attacks first)."""
    import os

    from pyhanko.pdf_utils.reader import PdfFileReader

    from evidencekit.pdf.agreement import disagreements
    from tests import attacks

    other = tmp_path / "other.pdf"
    other.write_bytes(sealed.read_bytes())
    attacks.remove_page(other)
    with open(sealed, "rb") as f:
        structure = read_structure(f, os.path.getsize(sealed))
        reader = PdfFileReader(f, strict=False)
        assert disagreements(sealed, structure, f, reader) == []
        found = [difference.text("en") for difference in disagreements(other, structure, f, reader)]
    assert any("pages" in en and "qpdf" in en for en in found), found
