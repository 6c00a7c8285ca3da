"""WhatsApp ``.txt`` exports, Android (``12/03/2025, 14:05 - Name: text``) and iOS
(``[12/03/2025, 14:05:09] Name: text``).

The date format follows the phone's locale, so whether ``03/04`` is 3 April or 4 March is
decided from the whole file (any first field above 12 means day first, any second field
above 12 means month first, then which order keeps the dates in sequence), unless case.toml
says ``date_order``. Exports carry no UTC offset; times are read as +08:00 and facts say so.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from evidencekit.clock import CHINA_TZ, iso
from evidencekit.extract.common import MAX_MESSAGE_CHARS, Warnings
from evidencekit.extract.messages import MessageList, chat_captured_at, chat_facts, is_placeholder, message
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.text import encoding_of, iter_lines
from evidencekit.i18n import msg
from evidencekit.model import Extraction

#: Invisible direction marks WhatsApp sprinkles over iOS exports.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"))
_SPACES = "[ \u00a0\u202f]"

_DATE = r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
# Some locales put a word before the time: Finnish "12.3.2025 klo 20.41", Norwegian "kl. 20:41",
# Chinese the half of the day, with no space after it ("2025/3/12 下午8:41").
_AT = rf"(?:{_SPACES}(?P<at>[^\W\d_]{{1,4}}\.?){_SPACES}?|{_SPACES})"
_TIME = rf"(?P<time>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?)(?:{_SPACES}?(?P<ampm>[AaPp]\.?{_SPACES}?[Mm]\.?))?"
ANDROID_LINE = re.compile(rf"^{_DATE},?{_AT}{_TIME}{_SPACES}-{_SPACES}(?P<rest>.*)$")
IOS_LINE = re.compile(rf"^\[{_DATE},?{_AT}{_TIME}\]{_SPACES}(?P<rest>.*)$")
#: Chinese halves of the day before the time, and whether they are after noon.
AFTERNOON = {"下午": True, "晚上": True, "傍晚": True, "上午": False, "早上": False, "凌晨": False, "清晨": False}
# "Name: text", and "Name:text" as some exports and copies have it; a name holds no URL ("https://…").
AUTHOR = re.compile(r"^(?P<author>[^:]{1,60}?):(?!//)[ \u00a0]?(?P<text>.*)$", re.S)
#: WhatsApp's own notice heading every export, written as if the chat had said it.
NOTICE = re.compile(r"^(?:Messages and calls are end-to-end encrypted|Messages to this chat and calls are now secured|"
                    r"消息和通话已进行端到端加密|消息和通话都已进行端到端加密)")

ANDROID_ATTACHMENT = re.compile(r"(?P<name>[^\s/\\]+\.[A-Za-z0-9]{2,5}) \(file attached\)")
IOS_ATTACHMENT = re.compile(r"<attached: (?P<name>[^>]+)>")

TIMEZONE_NOTE = "+08:00 assumed: WhatsApp exports carry no UTC offset"


def looks_like_whatsapp(text: str) -> bool:
    """An export starts with a message line; long messages run over many lines, so after that
    a few more message lines suffice (a document quoting a chat does not start with one)."""
    lines = [line.translate(_MARKS) for line in text.splitlines()[:400] if line.strip()]
    hits = sum(1 for line in lines if ANDROID_LINE.match(line) or IOS_LINE.match(line))
    starts = bool(lines) and _header(lines[0]) is not None
    return (starts and hits >= min(2, len(lines))) or (hits >= 1 and hits * 3 >= len(lines))


def _date_parts(raw: str) -> tuple[int, int, int]:
    first, second, third = (int(part) for part in re.split(r"[./-]", raw))
    return first, second, third


class DateTally:
    """What the order of day and month must be, learnt one date at a time (nothing is kept)."""

    def __init__(self) -> None:
        self.count = 0
        self.all_year_first = True
        self.day_first = False
        self.month_first = False
        self.in_order = {"dmy": True, "mdy": True}
        self._last: dict[str, tuple[int, int, int] | None] = {"dmy": None, "mdy": None}

    def add(self, parts: tuple[int, int, int]) -> None:
        first, second, _ = parts
        self.count += 1
        self.all_year_first &= first > 31
        self.day_first |= first > 12
        self.month_first |= second > 12
        for order, still in self.in_order.items():
            if not still:
                continue
            key = _ymd(parts, order)
            last = self._last[order]
            if not (1 <= key[1] <= 12 and 1 <= key[2] <= 31) or (last is not None and last > key):
                self.in_order[order] = False
            self._last[order] = key

    def decide(self) -> tuple[str, bool]:
        """('dmy' | 'mdy' | 'ymd', decided)."""
        if self.count and self.all_year_first:
            return "ymd", True
        if self.day_first != self.month_first:
            return ("dmy" if self.day_first else "mdy"), True
        # Neither (or both, which is a broken file): prefer the order that keeps dates in sequence.
        if self.in_order["dmy"] != self.in_order["mdy"]:
            return ("dmy" if self.in_order["dmy"] else "mdy"), True
        return "dmy", False


def infer_date_order(dates: list[tuple[int, int, int]]) -> tuple[str, bool]:
    """('dmy' | 'mdy' | 'ymd', decided) from every date of the file."""
    tally = DateTally()
    for parts in dates:
        tally.add(parts)
    return tally.decide()


def _ymd(parts: tuple[int, int, int], order: str) -> tuple[int, int, int]:
    first, second, third = parts
    if order == "ymd":
        year, month, day = first, second, third
    elif order == "mdy":
        month, day, year = first, second, third
    else:
        day, month, year = first, second, third
    return (year + 2000 if year < 100 else year), month, day


def _clock(raw_time: str, ampm: str | None, at: str | None = None) -> tuple[int, int, int]:
    pieces = [int(piece) for piece in re.split(r"[:.]", raw_time)]
    hour, minute = pieces[0], pieces[1]
    second = pieces[2] if len(pieces) > 2 else 0
    if ampm:
        is_pm = ampm.strip().lower().startswith("p")
        hour = hour % 12 + (12 if is_pm else 0)
    elif at in AFTERNOON:
        hour = hour % 12 + (12 if AFTERNOON[at] else 0)
    elif at == "中午":
        hour = hour if hour >= 11 else hour + 12  # 中午12:30 is 12:30, 中午1:00 13:00
    return hour, minute, second


def _attachments(text: str) -> list[str]:
    names = [match.group("name") for match in ANDROID_ATTACHMENT.finditer(text)]
    names += [match.group("name").strip() for match in IOS_ATTACHMENT.finditer(text)]
    return names


def _header(line: str) -> re.Match[str] | None:
    return IOS_LINE.match(line) or ANDROID_LINE.match(line)


def extract_whatsapp(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Messages of a WhatsApp export, with continuation lines joined to their message.

    Two passes, so the file is never held whole: every date first (which order is day and
    month in), then the messages.
    """
    warnings = Warnings(path)
    tally = DateTally()
    variant: str | None = None
    for _, raw_line in iter_lines(path):
        match = _header(raw_line.translate(_MARKS))
        if match is not None:
            variant = variant or ("whatsapp-ios" if match.re is IOS_LINE else "whatsapp-android")
            tally.add(_date_parts(match.group("date")))
    order, source = _choose_date_order(tally, options, warnings)

    messages = MessageList(options)
    current: dict[str, Any] | None = None

    def flush() -> None:
        if current is not None:
            current["text"] = current["text"].rstrip("\n")
            current["attachments"] = _attachments(current["text"])
            messages.add(current)

    for number, raw_line in iter_lines(path, warnings):
        line = raw_line.translate(_MARKS)
        match = _header(line)
        if match is None:
            if current is not None:
                if len(current["text"]) <= MAX_MESSAGE_CHARS:  # the facts keep no more
                    current["text"] += "\n" + line[:MAX_MESSAGE_CHARS + 1]
            elif line.strip():
                warnings.add(msg("warn.whatsapp.text_before"), number)
            continue
        flush()
        author = AUTHOR.match(match.group("rest"))
        year, month, day = _ymd(_date_parts(match.group("date")), order)
        hour, minute, second = _clock(match.group("time"), match.group("ampm"), match.group("at"))
        try:
            moment: str | None = iso(datetime(year, month, day, hour, minute, second, tzinfo=CHINA_TZ))
        except ValueError:
            moment = None
            warnings.add(msg("warn.whatsapp.date", value=_date_parts(match.group("date")), order=order), number)
        sender = author.group("author").strip() if author else None
        text = author.group("text") if author else match.group("rest")
        current = message(moment, sender, text, number, system=sender is None or is_placeholder(text)
                          or bool(NOTICE.match(text.strip())))
    flush()
    facts = chat_facts(
        variant or "whatsapp-android", messages, warnings,
        encoding=encoding_of(path).name, date_order=order, date_order_source=source, timezone=TIMEZONE_NOTE,
    )
    return Extraction(kind="chat", facts=facts, warnings=warnings.as_list(), captured_at=chat_captured_at(facts))


def _choose_date_order(tally: DateTally, options: ExtractOptions, warnings: Warnings) -> tuple[str, str]:
    if options.date_order:
        wanted = options.date_order.strip().lower()
        if wanted in ("dmy", "mdy", "ymd"):
            return wanted, "case.toml"
        warnings.add(msg("warn.whatsapp.date_order", value=repr(options.date_order)))
    order, decided = tally.decide()
    if decided:
        return order, "inferred"
    if tally.count:
        warnings.add(msg("warn.whatsapp.ambiguous"))
    return order, "assumed"
