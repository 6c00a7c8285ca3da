"""A strict reading of a PDF's structure, revision by revision, before any trust.

PDF readers disagree on ambiguous files: pyHanko and pypdf keep the first value of a
repeated dictionary key, qpdf and poppler the last; a reader that meets an object
defined twice, or a cross-reference entry that points at the wrong place, guesses. A
signature verified by one reader then says nothing about what another reader shows.

So every byte of the file is accounted for here, in order, the way our writer and
pyHanko lay a dossier out: the header, then for each revision its objects
(``N G obj … endobj``, streams skipped by their ``/Length``), its cross-reference
section (a table and trailer, or an xref stream), ``startxref`` and ``%%EOF``. Anything
else is a problem, reported with its offset:

- a dictionary with a repeated key (after ``#xx`` decoding), anywhere: objects, stream
  dictionaries, object streams, xref-stream dictionaries, trailers;
- an object number defined twice in one revision;
- a stream whose ``/Length`` does not end at ``endstream``;
- a cross-reference entry that does not point at the object it names, or an object the
  section does not list;
- a ``/Prev`` chain that does not match the revisions in the file;
- bytes that are none of these.

Stream data is skipped, never read (except object and xref streams, which are small),
so a gigabyte dossier costs one seek per object.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO, cast

from evidencekit.i18n import Message, msg

_WS = b"\x00\t\n\x0c\r "
_DELIMS = b"()<>[]{}/%"
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
_SKIP = re.compile(rb"(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)*")
_NAME = re.compile(rb"/(" + _REGULAR + rb"*)")
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
_REF_TAIL = re.compile(rb"[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|$)")
_KEYWORD = re.compile(_REGULAR + rb"+")
_OBJ_HEADER = re.compile(rb"(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+obj(?=[\x00\t\n\x0c\r ()<>\[\]{}/%])")
_HEX_BODY = re.compile(rb"[0-9A-Fa-f\x00\t\n\x0c\r ]*>")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)")
_XREF_SUBSECTION = re.compile(rb"(\d+) (\d+)[\x00\t\x0c ]*(?:\r\n|\n|\r)")
_STARTXREF = re.compile(rb"startxref[\x00\t\x0c ]*(?:\r\n|\n|\r)(\d+)[\x00\t\x0c ]*(?:\r\n|\n|\r)%%EOF")
_HEADER = re.compile(rb"%PDF-\d\.\d")
_STREAM_END = re.compile(rb"(?:\r\n|\n|\r)?endstream[\x00\t\n\x0c\r ]*endobj")

MAX_OBJECT = 64 << 20  # the largest non-stream part of an object we read (a DSS holds a few MB)
MAX_DECODED = 256 << 20  # the largest object or xref stream we decode
_WINDOW = 4 << 10


class _NeedMore(Exception):
    """The window ended inside the value being parsed."""


class _Bad(Exception):
    def __init__(self, code: str, offset: int, detail: Message) -> None:
        super().__init__(str(detail))
        self.code = code
        self.offset = offset
        self.detail = detail


@dataclass(frozen=True)
class Ref:
    num: int
    gen: int


@dataclass(frozen=True)
class Keyword:
    word: bytes


class PdfDict(dict):  # type: ignore[type-arg]
    """A dictionary whose keys were all distinct (the parser refuses repeats)."""


@dataclass(frozen=True)
class Problem:
    code: str
    offset: int
    detail: Message  # what exactly, for an expert (str() is the English text)


@dataclass
class DefinedObject:
    num: int
    gen: int
    offset: int
    value: object
    stream_start: int | None = None  # offset of the first data byte
    stream_length: int | None = None
    in_object_stream: int | None = None  # the object stream's number, for compressed objects


@dataclass
class Revision:
    start: int  # first byte of the revision (0 for the first)
    end: int  # one past its %%EOF and end-of-line
    xref_offset: int
    trailer: PdfDict
    objects: dict[int, DefinedObject] = field(default_factory=dict)
    xref_stream: bool = False


@dataclass
class Structure:
    size: int
    revisions: list[Revision]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


# --- the tokenizer and object parser ------------------------------------------------


class _Parser:
    """Parses PDF values out of ``buf`` (bytes read from absolute offset ``base``)."""

    def __init__(self, buf: bytes, base: int, complete: bool) -> None:
        self.buf = buf
        self.base = base
        self.complete = complete  # buf reaches the end of the file (or of an object stream)

    def skip(self, pos: int) -> int:
        end = _SKIP.match(self.buf, pos).end()  # type: ignore[union-attr]
        if end >= len(self.buf) and not self.complete:
            raise _NeedMore
        return end

    def value(self, pos: int, depth: int = 0) -> tuple[object, int]:
        if depth > 64:
            raise _Bad("structure-invalid", self.base + pos, msg("pdf.nested_too_deep"))
        pos = self.skip(pos)
        buf = self.buf
        if pos >= len(buf):
            raise _Bad("structure-invalid", self.base + pos, msg("pdf.ends_inside_object"))
        c = buf[pos:pos + 1]
        if c == b"<":
            if buf[pos + 1:pos + 2] == b"<":
                return self.dictionary(pos + 2, depth)
            if pos + 1 >= len(buf) and not self.complete:
                raise _NeedMore
            m = _HEX_BODY.match(buf, pos + 1)
            if m is None:
                if not self.complete and b">" not in buf[pos:]:
                    raise _NeedMore
                raise _Bad("structure-invalid", self.base + pos, msg("pdf.hex_string_open"))
            digits = re.sub(rb"[\x00\t\n\x0c\r ]", b"", m.group()[:-1])
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()), m.end()
        if c == b"[":
            items: list[object] = []
            pos += 1
            while True:
                pos = self.skip(pos)
                if buf[pos:pos + 1] == b"]":
                    return items, pos + 1
                item_at = pos
                item, pos = self.value(pos, depth + 1)
                if isinstance(item, Keyword):
                    raise _Bad("structure-invalid", self.base + item_at, msg("pdf.keyword_in_array", word=repr(item.word)))
                items.append(item)
        if c == b"(":
            return self.literal(pos)
        if c == b"/":
            m = _NAME.match(buf, pos)
            assert m is not None
            if m.end() >= len(buf) and not self.complete:
                raise _NeedMore
            return decode_name(m.group(1), self.base + pos), m.end()
        m = _NUMBER.match(buf, pos)
        if m is not None:
            if m.end() >= len(buf) - 24 and not self.complete:
                raise _NeedMore  # a reference "N G R" may continue past the window
            text = m.group()
            if b"." not in text:
                ref = _REF_TAIL.match(buf, m.end())
                if ref is not None and text.isdigit():
                    return Ref(int(text), int(ref.group(1))), ref.end()
                return int(text), m.end()
            return float(text), m.end()
        m = _KEYWORD.match(buf, pos)
        if m is not None:
            if m.end() >= len(buf) and not self.complete:
                raise _NeedMore
            word = m.group()
            if word == b"true":
                return True, m.end()
            if word == b"false":
                return False, m.end()
            if word == b"null":
                return None, m.end()
            return Keyword(word), m.end()
        raise _Bad("structure-invalid", self.base + pos, msg("pdf.unexpected_byte", byte=repr(buf[pos:pos + 1])))

    def dictionary(self, pos: int, depth: int) -> tuple[PdfDict, int]:
        out = PdfDict()
        start = pos - 2
        while True:
            pos = self.skip(pos)
            if self.buf[pos:pos + 2] == b">>":
                return out, pos + 2
            key_at = pos
            key, pos = self.value(pos, depth + 1)
            if not isinstance(key, Name):
                raise _Bad("structure-invalid", self.base + key_at, msg("pdf.key_not_name"))
            value, pos = self.value(pos, depth + 1)
            if isinstance(value, Keyword):
                raise _Bad("structure-invalid", self.base + key_at, msg("pdf.value_keyword", word=repr(value.word)))
            if key in out:
                raise _Bad("duplicate-key", self.base + start,
                           msg("pdf.duplicate_key", at=self.base + start, key=key))
            out[key] = value

    def literal(self, pos: int) -> tuple[bytes, int]:
        """A literal string, escapes decoded (as every reader decodes them)."""
        buf = self.buf
        depth = 0
        i = pos
        n = len(buf)
        out = bytearray()
        while i < n:
            ch = buf[i]
            if ch == 0x5C:  # backslash
                if i + 1 >= n:
                    break
                nxt = buf[i + 1]
                if nxt in _ESCAPES:
                    out.append(_ESCAPES[nxt])
                    i += 2
                elif 0x30 <= nxt <= 0x37:
                    m = _OCTAL.match(buf, i + 1)
                    assert m is not None
                    if m.end() >= n and not self.complete:
                        raise _NeedMore
                    out.append(int(m.group(), 8) & 0xFF)
                    i = m.end()
                elif nxt == 0x0D:  # a line continuation: backslash, end of line
                    i += 3 if buf[i + 2:i + 3] == b"\n" else 2
                elif nxt == 0x0A:
                    i += 2
                else:
                    out.append(nxt)  # an unknown escape: the backslash is dropped
                    i += 2
                continue
            if ch == 0x28:
                depth += 1
                if depth == 1:
                    i += 1
                    continue
            elif ch == 0x29:
                depth -= 1
                if depth == 0:
                    return bytes(out), i + 1
            elif ch == 0x0D:  # an end of line inside a string reads as \n
                out.append(0x0A)
                i += 2 if buf[i + 1:i + 2] == b"\n" else 1
                continue
            out.append(ch)
            i += 1
        if not self.complete:
            raise _NeedMore
        raise _Bad("structure-invalid", self.base + pos, msg("pdf.string_open"))


_ESCAPES = {0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0C, 0x28: 0x28, 0x29: 0x29, 0x5C: 0x5C}
_OCTAL = re.compile(rb"[0-7]{1,3}")


class Name(str):
    """A PDF name, ``#xx`` escapes decoded, written with its leading slash."""


