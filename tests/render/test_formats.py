"""Every fixture format through bundle: bills of each layout as tables, chats of each export
as transcripts with attachments pointing at their exhibits, fallbacks for what did not parse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.render.conftest import Rendered, bundle

FORMATS = REPO / "fixtures" / "formats"

LAYOUT = {
    "bills/wechat_bill.xlsx": "wechat_bill.xlsx",
    "bills/wechat_bill.csv": "wechat_bill.csv",
    "bills/alipay_legacy.csv": "alipay_legacy.csv",
    "bills/alipay_truncated.csv": "malformed_alipay_truncated.csv",
    "chats/result.json": "telegram_result.json",
    "chats/whatsapp.txt": "whatsapp_android.txt",
    "chats/whatsapp_ios.txt": "whatsapp_ios.txt",
    "chats/broken.json": "malformed_telegram.json",
    "media/IMG-20250312-WA0003.jpg": "photo_exif.jpg",  # the WhatsApp chat's attachment
    "media/photo.heic": "photo.heic",
    "media/voice.m4a": "voice.m4a",
    "media/wechat_voice.silk": "wechat_voice.silk",
}


@pytest.fixture(scope="module")
def formats(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = tmp_path_factory.mktemp("formats")
    folder = root / "case"
    for rel, name in LAYOUT.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FORMATS / name, folder / rel)
    # cut off inside its first message: nothing to show as a transcript
    (folder / "chats" / "cut.json").write_bytes((FORMATS / "telegram_result.json").read_bytes()[:160])
    return bundle(folder, root / "formats.pdf")


def number_of(doc: Rendered, path: str) -> str:
    return next(i.id for i in doc.result.items if i.path == path)


@pytest.mark.parametrize("path", ["bills/wechat_bill.xlsx", "bills/wechat_bill.csv"])
def test_wechat_bills_are_tables(formats: Rendered, path: str) -> None:
    text = formats.exhibit_of(path)
    assert "账单明细" in text and "微信支付账单明细" in text
    for fact in ("4200000000202503200000000001", "CZ2025032000001", "1000050001202503210000000002",
                 "100.00", "示例充值平台", "2025-03-20", "14:02:33"):
        assert fact in text, fact


def test_legacy_alipay_bill(formats: Rendered) -> None:
    text = formats.exhibit_of("bills/alipay_legacy.csv")
    assert "支付宝交易记录明细查询（旧格式）" in text
    assert "2019093022001" in text and "27.00" in text and "未付款" in text


def test_truncated_bill_says_its_totals_disagree(formats: Rendered) -> None:
    text = formats.exhibit_of("bills/alipay_truncated.csv")
    assert "账单明细" in text and "不一致" in text


def test_whatsapp_attachment_points_at_its_exhibit(formats: Rendered) -> None:
    text = formats.exhibit_of("chats/whatsapp.txt")
    photo = number_of(formats, "media/IMG-20250312-WA0003.jpg")
    assert f"→ 证据 {photo}" in text
    assert "Please send the transaction ID" in text
    assert "Messages and calls are end-to-end encrypted" in text  # the system message is kept


def test_attachment_not_in_the_case_is_named(formats: Rendered) -> None:
    text = formats.exhibit_of("chats/whatsapp_ios.txt")
    assert "00000012-PHOTO-2025-03-12-14-06-10.jpg" in text and "不在本材料" in text


def test_telegram_transcript(formats: Rendered) -> None:
    text = formats.exhibit_of("chats/result.json")
    assert "Telegram Desktop" in text and "Please send the order number" in text
    assert "[phone_call duration_seconds=65]" in text


def test_unparsed_chat_falls_back_to_its_text(formats: Rendered) -> None:
    text = formats.exhibit_of("chats/cut.json")
    assert "未能从此文件中识别出消息" in text
    joined = "".join(text.split())  # the warning in the dossier's language, naming the file and line
    assert "cut.json" in joined and "10" in joined and "JSON格式错误" in joined and "invalid JSON" not in joined


def test_damaged_chat_shows_the_messages_before_the_damage(formats: Rendered) -> None:
    text = formats.exhibit_of("chats/broken.json")
    assert "Please send the order number" in text and "[phone_call duration_seconds=65]" in text
    assert "未能从此文件中识别出消息" not in text
    joined = "".join(text.split())
    assert "broken.json" in joined and "53" in joined and "JSON格式错误" in joined


def test_media_cards(formats: Rendered) -> None:
    m4a = formats.exhibit_of("media/voice.m4a")
    assert "MP4/M4A" in m4a and "MP4A" in m4a and "4.5 s" in m4a and "44100 Hz" in m4a
    silk = formats.exhibit_of("media/wechat_voice.silk")
    assert "SILK" in silk and "（估算）" in silk
    heic = formats.exhibit_of("media/photo.heic")
    assert "ExampleCam EC-1" in heic and "隐私提示" in heic


def test_timeline_lists_captures_and_chat_lines(formats: Rendered) -> None:
    text = formats.section("按时间排列", f"证据 {formats.result.items[0].id} ·")
    photo = number_of(formats, "media/IMG-20250312-WA0003.jpg")
    assert "2025-03-12 20:20:00" in text and photo in text
    assert "Our reply" in text  # with no disputed transaction: each chat's first and last message
    assert "ticket CS2025031300012" in text


def test_english_labels(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copyfile(FORMATS / "wechat_bill.csv", folder / "bill.csv")
    shutil.copyfile(FORMATS / "whatsapp_android.txt", folder / "chat.txt")
    doc = bundle(folder, tmp_path / "en.pdf", lang="en")
    assert "Bill transactions" in doc.text and "Chat transcript" in doc.text and "Timeline" in doc.text
    assert "4200000000202503200000000001" in doc.text
