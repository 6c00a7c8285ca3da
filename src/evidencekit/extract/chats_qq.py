"""QQ's own chat export (消息管理器 → 导出消息记录 → 文本文件), UTF-16 or UTF-8.

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

import re
from pathlib import Path
from typing import Any

from evidencekit.extract.common import MAX_CELL_CHARS, Warnings, clip, local_iso
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


def looks_like_qq(text: str) -> bool:
    """QQ's heading, or its conversation block followed by message lines."""
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines()[:200]]
    if lines and lines[0] == TITLE:
        return True
    return any(line.startswith(("消息对象:", "消息对象：")) for line in lines) and \
        sum(1 for line in lines if HEADER.match(line)) >= 1


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