def decode_name(raw: bytes, offset: int = 0) -> Name:
    if b"#" in raw:
        out = bytearray()
        i = 0
        while i < len(raw):
            if raw[i] == 0x23:
                hex_digits = raw[i + 1:i + 3]
                if len(hex_digits) != 2 or not re.fullmatch(rb"[0-9A-Fa-f]{2}", hex_digits) or hex_digits == b"00":
                    raise _Bad("structure-invalid", offset, msg("pdf.bad_name", name="/" + raw.decode("latin-1")))
                out.append(int(hex_digits, 16))
                i += 3
            else:
                out.append(raw[i])
                i += 1
        raw = bytes(out)
    return Name("/" + raw.decode("latin-1"))


# --- reading the file revision by revision ----------------------------------------------


class _Reader:
    """Reads of the file through one 64 KiB block: objects come one after another, so one
    read serves many of them; a skipped stream costs one seek."""

    BLOCK = 64 << 10

    def __init__(self, f: BinaryIO, size: int) -> None:
        self.f = f
        self.size = size
        self._start = 0
        self._block = b""

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0 or offset >= self.size:
            return b""
        length = max(0, min(length, self.size - offset))
        start = offset - self._start
        if 0 <= start and start + length <= len(self._block):
            return self._block[start:start + length]
        self.f.seek(offset)
        if length > self.BLOCK:
            return self.f.read(length)
        self._start, self._block = offset, self.f.read(min(self.BLOCK, self.size - offset))
        return self._block[:length]

    def parse(self, offset: int, func: _ParseFunc) -> tuple[object, int]:
        """Run ``func(parser, 0)`` on a window at ``offset``, growing it until the value fits."""
        window = _WINDOW
        while True:
            buf = self.read(offset, window)
            complete = offset + len(buf) >= self.size
            try:
                value, end = func(_Parser(buf, offset, complete), 0)
                return value, offset + end
            except _NeedMore:
                if complete or window >= MAX_OBJECT:
                    raise _Bad("structure-invalid", offset, msg("pdf.object_too_large")) from None
                window *= 4


