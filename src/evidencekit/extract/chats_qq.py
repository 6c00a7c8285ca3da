"""QQ's own chat exports (消息管理器 → 导出消息记录): the text file (UTF-16 or UTF-8) and the
.mht web archive (read at the end of this module).

A heading, then for each conversation a block naming its group and partner::

    消息记录（此消息记录为文本格式，不支持重新导入）

    ================================================================
    消息分组:我的好友
    ================================================================
    消息对象:张三
    ================================================================

    2025-03-12 20:41:07 张三(123456789)
    text, over as many lines as it takes

Each message starts with a line ``time 昵称(QQ号)`` or ``time 昵称<e-mail>`` (a group title
such as ``【管理员】`` may come first); its text follows to the next such line. Nicknames change,
the number does not: each message keeps both. Times are local (+08:00).
"""

from __future__ import annotations

import binascii
import codecs
import re
from collections.abc import Callable, Iterator
from email.parser import BytesHeaderParser
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from evidencekit.extract.common import MAX_CELL_CHARS, MAX_MESSAGE_CHARS, Warnings, clip, local_iso
from evidencekit.extract.messages import MessageList, append_line, chat_captured_at, chat_facts, message
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.text import encoding_of, iter_lines
from evidencekit.i18n import msg
from evidencekit.model import Extraction

TITLE = "消息记录（此消息记录为文本格式，不支持重新导入）"
RULE = re.compile(r"^={16,}\s*$")
LABELLED = re.compile(r"^(?P<label>消息分组|消息对象)[:：](?P<value>.*)$")
HEADER = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2}) (?P<clock>\d{1,2}:\d{2}:\d{2}) (?:【[^】]{1,20}】)?(?P<name>.*?)"
    r"(?:\((?P<number>\d{4,12})\)|<(?P<mail>[^<>\s]+@[^<>\s]+)>)\s*$"
)
#: QQ's system account (群通知, 离线文件 receipts): its lines are about the chat, not part of it.
SYSTEM_NUMBERS = {"10000", "1000000"}
MAX_CONVERSATIONS = 200


STAMPED = re.compile(r"^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}:\d{2} ")


def looks_like_qq(text: str) -> bool:
    """QQ's heading; or its conversation block followed by a message line; or, with the heading
    cut off, message lines that nearly all name a QQ number or e-mail after the nickname."""
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines()[:400]]
    if lines and lines[0] == TITLE:
        return True
    qq_lines = sum(1 for line in lines if HEADER.match(line))
    if any(line.startswith(("消息对象:", "消息对象：")) for line in lines) and qq_lines >= 1:
        return True
    stamped = sum(1 for line in lines if STAMPED.match(line))
    return qq_lines >= 2 and qq_lines * 5 >= stamped * 4


