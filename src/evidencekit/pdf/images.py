"""Image XObjects that keep the original bytes where PDF allows it.

JPEG data goes in as it is (DCTDecode). PNG data goes in as it is when PDF's Flate
predictors can read it (non-interlaced, no alpha): the IDAT chunks are copied
straight from the file, as img2pdf does. Everything else is decoded once with
Pillow and re-encoded losslessly, except photos stored in lossy formats PDF cannot
take (HEIC, AVIF): those become a JPEG of print size, since a lossless copy of a
12-megapixel photo would be many times the original (the original is attached as it
is). EXIF orientation is applied by the placement matrix, never by re-encoding.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import generic as g

from evidencekit.i18n import Message, msg
from evidencekit.pdf.writer import FileSegments, name, num, pdf_dict

Image.MAX_IMAGE_PIXELS = 200_000_000  # screenshots of long chats are tall; refuse only absurd sizes

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LOSSY_PHOTO_FORMATS = ("HEIF", "AVIF")
PHOTO_MAX_SIDE = 2000  # pixels: 200 dpi across a whole A4 page
PHOTO_QUALITY = 85


class ImageUnreadable(Exception):
    """The file is not an image we can draw (truncated, unknown or corrupt); ``reason`` says
    why, as a catalog message (``str()`` is its English text)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass
class XImage:
    """An image XObject ready to write: its dictionary and where its data is."""

    entries: g.DictionaryObject
    data: bytes | FileSegments
    width: int
    height: int
    orientation: int = 1  # EXIF orientation of the stored pixels
    smask: XImage | None = None
    passthrough: bool = False

    @property
    def display_size(self) -> tuple[int, int]:
        if self.orientation in (5, 6, 7, 8):
            return self.height, self.width
        return self.width, self.height


def load_image(path: Path, size: int) -> XImage:
    """The best XObject for ``path``: pass-through when possible."""
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(b"\xff\xd8"):
        jpeg = _jpeg(path, size)
        if jpeg is not None:
            return jpeg
    if head.startswith(PNG_SIGNATURE):
        png = _png_passthrough(path)
        if png is not None:
            return png
    return _decoded(path)


#: ``--page-images print``: the page shows a copy at this resolution, at the size it is drawn.
PRINT_DPI = 150
PRINT_QUALITY = 80


def print_image(path: Path, size: int, box: tuple[float, float]) -> XImage:
    """The image for a page in print mode: at most ``PRINT_DPI`` at the size it is drawn
    (``box``, in points, upright), re-encoded as JPEG. The original is attached whole; this is
    only what the page shows. Falls back to :func:`load_image` when the copy would not be smaller."""
    full = load_image(path, size)
    try:
        with Image.open(path) as img:
            stored_w, stored_h = img.size
            upright_w = stored_h if full.orientation in (5, 6, 7, 8) else stored_w
            scale = min(1.0, box[0] / 72 * PRINT_DPI / max(1, upright_w))
            target = (max(1, round(stored_w * scale)), max(1, round(stored_h * scale)))
            if img.format == "JPEG":
                img.draft("RGB" if img.mode != "L" else "L", target)  # decode at a fraction: fast, less memory
            frame = _flattened(img)
            if frame.size != target:
                frame = frame.resize(target, Image.Resampling.LANCZOS)
            buf = io.BytesIO()
            frame.save(buf, format="JPEG", quality=PRINT_QUALITY, optimize=True)
    except Exception:  # noqa: BLE001 - the full image was readable: show it rather than fail
        return full
    data = buf.getvalue()
    if len(data) >= _stored_size(full):
        return full
    colorspace = "/DeviceGray" if frame.mode == "L" else "/DeviceRGB"
    entries = _image_dict(frame.width, frame.height, colorspace, 8)
    entries[g.NameObject("/Filter")] = name("DCTDecode")
    return XImage(entries, data, frame.width, frame.height, full.orientation)


def _flattened(img: Image.Image) -> Image.Image:
    """The pixels as gray or RGB, any transparency laid on white (a page is white)."""
    img.load()
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return img if img.mode in ("L", "RGB") else img.convert("RGB")


def _stored_size(image: XImage) -> int:
    data = image.data
    own = len(data) if isinstance(data, bytes) else data.length
    return own + (_stored_size(image.smask) if image.smask is not None else 0)