_ParseFunc = Callable[[_Parser, int], tuple[object, int]]


def read_structure(f: BinaryIO, size: int) -> Structure:
    """Account for every byte of the file; see the module docstring."""
    reader = _Reader(f, size)
    problems: list[Problem] = []
    revisions: list[Revision] = []
    head = reader.read(0, 16)
    if not _HEADER.match(head):
        problems.append(Problem("structure-invalid", 0, msg("pdf.no_header")))
        return Structure(size, revisions, problems)
    pos = _skip_comments(reader, 0)
    try:
        while pos < size:
            revision = _read_revision(reader, pos, revisions)
            revisions.append(revision)
            pos = _skip_blank(reader, revision.end)
            if pos < size and reader.read(pos, 1) == b"%" and not reader.read(pos, 5).startswith(b"%PDF"):
                pos = _skip_comments(reader, pos)
    except _Bad as bad:
        problems.append(Problem(bad.code, bad.offset, bad.detail))
    if not problems:
        _check_revisions(reader, revisions, problems)
    return Structure(size, revisions, problems)


def _skip_blank(reader: _Reader, pos: int) -> int:
    while pos < reader.size:
        chunk = reader.read(pos, 4096)
        stripped = chunk.lstrip(_WS)
        pos += len(chunk) - len(stripped)
        if stripped:
            break
    return pos


