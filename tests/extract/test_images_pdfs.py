"""Images (EXIF, GPS, orientation, HEIC, truncation) and PDFs (text, encryption)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from evidencekit.extract import ExtractOptions, extract
from evidencekit.extract.images import exif_time, extract_image, heif_support
from evidencekit.extract.pdfs import extract_pdf, parse_pdf_date

PASSWORD = "246810"


def test_camera_photo_exif(fixture_path) -> None:
    result = extract_image(fixture_path("photo_exif.jpg"), "image/jpeg", ExtractOptions())
    facts = result.facts
    assert (facts["width"], facts["height"], facts["format"]) == (160, 120, "JPEG")
    assert facts["exif"] == {
        "datetime_original": "2025:03:12 20:20:00", "offset": "+08:00", "datetime": None,
        "make": "ExampleCam", "model": "EC-1", "orientation": 6, "software": "ExampleCam Firmware 1.0",
    }
    assert facts["screenshot"] is False
    assert facts["rotate_degrees"] == 90 and facts["display_size"] == [120, 160]
    assert facts["gps_present"] is True
    assert "gps" not in str(facts["exif"]).lower()  # coordinates never copied
    assert result.captured_at == "2025-03-12T20:20:00+08:00"
    assert result.warnings == ["photo_exif.jpg: contains GPS location (private data): "
                               "mask or strip it before sharing the dossier publicly"]


def test_screenshot_png(fixture_path) -> None:
    result = extract_image(fixture_path("screenshot.png"), "image/png", ExtractOptions())
    assert result.facts["screenshot"] is True and result.facts["gps_present"] is False
    assert (result.facts["width"], result.facts["height"]) == (270, 585)
    assert result.captured_at is None and result.warnings == []


def test_exif_time_offsets() -> None:
    assert exif_time("2025:03:12 20:20:00", "-05:00") == ("2025-03-12T20:20:00-05:00", False)
    assert exif_time("2025:03:12 20:20:00", None) == ("2025-03-12T20:20:00+08:00", True)
    assert exif_time("0000:00:00 00:00:00", None) == (None, False)


def test_missing_offset_is_assumed_and_said(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "Cam"
    exif.get_ifd(0x8769)[0x9003] = "2024:12:31 23:59:59"
    path = tmp_path / "p.jpg"
    Image.new("RGB", (8, 8)).save(path, exif=exif.tobytes())
    result = extract_image(path, "image/jpeg", ExtractOptions())
    assert result.captured_at == "2024-12-31T23:59:59+08:00"
    assert result.facts["captured_at_offset"].startswith("+08:00 assumed")


@pytest.mark.skipif(not heif_support(), reason="pillow-heif not installed")
def test_heic(fixture_path) -> None:
    result = extract(fixture_path("photo.heic"), "image/heic", "photo")
    assert result.facts["format"] == "HEIF"
    assert result.facts["exif"]["make"] == "ExampleCam"
    assert result.captured_at == "2025-03-12T20:20:00+08:00"


@pytest.mark.parametrize("name", ["malformed_truncated.jpg", "malformed_truncated.png"])
def test_truncated_images_warn(fixture_path, name: str) -> None:
    result = extract(fixture_path(name), "image/jpeg", "screenshot")
    assert any(w.startswith(f"{name}: image data is truncated or corrupt") for w in result.warnings)


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "fake.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    result = extract(path, "image/png", "screenshot")
    assert result.warnings[0].startswith("fake.png: not a readable image")


def test_pdf_receipt(fixture_path) -> None:
    result = extract_pdf(fixture_path("receipt.pdf"), "application/pdf", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["pages"] == 1 and facts["encrypted"] is False and facts["can_render"] is True
    assert facts["producer"] == "evidencekit fixture" and facts["creator"] == "make_formats.py"
    assert "交易单号：2025031222001400000001" in facts["text_excerpt"]
    assert result.captured_at == "2025-03-12T20:15:10+08:00"


def test_encrypted_pdf_without_password(fixture_path) -> None:
    result = extract_pdf(fixture_path("statement_encrypted.pdf"), "application/pdf", ExtractOptions())
    assert result.facts["encrypted"] is True and result.facts["can_render"] is False
    assert result.facts["text_excerpt"] == ""
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("statement_encrypted.pdf: encrypted; give its password in case.toml [[evidence]] password")


def test_encrypted_pdf_with_password(fixture_path) -> None:
    assert fixture_path("statement_encrypted.password.txt").read_text().strip() == PASSWORD
    result = extract_pdf(fixture_path("statement_encrypted.pdf"), "", ExtractOptions(password=PASSWORD))
    assert result.warnings == []
    assert result.facts["decrypted_with"] == "case.toml password" and result.facts["can_render"] is True
    assert "微信支付交易明细证明" in result.facts["text_excerpt"]


def test_encrypted_pdf_wrong_password(fixture_path) -> None:
    result = extract_pdf(fixture_path("statement_encrypted.pdf"), "", ExtractOptions(password="nope"))
    assert "the password from case.toml did not open it" in result.warnings[0]


def test_broken_pdf(fixture_path) -> None:
    result = extract(fixture_path("malformed_not_really.pdf"), "application/pdf", "receipt")
    assert result.facts["can_render"] is False
    assert result.warnings[0].startswith("malformed_not_really.pdf: not a readable PDF")


def test_pdf_dates() -> None:
    assert parse_pdf_date("D:20250312201503+08'00'") == "2025-03-12T20:15:03+08:00"
    assert parse_pdf_date("D:20250312201503Z") == "2025-03-12T20:15:03+00:00"
    assert parse_pdf_date("D:20250312") == "2025-03-12T00:00:00+08:00"
    assert parse_pdf_date("yesterday") is None
