"""Working days on the State Council calendar (holidays and 调休 make-up days), and deadlines
that end on a rest day flagged (民法典 第二百零三条)."""

from __future__ import annotations

from datetime import date

import pytest

from evidencekit.channels import check_case, compute_escalation
from evidencekit.channels.rules import add_days
from evidencekit.channels.workdays import calendar_note, deadline, is_working_day, known_years

from .conftest import FULL_ITEMS, edited, full_case


@pytest.mark.parametrize("start, days, expected", [
    (date(2025, 1, 24), 7, date(2025, 2, 10)),   # 春节 1/28–2/4 off, 1/26 and 2/8 worked
    (date(2025, 4, 30), 7, date(2025, 5, 14)),   # 劳动节 5/1–5/5 off
    (date(2025, 9, 30), 7, date(2025, 10, 16)),  # 国庆·中秋 10/1–10/8 off, 10/11 worked
    (date(2025, 9, 30), 45, date(2025, 12, 9)),  # SAMR Art. 21(5)
    (date(2025, 3, 14), 7, date(2025, 3, 25)),   # an ordinary fortnight
])
def test_working_days_on_the_2025_calendar(start, days, expected):
    assert add_days(start, days, working=True) == expected


def test_make_up_days_are_working_days():
    assert is_working_day(date(2025, 1, 26)) and is_working_day(date(2025, 2, 8))  # Sunday, Saturday
    assert not is_working_day(date(2025, 2, 4)) and not is_working_day(date(2025, 10, 8))


def test_calendar_days_exclude_the_start_day():
    assert add_days(date(2025, 9, 22), 15) == date(2025, 10, 7)


def test_a_deadline_on_a_holiday_is_flagged():
    end = deadline(date(2025, 9, 22), 15)
    assert (end.day, end.rest_day, end.next_working, end.holiday) == (date(2025, 10, 7), True, date(2025, 10, 9),
                                                                      "国庆节")
    assert end.note("zh") == "2025-10-07 是国庆节假期，依民法典第二百零三条，期间顺延至 2025-10-09"
    assert "Civil Code Art. 203" in end.note("en") and "2025-10-09" in end.note("en")
    plain = deadline(date(2025, 3, 13), 15)
    assert not plain.rest_day and plain.note() == ""


def test_the_holiday_flag_reaches_check_and_escalation():
    case = edited(full_case(), contacts=[{"date": "2025-09-22", "channel": "platform", "ticket": "T",
                                          "outcome": "unresolved"}])
    result = check_case(case, FULL_ITEMS, "pboc", date(2025, 9, 30)).by_rule()["institution-answer-window"]
    assert "2025-10-07 是国庆节假期" in result.message and "顺延至 2025-10-09" in result.message
    escalation = compute_escalation(case, date(2025, 9, 30))
    assert escalation.earliest_date == date(2025, 10, 7) and "第二百零三条" in escalation.reason_zh


def test_output_says_which_years_are_known_and_warns_beyond():
    first, last = known_years()
    assert first <= 2025 <= last
    consumer = {"date": "2025-03-14", "channel": "consumer", "outcome": "pending"}
    escalation = compute_escalation(edited(full_case(), contacts=[consumer]), date(2025, 4, 1))
    assert f"已收录 {first}–{last} 年" in escalation.reason_zh and calendar_note("en") in escalation.reason_en
    beyond = deadline(date(last, 12, 28), 10, working=True)
    assert beyond.beyond_calendar and f"只收录了 {first}–{last} 年" in beyond.note("zh")
    assert add_days(date(last + 1, 1, 2), 1, working=True).weekday() < 5  # Monday–Friday beyond the table
