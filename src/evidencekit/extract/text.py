"""Text files: which encoding (utf-8-sig, utf-8, gb18030, big5, utf-16) and streaming reads.

Chinese exports come as UTF-8 with a BOM (WeChat), GBK/GB18030 (Alipay) or UTF-8; Windows
tools write UTF-16 (QQ's chat export, Notepad's "Unicode"), with or without its mark. The
encoding is chosen from the file's first bytes by :func:`detect_encoding`, the one detector
every reader uses; bytes that later turn out not to fit are replaced and reported by line,
never fatal.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from evidencekit.extract.common import Warnings
from evidencekit.extract.options import ExtractOptions
from evidencekit.i18n import msg
from evidencekit.model import Extraction

#: How much of a file decides its encoding and its kind.
SAMPLE_BYTES = 256 * 1024
EXCERPT_CHARS = 2000


@dataclass(frozen=True)
class Encoding:
    name: str  # a Python codec name, as reported in facts
    lossy: bool  # the sample already had bytes this encoding cannot read


def read_head(path: Path, size: int = SAMPLE_BYTES) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _utf8_fit(sample: bytes) -> tuple[int, int]:
    """(bad byte sequences, good multi-byte characters) when the sample is read as UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    text = decoder.decode(sample, final=False)  # a character cut at the end is not an error
    bad = text.count("\ufffd")
    good = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    return bad, good


#: What a text without a byte order mark is weighed as, when it is not UTF-8: the Chinese
#: national encoding (GB18030 reads GBK and GB2312 too), Big5 (Hong Kong, Taiwan) and UTF-16
#: without its mark. charset-normalizer weighs them; nothing else is a candidate.
LEGACY_CANDIDATES = ("gb18030", "big5", "utf_16_le", "utf_16_be")
#: Below this many non-ASCII bytes charset-normalizer's verdict is a guess (two GBK
#: characters look as much like Big5): GB18030 is taken whenever it reads the sample.
MIN_WEIGHED_BYTES = 200
_CONTROL_BYTES = bytes(set(range(32)) - set(b"\t\n\v\f\r\x1b"))
_CODEC_NAMES = {"utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be", "big5": "big5", "gb18030": "gb18030"}


