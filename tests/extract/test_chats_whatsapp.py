"""WhatsApp: both variants, invisible characters, continuation lines, day/month order."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidencekit.extract import ExtractOptions
from evidencekit.extract.chats_whatsapp import extract_whatsapp, infer_date_order


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "WhatsApp Chat.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_android_24h(fixture_path) -> None:
    result = extract_whatsapp(fixture_path("whatsapp_android.txt"), "text/plain", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "whatsapp-android"
    assert facts["date_order"] == "dmy" and facts["date_order_source"] == "inferred"
    assert facts["participants"] == ["Support Agent", "Zhang San"]
    assert facts["start"] == "2025-03-12T14:00:00+08:00"
    assert facts["end"] == "2025-03-13T09:13:00+08:00"
    system, ask, photo, joined, omitted, ticket = facts["messages"]
    assert system["system"] is True and system["sender"] is None
    assert system["text"].startswith("Messages and calls are end-to-end encrypted")
    assert ask == {"time": "2025-03-12T14:05:00+08:00", "sender": "Support Agent",
                   "text": "Please send the transaction ID", "attachments": [], "line": 2, "system": False}
    assert photo["attachments"] == ["IMG-20250312-WA0003.jpg"]
    assert joined["text"] == "It is 2025031222001400000001\nand I paid 218.00 at 20:15"
    assert joined["line"] == 4
    assert omitted["text"] == "<Media omitted>" and omitted["attachments"] == []
    assert ticket["time"] == "2025-03-13T09:13:00+08:00"
    assert result.captured_at == "2025-03-13T09:13:00+08:00"


def test_ios_12h_with_invisible_marks(fixture_path) -> None:
    result = extract_whatsapp(fixture_path("whatsapp_ios.txt"), "text/plain", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "whatsapp-ios"
    assert facts["date_order"] == "mdy"  # 3/13/25 settles it
    first, attached, continued, omitted, midnight = facts["messages"]
    assert first["time"] == "2025-03-12T14:05:09+08:00"
    assert attached["sender"] == "Zhang San"
    assert attached["attachments"] == ["00000012-PHOTO-2025-03-12-14-06-10.jpg"]
    assert "\u200e" not in attached["text"]
    assert continued["text"] == "second line follows\ncontinuation line of the same message"
    assert omitted["time"] == "2025-03-13T09:00:00+08:00"
    assert midnight["time"] == "2025-03-13T00:30:00+08:00"  # 12:30 AM


def test_android_12h_narrow_space(tmp_path: Path) -> None:
    path = write(tmp_path, "3/12/25, 2:07\u202fPM - Zhang San: second line follows\ncontinuation line\n"
                           "3/14/25, 12:05\u202fPM - Agent: noon\n")
    facts = extract_whatsapp(path, "", ExtractOptions()).facts
    assert [m["time"] for m in facts["messages"]] == ["2025-03-12T14:07:00+08:00", "2025-03-14T12:05:00+08:00"]
    assert facts["messages"][0]["text"] == "second line follows\ncontinuation line"
    assert facts["date_order"] == "mdy"


def test_day_first_decided_by_any_day_above_12(tmp_path: Path) -> None:
    path = write(tmp_path, "01/02/2025, 10:00 - A: one\n13/02/2025, 10:00 - B: two\n")
    facts = extract_whatsapp(path, "", ExtractOptions()).facts
    assert facts["date_order"] == "dmy"
    assert [m["time"][:10] for m in facts["messages"]] == ["2025-02-01", "2025-02-13"]


def test_month_first_decided_by_any_second_field_above_12(tmp_path: Path) -> None:
    path = write(tmp_path, "01/02/2025, 10:00 - A: one\n01/13/2025, 10:00 - B: two\n")
    facts = extract_whatsapp(path, "", ExtractOptions()).facts
    assert facts["date_order"] == "mdy"
    assert [m["time"][:10] for m in facts["messages"]] == ["2025-01-02", "2025-01-13"]


def test_ambiguous_warns_and_reads_day_first(fixture_path) -> None:
    result = extract_whatsapp(fixture_path("whatsapp_ambiguous.txt"), "", ExtractOptions())
    assert result.facts["date_order"] == "dmy" and result.facts["date_order_source"] == "assumed"
    assert result.facts["messages"][0]["time"] == "2025-02-01T10:00:00+08:00"
    assert len(result.warnings) == 1 and result.warnings[0].startswith("whatsapp_ambiguous.txt: day and month")


def test_case_toml_overrides(fixture_path) -> None:
    result = extract_whatsapp(fixture_path("whatsapp_ambiguous.txt"), "", ExtractOptions(date_order="mdy"))
    assert result.warnings == []
    assert result.facts["date_order_source"] == "case.toml"
    assert result.facts["messages"][0]["time"] == "2025-01-02T10:00:00+08:00"


def test_sequence_settles_when_no_field_exceeds_12(tmp_path: Path) -> None:
    # 05/01 then 06/01 then 01/02: only day-first keeps the dates in order.
    path = write(tmp_path, "05/01/2025, 10:00 - A: x\n06/01/2025, 10:00 - A: y\n01/02/2025, 10:00 - A: z\n")
    assert extract_whatsapp(path, "", ExtractOptions()).facts["date_order"] == "dmy"


@pytest.mark.parametrize(
    ("dates", "expected"),
    [([(12, 3, 2025), (13, 3, 2025)], ("dmy", True)), ([(3, 12, 25), (3, 13, 25)], ("mdy", True)),
     ([(2025, 3, 12)], ("ymd", True)), ([(1, 2, 2025)], ("dmy", False)),
     # Out of sequence either way (an export merged from two phones): the >12 rule alone decides.
     ([(13, 3, 2025), (1, 2, 2025)], ("dmy", True)), ([(3, 13, 2025), (2, 1, 2025)], ("mdy", True))],
)
def test_infer_date_order(dates, expected) -> None:
    assert infer_date_order(dates) == expected


def test_text_before_first_message_warns_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "garbage header\n13/03/2025, 14:05 - A: hi\n")
    result = extract_whatsapp(path, "", ExtractOptions())
    assert result.warnings == ["WhatsApp Chat.txt line 1: text before the first dated message was skipped"]
    assert len(result.facts["messages"]) == 1
