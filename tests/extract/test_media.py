"""Recordings and video: containers from magic bytes, durations from headers only."""

from __future__ import annotations

import io
import struct
import wave
from pathlib import Path

import pytest

from evidencekit.extract import ExtractOptions, extract
from evidencekit.extract.media import container_of, extract_media, sniff_container


@pytest.mark.parametrize(
    ("name", "container", "codec", "seconds", "rate"),
    [
        ("voice.amr", "amr", "amr-nb", 3.0, 8000),
        ("voice_wb.amr", "amr-wb", "amr-wb", 2.0, 16000),
        ("wechat_voice.silk", "silk-v3", "silk", 1.0, None),
        ("call.wav", "wav", "pcm", 1.5, 8000),
        ("voice.ogg", "ogg", "opus", 2.0, 48000),
        ("voice.m4a", "mp4/m4a", "mp4a.40.2", 4.5, 44100),  # RFC 6381 codec string: AAC LC
        ("call.mp3", "mp3", "mp3", 38 * 1152 / 44100, 44100),
    ],
)
def test_fixture_durations(fixture_path, name, container, codec, seconds, rate) -> None:
    result = extract_media(fixture_path(name), "application/octet-stream", ExtractOptions())
    assert result.warnings == []
    assert result.kind == "recording"
    assert result.facts["container"] == container
    assert result.facts["codec"] == codec
    assert result.facts["duration_seconds"] == pytest.approx(seconds, abs=0.01)
    assert result.facts["sample_rate"] == rate


def test_silk_without_tencent_byte_and_with_terminator(tmp_path: Path) -> None:
    body = (struct.pack("<h", 3) + b"abc") * 25 + struct.pack("<h", -1) + b"trailing"
    path = tmp_path / "v.silk"
    path.write_bytes(b"#!SILK_V3" + body)
    facts = extract_media(path, "", ExtractOptions()).facts
    assert facts["frames"] == 25 and facts["duration_seconds"] == 0.5 and facts["duration_estimated"] is True


def test_truncated_amr(fixture_path) -> None:
    result = extract(fixture_path("malformed_truncated.amr"), "audio/amr", "recording")
    assert result.facts["duration_seconds"] == pytest.approx(0.2)
    assert result.warnings == ["malformed_truncated.amr: frame 11 is cut short: the file is truncated"]


def test_garbage_audio(fixture_path) -> None:
    result = extract(fixture_path("malformed_garbage.amr"), "application/octet-stream", "recording")
    assert result.facts["container"] is None and result.facts["duration_seconds"] is None
    assert result.warnings[0].startswith("malformed_garbage.amr: no audio or video container recognised")


