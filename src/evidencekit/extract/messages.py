"""What every chat parser builds: messages, the capped list that holds them, and the facts.

Shared by the format parsers (chats_*.py) and the dispatcher (chats.py), which imports the
parsers: so it lives apart from both.
"""

from __future__ import annotations

import re
from typing import Any

from evidencekit.extract.common import MAX_EXTRA_KEPT, MAX_MESSAGE_CHARS, Warnings, clip
from evidencekit.extract.options import ExtractOptions
from evidencekit.i18n import msg

#: What an export writes in place of a file it left out, or of a message that is gone: a line
#: about a message, not what anyone said (WhatsApp in several languages, QQ and WeChat).
PLACEHOLDER = re.compile(
    r"^\s*(?:<Media omitted>|<Medien ausgeschlossen>|<Multimedia omitido>|<Médias omis>|<媒体文件已省略>|"
    r"<省略影音内容>|<附件[：:][^>]*>|(?:image|video|audio|sticker|GIF|document|Contact card) omitted|"
    r"This message was deleted|You deleted this message|此消息已删除|你删除了此消息|"
    r"\[(?:图片|语音|视频|表情|动画表情|文件|图片消息|语音消息|Image|Photo|Voice|Video|Sticker)\])\s*$",
    re.I)


def is_placeholder(text: str) -> bool:
    return bool(PLACEHOLDER.match(text.translate({0x200E: None, 0x200F: None})))


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


#: Participants named in facts, in order of first appearance (a group can have thousands).
MAX_PARTICIPANTS = 200
#: A disputed id shorter than this is too common a string to pick messages by.
MIN_NEEDLE = 6


class MessageList:
    """Messages in file order: the first ``max_rows`` kept, then only those naming a disputed id.

    Participants and the time range are taken from every message, kept or not.
    """

    def __init__(self, options: ExtractOptions) -> None:
        self.items: list[dict[str, Any]] = []
        self.limit = options.max_rows
        self.seen = 0
        self.first_kept: int | None = None  # set once max_rows were kept: how many
        self.participants: list[str] = []
        self.start: str | None = None
        self.end: str | None = None
        self._needles = [n.strip() for n in options.disputed_ids if len(n.strip()) >= MIN_NEEDLE]

    def add(self, item: dict[str, Any]) -> None:
        self.seen += 1
        sender, time = item["sender"], item["time"]
        if sender and not item["system"] and len(self.participants) < MAX_PARTICIPANTS \
                and sender not in self.participants:
            self.participants.append(sender)
        if time:
            self.start = time if self.start is None or time < self.start else self.start
            self.end = time if self.end is None or time > self.end else self.end
        if self.limit is not None and self.first_kept is None and len(self.items) >= self.limit:
            self.first_kept = len(self.items)
        if self.first_kept is not None:
            if len(self.items) - self.first_kept >= MAX_EXTRA_KEPT:
                return
            if not any(needle in item["text"] for needle in self._needles):
                return
        item["text"] = clip(item["text"], MAX_MESSAGE_CHARS)
        self.items.append(item)

    @property
    def capped(self) -> bool:
        return self.first_kept is not None


def append_line(item: dict[str, Any], line: str) -> None:
    """Add a continuation line to a message's text, keeping no more than the facts will hold."""
    text = item["text"]
    if len(text) <= MAX_MESSAGE_CHARS:
        item["text"] = f"{text}\n{line[:MAX_MESSAGE_CHARS + 1]}" if text else line[:MAX_MESSAGE_CHARS + 1]


def chat_facts(format_name: str, messages: MessageList, warnings: Warnings, **extra: Any) -> dict[str, Any]:
    """The facts every chat shares: participants in order of first appearance, time range."""
    if messages.first_kept is not None:
        more = len(messages.items) - messages.first_kept
        warnings.add(msg("warn.chat.capped_disputed" if more else "warn.chat.capped", first=messages.first_kept,
                         total=messages.seen, extra=more))
    if not messages.items:
        warnings.add(msg("warn.chat.none"))
    return {
        "format": format_name,
        "participants": messages.participants,
        "start": messages.start,
        "end": messages.end,
        "message_count": messages.seen,
        **extra,
        "messages": messages.items,
        "truncated": ({"first": messages.first_kept, "total": messages.seen}
                      if messages.first_kept is not None else None),
    }


def chat_captured_at(facts: dict[str, Any]) -> str | None:
    """A chat is evidence of what was said up to its last message."""
    end = facts.get("end")
    return end if isinstance(end, str) else None


# ----------------------------------------------------------------------------- which format