def _exif_orientation(img: Image.Image) -> int:
    try:
        value = int(img.getexif().get(0x0112, 1))
    except Exception:  # noqa: BLE001 - malformed EXIF must not stop the image being shown
        return 1
    return value if 1 <= value <= 8 else 1


def _jpeg(path: Path, size: int) -> XImage | None:
    try:
        with Image.open(path) as img:
            if img.format != "JPEG":
                return None
            mode, (w, h) = img.mode, img.size
            orientation = _exif_orientation(img)
            adobe = "adobe" in img.info
            bits = img.info.get("bits", 8)
    except Exception:  # noqa: BLE001 - Pillow raises many types; the image is decoded instead of passed through
        return None
    if bits != 8:
        return None
    colorspace = {"L": "/DeviceGray", "RGB": "/DeviceRGB", "CMYK": "/DeviceCMYK"}.get(mode)
    if colorspace is None:
        return None
    entries = _image_dict(w, h, colorspace, 8)
    entries[g.NameObject("/Filter")] = name("DCTDecode")
    if mode == "CMYK" and adobe:  # Adobe writes inverted CMYK (as img2pdf handles it)
        entries[g.NameObject("/Decode")] = g.ArrayObject([num(v) for v in (1, 0) * 4])
    _verify_jpeg_end(path, size)
    return XImage(entries, FileSegments.whole(path, size), w, h, orientation, passthrough=True)


def _verify_jpeg_end(path: Path, size: int) -> None:
    """A JPEG cut short still opens lazily; make sure its data is all there."""
    with open(path, "rb") as f:
        f.seek(max(0, size - 4096))
        tail = f.read()
    if b"\xff\xd9" not in tail:
        raise ImageUnreadable(msg("image.jpeg_truncated"))


def _image_dict(w: int, h: int, colorspace: object, bits: int) -> g.DictionaryObject:
    cs = colorspace if not isinstance(colorspace, str) else name(colorspace)
    return pdf_dict(
        Type=name("XObject"), Subtype=name("Image"), Width=num(w), Height=num(h),
        ColorSpace=cs, BitsPerComponent=num(bits),
    )


def _png_chunks(path: Path) -> tuple[dict[str, bytes], list[tuple[int, int]]]:
    """Small chunks by type, and the (offset, length) of every IDAT payload."""
    small: dict[str, bytes] = {}
    idat: list[tuple[int, int]] = []
    with open(path, "rb") as f:
        if f.read(8) != PNG_SIGNATURE:
            raise ImageUnreadable(msg("image.not_png"))
        while True:
            header = f.read(8)
            if len(header) < 8:
                raise ImageUnreadable(msg("image.png_no_end"))
            length, ctype = struct.unpack(">I4s", header)
            kind = ctype.decode("latin-1")
            start = f.tell()
            if kind == "IDAT":
                idat.append((start, length))
                f.seek(length + 4, io.SEEK_CUR)
            elif kind == "IEND":
                break
            else:
                payload = f.read(length)
                if len(payload) != length:
                    raise ImageUnreadable(msg("image.png_chunk_cut"))
                small[kind] = payload
                f.seek(4, io.SEEK_CUR)
    f_size = path.stat().st_size
    if idat and idat[-1][0] + idat[-1][1] > f_size:
        raise ImageUnreadable(msg("image.png_data_cut"))
    return small, idat