def test_truncated_wav(tmp_path: Path, fixture_path) -> None:
    data = fixture_path("call.wav").read_bytes()
    path = tmp_path / "cut.wav"
    path.write_bytes(data[: len(data) // 2])
    result = extract_media(path, "audio/x-wav", ExtractOptions())
    assert result.facts["duration_seconds"] == pytest.approx((len(data) // 2 - 44) / 16000, abs=0.001)
    assert "the file is truncated" in result.warnings[0]


def test_stereo_wav_rate(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(44100)
        out.writeframes(bytes(44100 * 4 // 4))  # 0.25 s
    path = tmp_path / "s.wav"
    path.write_bytes(buffer.getvalue())
    facts = extract_media(path, "", ExtractOptions()).facts
    assert (facts["channels"], facts["sample_rate"]) == (2, 44100)
    assert facts["duration_seconds"] == pytest.approx(0.25)


def test_cbr_mp3_estimate(tmp_path: Path) -> None:
    header = bytes([0xFF, 0xFB, 0x90, 0x64])  # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no Xing
    path = tmp_path / "cbr.mp3"
    path.write_bytes((header + bytes(413)) * 100)
    facts = extract_media(path, "audio/mpeg", ExtractOptions()).facts
    assert facts["duration_estimated"] is True
    assert facts["duration_seconds"] == pytest.approx(100 * 417 * 8 / 128000, abs=0.01)


def test_mp4_video_track_makes_it_a_video(tmp_path: Path, fixture_path) -> None:
    data = fixture_path("voice.m4a").read_bytes().replace(b"soun", b"vide").replace(b"M4A ", b"isom")
    path = tmp_path / "clip.mp4"
    path.write_bytes(data)
    result = extract_media(path, "video/mp4", ExtractOptions())
    assert result.kind == "video" and result.facts["container"] == "mp4"
    assert result.facts["duration_seconds"] == 4.5


def test_mp4_without_moov(tmp_path: Path) -> None:
    path = tmp_path / "rec.mp4"
    path.write_bytes(struct.pack(">I4s", 16, b"ftyp") + b"isom\x00\x00\x00\x00" + struct.pack(">I4s", 1000, b"mdat"))
    result = extract_media(path, "video/mp4", ExtractOptions())
    assert result.facts["duration_seconds"] is None
    assert "no moov box" in result.warnings[0]


def test_ogg_vorbis(tmp_path: Path) -> None:
    # A stream's first page carries the beginning-of-stream flag 0x02 and its last the end flag 0x04
    # (RFC 3533 §6), and a comment header follows the identification header (Vorbis I spec §4.2).
    def page(packet: bytes, granule: int, seq: int, flags: int) -> bytes:
        return struct.pack("<4sBBqIIIB", b"OggS", 0, flags, granule, 7, seq, 0, 1) + bytes([len(packet)]) + packet

    ident = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, 2, 22050, 0, 0, 0, 0xB8, 1)
    comment = b"\x03vorbis" + struct.pack("<I", 4) + b"test" + struct.pack("<I", 0) + b"\x01"
    path = tmp_path / "v.ogg"
    path.write_bytes(page(ident, 0, 0, 0x02) + page(comment, 0, 1, 0) + page(b"x" * 10, 22050 * 3, 2, 0x04))
    result = extract_media(path, "audio/ogg", ExtractOptions())
    assert result.warnings == []
    facts = result.facts
    assert (facts["codec"], facts["channels"], facts["sample_rate"]) == ("vorbis", 2, 22050)
    assert facts["duration_seconds"] == 3.0


@pytest.mark.parametrize(
    ("head", "expected"),
    [(b"\x02#!SILK_V3", "silk-v3"), (b"#!SILK_V3", "silk-v3"), (b"#!AMR\n", "amr"), (b"#!AMR-WB\n", "amr-wb"),
     (b"\x00\x00\x00\x18ftypheic", "heif"), (b"\x00\x00\x00\x18ftypmp42", "mp4"), (b"ID3\x04", "mp3"),
     (b"\x1a\x45\xdf\xa3", "matroska"), (b"RIFF\x00\x00\x00\x00AVI ", "avi"), (b"hello", None),
     (b"\xff\xfb\x90\x64", None), (b"\xff\xfeA\x00", None)],  # bare frame syncs: see sniff_container
)
def test_container_of(head: bytes, expected: str | None) -> None:
    assert container_of(head) == expected


def _adts_frames(count: int, payload: bytes = bytes(20)) -> bytes:
    """AAC LC, 44.1 kHz, mono ADTS frames (ISO/IEC 13818-7 §6.2): 7-byte header, no CRC."""
    length = 7 + len(payload)
    header = (0xFFF << 44) | (1 << 40) | (1 << 38) | (4 << 34) | (1 << 30) | (length << 13) | (0x7FF << 2)
    return (header.to_bytes(7, "big") + payload) * count


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(413), "mp3"),  # a run of MPEG-1 Layer III frames
        (_adts_frames(1), "aac-adts"),
    ],
)
def test_a_bare_frame_sync_needs_a_run_of_frames(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "capture.bin"
    path.write_bytes(data * 20)
    assert container_of(data) is None  # two bytes prove nothing on their own
    assert sniff_container(path) == expected
    path.write_bytes(data[:40] + bytes(4000))  # one frame header, then nothing that continues it
    assert sniff_container(path) is None


def test_adts_duration_is_an_estimate(tmp_path: Path) -> None:
    path = tmp_path / "voice.aac"
    path.write_bytes(_adts_frames(100))
    result = extract_media(path, "audio/aac", ExtractOptions())
    assert result.warnings == []
    facts = result.facts
    assert (facts["container"], facts["codec"]) == ("aac-adts", "aac")
    assert (facts["sample_rate"], facts["channels"]) == (44100, 1)
    assert facts["duration_estimated"] is True and facts["duration_seconds"] > 0


def test_utf16_text_is_no_mp3(tmp_path: Path) -> None:
    """FF FE, the UTF-16 LE byte order mark, passes a 2-byte MPEG frame-sync mask (MPEG-1 Layer I)."""
    path = tmp_path / "note.txt"
    path.write_bytes("Alice: 款项未到账\n".encode("utf-16"))  # FF FE 41 00: a plausible Layer I header
    assert sniff_container(path) is None
    assert extract_media(path, "text/plain", ExtractOptions()).facts["container"] is None


def test_a_file_mutagen_cannot_read_keeps_its_container_and_says_why(tmp_path: Path, fixture_path) -> None:
    data = bytearray(fixture_path("voice.m4a").read_bytes())
    data[data.index(b"mdhd") + 4] = 7  # a track header version no reader knows
    path = tmp_path / "录音.m4a"
    path.write_bytes(data)
    result = extract(path, "audio/mp4", "recording")
    assert result.kind == "recording"
    assert result.facts["container"] == "mp4/m4a" and result.facts["duration_seconds"] is None
    assert result.warnings == [
        "录音.m4a: the MP4 headers could not be read (MP4StreamInfoError: Unknown mdhd version 7)"]
