"""timeline_events: what goes on the timeline, in which order, pointing where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidencekit.layout import CASE_NAME as CASE_FILE
from evidencekit.model import Item
from evidencekit.timeline import timeline_events

CASE: dict[str, Any] = {
    "case": {"title": "充值未到账", "problem": "topup_not_credited", "amount": "218.00",
             "occurred_at": "2025-03-12T20:15:03+08:00"},
    "transactions": [
        {"id": "TX0001234567", "merchant_order": "MO0001234567", "time": "2025-03-12T20:15:03+08:00",
         "amount": "218.00", "counterparty": "示例游戏", "disputed": True},
        {"id": "TX9999999999", "time": "2025-03-01T08:00:00+08:00", "amount": "5.00"},  # not disputed
    ],
    "contacts": [
        {"date": "2025-03-13", "channel": "platform", "ticket": "CS0042", "summary": "客服称48小时内处理",
         "outcome": "unresolved"},
    ],
}


def item(id_: str, path: str, kind: str, **facts: Any) -> Item:
    captured = facts.pop("captured_at", None)
    mime = facts.pop("mime", "text/plain")
    return Item(id=id_, path=path, source=Path(path), size=1, mtime=0.0, mime=mime, kind=kind, sha256="0" * 64,
                sm3="0" * 64, captured_at=captured, facts=facts)


def message(time: str, text: str, sender: str = "客服", **extra: Any) -> dict[str, Any]:
    return {"time": time, "sender": sender, "text": text, "attachments": [], "system": False, **extra}


def items() -> list[Item]:
    bill = item("E01", "bill.csv", "bill", transactions=[
        {"time": "2025-03-12T20:15:03+08:00", "transaction_id": "TX0001234567", "merchant_order": "MO0001234567",
         "amount": "218.00", "direction": "支出", "disputed": True},
        {"time": "2025-03-11T10:00:00+08:00", "transaction_id": "TX5555555555", "amount": "9.00",
         "direction": "支出", "counterparty": "某店", "disputed": True},
        {"time": "2025-03-10T10:00:00+08:00", "transaction_id": "TX0000000001", "amount": "1.00", "disputed": False},
    ])
    receipt = item("E02", "receipt.pdf", "receipt", mime="application/pdf", text_excerpt="交易单号 TX0001234567")
    photo = item("E03", "photo.jpg", "photo", mime="image/jpeg", captured_at="2025-03-12T22:41:07+09:00",
                 exif={"make": "Xiaomi", "model": "K60"})
    messages = [message(f"2025-03-13T{10 + i // 60:02d}:{i % 60:02d}:00+08:00", f"消息{i}") for i in range(100)]
    messages[70] = message("2025-03-13T11:10:00+08:00", "我的交易单号TX0001234567", sender="我")
    messages[80] = message("2025-03-13T11:20:00+08:00", "工单CS0042还没处理")
    chat = item("E04", "chat.txt", "chat", messages=messages)
    return [bill, receipt, photo, chat]


def test_events_in_time_order_with_sources() -> None:
    events = timeline_events(CASE, items())
    timed = [e for e in events if e.moment is not None]
    assert [e.sort_key() for e in timed] == sorted(e.sort_key() for e in timed)
    assert events[-1].kind == "tl_more"  # "E04 has N more messages" comes last

    disputed = [e for e in events if e.kind == "tl_transaction"]
    assert len(disputed) == 1
    assert disputed[0].refs == (CASE_FILE, "E01", "E02")  # case.toml, the bill row, the receipt naming it
    assert "TX0001234567" in disputed[0].text and "¥218.00" in disputed[0].text

    # a disputed bill row that case.toml does not name gets its own line; undisputed rows none
    rows = [e for e in events if e.kind == "tl_bill_row"]
    assert len(rows) == 1 and "TX5555555555" in rows[0].text and rows[0].refs == ("E01",)
    assert not any("TX0000000001" in e.text or "TX9999999999" in e.text for e in events)


def test_times_are_beijing_time_and_date_only_comes_first() -> None:
    events = timeline_events(CASE, items())
    photo = next(e for e in events if e.kind == "tl_captured")
    assert photo.shown_time == "2025-03-12 21:41:07"  # 22:41:07+09:00
    assert photo.original_time == "2025-03-12T22:41:07+09:00"
    assert "Xiaomi K60" in photo.text
    day = [e for e in events if e.moment and e.moment.date().isoformat() == "2025-03-13"]
    assert day[0].kind == "tl_contact" and day[0].shown_time == "2025-03-13"
    assert "CS0042" in day[0].text and "未解决" in day[0].text


def test_chat_messages_near_or_naming_the_disputed_transaction() -> None:
    events = timeline_events(CASE, items())
    chat = [e for e in events if e.kind == "tl_chat"]
    texts = [e.text for e in chat]
    assert "我：我的交易单号TX0001234567" in texts  # names the disputed id
    assert "客服：工单CS0042还没处理" in texts  # names a ticket
    assert "客服：消息0" in texts and "客服：消息99" in texts  # first and last
    assert len(chat) < 30
    more = events[-1]
    assert more.refs == ("E04",) and str(100 - len(chat)) in more.text


def test_empty_case_and_no_items() -> None:
    assert timeline_events({}, []) == []


def test_unknown_times_go_last() -> None:
    chat = item("E01", "c.txt", "chat", messages=[message("", "no time"), message("2025-03-13T10:00:00+08:00", "x")])
    events = timeline_events({}, [chat])
    assert [e.text for e in events] == ["客服：x", "客服：no time"]


def test_the_timeline_prefers_what_was_said_about_the_dispute_to_system_lines() -> None:
    """Issue 11: the timeline showed `<Media omitted>` and WhatsApp's notice, and missed the
    message with the amount (written 1,280.00 元, the case says 1280.00)."""
    case = {"case": {"problem": "topup_not_credited"},
            "transactions": [{"id": "2025031222001400000001", "time": "2025-03-12T20:15:03+08:00",
                              "amount": "1280.00", "disputed": True}]}
    filler = [message(f"2025-03-2{i // 60}T{10 + i % 60 // 6:02d}:{i % 6 * 10:02d}:00+08:00", "好的", sender="张三")
              for i in range(60)]
    filler[0] = dict(message("2025-03-12T20:41:07+08:00", "Messages and calls are end-to-end encrypted."),
                     system=True)
    filler[1] = message("2025-03-12T20:41:30+08:00", "<附件：图片>", sender="张三")
    filler[25] = message("2025-03-20T14:10:00+08:00", "我付了 1,280.00 元，点券没到账", sender="张三")
    filler[33] = message("2025-03-20T15:30:00+08:00", "退款什么时候处理？", sender="张三")
    filler[41] = message("2025-03-20T16:50:00+08:00", "已登记，单号 CS2025031300012", sender="客服")
    filler[-1] = message("2025-03-29T23:00:00+08:00", "<Media omitted>", sender="张三")
    events = timeline_events(case, [item("E01", "WhatsApp Chat.txt", "chat", messages=filler)])
    texts = [e.text for e in events if e.kind == "tl_chat"]
    assert "张三：我付了 1,280.00 元，点券没到账" in texts  # the amount, however it is written
    assert "张三：退款什么时候处理？" in texts  # the dispute's words
    assert "客服：已登记，单号 CS2025031300012" in texts  # an id the case does not know yet
    assert not any("Media omitted" in t or "附件" in t or "end-to-end" in t for t in texts)
    assert texts[0] == "张三：好的" and len(texts) <= 2 + 12 + 8
