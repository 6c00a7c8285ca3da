"""The JPEG structure walk (extract.jpeg_check): whole files of every kind pass, any cut fails."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image

from evidencekit.extract.images import extract_image
from evidencekit.extract.jpeg_check import JpegDamaged, check_jpeg, check_jpeg_file
from evidencekit.extract.options import ExtractOptions


def _noise(width: int, height: int, mode: str = "RGB") -> Image.Image:
    rng = random.Random(7)
    return Image.frombytes(mode, (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * len(mode))))


def _jpeg(**options: object) -> bytes:
    buf = io.BytesIO()
    mode = str(options.pop("mode", "RGB"))
    _noise(64, 48, mode).save(buf, "JPEG", **options)
    return buf.getvalue()


KINDS = {
    "baseline": {"quality": 95},
    "progressive": {"quality": 90, "progressive": True},
    "optimized": {"quality": 75, "optimize": True},
    "gray": {"mode": "L"},
    "restarts": {"quality": 90, "restart_marker_blocks": 1},
    "exif": {"exif": Image.Exif().tobytes()},
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_whole_jpegs_pass_and_every_cut_fails(kind: str) -> None:
    data = _jpeg(**dict(KINDS[kind]))
    check_jpeg(data)
    check_jpeg(data + b"\x00trailing preview bytes")  # bytes after EOI are allowed
    for cut in range(len(data) - 1):
        with pytest.raises(JpegDamaged):
            check_jpeg(data[:cut])


def test_restart_markers_are_really_there() -> None:
    data = _jpeg(**dict(KINDS["restarts"]))
    assert b"\xff\xd0" in data and b"\xff\xd1" in data


def test_broken_structure_fails() -> None:
    data = bytearray(_jpeg(quality=90))
    broken_length = bytearray(data)
    broken_length[4:6] = b"\xff\xf0"  # the first segment claims to run past the end
    no_frame = data[:2] + data[data.index(b"\xff\xc4"):]  # DQT and SOF0 dropped: a scan before any frame
    for case in (bytes(broken_length), bytes(no_frame), b"\xff\xd8\xff\xd9", b"GIF89a", b""):
        with pytest.raises(JpegDamaged):
            check_jpeg(case)


def test_extract_warns_for_a_cut_jpeg_and_not_for_a_whole_one(tmp_path: Path) -> None:
    data = _jpeg(quality=95)
    whole, cut = tmp_path / "whole.jpg", tmp_path / "cut.jpg"
    whole.write_bytes(data)
    cut.write_bytes(data[: len(data) - 40])
    check_jpeg_file(whole)
    assert extract_image(whole, "image/jpeg", ExtractOptions()).warnings == []
    warnings = extract_image(cut, "image/jpeg", ExtractOptions()).warnings
    assert [w.split(" (")[0] for w in warnings] == ["cut.jpg: image data is truncated or corrupt"]
