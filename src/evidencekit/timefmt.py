"""Times as the dossier shows them: Beijing time (+08:00), whatever the source's offset."""

from __future__ import annotations

from datetime import date, datetime

from evidencekit.clock import CHINA_TZ


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 date or time; naive times are read as Beijing time. None if unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=CHINA_TZ)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CHINA_TZ)
    return moment


def beijing(value: object) -> datetime | None:
    moment = parse_time(value)
    return moment.astimezone(CHINA_TZ) if moment else None


def show_time(value: object, *, seconds: bool = True) -> str:
    """``2025-03-12 20:15:03`` in +08:00; the raw value when it cannot be read."""
    moment = beijing(value)
    if moment is None:
        return str(value or "")
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def show_time_human(value: object, lang: str = "zh", *, seconds: bool = True) -> str:
    """How a person reads a time: ``2025年3月12日 20:15:03`` (Beijing time); ``2025-03-12 20:15:03``
    in English. A date alone stays a date. The raw value when it cannot be read."""
    if isinstance(value, str) and len(value.strip()) == 10:
        moment = beijing(value)
        if moment is None:
            return value
        return moment.strftime("%Y-%m-%d") if lang == "en" else f"{moment.year}年{moment.month}月{moment.day}日"
    moment = beijing(value)
    if moment is None:
        return str(value or "")
    clock = moment.strftime("%H:%M:%S" if seconds else "%H:%M")
    if lang == "en":
        return f"{moment.strftime('%Y-%m-%d')} {clock}"
    return f"{moment.year}年{moment.month}月{moment.day}日 {clock}"


def offset_of(value: object) -> str | None:
    """The UTC offset written in the value (``+09:00``), None when it has none."""
    moment = parse_time(value)
    if moment is None or not isinstance(value, str) or len(value.strip()) == 10:
        return None
    text = value.strip()
    if text.endswith("Z"):
        return "+00:00"
    if len(text) > 19 and text[-6] in "+-":
        return text[-6:]
    return None


def frame_time(seconds: float) -> str:
    """``0:07.5``: where a frame is in a video, to a tenth of a second."""
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}"


def duration(seconds: object) -> str | None:
    """``1:02:03`` or ``4:05``; None when unknown."""
    if not isinstance(seconds, (int, float)) or seconds < 0:
        return None
    total = int(round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    text = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
    if seconds < 10 and seconds != int(seconds):
        text += f" ({seconds:.1f} s)"
    return text