def _skip_comments(reader: _Reader, pos: int) -> int:
    """Skip white space and comment lines (the header and the binary-marker comment)."""
    while True:
        buf = reader.read(pos, 4096)
        m = _SKIP.match(buf)
        assert m is not None
        if m.end() < len(buf) or not buf:
            return pos + m.end()
        pos += m.end()


def _read_revision(reader: _Reader, start: int, earlier: list[Revision]) -> Revision:
    objects: dict[int, DefinedObject] = {}
    pos = start
    while True:
        buf = reader.read(pos, 64)
        if buf.startswith(b"xref"):
            table_at = pos
            entries, trailer, pos = _read_xref_table(reader, pos)
            revision = Revision(start, 0, table_at, trailer, objects)
            _match_entries(revision, entries, reader)
            return _finish_revision(reader, revision, pos)
        m = _OBJ_HEADER.match(buf)
        if m is None:
            what = buf[:24]
            raise _Bad("structure-invalid", pos,
                       msg("pdf.unexpected_bytes", at=pos, what=repr(what)))
        obj, end = _read_object(reader, pos, objects, earlier)
        if obj.num in objects:
            raise _Bad("object-defined-twice", pos,
                       msg("pdf.defined_twice", num=obj.num, first=objects[obj.num].offset, second=pos))
        objects[obj.num] = obj
        pos = _skip_comments(reader, end)
        if isinstance(obj.value, PdfDict) and obj.value.get("/Type") == "/XRef":
            revision = Revision(start, 0, obj.offset, obj.value, objects, xref_stream=True)
            entries = _xref_stream_entries(reader, obj)
            _match_entries(revision, entries, reader)
            return _finish_revision(reader, revision, pos)


def _read_object(reader: _Reader, pos: int, objects: dict[int, DefinedObject],
                 earlier: list[Revision]) -> tuple[DefinedObject, int]:
    """The object at ``pos`` and the offset just past its ``endobj``."""
    def parse(p: _Parser, at: int) -> tuple[object, int]:
        m = _OBJ_HEADER.match(p.buf, at)
        assert m is not None
        value, end = p.value(m.end())
        end = p.skip(end)
        return (int(m.group(1)), int(m.group(2)), value), end

    parsed, end = reader.parse(pos, parse)
    num, gen, value = cast(tuple[int, int, object], parsed)
    if isinstance(value, Keyword):
        raise _Bad("structure-invalid", pos, msg("pdf.bare_keyword", num=num, word=repr(value.word)))
    obj = DefinedObject(num, gen, pos, value)
    keyword = reader.read(end, 16)
    if keyword.startswith(b"stream"):
        if not isinstance(value, PdfDict):
            raise _Bad("structure-invalid", pos, msg("pdf.stream_no_dict", num=num))
        eol = keyword[6:8]
        data_start = end + 6 + (2 if eol == b"\r\n" else 1 if eol[:1] == b"\n" else -1)
        if data_start < end + 6:
            raise _Bad("structure-invalid", end, msg("pdf.stream_no_eol", num=num))
        length = value.get("/Length")
        if isinstance(length, Ref):
            length = _resolve_length(reader, length, objects, earlier, pos)
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            raise _Bad("stream-length-mismatch", pos, msg("pdf.stream_no_length", num=num))
        obj.stream_start = data_start
        obj.stream_length = length
        tail = reader.read(data_start + length, 32)
        m = _STREAM_END.match(tail)
        if m is None:
            raise _Bad("stream-length-mismatch", pos,
                       msg("pdf.stream_length_wrong", num=num, length=length))
        return obj, data_start + length + m.end()
    if not keyword.startswith(b"endobj"):
        raise _Bad("structure-invalid", end, msg("pdf.endobj_expected", num=num, at=end))
    return obj, end + len(b"endobj")


