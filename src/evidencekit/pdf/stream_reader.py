"""Hash an embedded file's stream straight from the file, in fixed-size chunks.

Parsers load a stream's whole data into memory (and cache it); a dossier with a
gigabyte of originals must verify in flat memory. The stream's dictionary is read
with pypdf's tokenizer, the data is then read and decoded chunk by chunk.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from pypdf import generic as g

CHUNK = 1 << 20
_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\s*")
_STREAM_KEYWORD = re.compile(rb">>\s*stream(\r\n|\n|\r)")


class UnsupportedStream(Exception):
    """The fast path cannot read this object; the caller falls back to a parser."""


@dataclass(frozen=True)
class StreamInfo:
    data_offset: int
    length: int
    filters: tuple[str, ...]


def locate_stream(f: BinaryIO, offset: int, idnum: int) -> StreamInfo:
    f.seek(offset)
    head = f.read(64 * 1024)
    m = _HEADER.match(head)
    if not m or int(m.group(1)) != idnum:
        raise UnsupportedStream(f"object {idnum} is not where the cross-reference table says")
    dict_start = m.end()
    end = _STREAM_KEYWORD.search(head, dict_start)
    if end is None:
        raise UnsupportedStream("stream dictionary too large or not a stream")
    raw_dict = head[dict_start:end.start() + 2]
    try:
        entries = g.DictionaryObject.read_from_stream(io.BytesIO(raw_dict), None)  # type: ignore[arg-type]
    except Exception as exc:
        raise UnsupportedStream(f"unreadable stream dictionary ({exc})") from exc
    length = entries.get("/Length")
    if not isinstance(length, int) or isinstance(length, g.IndirectObject) or length < 0:
        raise UnsupportedStream("stream length is not a direct number")
    filters = entries.get("/Filter")
    if filters is None:
        names: tuple[str, ...] = ()
    elif isinstance(filters, g.NameObject):
        names = (str(filters),)
    elif isinstance(filters, g.ArrayObject) and all(isinstance(x, g.NameObject) for x in filters):
        names = tuple(str(x) for x in filters)
    else:
        raise UnsupportedStream("unusual /Filter")
    if len(names) > 1 or any(n != "/FlateDecode" for n in names) or "/DecodeParms" in entries:
        raise UnsupportedStream("filter other than plain FlateDecode")
    return StreamInfo(offset + end.end(), int(length), names)


def feed_stream(f: BinaryIO, info: StreamInfo, sink: Callable[[bytes], None]) -> None:
    """Feed the decoded data of the stream at ``info`` to ``sink`` in chunks."""
    decoder = zlib.decompressobj() if info.filters else None
    f.seek(info.data_offset)
    remaining = info.length
    while remaining:
        chunk = f.read(min(CHUNK, remaining))
        if not chunk:
            raise UnsupportedStream("the file ends inside the stream")
        remaining -= len(chunk)
        if decoder is not None:
            chunk = decoder.decompress(chunk)
        if chunk:
            sink(chunk)
    if decoder is not None:
        tail = decoder.flush()
        if tail:
            sink(tail)
    after = f.read(32)
    if not re.match(rb"\s*endstream", after):
        raise UnsupportedStream("stream length does not end at 'endstream'")