def extract_qq_txt(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Messages of a QQ text export, each with its sender's nickname and QQ number (or e-mail)."""
    warnings = Warnings(path)
    messages = MessageList(options)
    groups: list[str] = []
    conversations: list[str] = []
    current: dict[str, Any] | None = None
    conversation: str | None = None

    def flush() -> None:
        if current is not None:
            current["text"] = current["text"].strip("\n")
            messages.add(current)

    for number, line in iter_lines(path, warnings):
        header = HEADER.match(line)
        if header is not None:
            flush()
            current = _message(header, number, conversation)
            if current["time"] is None:
                warnings.add(msg("warn.qq.time", value=f"{header.group('date')} {header.group('clock')}"), number)
            continue
        labelled = LABELLED.match(line.strip())
        if labelled is not None or RULE.match(line) or line.strip() == TITLE:
            flush()
            current = None
            if labelled is not None:
                value = clip(labelled.group("value").strip(), MAX_CELL_CHARS)
                names = groups if labelled.group("label") == "消息分组" else conversations
                if labelled.group("label") == "消息对象":
                    conversation = value
                if value not in names and len(names) < MAX_CONVERSATIONS:
                    names.append(value)
            continue
        if current is not None:
            append_line(current, line)
        elif line.strip():
            warnings.add(msg("warn.chat.text_before"), number)
    flush()
    facts = chat_facts("qq-txt", messages, warnings, encoding=encoding_of(path).name, timezone="+08:00",
                       groups=groups, conversations=conversations)
    return Extraction(kind="chat", facts=facts, warnings=warnings.as_list(), captured_at=chat_captured_at(facts))


def _message(header: re.Match[str], line: int, conversation: str | None) -> dict[str, Any]:
    qq_number, mail = header.group("number"), header.group("mail")
    name = header.group("name").strip() or qq_number or mail
    system = qq_number in SYSTEM_NUMBERS or name == "系统消息"
    extra: dict[str, Any] = {"sender_id": qq_number or mail}
    if conversation is not None:
        extra["conversation"] = conversation
    return message(local_iso(f"{header.group('date')} {header.group('clock')}"), name, "", line,
                   system=system, **extra)


# ----------------------------------------------------------------------------- the .mht export

#: How QQ's .mht export (MIME HTML: the page first, then its pictures) names itself.
MHT_MARKERS = (b"Save by Tencent MsgMgr", b"Tencent IM Message")
MHT_HEADER_BYTES = 64 * 1024
MHT_LINE_BYTES = 1 << 20
SENDER = re.compile(r"^(?P<name>.*?)(?:\((?P<number>\d{4,12})\)|<(?P<mail>[^<>\s]+@[^<>\s]+)>)?$", re.S)
PICTURE = "[图片]"


def looks_like_qq_mht(head: bytes) -> bool:
    return any(marker in head[:4096] for marker in MHT_MARKERS)


def extract_qq_mht(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Messages of a QQ .mht export: its HTML page is read as a stream (the pictures after it,
    often most of the file, are never decoded), one table row a date, heading or message."""
    warnings = Warnings(path)
    page = _QQPage(MessageList(options), warnings)
    charset = "utf-8"
    for chunk, charset in _html_part(path, warnings):  # noqa: B007 - the last charset is the page's
        page.feed(chunk)
    page.close()
    facts = chat_facts("qq-mht", page.messages, warnings, encoding=charset, timezone="+08:00",
                       groups=page.groups, conversations=page.conversations)
    return Extraction(kind="chat", facts=facts, warnings=warnings.as_list(), captured_at=chat_captured_at(facts))


def _html_part(path: Path, warnings: Warnings) -> Iterator[tuple[str, str]]:
    """(decoded text, charset) of the first text/html part, in pieces, line by line."""
    with path.open("rb") as handle:
        head = b""
        while len(head) < MHT_HEADER_BYTES:
            line = handle.readline(MHT_LINE_BYTES)
            if not line or not line.strip():
                break
            head += line
        top = BytesHeaderParser().parsebytes(head)
        boundary = top.get_param("boundary")
        if not isinstance(boundary, str) or not boundary:
            warnings.add(msg("warn.qq.mht_no_page"))
            return
        delimiter = b"--" + boundary.encode("latin-1")
        default_charset = str(top.get_param("charset") or "utf-8")
        part_head: bytes | None = None  # headers of the part being read, until its blank line
        decode: Callable[[bytes], bytes] | None = None
        decoder: codecs.IncrementalDecoder | None = None
        charset = default_charset
        leftover = b""
        for line in iter(lambda: handle.readline(MHT_LINE_BYTES), b""):
            if line.startswith(delimiter):
                if decoder is not None:  # the page has ended: the pictures are not read
                    tail = decoder.decode(decode(leftover) if decode is not None and leftover else b"", final=True)
                    if tail:
                        yield tail, charset
                    return
                part_head = b""
                continue
            if part_head is not None:
                if line.strip():
                    part_head += line
                    continue
                headers = BytesHeaderParser().parsebytes(part_head)
                part_head = None
                if headers.get_content_type() == "text/html":
                    charset = str(headers.get_param("charset") or default_charset)
                    try:
                        decoder = codecs.getincrementaldecoder(charset)("replace")
                    except LookupError:
                        charset, decoder = "utf-8", codecs.getincrementaldecoder("utf-8")("replace")
                    decode = _transfer_decoder(str(headers.get("Content-Transfer-Encoding", "8bit")))
                continue
            if decoder is None or decode is None:
                continue
            if decode is _base64_line:
                leftover += b"".join(line.split())
                whole = len(leftover) - len(leftover) % 4
                line, leftover = leftover[:whole], leftover[whole:]
            yield decoder.decode(decode(line)), charset
        if decoder is None:
            warnings.add(msg("warn.qq.mht_no_page"))


def _base64_line(data: bytes) -> bytes:
    try:
        return binascii.a2b_base64(data)
    except binascii.Error:
        return b""


def _transfer_decoder(name: str) -> Callable[[bytes], bytes]:
    name = name.strip().lower()
    if name == "quoted-printable":
        return binascii.a2b_qp  # a soft line break "=" at the end of a line joins it to the next
    if name == "base64":
        return _base64_line
    return bytes


class _QQPage(HTMLParser):
    """One ``<tr>`` at a time: a date row (``日期: 2025-03-12``), a heading (消息分组, 消息对象)
    or a message (a sender and time, then the text, ``<br>`` a line break, a picture ``[图片]``)."""

    def __init__(self, messages: MessageList, warnings: Warnings) -> None:
        super().__init__(convert_charrefs=True)
        self.messages, self.warnings = messages, warnings
        self.groups: list[str] = []
        self.conversations: list[str] = []
        self.conversation: str | None = None
        self.date: str | None = None
        self.rows = 0
        self._row: list[dict[str, list[str]]] | None = None  # the row's top-level divs
        self._loose: list[str] = []  # text in the row outside any div
        self._depth = 0
        self._chars = 0  # read into this row: a row is kept no longer than a message is

    def _sink(self) -> list[str] | None:
        if self._row is None:
            return None
        if self._depth == 0 or not self._row:
            return self._loose
        return self._row[-1]["inner" if self._depth > 1 else "own"]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._row, self._loose, self._depth, self._chars = [], [], 0, 0
        elif self._row is None:
            return
        elif tag == "div":
            self._depth += 1
            if self._depth == 1:
                self._row.append({"own": [], "inner": []})
        elif tag == "br":
            sink = self._sink()
            if sink is not None:
                sink.append("\n")
        elif tag == "img":
            sink = self._sink()
            if sink is not None:
                sink.append(PICTURE)

    def handle_endtag(self, tag: str) -> None:
        if self._row is None:
            return
        if tag == "div":
            self._depth = max(0, self._depth - 1)
        elif tag == "tr":
            self.rows += 1
            self._end_row(self._row, "".join(self._loose))
            self._row = None

    def handle_data(self, data: str) -> None:
        sink = self._sink()
        if sink is not None and self._chars <= MAX_MESSAGE_CHARS:
            sink.append(data[: MAX_MESSAGE_CHARS + 1])
            self._chars += len(sink[-1])

    def _end_row(self, divs: list[dict[str, list[str]]], loose: str) -> None:
        if not divs:
            date = loose.replace("\xa0", " ").strip()
            if date.startswith("日期:"):
                self.date = date.removeprefix("日期:").strip()
            return
        if len(divs) == 1:
            text = "".join(divs[0]["own"] + divs[0]["inner"]).replace("\xa0", " ").strip()
            labelled = LABELLED.match(text)
            if labelled is not None:
                value = clip(labelled.group("value").strip(), MAX_CELL_CHARS)
                names = self.groups if labelled.group("label") == "消息分组" else self.conversations
                if labelled.group("label") == "消息对象":
                    self.conversation = value
                if value not in names and len(names) < MAX_CONVERSATIONS:
                    names.append(value)
            return
        who = "".join(divs[0]["inner"]).replace("\xa0", " ").strip()
        clock = "".join(divs[0]["own"]).strip()
        text = "".join("".join(div["own"] + div["inner"]) for div in divs[1:]).replace("\xa0", " ").strip("\n")
        sender = SENDER.match(who)
        name = sender.group("name").strip() if sender else who
        number = sender.group("number") if sender else None
        mail = sender.group("mail") if sender else None
        time = local_iso(f"{self.date} {clock}") if self.date else None
        if time is None:
            self.warnings.add(msg("warn.qq.time", value=f"{self.date or '?'} {clock}"),
                              where=msg("warn.where.message_index", n=self.messages.seen + 1))
        extra: dict[str, Any] = {"sender_id": number or mail}
        if self.conversation is not None:
            extra["conversation"] = self.conversation
        system = number in SYSTEM_NUMBERS or name in ("系统消息", "")
        self.messages.add(message(time, name or None, text, None, system=system, **extra))