def _resolve_length(reader: _Reader, ref: Ref, objects: dict[int, DefinedObject], earlier: list[Revision],
                    at: int) -> object:
    """An indirect /Length: defined earlier in this revision, or later in it (read ahead)."""
    if ref.num in objects:
        return objects[ref.num].value
    # The length object usually follows its stream: find "N G obj" after this object.
    needle = re.compile(rb"(?<![0-9])%d[\x00\t\n\x0c\r ]+%d[\x00\t\n\x0c\r ]+obj[\x00\t\n\x0c\r ]*(\d+)"
                        rb"[\x00\t\n\x0c\r ]*endobj" % (ref.num, ref.gen))
    for revision in reversed(earlier):
        if ref.num in revision.objects:
            return revision.objects[ref.num].value
    pos = at
    while pos < reader.size:
        chunk = reader.read(pos, 1 << 20)
        m = needle.search(chunk)
        if m is not None:
            return int(m.group(1))
        if len(chunk) < 1 << 20:
            break
        pos += len(chunk) - 64
    raise _Bad("stream-length-mismatch", at, msg("pdf.length_ref_missing", ref=f"{ref.num} {ref.gen} R"))


def _read_xref_table(reader: _Reader, pos: int) -> tuple[list[tuple[int, int, int, str]], PdfDict, int]:
    """The classic table: ``xref``, subsections of 20-byte entries, ``trailer`` and its dictionary."""
    entries: list[tuple[int, int, int, str]] = []
    head = reader.read(pos, 8)
    m = re.match(rb"xref[\x00\t\x0c ]*(?:\r\n|\n|\r)", head)
    if m is None:
        raise _Bad("xref-mismatch", pos, msg("pdf.xref_malformed"))
    pos += m.end()
    while True:
        line = reader.read(pos, 64)
        if line.startswith(b"trailer"):
            break
        sub = _XREF_SUBSECTION.match(line)
        if sub is None:
            raise _Bad("xref-mismatch", pos, msg("pdf.xref_subsection_malformed", at=pos))
        first, count = int(sub.group(1)), int(sub.group(2))
        pos += sub.end()
        if count > 10_000_000:
            raise _Bad("xref-mismatch", pos, msg("pdf.xref_subsection_large"))
        data = reader.read(pos, 20 * count)
        for i in range(count):
            e = _XREF_ENTRY.fullmatch(data, 20 * i, 20 * i + 20)
            if e is None:
                raise _Bad("xref-mismatch", pos + 20 * i, msg("pdf.xref_entry_malformed", at=pos + 20 * i))
            entries.append((first + i, int(e.group(1)), int(e.group(2)), e.group(3).decode()))
        pos += 20 * count
    trailer_at = pos + len(b"trailer")

    def parse(p: _Parser, at: int) -> tuple[object, int]:
        at = p.skip(at)
        if p.buf[at:at + 2] != b"<<":
            raise _Bad("structure-invalid", p.base + at, msg("pdf.trailer_not_dict"))
        return p.dictionary(at + 2, 0)

    trailer, end = reader.parse(trailer_at, parse)
    return entries, trailer, end  # type: ignore[return-value]


