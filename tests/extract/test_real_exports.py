"""Issue 11: exports as the apps really write them, each of which was misread.

A UTF-16 QQ export taken for an MP3, UTF-16 without its mark and Big5 read as GB18030, an iOS
WhatsApp export with long messages read as a plain document (or, forced to be a chat, sent to
the Telegram reader), Finnish ``klo`` times, ``Name:text`` without a space, and no QQ reader.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from evidencekit.extract.media import sniff_container
from evidencekit.extract.registry import extract
from evidencekit.extract.sniff import sniff_kind
from evidencekit.extract.text import Encoding, detect_encoding
from evidencekit.model import Item
from evidencekit.sniff import detect_mime
from evidencekit.visuals import visual_for
from tests.extract.real_exports import (
    QQ_EXPORT,
    WHATSAPP_FINNISH,
    WHATSAPP_FINNISH_IOS,
    WHATSAPP_IOS_LONG,
    qq_mht,
)

QQ_CRLF = QQ_EXPORT.replace("\n", "\r\n")  # QQ writes Windows line breaks

QQ_ENCODINGS = {
    "utf-16-le-bom": codecs.BOM_UTF16_LE + QQ_CRLF.encode("utf-16-le"),  # what QQ writes
    "utf-16-be-bom": codecs.BOM_UTF16_BE + QQ_CRLF.encode("utf-16-be"),
    "utf-16-le": QQ_CRLF.encode("utf-16-le"),  # the mark lost on the way (copied by a tool)
    "utf-16-be": QQ_CRLF.encode("utf-16-be"),
    "utf-8": QQ_CRLF.encode("utf-8"),
    "gb18030": QQ_CRLF.encode("gb18030"),  # re-saved by Notepad as "ANSI" on a Chinese Windows
}


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def item_for(path: Path) -> Item:
    return Item("E01", path.name, path, path.stat().st_size, 0.0, detect_mime(path), "document", "", "")


# ----------------------------------------------------------------------------- kinds and encodings

@pytest.mark.parametrize("encoding", sorted(QQ_ENCODINGS))
def test_a_qq_export_is_a_chat_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "全部消息记录.txt", QQ_ENCODINGS[encoding])
    mime = detect_mime(path)
    assert mime == "text/plain"
    assert sniff_kind(path, mime) == "chat"
    result = extract(path, mime, "chat")
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "qq-txt"
    assert facts["message_count"] == 4
    assert facts["messages"][1]["text"] == "您好，已为您登记，工单号 CS2025031300012。\n预计三个工作日内处理，请耐心等待。"


@pytest.mark.parametrize(("encoding", "name"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
                                                ("utf-16-le-bom", "utf-16"), ("gb18030", "gb18030")])
def test_the_one_detector_names_the_encoding(encoding: str, name: str) -> None:
    assert detect_encoding(QQ_ENCODINGS[encoding]) == detect_encoding(QQ_ENCODINGS[encoding][:4096])
    assert detect_encoding(QQ_ENCODINGS[encoding]).name == name


def test_a_utf16_text_libmagic_calls_mpeg_audio_is_text(tmp_path: Path) -> None:
    """Some libmagic builds name MPEG audio from the FF FE of a UTF-16 LE mark (two bytes):
    the mark and the text after it win."""
    path = write(tmp_path, "与张三的聊天.txt", QQ_ENCODINGS["utf-16-le-bom"])
    assert sniff_kind(path, "audio/mpeg") == "chat"
    assert extract(path, "audio/mpeg", "chat").facts["format"] == "qq-txt"


def test_an_mp3_needs_three_frames_in_a_row(tmp_path: Path) -> None:
    frame = bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(413)  # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417 bytes
    path = write(tmp_path, "call.bin", frame * 3)
    assert sniff_container(path) == "mp3"
    assert sniff_kind(path, "audio/mpeg") == "recording"
    path.write_bytes(frame * 2 + "，后面是文字。".encode("gb18030") * 100)  # two frames, then no third
    assert sniff_container(path) is None
    assert sniff_kind(path, "audio/mpeg") != "recording"


def test_a_notepad_unicode_note_shows_as_text_on_its_page(tmp_path: Path) -> None:
    note = "投诉说明\r\n我于2025年3月12日充值 218.00 元，至今未到账。\r\n"
    for data in (note.encode("utf-16"), note.encode("utf-16-le"), codecs.BOM_UTF16_BE + note.encode("utf-16-be")):
        path = write(tmp_path, "说明.txt", data)
        assert sniff_kind(path, detect_mime(path)) == "document"
        visual = visual_for(item_for(path), "zh")
        assert visual.mode == "text" and (visual.text or "").replace("\r", "") == note.replace("\r", "")
        facts = extract(path, detect_mime(path), "document").facts
        assert facts["text_excerpt"].startswith("投诉说明\n我于2025年3月12日充值 218.00 元")


def test_big5_is_read_as_big5_and_a_short_gbk_text_as_gb18030() -> None:
    taiwan = "我於2025年3月12日在網路商店購買商品，付款新臺幣1,280元，商家拒絕退款。客服說會在七個工作天內處理。\n" * 4
    assert detect_encoding(taiwan.encode("big5")).name == "big5"
    assert detect_encoding("退款".encode("gb18030")).name == "gb18030"  # too short to weigh: the national encoding
    assert detect_encoding("我于2025年3月12日充值，未到账。\n".encode("gbk")).name == "gb18030"
    # four-byte GB18030 (a character outside GBK, beyond the BMP): long enough to weigh, still GB18030
    rare = "我在𠮷野家消费 ¥36.00，商户单号 GM20250312000001。€ 与 ㊣ 也在。\n" * 20
    assert detect_encoding(rare.encode("gb18030")) == Encoding("gb18030", False)


# ----------------------------------------------------------------------------- WhatsApp

def test_ios_whatsapp_with_long_messages_is_read_whole(tmp_path: Path) -> None:
    path = write(tmp_path, "WhatsApp Chat - Shop Support.txt", WHATSAPP_IOS_LONG)
    mime = detect_mime(path)
    assert sniff_kind(path, mime) == "chat"
    result = extract(path, mime, "chat")
    facts = result.facts
    assert result.warnings == []
    assert (facts["format"], facts["message_count"]) == ("whatsapp-ios", 5)
    notice, long, image, ticket, last = facts["messages"]
    assert notice["system"] is True  # WhatsApp's own notice, written as the chat's
    assert long["sender"] == "Zhang San" and long["system"] is False
    assert long["text"].count("\n") == 12 and long["text"].endswith("Please refund me or credit the points.\nThank you.")
    assert image["system"] is True and image["text"] == "image omitted"
    assert ticket["text"].endswith("Regards,\nShop Support")
    assert last["time"] == "2025-03-13T09:02:11+08:00"


def test_a_whatsapp_export_forced_to_be_a_chat_is_not_sent_to_telegram(tmp_path: Path) -> None:
    path = write(tmp_path, "chat.txt", WHATSAPP_IOS_LONG)
    result = extract(path, "text/plain", "chat")  # kind = "chat" in case.toml
    assert result.facts["format"] == "whatsapp-ios"
    assert not any("Telegram" in str(w) for w in result.warnings)


@pytest.mark.parametrize(("text", "variant", "times"), [
    (WHATSAPP_FINNISH, "whatsapp-android",
     ["2025-03-12T20:41:00+08:00", "2025-03-12T20:41:00+08:00", "2025-03-12T20:45:00+08:00", "2025-03-13T09:02:00+08:00"]),
    (WHATSAPP_FINNISH_IOS, "whatsapp-ios",
     ["2025-03-12T20:41:07+08:00", "2025-03-12T20:45:30+08:00", "2025-03-13T09:02:11+08:00"]),
])
def test_finnish_klo_times_are_all_read(tmp_path: Path, text: str, variant: str, times: list[str]) -> None:
    path = write(tmp_path, "WhatsApp-keskustelu.txt", text)
    mime = detect_mime(path)
    assert sniff_kind(path, mime) == "chat"
    facts = extract(path, mime, "chat").facts
    assert facts["format"] == variant
    assert [m["time"] for m in facts["messages"]] == times
    assert facts["participants"] == ["Matti Virtanen", "Asiakaspalvelu"]


def test_name_colon_text_without_a_space_keeps_its_author(tmp_path: Path) -> None:
    path = write(tmp_path, "WhatsApp Chat.txt", "12/03/2025, 20:41 - Zhang San:I paid 218.00\n"
                                                "13/03/2025, 20:42 - 客服:收到，请提供订单号\n"
                                                "13/03/2025, 20:43 - Zhang San: see https://example.com/a\n")
    messages = extract(path, "text/plain", "chat").facts["messages"]
    assert [(m["sender"], m["text"], m["system"]) for m in messages] == [
        ("Zhang San", "I paid 218.00", False), ("客服", "收到，请提供订单号", False),
        ("Zhang San", "see https://example.com/a", False)]


def test_omitted_media_is_a_system_line(tmp_path: Path) -> None:
    path = write(tmp_path, "WhatsApp Chat.txt", "12/03/2025, 20:41 - Zhang San: <Media omitted>\n"
                                                "13/03/2025, 20:42 - Zhang San: I paid 218.00\n")
    omitted, paid = extract(path, "text/plain", "chat").facts["messages"]
    assert (omitted["system"], omitted["sender"]) == (True, "Zhang San")
    assert paid["system"] is False


# ----------------------------------------------------------------------------- QQ

def test_qq_export_keeps_number_title_and_system_lines_apart(tmp_path: Path) -> None:
    path = write(tmp_path, "示例游戏客服.txt", QQ_ENCODINGS["utf-16-le-bom"])
    result = extract(path, detect_mime(path), "chat")
    facts = result.facts
    assert facts["encoding"] == "utf-16"
    assert facts["groups"] == ["我的好友"] and facts["conversations"] == ["示例游戏客服"]
    assert facts["participants"] == ["张三", "客服小李"]
    assert (facts["start"], facts["end"]) == ("2025-03-12T20:41:07+08:00", "2025-03-13T09:05:00+08:00")
    paid, reply, system, picture = facts["messages"]
    assert (paid["sender"], paid["sender_id"], paid["line"]) == ("张三", "123456789", 9)
    assert paid["text"] == "你好，我 20:15 充值 218 元，订单号 2025031222001400000001，点券没有到账。"
    assert (reply["sender"], reply["sender_id"]) == ("客服小李", "kefu@example.com")
    assert system["system"] is True and system["sender_id"] == "10000"
    assert (picture["sender"], picture["text"]) == ("张三", "[图片]")  # 【群主】 is a title, not the name
    assert all(m["conversation"] == "示例游戏客服" for m in facts["messages"])


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
def test_qq_mht_export_reads_its_page_and_skips_its_pictures(tmp_path: Path, transfer: str) -> None:
    path = write(tmp_path, "示例游戏客服.mht", qq_mht(transfer))
    mime = detect_mime(path)
    assert sniff_kind(path, mime) == "chat"
    result = extract(path, mime, "chat")
    facts = result.facts
    assert result.warnings == []
    assert (facts["format"], facts["message_count"]) == ("qq-mht", 5)
    assert facts["conversations"] == ["示例游戏客服"] and facts["participants"] == ["张三", "客服小李"]
    paid, reply, picture, recalled, urgent = facts["messages"]
    assert paid["time"] == "2025-03-12T20:41:07+08:00"
    assert paid["text"] == "你好，我 20:15 充值 218 元，订单号 2025031222001400000001，点券没有到账。"
    assert reply["text"] == "您好，已为您登记，工单号 CS2025031300012。\n预计三个工作日内处理，请耐心等待。"
    assert picture["text"] == "[图片]"
    assert (recalled["system"], recalled["sender_id"], recalled["time"]) == (True, "10000", "2025-03-13T09:05:00+08:00")
    assert urgent["text"] == "请尽快处理 <急>"


def test_a_qq_mht_without_its_page_says_so(tmp_path: Path) -> None:
    data = qq_mht().replace(b"Content-Type:text/html", b"Content-Type:text/plain")
    result = extract(write(tmp_path, "坏.mht", data), "message/rfc822", "chat")
    assert result.facts["messages"] == []
    assert "坏.mht: this QQ web archive (.mht) holds no chat page (text/html part): no messages read" in result.warnings


def test_one_encoding_detector() -> None:
    """Extractors, kind sniffing and the exhibit pages share extract/text.py's detect_encoding: no
    other module that reads evidence text guesses an encoding (names a legacy one or calls a
    detector library). Zip entry names and passwords (containers/zips.py) are not evidence text."""
    source = Path(__file__).resolve().parents[2] / "src" / "evidencekit"
    readers = [*source.glob("extract/*.py"), *source.glob("render/*.py"), source / "visuals.py", source / "sniff.py",
               source / "timeline.py", source / "plan.py"]
    guessing = sorted(str(p.relative_to(source)) for p in readers
                      if any(w in p.read_text(encoding="utf-8") for w in ("gb18030", "big5", "utf-16")))
    assert guessing == ["extract/text.py"]
    libraries = sorted(str(p.relative_to(source)) for p in source.rglob("*.py")
                       if any(w in p.read_text(encoding="utf-8") for w in ("charset_normalizer", "chardet")))
    assert libraries == ["extract/text.py"]


def test_a_qq_export_whose_heading_was_cut_off_is_still_qq(tmp_path: Path) -> None:
    body = QQ_EXPORT.split("================================================================\n\n", 1)[1]
    path = write(tmp_path, "聊天.txt", body)
    facts = extract(path, detect_mime(path), "chat").facts
    assert facts["format"] == "qq-txt"
    assert [m["sender"] for m in facts["messages"]] == ["张三", "客服小李", "系统消息", "张三"]


def test_chinese_whatsapp_halves_of_the_day(tmp_path: Path) -> None:
    path = write(tmp_path, "与客服的 WhatsApp 聊天.txt",
                 "2025/3/12 下午8:41 - 张三: 我充值了 218 元\n"
                 "2025/3/12 晚上11:05 - 客服: 已登记\n"
                 "2025/3/13 上午9:02 - 张三: 好的\n"
                 "2025/3/13 中午12:30 - 客服: 处理中\n"
                 "2025/3/13 凌晨12:10 - 张三: ？\n")
    facts = extract(path, detect_mime(path), "chat").facts
    assert facts["format"] == "whatsapp-android" and facts["date_order"] == "ymd"
    assert [m["time"][11:16] for m in facts["messages"]] == ["20:41", "23:05", "09:02", "12:30", "00:10"]


def test_a_qq_mht_in_a_folder_is_one_chat_exhibit_not_an_opened_mail(tmp_path: Path) -> None:
    """libmagic calls QQ's .mht a mail (message/rfc822): it is a chat, not a container to open."""
    from evidencekit.inspection import inspect_folder

    folder = tmp_path / "case"
    folder.mkdir()
    write(folder, "示例游戏客服.mht", qq_mht())
    inspection = inspect_folder(folder, lang="en")
    (item,) = inspection.items
    assert (item.id, item.kind, item.facts["format"], item.facts["message_count"]) == ("E01", "chat", "qq-mht", 5)
