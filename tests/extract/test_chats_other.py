"""Telegram, WeChat (留痕 CSV/TXT) and plain-text chats."""

from __future__ import annotations

import json
from pathlib import Path

from evidencekit.extract import ExtractOptions, extract
from evidencekit.extract.chats_plain import extract_plain_chat
from evidencekit.extract.chats_telegram import entity_text, extract_telegram
from evidencekit.extract.chats_wechat import extract_wechat_csv, extract_wechat_txt


def test_telegram_single_chat(fixture_path) -> None:
    result = extract_telegram(fixture_path("telegram_result.json"), "application/json", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "telegram" and facts["export"] == "telegram"
    assert facts["participants"] == ["Support", "Zhang San"]
    call, ask, entities, voice, photo = facts["messages"]
    assert call["system"] is True and call["text"] == "[phone_call duration_seconds=65]"
    assert ask["time"] == "2025-03-12T14:05:09+08:00"  # from date_unixtime
    assert entities["text"] == "Order 2025031222001400000001, see receipt (https://example.com/r/1)"
    assert voice["text"] == "[voice_message 7s, not exported]"
    assert voice["media"] == {"type": "voice_message", "file": None, "included": False,
                              "mime_type": "audio/ogg", "duration_seconds": 7}
    assert voice["attachments"] == []
    assert photo["attachments"] == ["photos/photo_1@12-03-2025_14-08-00.jpg"]
    assert photo["text"] == "Our reply"


def test_telegram_full_export(fixture_path) -> None:
    facts = extract_telegram(fixture_path("telegram_full_export.json"), "", ExtractOptions()).facts
    assert facts["export"] == "telegram-account"
    assert [c["name"] for c in facts["chats"]] == ["Support", "Bank Bot"]
    last = facts["messages"][-1]
    assert last["chat"] == "Bank Bot" and last["text"] == "Frozen until review"
    assert facts["end"] == "2025-03-13T08:00:00+08:00"


def test_entity_text_variants() -> None:
    assert entity_text("plain") == "plain"
    assert entity_text(["a", {"type": "bold", "text": "b"}, {"type": "link", "text": "https://x"}]) == "abhttps://x"
    assert entity_text(None) == ""


def test_telegram_date_without_unixtime_is_china_time(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "x", "messages": [
        {"id": 1, "type": "message", "date": "2025-03-12T14:05:09", "from": "A", "text": "hi"},
        "not a message"]}), encoding="utf-8")
    result = extract_telegram(path, "", ExtractOptions())
    assert result.facts["messages"][0]["time"] == "2025-03-12T14:05:09+08:00"
    assert result.warnings == ["result.json message #2: is not a message object; skipped"]


def test_invalid_json_warns_with_line_and_keeps_what_came_before(fixture_path) -> None:
    # The file is cut off inside its third message: the parser streams, so the two before it stand.
    result = extract(fixture_path("malformed_telegram.json"), "text/plain", "chat")
    assert result.kind == "chat"
    assert [m["text"] for m in result.facts["messages"]] == [
        "[phone_call duration_seconds=65]", "Please send the order number"]
    assert result.warnings == [
        "malformed_telegram.json line 53: invalid JSON (parse error: premature EOF): the file is damaged "
        "or cut off here; the 2 messages before it are read"]


def test_json_that_is_not_telegram(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"a": 1}', encoding="utf-8")
    assert "not a Telegram export" in extract_telegram(path, "", ExtractOptions()).warnings[0]


