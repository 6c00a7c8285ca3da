"""EXIF orientation is applied by the placement matrix: every orientation fills the box upright."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from evidencekit.pdf.images import load_image, placement_matrix


def apply(m: tuple[float, ...], u: float, v: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * u + c * v + e, b * u + d * v + f)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_orientation_fills_exactly_the_box(orientation: int) -> None:
    x, y, w, h = 10.0, 20.0, 300.0, 400.0
    m = placement_matrix(orientation, x, y, w, h)
    corners = {apply(m, u, v) for u in (0, 1) for v in (0, 1)}
    assert corners == {(x, y), (x + w, y), (x, y + h), (x + w, y + h)}


# Where the stored image's top-left pixel (u=0, v=1 in PDF image space) must be shown.
TOP_LEFT_GOES_TO = {1: "top-left", 2: "top-right", 3: "bottom-right", 4: "bottom-left",
                    5: "top-left", 6: "top-right", 7: "bottom-right", 8: "bottom-left"}


@pytest.mark.parametrize("orientation", range(1, 9))
def test_stored_top_left_lands_where_exif_says(orientation: int) -> None:
    m = placement_matrix(orientation, 0, 0, 1, 1)
    px, py = apply(m, 0, 1)
    where = ("top" if py == 1 else "bottom") + "-" + ("left" if px == 0 else "right")
    assert where == TOP_LEFT_GOES_TO[orientation]


def test_jpeg_passes_through_with_its_orientation(tmp_path: Path) -> None:
    img = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "p.jpg"
    img.save(path, "JPEG", exif=exif.tobytes())
    x = load_image(path, path.stat().st_size)
    assert x.passthrough and x.orientation == 6
    assert x.display_size == (20, 40)


def test_rgb_png_passes_through_and_rgba_is_decoded(tmp_path: Path) -> None:
    rgb, rgba = tmp_path / "rgb.png", tmp_path / "rgba.png"
    Image.new("RGB", (30, 10), "blue").save(rgb)
    Image.new("RGBA", (30, 10), (0, 0, 255, 100)).save(rgba)
    assert load_image(rgb, rgb.stat().st_size).passthrough
    decoded = load_image(rgba, rgba.stat().st_size)
    assert not decoded.passthrough and decoded.smask is not None


def test_truncated_png_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (300, 300), "green").save(buf, "PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    from evidencekit.pdf.images import ImageUnreadable

    with pytest.raises(ImageUnreadable):
        load_image(path, path.stat().st_size)
