"""A streaming PDF writer: objects go to disk as they are made.

reportlab and pypdf keep the whole document in memory; a case of a gigabyte of
originals must not. This writer writes each object straight to the output file,
copies large payloads (attachments, JPEG and PNG data) from their source files in
fixed-size chunks, and ends with a classic cross-reference table.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pypdf import generic as g

CHUNK = 1 << 20
WINDOW = 4 << 20  # a copy reads and writes this much at a time (see _read_segments)

Remap = Callable[[int], int]


def _identity(n: int) -> int:
    return n


def serialize(obj: object, remap: Remap = _identity) -> bytes:
    """PDF syntax for a pypdf generic object; indirect references pass through ``remap``."""
    out = io.BytesIO()
    _write(obj, out, remap)
    return out.getvalue()


def _write(obj: object, out: io.BytesIO, remap: Remap) -> None:
    if isinstance(obj, g.IndirectObject):
        out.write(b"%d 0 R" % remap(obj.idnum))
    elif isinstance(obj, g.StreamObject):
        raise TypeError("streams are written with PdfStreamWriter.write_stream")
    elif isinstance(obj, g.DictionaryObject):
        out.write(b"<<")
        for key, value in obj.items():
            out.write(b"\n")
            g.NameObject(key).write_to_stream(out)
            out.write(b" ")
            _write(value, out, remap)
        out.write(b"\n>>")
    elif isinstance(obj, g.ArrayObject):
        out.write(b"[")
        for i, value in enumerate(obj):
            if i:
                out.write(b" ")
            _write(value, out, remap)
        out.write(b"]")
    elif isinstance(obj, g.PdfObject):
        obj.write_to_stream(out)
    else:
        raise TypeError(f"cannot write {type(obj).__name__} as PDF")


@dataclass(frozen=True)
class FileSegments:
    """Stream data that lives in a file: these (offset, length) ranges, concatenated."""

    path: Path
    segments: tuple[tuple[int, int], ...]

    @property
    def length(self) -> int:
        return sum(n for _, n in self.segments)

    @classmethod
    def whole(cls, path: Path, size: int) -> FileSegments:
        return cls(path, ((0, size),))


class PdfStreamWriter:
    """Write numbered objects in any order; ``finish`` writes the xref and trailer."""

    def __init__(self, out: BinaryIO, *, version: str = "1.7") -> None:
        self.out = out
        self.offsets: dict[int, int] = {}
        self._next = 1
        self.out.write(b"%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n" % version.encode())

    def reserve(self, at_least: int = 1) -> int:
        """Allocate a new object number (never below ``at_least``)."""
        self._next = max(self._next, at_least)
        n = self._next
        self._next += 1
        return n

    def reserve_upto(self, highest: int) -> None:
        """Mark 1..highest as taken (numbers that come from an imported document)."""
        self._next = max(self._next, highest + 1)

    def _begin(self, num: int) -> None:
        if num in self.offsets:
            raise ValueError(f"object {num} written twice")
        self.offsets[num] = self.out.tell()
        self.out.write(b"%d 0 obj\n" % num)

    def write_object(self, num: int, obj: object, remap: Remap = _identity) -> None:
        self._begin(num)
        self.out.write(serialize(obj, remap))
        self.out.write(b"\nendobj\n")

    def write_stream(
        self,
        num: int,
        entries: g.DictionaryObject,
        data: bytes | FileSegments,
        remap: Remap = _identity,
        *,
        on_chunk: Callable[[bytes], None] | None = None,
    ) -> None:
        """A stream object; ``data`` is already encoded as ``entries`` says.

        File-backed data is copied in fixed-size chunks; ``on_chunk`` sees every chunk
        (used to re-hash originals as they are written).
        """
        length = len(data) if isinstance(data, bytes) else data.length
        head = g.DictionaryObject(entries)
        head[g.NameObject("/Length")] = g.NumberObject(length)
        self._begin(num)
        self.out.write(serialize(head, remap))
        self.out.write(b"\nstream\n")
        if isinstance(data, bytes):
            self.out.write(data)
            if on_chunk:
                on_chunk(data)
        else:
            for chunk in _read_segments(data):
                self.out.write(chunk)
                if on_chunk:
                    on_chunk(chunk)
        self.out.write(b"\nendstream\nendobj\n")

    def finish(self, root: int, file_id: tuple[bytes, bytes], *, info: int | None = None) -> None:
        """Fill unused numbers with null objects, then write xref and trailer."""
        highest = max(self.offsets, default=0)
        for num in range(1, highest + 1):
            if num not in self.offsets:
                self.write_object(num, g.NullObject())
        xref_at = self.out.tell()
        size = highest + 1
        lines = [b"xref\n0 %d\n" % size, b"0000000000 65535 f \n"]
        lines.extend(b"%010d 00000 n \n" % self.offsets[n] for n in range(1, size))
        self.out.write(b"".join(lines))
        trailer = g.DictionaryObject(
            {
                g.NameObject("/Size"): g.NumberObject(size),
                g.NameObject("/Root"): g.IndirectObject(root, 0, None),  # type: ignore[arg-type]
                g.NameObject("/ID"): g.ArrayObject(
                    [g.ByteStringObject(file_id[0]), g.ByteStringObject(file_id[1])]
                ),
            }
        )
        if info is not None:
            trailer[g.NameObject("/Info")] = g.IndirectObject(info, 0, None)  # type: ignore[arg-type]
        self.out.write(b"trailer\n" + serialize(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref_at)


class FileShrank(OSError):
    """A file being copied in ended before the length it had when it was looked at."""


def _read_segments(data: FileSegments) -> Iterable[bytes]:
    """The segments' bytes, concatenated, in chunks of :data:`WINDOW` to twice that.

    A PNG's image data is often hundreds of small IDAT chunks: reading a window of the file at a
    time and joining the pieces keeps the reads, the writes and the hash updates few and large
    (each of them takes the interpreter's lock, which the page layout holds most of the time)."""
    with open(data.path, "rb", buffering=0) as f:
        window, window_at = b"", 0
        pieces: list[bytes] = []
        held = 0
        for offset, length in data.segments:
            while length:
                if not window_at <= offset < window_at + len(window):
                    f.seek(offset)
                    window, window_at = _read_full(f, WINDOW), offset
                    if not window:
                        raise FileShrank(f"{data.path}: file became shorter while it was being sealed")
                start = offset - window_at
                piece = window[start:start + length]
                pieces.append(piece)
                held += len(piece)
                offset += len(piece)
                length -= len(piece)
                if held >= WINDOW:
                    yield pieces[0] if len(pieces) == 1 else b"".join(pieces)
                    pieces, held = [], 0
        if pieces:
            yield pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _read_full(f: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes; fewer only at the end of the file."""
    parts: list[bytes] = []
    while size:
        part = f.read(size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def ref(num: int) -> g.IndirectObject:
    return g.IndirectObject(num, 0, None)  # type: ignore[arg-type]


def name(value: str) -> g.NameObject:
    return g.NameObject(value if value.startswith("/") else "/" + value)


def text(value: str) -> g.TextStringObject:
    return g.create_string_object(value)  # type: ignore[return-value]


def pdf_dict(**entries: object) -> g.DictionaryObject:
    """``pdf_dict(Type=name("Filespec"))`` — keys are PDF names without the slash."""
    return g.DictionaryObject({g.NameObject("/" + k): v for k, v in entries.items()})


def num(value: float | int) -> g.PdfObject:
    if isinstance(value, int):
        return g.NumberObject(value)
    return g.FloatObject(round(value, 4))
