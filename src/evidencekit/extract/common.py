"""Small helpers every extractor shares: warnings that name the file, amounts, local times."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from evidencekit.clock import CHINA_TZ, iso
from evidencekit.i18n import Message, msg

#: At most this many warnings of one file are kept; the rest are counted.
MAX_WARNINGS = 50
#: Free text of one bill cell, and of one chat message, kept in facts (the original has it all).
MAX_CELL_CHARS = 500
MAX_MESSAGE_CHARS = 4000
#: Disputed rows, and messages naming a disputed id, kept beyond ``max_rows``.
MAX_EXTRA_KEPT = 200

_CENT = Decimal("0.01")


@dataclass
class Warnings:
    """Collects warnings for one file, each a catalog message naming the file and where in it
    (``warn.*`` codes; their English text is what the manifest keeps)."""

    path: Path
    messages: list[Message] = field(default_factory=list)
    dropped: int = 0

    def add(self, message: Message, line: int | None = None, *, where: Message | None = None) -> None:
        if len(self.messages) >= MAX_WARNINGS:
            self.dropped += 1
            return
        if line is not None:
            where = msg("warn.where.line", n=line)
        if where is not None:
            self.messages.append(msg("warn.in_file_at", name=self.path.name, where=where, message=message))
        else:
            self.messages.append(msg("warn.in_file", name=self.path.name, message=message))

    def as_list(self) -> list[Message]:
        if self.dropped:
            return [*self.messages, msg("warn.more_not_shown", name=self.path.name, n=self.dropped)]
        return list(self.messages)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with '…' where it was cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def clean_cell(value: object) -> str:
    """A cell as text without the padding exports add: spaces, TABs, BOMs, a lone '/'."""
    if value is None:
        return ""
    text = str(value).strip().strip("\ufeff").strip()
    return "" if text in ("/", "-") else text


_AMOUNT_NOISE = re.compile(r"[¥￥,，\s元]")


def parse_amount(value: object) -> Decimal | None:
    """``'¥1,234.5'``, ``'218.00'``, 100 or 100.0 as a Decimal with at least two places; None if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)  # shortest round-trip text, so 0.1 stays 0.1
    text = _AMOUNT_NOISE.sub("", str(value)) if value is not None else ""
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    quantized = amount.quantize(_CENT)
    return quantized if quantized == amount else amount


def format_amount(amount: Decimal) -> str:
    return format(amount, "f")


_LOCAL_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
)


def parse_local_time(value: object) -> datetime | None:
    """A wall-clock time of the exporting app, read as Asia/Shanghai (+08:00)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=CHINA_TZ)
    text = re.sub(r"\s+", " ", clean_cell(value))
    if not text:
        return None
    for fmt in _LOCAL_TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=CHINA_TZ)
        except ValueError:
            continue
    return None


def local_iso(value: object) -> str | None:
    moment = parse_local_time(value)
    return iso(moment) if moment else None


def epoch_iso(seconds: object) -> str | None:
    """Unix seconds (int or numeric string) as ISO 8601 in +08:00."""
    try:
        return iso(datetime.fromtimestamp(int(str(seconds).strip()), tz=CHINA_TZ))
    except (ValueError, OverflowError, OSError):
        return None
