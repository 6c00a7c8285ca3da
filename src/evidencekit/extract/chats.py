"""Chats: whichever app exported them, they become a list of messages.

A message is ``{"time", "sender", "text", "attachments", "line", "system"}``; ``time`` is ISO
8601 with its offset (None when the export gives none), ``sender`` None for system lines,
``attachments`` the file names it refers to, ``line`` where it starts in the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from evidencekit.extract.common import Warnings
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.text import decode_sample, detect_encoding, read_head
from evidencekit.model import Extraction


def message(
    time: str | None,
    sender: str | None,
    text: str,
    line: int | None,
    *,
    attachments: list[str] | None = None,
    system: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "time": time,
        "sender": sender,
        "text": text,
        "attachments": attachments or [],
        "line": line,
        "system": system,
        **extra,
    }


class MessageList:
    """Messages in file order, honouring ``max_rows``."""

    def __init__(self, options: ExtractOptions) -> None:
        self.items: list[dict[str, Any]] = []
        self.limit = options.max_rows
        self.seen = 0

    def add(self, item: dict[str, Any]) -> None:
        self.seen += 1
        if self.limit is None or len(self.items) < self.limit:
            self.items.append(item)

    @property
    def capped(self) -> bool:
        return len(self.items) < self.seen


def chat_facts(format_name: str, messages: MessageList, warnings: Warnings, **extra: Any) -> dict[str, Any]:
    """The facts every chat shares: participants in order of first appearance, time range."""
    participants: list[str] = []
    for item in messages.items:
        sender = item["sender"]
        if sender and not item["system"] and sender not in participants:
            participants.append(sender)
    times = sorted(item["time"] for item in messages.items if item["time"])
    if messages.capped:
        warnings.add(f"only the first {len(messages.items)} of {messages.seen} messages kept (max_rows)")
    if not messages.items:
        warnings.add("no messages were found")
    return {
        "format": format_name,
        "participants": participants,
        "start": times[0] if times else None,
        "end": times[-1] if times else None,
        "message_count": messages.seen,
        **extra,
        "messages": messages.items,
    }


def chat_captured_at(facts: dict[str, Any]) -> str | None:
    """A chat is evidence of what was said up to its last message."""
    end = facts.get("end")
    return end if isinstance(end, str) else None


# ----------------------------------------------------------------------------- which format

WECHAT_CSV_HEADER = re.compile(r"^\ufeff?localId,TalkerId,Type,SubType,IsSender,CreateTime", re.M)
WECHAT_TXT_FIRST_LINE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2} \S")
WECHAT_TXT_BLOCK = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2} \S[^\n]*\n(?!\d{4}-\d{2}-\d{2} )\S", re.M)


def chat_format_of(path: Path, mime: str) -> str | None:
    """'telegram', 'wechat-csv', 'wechat-txt', 'whatsapp', 'plain', or None if not a chat."""
    from evidencekit.extract import chats_plain, chats_whatsapp

    head = read_head(path, 64 * 1024)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        if re.search(rb'"messages"\s*:\s*\[', head) or re.search(rb'"chats"\s*:\s*\{', head):
            return "telegram"
        return None
    text = decode_sample(head, detect_encoding(head))
    if WECHAT_CSV_HEADER.search(text):
        return "wechat-csv"
    if chats_whatsapp.looks_like_whatsapp(text):
        return "whatsapp"
    first_line = text.lstrip("\ufeff\r\n").split("\n", 1)[0]
    if len(WECHAT_TXT_BLOCK.findall(text)) >= 2 and WECHAT_TXT_FIRST_LINE.match(first_line):
        return "wechat-txt"
    if chats_plain.looks_like_plain_chat(text):
        return "plain"
    return None


def extract_chat(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """A chat export in any supported form; an unknown text file is read as a plain chat."""
    from evidencekit.extract import (
        chats_plain,
        chats_telegram,
        chats_wechat,
        chats_whatsapp,
    )

    format_name = chat_format_of(path, mime)
    if format_name == "telegram" or (format_name is None and _looks_like_json(path)):
        return chats_telegram.extract_telegram(path, mime, options)
    if format_name == "wechat-csv":
        return chats_wechat.extract_wechat_csv(path, mime, options)
    if format_name == "wechat-txt":
        return chats_wechat.extract_wechat_txt(path, mime, options)
    if format_name == "whatsapp":
        return chats_whatsapp.extract_whatsapp(path, mime, options)
    return chats_plain.extract_plain_chat(path, mime, options)


def _looks_like_json(path: Path) -> bool:
    head = read_head(path, 4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith((b"{", b"[")):
        return False
    try:
        json.loads(head)
    except json.JSONDecodeError as error:
        # Cut off by our read, or broken: either way it meant to be JSON.
        return error.pos > 0
    return True