def _finish_revision(reader: _Reader, revision: Revision, pos: int) -> Revision:
    pos = _skip_comments(reader, pos)
    tail = reader.read(pos, 64)
    m = _STARTXREF.match(tail)
    if m is None:
        raise _Bad("revision-chain-broken", pos, msg("pdf.startxref_expected", at=pos))
    if int(m.group(1)) != revision.xref_offset:
        raise _Bad("revision-chain-broken", pos,
                   msg("pdf.startxref_wrong", says=int(m.group(1)), actual=revision.xref_offset))
    end = pos + m.end()
    eol = reader.read(end, 2)
    end += 2 if eol == b"\r\n" else 1 if eol[:1] in (b"\n", b"\r") else 0
    revision.end = end
    return revision


def _match_entries(revision: Revision, entries: list[tuple[int, int, int, str]], reader: _Reader) -> None:
    """Every in-use entry names an object of this revision at its exact offset, and vice versa."""
    # object streams are read first, even those nothing points into (a hidden repeated key)
    direct = dict(revision.objects)
    members: dict[int, list[DefinedObject]] = {}
    for obj in direct.values():
        if isinstance(obj.value, PdfDict) and obj.value.get("/Type") == "/ObjStm" and obj.stream_start is not None:
            members[obj.num] = _object_stream_members(reader, obj)
            for inner in members[obj.num]:
                if inner.num in direct:
                    raise _Bad("object-defined-twice", obj.offset,
                               msg("pdf.defined_twice_objstm", num=inner.num, stream=obj.num))
    seen: set[int] = set()
    listed: set[int] = set()
    for num, a, b, kind in entries:
        if num in seen:
            raise _Bad("xref-mismatch", revision.xref_offset,
                       msg("pdf.xref_lists_twice", at=revision.xref_offset, num=num))
        seen.add(num)
        if kind == "n":
            found = revision.objects.get(num)
            if found is None or found.offset != a or found.gen != b or found.in_object_stream is not None:
                raise _Bad("xref-mismatch", revision.xref_offset,
                           msg("pdf.xref_points_nowhere", num=num, at=a))
            listed.add(num)
        elif kind == "c":  # compressed: a in the object stream numbered a, at index b
            if a not in members:
                raise _Bad("xref-mismatch", revision.xref_offset,
                           msg("pdf.xref_stream_missing", num=num, stream=a))
            stream = direct[a]
            for inner in members[a][b:b + 1]:
                if inner.num == num:
                    if num in revision.objects:
                        raise _Bad("object-defined-twice", stream.offset,
                                   msg("pdf.defined_twice_objstm", num=num, stream=a))
                    revision.objects[num] = inner
                    listed.add(num)
                    break
            else:
                raise _Bad("xref-mismatch", revision.xref_offset,
                           msg("pdf.not_at_index", num=num, index=b, stream=a))
    for num, obj in list(revision.objects.items()):
        if num in listed:
            continue
        if revision.xref_stream and obj.offset == revision.xref_offset:
            del revision.objects[num]  # an xref stream need not list itself; then it is no object of the file
            continue
        raise _Bad("xref-mismatch", obj.offset,
                   msg("pdf.not_in_xref", num=num, at=obj.offset))


def _object_stream_members(reader: _Reader, stream: DefinedObject) -> list[DefinedObject]:
    data = _decoded(reader, stream)
    d = stream.value
    assert isinstance(d, PdfDict)
    n, first = d.get("/N"), d.get("/First")
    if not isinstance(n, int) or not isinstance(first, int) or n < 0 or first < 0 or first > len(data):
        raise _Bad("structure-invalid", stream.offset, msg("pdf.objstm_bad_n", stream=stream.num))
    header = data[:first].split()
    if len(header) < 2 * n:
        raise _Bad("structure-invalid", stream.offset, msg("pdf.objstm_short_header", stream=stream.num))
    members: list[DefinedObject] = []
    nums: set[int] = set()
    for i in range(n):
        try:
            num, rel = int(header[2 * i]), int(header[2 * i + 1])
        except ValueError:
            raise _Bad("structure-invalid", stream.offset, msg("pdf.objstm_bad_header", stream=stream.num)) from None
        if num in nums:
            raise _Bad("object-defined-twice", stream.offset, msg("pdf.objstm_twice", stream=stream.num, num=num))
        nums.add(num)
        try:
            value, _ = _Parser(data, 0, True).value(first + rel)
        except _Bad as bad:
            raise _Bad(bad.code, stream.offset, msg("pdf.in_objstm", stream=stream.num, specifics=bad.detail)) from None
        members.append(DefinedObject(num, 0, stream.offset, value, in_object_stream=stream.num))
    return members


