"""WeChat chats exported by 留痕 (MemoTrace, LC044/WeChatMsg): CSV and TXT.

CSV header ``localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,
Remark,NickName,Sender``; private chats fill only the first 9 fields. Type codes: 1 text,
3 image, 34 voice, 43 video, 47 sticker, 49 app message (sub-type 6 file, 5 link, 57
reply), 10000 system. TXT: blocks of ``{StrTime} {name}\\n{content}\\n\\n``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from evidencekit.extract.common import MAX_MESSAGE_CHARS, Warnings, epoch_iso, local_iso
from evidencekit.extract.messages import MessageList, chat_captured_at, chat_facts, message
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.text import encoding_of, iter_csv_rows, iter_lines
from evidencekit.i18n import msg
from evidencekit.model import Extraction

ME = "我"
OTHER_PARTY = "对方"
PRIVATE_FIELDS = 9
PLACEHOLDERS = {3: "[图片]", 34: "[语音]", 43: "[视频]", 47: "[表情包]"}
TXT_HEADER = re.compile(r"^(?P<time>\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2}) (?P<sender>\S.*)$")

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_URL = re.compile(r"<url>(.*?)</url>", re.S)
_VOICE_LENGTH = re.compile(r'voicelength="(\d+)"')


def _xml_field(pattern: re.Pattern[str], content: str) -> str:
    match = pattern.search(content)
    return html.unescape(match.group(1)).strip() if match else ""


def _content(type_code: int, sub_type: int, content: str) -> tuple[str, list[str], dict[str, Any]]:
    """(text shown, attachment names, extra facts) for one 留痕 row."""
    if type_code == 1 or type_code == 10000:
        return content, [], {}
    if type_code == 34:
        length = _VOICE_LENGTH.search(content)
        if length:
            seconds = round(int(length.group(1)) / 1000, 1)
            return f"[语音 {seconds:g}秒]", [], {"duration_seconds": seconds}
        return "[语音]", [], {}
    if type_code in PLACEHOLDERS:
        return PLACEHOLDERS[type_code], [], {}
    if type_code == 49:
        title = _xml_field(_TITLE, content)
        if sub_type == 6:
            return f"[文件] {title}".strip(), [title] if title else [], {}
        if sub_type == 5:
            url = _xml_field(_URL, content)
            return f"[链接] {title} {url}".strip(), [], {}
        if sub_type == 57:
            return title or "[引用]", [], {}
        return f"[应用消息] {title}".strip(), [], {}
    return content or f"[消息类型 {type_code}]", [], {}


def extract_wechat_csv(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """A 留痕 CSV: one row per message, the header naming the columns."""
    warnings = Warnings(path)
    messages = MessageList(options)
    encoding = encoding_of(path)
    columns: dict[str, int] = {}
    for line, row in iter_csv_rows(path, warnings):
        if not columns:
            columns = {name.strip().lstrip("\ufeff"): index for index, name in enumerate(row)}
            if not {"Type", "IsSender", "StrContent"} <= set(columns):
                warnings.add(msg("warn.wechat.not_liuhen"), line)
                break
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < PRIVATE_FIELDS:
            warnings.add(msg("warn.wechat.row_short", fields=len(row), needed=PRIVATE_FIELDS), line)
            continue
        messages.add(_csv_message(row, columns, line, warnings))
    facts = chat_facts("wechat-csv", messages, warnings, encoding=encoding.name, timezone="+08:00")
    return Extraction(kind="chat", facts=facts, warnings=warnings.as_list(), captured_at=chat_captured_at(facts))


def _csv_message(row: list[str], columns: dict[str, int], line: int, warnings: Warnings) -> dict[str, Any]:
    def cell(name: str) -> str:
        index = columns.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""

    try:
        type_code, sub_type = int(cell("Type") or 0), int(cell("SubType") or 0)
    except ValueError:
        warnings.add(msg("warn.wechat.type", value=repr(cell("Type"))), line)
        type_code, sub_type = 1, 0
    from_me = cell("IsSender") == "1"
    time = local_iso(cell("StrTime")) or epoch_iso(cell("CreateTime"))
    if time is None:
        warnings.add(msg("warn.wechat.time", value=repr(cell("StrTime"))), line)
    raw_content = row[columns["StrContent"]] if columns["StrContent"] < len(row) else ""
    text, attachments, extra = _content(type_code, sub_type, raw_content.replace("\r\n", "\n"))
    system = type_code == 10000
    if system:
        sender = None
    elif from_me:
        sender = ME
    else:
        sender = cell("Remark") or cell("NickName") or cell("Sender") or OTHER_PARTY
    return message(time, sender, text, line, attachments=attachments, system=system,
                   from_me=from_me, type=type_code, **extra)


def extract_wechat_txt(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """A 留痕 TXT: ``time sender`` header lines, then the content up to the next header."""
    warnings = Warnings(path)
    messages = MessageList(options)
    current: dict[str, Any] | None = None
    body: list[str] = []
    body_chars = 0

    def flush() -> None:
        if current is not None:
            current["text"] = "\n".join(body).strip("\n")
            messages.add(current)

    for number, line in iter_lines(path, warnings):
        header = TXT_HEADER.match(line)
        if header:
            flush()
            sender = header.group("sender").strip()
            current = message(local_iso(header.group("time")), sender, "", number, from_me=sender == ME)
            body, body_chars = [], 0
        elif current is not None and body_chars <= MAX_MESSAGE_CHARS:  # the facts keep no more
            body.append(line[:MAX_MESSAGE_CHARS + 1])
            body_chars += len(body[-1]) + 1
        elif line.strip():
            warnings.add(msg("warn.chat.text_before"), number)
    flush()
    facts = chat_facts("wechat-txt", messages, warnings, timezone="+08:00")
    return Extraction(kind="chat", facts=facts, warnings=warnings.as_list(), captured_at=chat_captured_at(facts))
