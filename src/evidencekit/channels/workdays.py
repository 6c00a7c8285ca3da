"""Working days as the State Council's yearly holiday schedule sets them, 调休 included.

Chinese 工作日 are not Monday to Friday: the yearly 国务院办公厅 notice moves days off and makes
some Saturdays and Sundays working days. The maintained ``chinese-calendar`` package carries
those schedules; this module asks it, and falls back to Monday–Friday (and says so) for a year
it does not know yet. A period whose last day is a public holiday or rest day ends on the next
working day (民法典 第二百零三条; 民事诉讼法 第八十五条): :func:`deadline` flags it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

HOLIDAY_NAMES = {
    "New Year's Day": ("元旦", "New Year's Day"),
    "Spring Festival": ("春节", "Spring Festival"),
    "Tomb-sweeping Day": ("清明节", "Qingming Festival"),
    "Labour Day": ("劳动节", "Labour Day"),
    "Dragon Boat Festival": ("端午节", "Dragon Boat Festival"),
    "National Day": ("国庆节", "National Day"),
    "Mid-autumn Festival": ("中秋节", "Mid-Autumn Festival"),
}


@lru_cache(maxsize=1)
def known_years() -> tuple[int, int]:
    """The first and last year whose holiday schedule the calendar knows."""
    days = sorted(chinese_calendar.holidays) + sorted(chinese_calendar.workdays)
    return min(days).year, max(d.year for d in chinese_calendar.holidays)


def knows(day: date) -> bool:
    first, last = known_years()
    return first <= day.year <= last


def is_working_day(day: date) -> bool:
    """A working day by the State Council schedule; Monday–Friday for a year it does not know."""
    if knows(day):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def holiday_name(day: date, lang: str = "zh") -> str | None:
    """The public holiday ``day`` falls in (春节, 国庆节 …), None for an ordinary day or weekend."""
    if not knows(day):
        return None
    on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if not on_holiday or not name:
        return None
    pair = HOLIDAY_NAMES.get(str(name), (str(name), str(name)))
    return pair[1] if lang == "en" else pair[0]


@dataclass(frozen=True)
class Deadline:
    """The end of a period: ``day`` as counted, whether it is a rest day, and the next working day."""

    day: date
    rest_day: bool  # the last day is a public holiday or weekend (民法典 第二百零三条)
    next_working: date  # where the period ends when the last day is a rest day
    holiday: str | None  # the holiday's name (zh), when it is one
    beyond_calendar: bool  # the period reaches a year whose schedule is not known

    def note(self, lang: str = "zh") -> str:
        """A sentence flagging a rest day and an unknown year; empty when there is nothing to say."""
        parts = []
        if self.rest_day and lang == "en":
            name = next((en for zh, en in HOLIDAY_NAMES.values() if zh == self.holiday), None)
            what = f"in the {name} holiday" if name else "a rest day"
            parts.append(f"{self.day} is {what}: under Civil Code Art. 203 the period ends on the next "
                         f"working day, {self.next_working}")
        elif self.rest_day:
            what = f"{self.holiday}假期" if self.holiday else "休息日"
            parts.append(f"{self.day} 是{what}，依民法典第二百零三条，期间顺延至 {self.next_working}")
        if self.beyond_calendar:
            parts.append(calendar_warning(lang))
        return ("; " if lang == "en" else "；").join(parts)


def calendar_warning(lang: str = "zh") -> str:
    first, last = known_years()
    if lang == "en":
        return (f"the holiday schedule is known for {first}–{last} only; later working days are counted "
                f"Monday to Friday: check the State Council's notice")
    return f"放假安排只收录了 {first}–{last} 年，之后的工作日按周一至周五计算，请以国务院办公厅通知为准"


def calendar_note(lang: str = "zh") -> str:
    """Which calendar working days are counted by, for the output."""
    first, last = known_years()
    if lang == "en":
        return f"working days per the State Council holiday schedule ({first}–{last}, make-up days included)"
    return f"工作日按国务院办公厅公布的放假安排计算（已收录 {first}–{last} 年，含调休）"


def add_days(start: date, days: int, working: bool = False) -> date:
    """``start`` plus ``days`` calendar days, or working days; the start day is not counted
    (民法典 第二百零一条)."""
    if not working:
        return start + timedelta(days=days)
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            left -= 1
    return current


def deadline(start: date, days: int, working: bool = False) -> Deadline:
    """The end of a period of ``days`` from ``start``, flagged when it falls on a rest day."""
    day = add_days(start, days, working)
    rest = not is_working_day(day)
    following = day
    while not is_working_day(following):
        following += timedelta(days=1)
    return Deadline(day=day, rest_day=rest, next_working=following, holiday=holiday_name(day),
                    beyond_calendar=not knows(day))


__all__ = ["Deadline", "add_days", "calendar_note", "calendar_warning", "deadline", "holiday_name",
           "is_working_day", "known_years", "knows"]