def _png_passthrough(path: Path) -> XImage | None:
    try:
        small, idat = _png_chunks(path)
    except ImageUnreadable:
        return None  # let Pillow try, and report its error
    ihdr = small.get("IHDR")
    if not ihdr or len(ihdr) != 13 or not idat:
        return None
    w, h, bits, color_type, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
    if interlace or "tRNS" in small or color_type not in (0, 2, 3):
        return None
    colors = 3 if color_type == 2 else 1
    if color_type == 3:
        palette = small.get("PLTE")
        if not palette or len(palette) % 3:
            return None
        colorspace: object = g.ArrayObject(
            [name("Indexed"), name("DeviceRGB"), num(len(palette) // 3 - 1), g.ByteStringObject(palette)]
        )
    else:
        colorspace = "/DeviceRGB" if color_type == 2 else "/DeviceGray"
    entries = _image_dict(w, h, colorspace, bits)
    entries[g.NameObject("/Filter")] = name("FlateDecode")
    entries[g.NameObject("/DecodeParms")] = pdf_dict(
        Predictor=num(15), Colors=num(colors), BitsPerComponent=num(bits), Columns=num(w)
    )
    return XImage(entries, FileSegments(path, tuple(idat)), w, h, 1, passthrough=True)


def _decoded(path: Path) -> XImage:
    """Decode with Pillow (alpha, interlaced PNG, GIF, WebP, BMP, TIFF, HEIC…)."""
    try:
        with Image.open(path) as img:
            orientation = _exif_orientation(img)
            img.load()
            if img.format in LOSSY_PHOTO_FORMATS:
                photo = _jpeg_of(img)
                photo.orientation = orientation
                return photo
            frame: Image.Image = img
            alpha: Image.Image | None = None
            if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
                frame = frame.convert("RGBA")
                alpha = frame.getchannel("A")
                if alpha.getextrema() == (255, 255):
                    alpha = None
                frame = frame.convert("RGB")
            elif frame.mode not in ("L", "RGB"):
                frame = frame.convert("RGB")
    except Exception as exc:
        raise ImageUnreadable(_pillow_reason(exc)) from exc
    main = _flate_png(frame)
    if alpha is not None:
        main.smask = _flate_png(alpha)
    main.orientation = orientation
    return main


def _jpeg_of(img: Image.Image) -> XImage:
    """A photo as a JPEG no larger than ``PHOTO_MAX_SIDE`` on its long side."""
    frame = img.convert("RGB")
    if max(frame.size) > PHOTO_MAX_SIDE:
        frame.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    frame.save(buf, format="JPEG", quality=PHOTO_QUALITY, optimize=True)
    entries = _image_dict(frame.width, frame.height, "/DeviceRGB", 8)
    entries[g.NameObject("/Filter")] = name("DCTDecode")
    return XImage(entries, buf.getvalue(), frame.width, frame.height)


def jpeg_image(data: bytes) -> XImage:
    """An RGB JPEG made in memory (a video's contact sheet) as an XObject, passed through."""
    with Image.open(io.BytesIO(data)) as img:
        w, h = img.size
    entries = _image_dict(w, h, "/DeviceRGB", 8)
    entries[g.NameObject("/Filter")] = name("DCTDecode")
    return XImage(entries, data, w, h)


def _flate_png(img: Image.Image) -> XImage:
    """Re-encode losslessly through Pillow's PNG encoder and keep its IDAT (predictors)."""
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6)
    data = buf.getvalue()
    pos, payload = 8, []
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        if ctype == b"IDAT":
            payload.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    colors = 1 if img.mode == "L" else 3
    entries = _image_dict(img.width, img.height, "/DeviceGray" if colors == 1 else "/DeviceRGB", 8)
    entries[g.NameObject("/Filter")] = name("FlateDecode")
    entries[g.NameObject("/DecodeParms")] = pdf_dict(
        Predictor=num(15), Colors=num(colors), BitsPerComponent=num(8), Columns=num(img.width)
    )
    return XImage(entries, b"".join(payload), img.width, img.height)


def _pillow_reason(exc: Exception) -> Message:
    """Pillow's own words stay in the parameters (``--json``), not in the sentence a person reads."""
    text = str(exc)
    if "truncated" in text or "broken data stream" in text or isinstance(exc, (OSError, SyntaxError)) and "image file" in text:
        return msg("image.damaged", detail=text)
    return msg("image.unsupported", detail=text or type(exc).__name__)


def placement_matrix(orientation: int, x: float, y: float, w: float, h: float) -> tuple[float, ...]:
    """The ``cm`` matrix that draws an image stored with EXIF ``orientation`` upright
    into the box (x, y, w, h)."""
    return {
        1: (w, 0, 0, h, x, y),
        2: (-w, 0, 0, h, x + w, y),
        3: (-w, 0, 0, -h, x + w, y + h),
        4: (w, 0, 0, -h, x, y + h),
        5: (0, -h, -w, 0, x + w, y + h),
        6: (0, -h, w, 0, x, y + h),
        7: (0, h, w, 0, x, y),
        8: (0, h, -w, 0, x + w, y),
    }[orientation]