def _decoded(reader: _Reader, obj: DefinedObject) -> bytes:
    assert obj.stream_start is not None and obj.stream_length is not None
    d = obj.value
    assert isinstance(d, PdfDict)
    if obj.stream_length > MAX_DECODED:
        raise _Bad("structure-invalid", obj.offset, msg("pdf.stream_too_large", num=obj.num))
    raw = reader.read(obj.stream_start, obj.stream_length)
    filters = d.get("/Filter")
    filters = [filters] if isinstance(filters, str) else list(filters or [])
    parms = d.get("/DecodeParms")
    if len(filters) > 1 or (filters and filters[0] != "/FlateDecode"):
        raise _Bad("structure-invalid", obj.offset, msg("pdf.unsupported_filter", num=obj.num, filter=str(filters)))
    data = raw
    if filters:
        try:
            z = zlib.decompressobj()
            data = z.decompress(raw, MAX_DECODED)
            if z.unconsumed_tail:
                raise _Bad("structure-invalid", obj.offset, msg("pdf.decodes_too_much", num=obj.num))
        except zlib.error as exc:
            raise _Bad("structure-invalid", obj.offset, msg("pdf.undecodable", num=obj.num, detail=str(exc))) \
                from None
    if isinstance(parms, PdfDict) and isinstance(parms.get("/Predictor"), int) and parms["/Predictor"] >= 10:
        columns = parms.get("/Columns", 1)
        if not isinstance(columns, int) or columns < 1:
            raise _Bad("structure-invalid", obj.offset, msg("pdf.bad_columns", num=obj.num))
        data = _png_unpredict(data, columns, obj)
    return data


def _png_unpredict(data: bytes, columns: int, obj: DefinedObject) -> bytes:
    row = columns + 1
    if len(data) % row:
        raise _Bad("structure-invalid", obj.offset, msg("pdf.predicted_length", num=obj.num))
    out = bytearray()
    prev = bytearray(columns)
    for i in range(0, len(data), row):
        kind, line = data[i], bytearray(data[i + 1:i + row])
        if kind == 2:
            for j in range(columns):
                line[j] = (line[j] + prev[j]) & 0xFF
        elif kind == 1:
            for j in range(1, columns):
                line[j] = (line[j] + line[j - 1]) & 0xFF
        elif kind != 0:
            raise _Bad("structure-invalid", obj.offset, msg("pdf.png_predictor", num=obj.num, kind=kind))
        out += line
        prev = line
    return bytes(out)


def _xref_stream_entries(reader: _Reader, obj: DefinedObject) -> list[tuple[int, int, int, str]]:
    d = obj.value
    assert isinstance(d, PdfDict)
    widths = d.get("/W")
    size = d.get("/Size")
    if (not isinstance(widths, list) or len(widths) != 3 or not all(isinstance(w, int) and 0 <= w <= 8 for w in widths)
            or not isinstance(size, int)):
        raise _Bad("xref-mismatch", obj.offset, msg("pdf.xref_stream_w"))
    index = d.get("/Index", [0, size])
    if not isinstance(index, list) or len(index) % 2 or not all(isinstance(v, int) for v in index):
        raise _Bad("xref-mismatch", obj.offset, msg("pdf.xref_stream_index"))
    data = _decoded(reader, obj)
    w0, w1, w2 = widths
    row = w0 + w1 + w2
    entries: list[tuple[int, int, int, str]] = []
    pos = 0
    for first, count in zip(index[::2], index[1::2]):
        for i in range(count):
            if pos + row > len(data):
                raise _Bad("xref-mismatch", obj.offset, msg("pdf.xref_stream_short"))
            t = int.from_bytes(data[pos:pos + w0], "big") if w0 else 1
            a = int.from_bytes(data[pos + w0:pos + w0 + w1], "big")
            b = int.from_bytes(data[pos + w0 + w1:pos + row], "big")
            pos += row
            kind = {0: "f", 1: "n", 2: "c"}.get(t)
            if kind is None:
                continue  # reserved types are ignored by every reader (null objects)
            entries.append((first + i, a, b, kind))
    return entries


