"""Chats kept as plain text: copied out of an app, typed up, or saved by a phone.

Accepted shapes, mixed freely, with continuation lines joined to the message above:
``2025-03-12 14:05 客服：text``, ``[2025-03-13 09:00:00] 客服: text``,
``客服 2025-03-12 14:05:09`` or ``2025-03-12 14:05:09 客服`` on a line of its own with the
text below (QQ and WeChat style). A file with no times at all may use ``客服：text`` lines.
Times are read as +08:00.
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

_STAMP = (
    r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
    r"[ T\u3000]*(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)"
)
_SENDER = r"(?P<sender>[^\s:：\[\]][^:：\[\]]{0,29}?)"
TIMED_LINE = re.compile(rf"^\s*\[?{_STAMP}\]?\s+{_SENDER}\s*[:：]\s?(?P<text>.*)$")
STAMP_THEN_SENDER = re.compile(rf"^\s*\[?{_STAMP}\]?\s+{_SENDER}\s*$")
SENDER_THEN_STAMP = re.compile(rf"^\s*{_SENDER}\s+\[?{_STAMP}\]?\s*$")
UNTIMED_LINE = re.compile(r"^\s*(?P<sender>[^\s:：\d][^:：]{0,19}?)\s*[:：]\s?(?P<text>.+)$")


def _normal_date(raw: str) -> str:
    return re.sub(r"[年月/.]", "-", raw).rstrip("日")


def _time(match: re.Match[str]) -> str | None:
    return local_iso(f"{_normal_date(match.group('date'))} {match.group('clock')}")


def looks_like_plain_chat(text: str) -> bool:
    """At least two lines that carry a time and a speaker, and a fair share of all lines
    (messages run over several lines, but a document that quotes a chat is not one)."""
    lines = [line for line in text.splitlines()[:400] if line.strip()]
    stamped = sum(1 for line in lines if TIMED_LINE.match(line) or STAMP_THEN_SENDER.match(line)
                  or SENDER_THEN_STAMP.match(line))
    return stamped >= 2 and stamped * 5 >= len(lines)


def extract_plain_chat(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Messages from a chat kept as text; lines before the first message become its heading."""
    warnings = Warnings(path)
    # Two passes, so the file is never held whole: does any line carry a time, then the messages.
    has_times = any(TIMED_LINE.match(line) or STAMP_THEN_SENDER.match(line) or SENDER_THEN_STAMP.match(line)
                    for _, line in iter_lines(path))
    messages = MessageList(options)
    heading: list[str] = []
    current: dict[str, Any] | None = None
    for number, line in iter_lines(path, warnings):
        started = _message_start(line, number, has_times)
        if started is not None:
            if current is not None:
                current["text"] = current["text"].strip("\n")
                messages.add(current)
            current = started
        elif current is not None:
            append_line(current, line)
        elif line.strip() and len(heading) < 5:
            heading.append(clip(line.strip(), MAX_CELL_CHARS))
    if current is not None:
        current["text"] = current["text"].strip("\n")
        messages.add(current)
    if not has_times and messages.items:
        warnings.add(msg("warn.chat.no_times"))
    facts = chat_facts("plain", messages, warnings, encoding=encoding_of(path).name, timezone="+08:00")
    if heading:
        facts["heading"] = "\n".join(heading[:5])
    return Extraction(kind="chat", facts=facts, warnings=warnings.as_list(), captured_at=chat_captured_at(facts))


def _message_start(line: str, number: int, has_times: bool) -> dict[str, Any] | None:
    for pattern in (TIMED_LINE, STAMP_THEN_SENDER, SENDER_THEN_STAMP):
        match = pattern.match(line)
        if match:
            text = match.groupdict().get("text") or ""
            return message(_time(match), match.group("sender").strip(), text, number)
    if not has_times:
        match = UNTIMED_LINE.match(line)
        if match:
            return message(None, match.group("sender").strip(), match.group("text"), number)
    return None