def test_wechat_liuhen_csv(fixture_path) -> None:
    result = extract_wechat_csv(fixture_path("wechat_chat.csv"), "text/html", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "wechat-csv"
    texts = [m["text"] for m in facts["messages"]]
    assert texts == ["您好，请提供交易单号", "单号4200000000202503200000000001", "[语音 7秒]", "[图片]",
                     '"客服小李"撤回了一条消息', "[文件] 充值记录.pdf", "已登记，\n工单号CS2025031300012"]
    assert [m["sender"] for m in facts["messages"]] == ["对方", "我", "我", "我", None, "我", "对方"]
    assert facts["messages"][4]["system"] is True
    assert facts["messages"][2]["duration_seconds"] == 7
    assert facts["messages"][5]["attachments"] == ["充值记录.pdf"]
    assert facts["messages"][6]["line"] == 8  # the quoted message starts on line 8 and ends on 9
    assert facts["start"] == "2025-03-12T14:05:09+08:00" and facts["end"] == "2025-03-12T14:11:40+08:00"


def test_wechat_csv_group_rows_and_short_rows(tmp_path: Path) -> None:
    path = tmp_path / "群聊.csv"
    path.write_text(
        "localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\n"
        "1,9,1,0,0,1741759509,2,群消息,2025-03-12 14:05:09,李备注,李昵称,wxid_li\n"
        "2,9,1,0,0,1741759510\n"
        "3,9,1,0,0,1741759511,2,无时间文本,,,,\n",
        encoding="utf-8-sig")
    result = extract_wechat_csv(path, "", ExtractOptions())
    assert [m["sender"] for m in result.facts["messages"]] == ["李备注", "对方"]
    assert result.facts["messages"][1]["time"] == "2025-03-12T14:05:11+08:00"  # from CreateTime
    assert result.warnings == ["群聊.csv line 3: row has 6 fields, fewer than 9: truncated; skipped"]


def test_wechat_csv_without_header(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("1,7,1,0,0,1741759509,2,hi,2025-03-12 14:05:09\n", encoding="utf-8")
    result = extract_wechat_csv(path, "", ExtractOptions())
    assert result.warnings[0].startswith("x.csv line 1: the first line is not a 留痕 header")


def test_wechat_liuhen_txt(fixture_path) -> None:
    result = extract_wechat_txt(fixture_path("wechat_chat.txt"), "text/plain", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["participants"] == ["客服小李", "我"]
    assert [m["text"] for m in facts["messages"]] == [
        "您好，请提供交易单号", "单号4200000000202503200000000001", "[语音]", "[图片]", "已登记，\n工单号CS2025031300012"]
    assert [m["line"] for m in facts["messages"]] == [1, 4, 7, 10, 13]


def test_plain_gbk_chat(fixture_path) -> None:
    result = extract_plain_chat(fixture_path("plain_chat_gbk.txt"), "text/plain", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["encoding"] == "gb18030"
    assert facts["heading"] == "客服沟通记录（本人手工整理）"
    first, second, third = facts["messages"]
    assert (first["time"], first["sender"]) == ("2025-03-12T14:05:00+08:00", "客服小李")
    assert second["text"] == "充值218元没有到账，订单号2025031222001400000001\n付款时间是晚上八点十五分"
    assert third["time"] == "2025-03-13T09:00:00+08:00" and third["text"] == "已为您登记，工单号CS2025031300012"


def test_plain_chat_sender_line_then_text_and_untimed(tmp_path: Path) -> None:
    qq = tmp_path / "qq.txt"
    qq.write_text("客服 2025-03-12 14:05:09\n您好\n\n我 2025-03-12 14:06:00\n到账了吗\n", encoding="utf-8")
    facts = extract_plain_chat(qq, "", ExtractOptions()).facts
    assert [(m["sender"], m["text"]) for m in facts["messages"]] == [("客服", "您好"), ("我", "到账了吗")]
    untimed = tmp_path / "untimed.txt"
    untimed.write_text("客服：您好\n我：钱没到\n还在等\n", encoding="utf-8")
    result = extract_plain_chat(untimed, "", ExtractOptions())
    assert [(m["sender"], m["text"]) for m in result.facts["messages"]] == [("客服", "您好"), ("我", "钱没到\n还在等")]
    assert "no message carries a time" in result.warnings[0]


def test_max_rows_on_chats(fixture_path) -> None:
    result = extract(fixture_path("whatsapp_android.txt"), "text/plain", "chat", ExtractOptions(max_rows=2))
    assert len(result.facts["messages"]) == 2 and result.facts["message_count"] == 6
    assert any("only the first 2 of 6 messages" in w for w in result.warnings)