def _strict_fits(sample: bytes, name: str) -> bool:
    try:
        codecs.getincrementaldecoder(name)("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the sample is UTF-16 text without its mark: zero bytes
    fall on one side of the code units only (the high byte of ASCII: line breaks, digits,
    spaces), and the text reads with no control characters. Binary data has zeros on both."""
    units = len(sample) // 2
    if units < 2:
        return None
    even = sample[0 : units * 2 : 2].count(0)
    odd = sample[1 : units * 2 : 2].count(0)
    if max(even, odd) < max(2, units // 20) or min(even, odd) * 20 > max(even, odd):
        return None
    name = "utf-16-le" if odd > even else "utf-16-be"
    text = codecs.getincrementaldecoder(name)("replace").decode(sample[: units * 2], final=False)
    bad = sum(1 for char in text if (ord(char) < 32 and char not in "\t\r\n\f\v") or char == "\ufffd")
    return name if bad <= max(1, len(text) // 200) else None


def _weighed(sample: bytes) -> Encoding:
    """A sample that is not UTF-8 and has no mark, weighed by charset-normalizer among
    ``LEGACY_CANDIDATES``; GB18030 when the verdict is a guess or there is none."""
    from charset_normalizer import from_bytes  # imported here: most files are UTF-8

    controls = sum(sample.count(byte) for byte in _CONTROL_BYTES)
    if controls > max(1, len(sample) // 200):
        return Encoding("gb18030", True)  # binary data, not text in any of them: nothing to weigh
    gb_fits = _strict_fits(sample, "gb18030")
    foreign = sum(1 for byte in sample if byte > 0x7F)
    if foreign >= MIN_WEIGHED_BYTES or not gb_fits:
        best = from_bytes(sample, cp_isolation=list(LEGACY_CANDIDATES)).best()
        name = _CODEC_NAMES.get(best.encoding) if best is not None else None
        if name is not None and (name == "big5" or (name.startswith("utf-16") and b"\x00" in sample)):
            return Encoding(name, not _strict_fits(sample, name))
    return Encoding("gb18030", not gb_fits)


def detect_encoding(sample: bytes) -> Encoding:
    """The encoding of a text sample, the one answer for every reader of the file (extractors,
    kind sniffing and the exhibit pages): byte order marks first, then UTF-16 without its mark,
    strict UTF-8, then charset-normalizer among GB18030, Big5 and UTF-16."""
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return Encoding("utf-32", False)
    if sample.startswith(codecs.BOM_UTF8):
        return Encoding("utf-8-sig", _utf8_fit(sample[3:])[0] > 0)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Encoding("utf-16", False)
    if b"\x00" in sample:
        utf16 = utf16_without_bom(sample)
        if utf16 is not None:
            return Encoding(utf16, False)
    bad, good = _utf8_fit(sample)
    if bad == 0:
        return Encoding("utf-8", False)
    if good >= 4 * bad:
        # Mostly UTF-8 with a few foreign bytes (a line pasted in from a GBK file):
        # GB18030 would turn every other line into mojibake, so keep UTF-8 and report.
        return Encoding("utf-8", True)
    return _weighed(sample)


def looks_like_text(sample: bytes) -> bool:
    """True when the sample decodes to text with no control bytes other than whitespace."""
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in sample and utf16_without_bom(sample) is None and \
            not sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    encoding = detect_encoding(sample)
    text = decode_sample(sample, encoding)
    if not text:
        return False
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\r\n\f\v")
    replaced = text.count("\ufffd")
    return controls + replaced <= max(1, len(text) // 200)


def decode_sample(sample: bytes, encoding: Encoding) -> str:
    decoder = codecs.getincrementaldecoder(encoding.name)("replace")
    return decoder.decode(sample, final=False)


#: The longest line read as a line. A longer one (a file whose line breaks are gone) is a
#: damaged line: reported, read no further than this, and never held whole in memory.
MAX_LINE_CHARS = 1 << 20

# A quoted field runs over lines: bound it as a line is bound, so an unclosed quote cannot
# gather the rest of the file into one field (csv then reports it and reads on).
csv.field_size_limit(MAX_LINE_CHARS)


def open_text(path: Path) -> tuple[TextIO, Encoding]:
    """The file as a text stream in its detected encoding (undecodable bytes become U+FFFD).

    Newlines are left as they are (``newline=""``), so the csv module sees quoted line breaks.
    """
    encoding = detect_encoding(read_head(path))
    raw = path.open("rb")
    return io.TextIOWrapper(raw, encoding=encoding.name, errors="replace", newline=""), encoding


def bounded_lines(stream: TextIO, limit: int = MAX_LINE_CHARS) -> Iterator[tuple[str, bool]]:
    """(line with its line break, too long) for each line of ``stream`` (LF, CRLF or CR alone).

    A line longer than ``limit`` characters gives its first ``limit`` characters and True; the
    rest of it is skipped in pieces of ``limit``, so memory stays bounded whatever the file.
    """
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if len(line) < limit or line.endswith(("\n", "\r")):
            yield line, False
            continue
        while True:
            rest = stream.readline(limit)
            if len(rest) < limit or rest.endswith(("\n", "\r")):
                break
        yield line, True


def _too_long(warnings: Warnings, line: int, skipped: bool) -> None:
    code = "warn.text.line_too_long_skipped" if skipped else "warn.text.line_too_long"
    warnings.add(msg(code, limit=f"{MAX_LINE_CHARS:,}"), line)


def iter_lines(
    path: Path, warnings: Warnings | None = None
) -> Iterator[tuple[int, str]]:
    """(line number, line without its line break), streaming; a line with undecodable
    bytes is reported once per line through ``warnings``, and so is a line too long to read
    whole (only its first ``MAX_LINE_CHARS`` characters are given)."""
    stream, encoding = open_text(path)
    with stream:
        for number, (line, too_long) in enumerate(bounded_lines(stream), start=1):
            line = line.rstrip("\r\n")
            if warnings is not None:
                if too_long:
                    _too_long(warnings, number, skipped=False)
                if "\ufffd" in line:
                    warnings.add(msg("warn.text.replaced", encoding=encoding.name), number)
            yield number, line


def iter_csv_rows(path: Path, warnings: Warnings) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of a CSV file, streamed; decoding and CSV errors become warnings.

    A row holding a line too long to read whole is skipped; an unclosed quote costs the
    lines up to the field limit, then reading goes on.
    """
    stream, encoding = open_text(path)
    damaged: list[int] = []
    replaced: list[int] = []

    def lines() -> Iterator[str]:
        for number, (line, too_long) in enumerate(bounded_lines(stream), start=1):
            if too_long:
                damaged.append(number)
                line = "\n"  # its row is dropped below; csv still counts the line
            elif "\ufffd" in line:
                replaced.append(number)
            yield line

    with stream:
        reader = csv.reader(lines())
        while True:
            first_line = reader.line_num + 1  # a quoted field can span lines; report where it starts
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if reader.line_num > first_line:
                    warnings.add(msg("warn.csv.error_lines", detail=str(error)),
                                 where=msg("warn.where.line_span", first=first_line, last=reader.line_num))
                else:
                    warnings.add(msg("warn.csv.error_line", detail=str(error)), first_line)
                row = None
            if damaged:
                for number in damaged:
                    _too_long(warnings, number, skipped=True)
                row = None
            elif replaced and row is not None:
                warnings.add(msg("warn.text.replaced", encoding=encoding.name), first_line)
            damaged.clear()
            replaced.clear()
            if row is not None:
                yield first_line, row


def encoding_of(path: Path) -> Encoding:
    return detect_encoding(read_head(path))


def extract_text_document(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Plain text that is not a chat or a bill: encoding, line count and an excerpt."""
    warnings = Warnings(path)
    encoding = encoding_of(path)
    excerpt: list[str] = []
    excerpt_chars = 0
    line_count = 0
    for line_count, line in iter_lines(path, warnings):  # noqa: B007 - the last count is read after the loop
        if excerpt_chars < EXCERPT_CHARS:
            excerpt.append(line[:EXCERPT_CHARS])
            excerpt_chars += len(line) + 1
    facts = {
        "encoding": encoding.name,
        "lines": line_count,
        "text_excerpt": "\n".join(excerpt)[:EXCERPT_CHARS],
    }
    return Extraction(facts=facts, warnings=warnings.as_list())
