"""Kinds from content, the registry table, and the promise never to raise."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidencekit.cli import main
from evidencekit.extract import EXTRACTORS, ExtractOptions, extract, sniff_kind
from evidencekit.model import KINDS

from .conftest import FIXTURES, mime_of

EXPECTED_KINDS = {
    "alipay_2023.csv": "bill",
    "alipay_legacy.csv": "bill",
    "wechat_bill.csv": "bill",
    "wechat_bill.xlsx": "bill",
    "whatsapp_android.txt": "chat",
    "whatsapp_ios.txt": "chat",
    "telegram_result.json": "chat",
    "telegram_full_export.json": "chat",
    "wechat_chat.csv": "chat",
    "wechat_chat.txt": "chat",
    "plain_chat_gbk.txt": "chat",
    "photo_exif.jpg": "photo",
    "screenshot.png": "screenshot",
    "receipt.pdf": "receipt",
    "statement_encrypted.pdf": "document",  # locked, and its name says nothing
    "voice.amr": "recording",
    "voice_wb.amr": "recording",
    "wechat_voice.silk": "recording",
    "call.wav": "recording",
    "call.mp3": "recording",
    "voice.ogg": "recording",
    "voice.m4a": "recording",
    "malformed_garbage.amr": "other",
    "make_formats.py": "document",  # quotes bills and chats, but is neither
}


@pytest.mark.parametrize(("name", "kind"), sorted(EXPECTED_KINDS.items()))
def test_sniff_kind_of_fixtures(name: str, kind: str) -> None:
    path = FIXTURES / name
    assert sniff_kind(path, mime_of(path)) == kind


def test_kind_does_not_follow_the_extension(tmp_path: Path) -> None:
    disguised = tmp_path / "receipt.jpg"
    shutil.copy(FIXTURES / "wechat_voice.silk", disguised)
    assert sniff_kind(disguised, "application/octet-stream") == "recording"
    bill = tmp_path / "notes.txt"
    shutil.copy(FIXTURES / "alipay_2023.csv", bill)
    assert sniff_kind(bill, "text/plain") == "bill"


def test_pdf_kind_from_name_when_locked(tmp_path: Path) -> None:
    locked = tmp_path / "微信支付交易明细证明.pdf"
    shutil.copy(FIXTURES / "statement_encrypted.pdf", locked)
    assert sniff_kind(locked, "application/pdf") == "bill"


def test_registry_covers_every_kind() -> None:
    assert set(EXTRACTORS) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_fixture_through_every_extractor_never_raises(kind: str) -> None:
    for path in sorted(FIXTURES.iterdir()):
        result = extract(path, mime_of(path), kind, ExtractOptions(password="246810"))
        json.dumps(result.facts)  # facts stay JSON-serialisable
        assert all(w.startswith(path.name) for w in result.warnings), result.warnings


def test_unknown_kind_and_extractor_bug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("hello", encoding="utf-8")
    assert "unknown evidence kind 'sticker'" in extract(path, "text/plain", "sticker").warnings[0]

    def broken(path: Path, mime: str, options: ExtractOptions):
        raise RuntimeError("boom")

    monkeypatch.setitem(EXTRACTORS, "document", broken)
    result = extract(path, "text/plain", "document")
    assert result.warnings == ["a.txt: could not be read as document (RuntimeError: boom); it is attached and listed as it is"]


def test_documents_and_archives(tmp_path: Path) -> None:
    import zipfile

    note = tmp_path / "说明.txt"
    note.write_bytes("投诉说明\n第二行\n".encode("gb18030"))
    assert sniff_kind(note, "text/plain") == "document"
    facts = extract(note, "text/plain", "document").facts
    assert facts == {"encoding": "gb18030", "lines": 2, "text_excerpt": "投诉说明\n第二行"}
    archive = tmp_path / "alipay_record.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("alipay_record.csv", "x")
    assert sniff_kind(archive, "application/zip") == "other"
    result = extract(archive, "application/zip", "other")
    assert result.facts["entries"] == ["alipay_record.csv"] and result.facts["encrypted"] is False


def test_fixtures_are_what_the_generator_makes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_formats", FIXTURES / "make_formats.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = tmp_path
    module.main()
    for made in sorted(tmp_path.iterdir()):
        assert made.read_bytes() == (FIXTURES / made.name).read_bytes(), f"{made.name} is stale: rerun make_formats.py"


@pytest.mark.parametrize("text", ["备注：款项未到账\r\n对方说三日内退款\r\n", "QQ 2025-03-13 10:02 客服：已登记\r\n"])
def test_a_utf16_text_note_is_no_recording(tmp_path: Path, text: str) -> None:
    """Windows tools (a QQ chat note) write UTF-16 LE with the BOM FF FE, which a 2-byte MPEG frame sync accepts."""
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "QQ备注.txt").write_bytes(text.encode("utf-16"))
    result = CliRunner().invoke(main, ["inspect", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    [item] = json.loads(result.stdout)["items"]
    assert (item["mime"], item["kind"]) == ("text/plain", "document")
    assert item["facts"]["encoding"] == "utf-16" and "container" not in item["facts"]
    # with no help from libmagic, the byte order mark still wins over the frame sync
    assert sniff_kind(folder / "QQ备注.txt", "application/octet-stream") == "document"


def test_mp3_frames_without_a_tag_are_a_recording(tmp_path: Path) -> None:
    frames = tmp_path / "rec.bin"
    frames.write_bytes((bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(413)) * 50)  # MPEG-1 Layer III, no ID3
    assert sniff_kind(frames, "application/octet-stream") == "recording"
    lone = tmp_path / "lone.bin"
    lone.write_bytes(bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(range(256)) * 8)  # one frame header, then no frame
    assert sniff_kind(lone, "application/octet-stream") == "other"
