"""Big and broken inputs: what facts keep (the first KEPT_ROWS rows or messages, plus disputed
ones, with every row counted), damaged over-long lines, and chats read as streams.

Inputs are generated at a few MB so the tests stay quick; memory and time are measured by
bench/big_inputs.py on 80-320 MB files, never asserted here.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from evidencekit.extract import ExtractOptions, extract, sniff_kind
from evidencekit.extract.common import MAX_CELL_CHARS, MAX_MESSAGE_CHARS
from evidencekit.extract.options import KEPT_ROWS
from evidencekit.extract.text import MAX_LINE_CHARS

WECHAT_HEADER = "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注"
PREAMBLE = ["微信支付账单明细", "微信昵称：[示例用户]", "起始时间：[2025-01-01 00:00:00] 终止时间：[2025-12-31 23:59:59]"]
ROWS = 12_000
DISPUTED_ROW = 11_000  # past the cap


def tx_id(n: int) -> str:
    return f"42000000002025{n:014d}"


def wechat_row(n: int, item: str = "货") -> str:
    return (f"2025-03-{1 + n // 1440 % 28:02d} {n // 60 % 24:02d}:{n % 60:02d}:00,商户消费,店{n % 7},{item},"
            f"支出,¥{1 + n % 3}.00,零钱,支付成功,{tx_id(n)}\t,/,/")


def write_bill(path: Path, rows: list[str], newline: str = "\n") -> Path:
    path.write_text(newline.join([*PREAMBLE, WECHAT_HEADER, *rows]) + newline, encoding="utf-8-sig", newline="")
    return path


def bill_options() -> ExtractOptions:
    return ExtractOptions(disputed_ids=frozenset({tx_id(DISPUTED_ROW)}))


# ----------------------------------------------------------------------------- bills

@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_big_bill_keeps_the_first_rows_and_counts_every_one(tmp_path: Path, newline: str) -> None:
    path = write_bill(tmp_path / "bill.csv", [wechat_row(n) for n in range(ROWS)], newline)
    assert sniff_kind(path, "text/plain") == "bill"
    result = extract(path, "text/plain", "bill", bill_options())
    facts = result.facts
    rows = facts["transactions"]
    assert len(rows) == KEPT_ROWS + 1
    assert [r["line"] for r in rows[:3]] == [5, 6, 7]  # CR-only line ends count as lines too
    assert rows[KEPT_ROWS - 1]["transaction_id"] == tx_id(KEPT_ROWS - 1)
    assert rows[-1]["transaction_id"] == tx_id(DISPUTED_ROW) and rows[-1]["disputed"] is True
    assert rows[-1]["line"] == DISPUTED_ROW + 5
    assert facts["truncated"] == {"first": KEPT_ROWS, "total": ROWS}
    expected = sum(Decimal(1 + n % 3) for n in range(ROWS))
    assert facts["totals"]["count"] == ROWS and facts["totals"]["disputed"] == 1
    assert facts["totals"]["by_direction"] == {"支出": f"{expected:.2f}"}
    assert result.warnings == [
        f"bill.csv: only the first {KEPT_ROWS} of {ROWS} transactions are kept and shown (and 1 disputed after "
        "them); every row is counted in the totals, and all are in the attached original"]


def test_small_bill_is_not_truncated(tmp_path: Path) -> None:
    path = write_bill(tmp_path / "bill.csv", [wechat_row(n) for n in range(30)])
    facts = extract(path, "text/plain", "bill").facts
    assert len(facts["transactions"]) == 30 and facts["truncated"] is None and facts["totals"]["count"] == 30


def test_over_long_line_is_a_damaged_line_and_reading_goes_on(tmp_path: Path) -> None:
    rows = [wechat_row(n) for n in range(40)]
    rows[20] = wechat_row(20, item="长" * (MAX_LINE_CHARS + 10))  # line 25 of the file
    path = write_bill(tmp_path / "bill.csv", rows)
    result = extract(path, "text/plain", "bill")
    assert [r["line"] for r in result.facts["transactions"]] == [n + 5 for n in range(40) if n != 20]
    assert result.warnings == [
        f"bill.csv line 25: longer than {MAX_LINE_CHARS:,} characters (are its line breaks missing?): a damaged "
        "line; skipped (the whole line is in the attached original)"]


def test_one_line_csv_without_any_newline(tmp_path: Path) -> None:
    # A bill whose line breaks were lost: one 3 MB line. Not a bill any more; read as a document.
    text = ",".join([*PREAMBLE, WECHAT_HEADER, *(wechat_row(n) for n in range(30_000))])
    path = tmp_path / "oneline.csv"
    path.write_text(text, encoding="utf-8")
    assert len(text) > 2 * MAX_LINE_CHARS
    kind = sniff_kind(path, "text/plain")
    assert kind == "document"
    result = extract(path, "text/plain", kind)
    assert result.facts["lines"] == 1
    assert result.facts["text_excerpt"] == text[:2000]
    assert result.warnings == [
        f"oneline.csv line 1: longer than {MAX_LINE_CHARS:,} characters (are its line breaks missing?): a damaged "
        f"line; only its first {MAX_LINE_CHARS:,} characters are read (the whole line is in the attached original)"]


def test_unclosed_quote_costs_a_field_not_the_file(tmp_path: Path) -> None:
    rows = [wechat_row(n) for n in range(20_000)]
    rows[10] = rows[10].replace(",货,", ',"货 never closed,')  # line 15 opens a quote that never ends
    path = write_bill(tmp_path / "bill.csv", rows)
    result = extract(path, "text/plain", "bill", ExtractOptions(max_rows=None))
    lines = [r["line"] for r in result.facts["transactions"]]
    assert lines[:10] == list(range(5, 15))
    assert 15 not in lines
    resumed = lines[10]
    assert lines[10:] == list(range(resumed, 20_005))  # every row after the lost field is read
    assert 15 < resumed < 20_000
    assert result.warnings[0] == (f"bill.csv lines 15-{resumed - 1}: CSV error: field larger than field limit "
                                  f"({MAX_LINE_CHARS}); these lines were skipped")


def test_bill_cells_are_clipped_in_facts(tmp_path: Path) -> None:
    path = write_bill(tmp_path / "bill.csv", [wechat_row(0, item="货" * 5000), wechat_row(1)])
    row = extract(path, "text/plain", "bill").facts["transactions"][0]
    assert row["item"] == "货" * MAX_CELL_CHARS + "…"


# ----------------------------------------------------------------------------- Telegram

def telegram_message(n: int) -> dict:
    unix = 1741759200 + n * 60
    text: object = f"message {n} about the refund"
    if n % 3 == 0:
        text = ["order ", {"type": "code", "text": f"2025{n:018d}"}, " please check"]
    return {"id": n + 1, "type": "message", "date": "2025-03-12T14:00:00", "date_unixtime": str(unix),
            "from": "Support" if n % 2 else "Zhang San", "from_id": "user1001" if n % 2 else "user2002",
            "text": text, "text_entities": [{"type": "plain", "text": f"message {n}"}]}


def write_telegram(path: Path, count: int, special: dict[int, dict] | None = None) -> list[int]:
    """A one-chat result.json, 1-space indented as Telegram Desktop writes it; the byte offset
    where each message ends."""
    ends = []
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Support",\n "type": "personal_chat",\n "id": 123456,\n "messages": [\n')
        for n in range(count):
            body = json.dumps((special or {}).get(n, telegram_message(n)), ensure_ascii=False, indent=1)
            out.write(("" if n == 0 else ",\n") + "  " + body.replace("\n", "\n  "))
            ends.append(out.tell())
        out.write("\n ]\n}\n")
    return ends


def test_telegram_keeps_the_first_messages_and_later_ones_naming_a_disputed_id(tmp_path: Path) -> None:
    count = KEPT_ROWS + 2000
    later = KEPT_ROWS + 1500
    path = tmp_path / "result.json"
    write_telegram(path, count, {later: {**telegram_message(later), "text": "退款单号 2025031222001400000001"}})
    options = ExtractOptions(disputed_ids=frozenset({"2025031222001400000001"}))
    result = extract(path, "application/json", "chat", options)
    facts = result.facts
    assert facts["message_count"] == count
    assert facts["truncated"] == {"first": KEPT_ROWS, "total": count}
    assert [m["id"] for m in facts["messages"]] == [*range(1, KEPT_ROWS + 1), later + 1]
    assert facts["participants"] == ["Zhang San", "Support"]
    last = datetime.fromtimestamp(1741759200 + (count - 1) * 60, tz=timezone(timedelta(hours=8)))
    assert facts["end"] == last.isoformat()  # the time range covers every message, kept or not
    assert result.warnings == [
        f"result.json: only the first {KEPT_ROWS} of {count} messages are kept and shown (and 1 after them "
        "that name a disputed id); all are in the attached original"]


def test_telegram_cut_off_midway_gives_the_messages_before_the_cut(tmp_path: Path) -> None:
    whole = tmp_path / "whole.json"
    ends = write_telegram(whole, 3000)
    cut_at = ends[1234] + 200  # inside message 1236 (index 1235)
    path = tmp_path / "result.json"
    data = whole.read_bytes()[:cut_at]
    path.write_bytes(data)
    assert sniff_kind(path, "application/json") == "chat"
    result = extract(path, "application/json", "chat")
    assert result.kind == "chat"
    assert result.facts["message_count"] == 1235
    assert result.facts["messages"][-1]["text"] == "message 1234 about the refund"
    last_line = data.count(b"\n") + 1
    assert result.warnings == [
        f"result.json line {last_line}: invalid JSON (parse error: premature EOF): the file is damaged or cut off "
        "here; the 1235 messages before it are read"]


def test_telegram_damage_in_the_middle_names_the_lines_around_it(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    ends = write_telegram(path, 3000)
    data = bytearray(path.read_bytes())
    data[ends[1999] + 1] = ord("#")  # the comma after message 2000
    path.write_bytes(bytes(data))
    result = extract(path, "application/json", "chat")
    assert result.facts["message_count"] == 2000
    (warning,) = result.warnings
    assert warning.startswith("result.json line")
    bad_line = data[:ends[1999] + 1].count(b"\n") + 1
    where = warning.split(":")[0].split(" ", 1)[1]  # "line N" or "lines A-B"
    numbers = [int(x) for x in where.split(" ")[1].split("-")]
    assert numbers[0] <= bad_line <= numbers[-1]
    assert "lexical error: invalid char in json text" in warning
    assert "the 2000 messages before it are read" in warning


def test_telegram_in_another_encoding_with_bad_bytes(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    body = json.dumps({"name": "客服", "messages": [telegram_message(0) | {"text": "您好，请稍等"}]}, ensure_ascii=False)
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8").replace("稍".encode(), b"\xff\xfe"))
    result = extract(path, "application/json", "chat")
    assert result.facts["messages"][0]["text"] == "您好，请\ufffd\ufffd等"
    assert result.facts["chats"] == [{"name": "客服", "type": None, "id": None}]


def test_long_messages_are_clipped_in_facts(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    write_telegram(path, 2, {1: {**telegram_message(1), "text": "长" * (3 * MAX_MESSAGE_CHARS)}})
    text = extract(path, "application/json", "chat").facts["messages"][1]["text"]
    assert text == "长" * MAX_MESSAGE_CHARS + "…"


# ----------------------------------------------------------------------------- text chats

def test_plain_chat_is_read_in_two_passes_and_capped(tmp_path: Path) -> None:
    count = KEPT_ROWS + 500
    lines = ["与客服的聊天记录"]
    for n in range(count):
        lines.append(f"2025-03-{12 + n // 1440:02d} {n // 60 % 24:02d}:{n % 60:02d} {'客服' if n % 2 else '我'}：第{n}条")
        lines.append("续行" * (MAX_MESSAGE_CHARS if n == 7 else 1))
    lines.insert(2 * count - 1, "2025-03-20 09:00 新客服：最后出场")  # a sender first seen after the cap
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert sniff_kind(path, "text/plain") == "chat"
    facts = extract(path, "text/plain", "chat").facts
    assert facts["format"] == "plain" and facts["heading"] == "与客服的聊天记录"
    assert facts["message_count"] == count + 1 and len(facts["messages"]) == KEPT_ROWS
    assert facts["messages"][1]["text"] == "第1条\n续行"
    assert facts["messages"][7]["text"] == "第7条\n" + ("续行" * MAX_MESSAGE_CHARS)[:MAX_MESSAGE_CHARS - 4] + "…"
    assert facts["participants"] == ["我", "客服", "新客服"]
    assert facts["end"] == "2025-03-20T09:00:00+08:00"


def test_whatsapp_date_order_is_decided_by_a_date_past_the_cap(tmp_path: Path) -> None:
    # Only the last message has a day above 12, so its date alone says day/month/year.
    count = KEPT_ROWS + 10
    lines = [f"0{1 + n % 9}/0{1 + n // 1000}/2025, 10:{n % 60:02d} - Zhang: message {n}" for n in range(count)]
    lines.append("25/12/2025, 11:00 - Zhang: last")
    path = tmp_path / "whatsapp.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    facts = extract(path, "text/plain", "chat").facts
    assert facts["format"] == "whatsapp-android"
    assert (facts["date_order"], facts["date_order_source"]) == ("dmy", "inferred")
    assert facts["messages"][0]["time"] == "2025-01-01T10:00:00+08:00"
    assert facts["end"] == "2025-12-25T11:00:00+08:00"
    assert facts["message_count"] == count + 1 and len(facts["messages"]) == KEPT_ROWS