def _check_revisions(reader: _Reader, revisions: list[Revision], problems: list[Problem]) -> None:
    if not revisions:
        problems.append(Problem("structure-invalid", 0, msg("pdf.no_revision")))
        return
    for k, revision in enumerate(revisions):
        trailer = revision.trailer
        prev = trailer.get("/Prev")
        if k == 0 and prev is not None:
            problems.append(Problem("revision-chain-broken", revision.xref_offset,
                                    msg("pdf.prev_outside")))
        if k > 0 and prev != revisions[k - 1].xref_offset:
            problems.append(Problem("revision-chain-broken", revision.xref_offset,
                                    msg("pdf.prev_wrong", revision=k + 1, prev=prev, expected=revisions[k - 1].xref_offset)))
        if not isinstance(trailer.get("/Root"), Ref):
            problems.append(Problem("structure-invalid", revision.xref_offset,
                                    msg("pdf.no_root", revision=k + 1)))
        for key in ("/XRefStm", "/Encrypt"):
            if key in trailer:
                problems.append(Problem("structure-unsupported", revision.xref_offset,
                                        msg("pdf.unsupported_key", revision=k + 1, key=key)))
        size = trailer.get("/Size")
        highest = max(revision.objects, default=0)
        if not isinstance(size, int) or size <= highest:
            problems.append(Problem("xref-mismatch", revision.xref_offset,
                                    msg("pdf.size_too_small", revision=k + 1, size=size, highest=highest)))
    last = revisions[-1]
    if last.end < reader.size and reader.read(last.end, 1 << 16).strip(_WS):
        problems.append(Problem("structure-invalid", last.end, msg("pdf.trailing_bytes", at=last.end)))


class StrictView:
    """The document as the strict reading holds it: each object's newest definition."""

    def __init__(self, structure: Structure, f: BinaryIO) -> None:
        self.f = f
        self.objects: dict[int, DefinedObject] = {}
        for revision in structure.revisions:
            self.objects.update(revision.objects)
        self.trailer = structure.revisions[-1].trailer

    def resolve(self, value: Any) -> Any:
        for _ in range(32):
            if not isinstance(value, Ref):
                return value
            obj = self.objects.get(value.num)
            value = obj.value if obj is not None and obj.gen == value.gen else None
        return None

    def raw_stream(self, value: Any) -> bytes:
        obj = self.objects.get(value.num) if isinstance(value, Ref) else None
        if obj is None or obj.stream_start is None or obj.stream_length is None:
            return b""
        self.f.seek(obj.stream_start)
        return self.f.read(obj.stream_length)


def newest_offsets(structure: Structure) -> dict[int, int]:
    """Object number -> offset of its newest direct definition, as the strict reading found it."""
    offsets: dict[int, int] = {}
    for revision in structure.revisions:
        for num, obj in revision.objects.items():
            if obj.in_object_stream is None:
                offsets[num] = obj.offset
            else:
                offsets.pop(num, None)
    return offsets


def signature_ranges(structure: Structure) -> list[tuple[int, int, int, int]]:
    """The /ByteRange of every signature and document-timestamp dictionary, in file order."""
    found: list[tuple[int, tuple[int, int, int, int]]] = []
    for revision in structure.revisions:
        for obj in revision.objects.values():
            value = obj.value
            if isinstance(value, PdfDict) and value.get("/Type") in ("/Sig", "/DocTimeStamp"):
                byte_range = value.get("/ByteRange")
                if (isinstance(byte_range, list) and len(byte_range) == 4
                        and all(isinstance(v, int) and not isinstance(v, bool) for v in byte_range)):
                    found.append((obj.offset, (byte_range[0], byte_range[1], byte_range[2], byte_range[3])))
    return [br for _, br in sorted(found)]
