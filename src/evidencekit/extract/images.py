"""Images: size, EXIF capture time and device, orientation, GPS presence, screenshot or photo.

Screenshot or photo is said only when the file shows it: camera EXIF makes a photo; a screen's
shape together with a PNG, a screenshot's name or iOS's own mark makes a screenshot. Anything
else (a JPEG whose EXIF a messenger stripped) is an image without camera data, not a screenshot.

EXIF DateTimeOriginal has no zone; OffsetTimeOriginal (EXIF 2.31) gives it when the camera
wrote one, else +08:00 is assumed and the facts say so. GPS coordinates are never copied
into the facts: only that they are there, with a warning, because they are private data.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from evidencekit.capture_names import capture_from_name, exif_capture
from evidencekit.clock import CHINA_TZ, iso
from evidencekit.extract.common import Warnings
from evidencekit.extract.jpeg_check import check_jpeg_file
from evidencekit.extract.options import ExtractOptions
from evidencekit.i18n import msg
from evidencekit.model import Extraction

log = logging.getLogger("evidencekit")

TAG_MAKE, TAG_MODEL, TAG_ORIENTATION, TAG_SOFTWARE, TAG_DATETIME = 0x010F, 0x0110, 0x0112, 0x0131, 0x0132
IFD_EXIF, IFD_GPS = 0x8769, 0x8825
TAG_EXPOSURE_TIME, TAG_DATETIME_ORIGINAL, TAG_DATETIME_DIGITIZED = 0x829A, 0x9003, 0x9004
TAG_OFFSET_TIME_ORIGINAL, TAG_OFFSET_TIME_DIGITIZED, TAG_USER_COMMENT = 0x9011, 0x9012, 0x9286

#: Clockwise degrees to turn the stored pixels to show them upright, by EXIF orientation.
ROTATION_BY_ORIENTATION = {1: 0, 2: 0, 3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270}
MIRRORED_ORIENTATIONS = {2, 4, 5, 7}

#: Names screenshot tools give their files (Android, iOS, Windows, macOS, Chinese phones).
SCREENSHOT_NAME = re.compile(r"screen[ _-]?shot|screen[ _-]?capture|截图|截屏|屏幕快照|屏幕截图", re.I)

_heif_state: bool | None = None


def heif_support() -> bool:
    """Register pillow-heif's opener once; False when it is not installed."""
    global _heif_state
    if _heif_state is None:
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
            _heif_state = True
        except Exception:  # ImportError, or a libheif that fails to load
            log.debug("pillow-heif unavailable", exc_info=True)
            _heif_state = False
    return _heif_state


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value).strip("\x00 ").strip()
    return text or None


def exif_time(raw: str | None, offset: str | None) -> tuple[str | None, bool]:
    """(ISO time, offset assumed) from EXIF ``2025:03:12 20:20:00`` and ``+08:00``."""
    if not raw:
        return None, False
    try:
        moment = datetime.strptime(raw.strip()[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None, False
    match = re.match(r"^([+-])(\d{2}):?(\d{2})$", (offset or "").strip())
    if match:
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
        return iso(moment.replace(tzinfo=timezone(delta if match.group(1) == "+" else -delta))), False
    return iso(moment.replace(tzinfo=CHINA_TZ)), True


def _exif_facts(image: Any) -> tuple[dict[str, Any], bool | None, bool]:
    """(exif facts, camera-like — None when iOS marked it a screenshot —, gps present)."""
    if image.format == "PNG" and "exif" not in image.info:
        # Pillow decodes a whole PNG to look for an eXIf chunk after the image data; screenshots
        # have none before it, and decoding every screenshot twice costs seconds per case.
        return {}, False, False
    exif = image.getexif()
    exif_ifd = exif.get_ifd(IFD_EXIF) if IFD_EXIF in exif else {}
    gps_ifd = exif.get_ifd(IFD_GPS) if IFD_GPS in exif else {}
    orientation = exif.get(TAG_ORIENTATION)
    facts = {
        "datetime_original": _text(exif_ifd.get(TAG_DATETIME_ORIGINAL) or exif_ifd.get(TAG_DATETIME_DIGITIZED)),
        "offset": _text(exif_ifd.get(TAG_OFFSET_TIME_ORIGINAL) or exif_ifd.get(TAG_OFFSET_TIME_DIGITIZED)),
        "datetime": _text(exif.get(TAG_DATETIME)),
        "make": _text(exif.get(TAG_MAKE)),
        "model": _text(exif.get(TAG_MODEL)),
        "orientation": int(orientation) if isinstance(orientation, int) else None,
        "software": _text(exif.get(TAG_SOFTWARE)),
    }
    user_comment = _text(exif_ifd.get(TAG_USER_COMMENT)) or ""
    gps_present = any(key != 0 for key in gps_ifd)  # tag 0 is only the GPS version
    camera: bool | None = bool(facts["make"] or facts["model"] or TAG_EXPOSURE_TIME in exif_ifd or gps_present)
    if "screenshot" in user_comment.lower():  # iOS marks screenshots this way
        camera = None
    return facts, camera, gps_present


def screen_shaped(width: int, height: int) -> bool:
    """A phone screen upright (16:9 to 21:9, or a scrolling capture taller still) or a computer
    screen across (16:10 to 21:9)."""
    if not width or not height:
        return False
    return height / width >= 1.6 or 1.6 <= width / height <= 2.4


def image_origin(camera: bool | None, image_format: str | None, size: tuple[int, int], name: str) -> str:
    """``camera``, ``screen`` or ``unknown``: what the file itself shows about where it came from."""
    if camera:
        return "camera"
    if camera is None:
        return "screen"  # iOS wrote "Screenshot" into the EXIF
    if screen_shaped(*size) and (image_format == "PNG" or SCREENSHOT_NAME.search(name)):
        return "screen"
    return "unknown"


#: Evidence kind by image origin.
KIND_BY_ORIGIN = {"camera": "photo", "screen": "screenshot", "unknown": "image"}


def image_kind(path: Path) -> str:
    """``photo``, ``screenshot`` or ``image`` (no camera data, nothing saying it is a screenshot)."""
    from PIL import Image, UnidentifiedImageError

    heif_support()
    try:
        with Image.open(path) as image:
            return KIND_BY_ORIGIN[image_origin(_exif_facts(image)[1], image.format, image.size, path.name)]
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return "image"


def is_camera_photo(path: Path) -> bool:
    """True when EXIF says a camera took the image (make/model, exposure, or GPS)."""
    return image_kind(path) == "photo"


def extract_image(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Size, format, EXIF facts and capture time; a broken image gives warnings, not an error."""
    from PIL import Image, UnidentifiedImageError

    warnings = Warnings(path)
    heif = heif_support()
    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        if "heic" in mime or "heif" in mime or "avif" in mime:
            warnings.add(msg("warn.image.heic_undecodable", detail=str(error)) if heif
                         else msg("warn.image.heic_unsupported"))
        else:
            warnings.add(msg("warn.image.unreadable", detail=str(error)))
        return Extraction(facts={"format": None, "screenshot": None, "gps_present": None}, warnings=warnings.as_list())
    with image:
        try:
            exif, camera, gps_present = _exif_facts(image)
        except Exception as error:  # noqa: BLE001 - a malformed EXIF block must not hide the picture
            warnings.add(msg("warn.image.exif", detail=f"{type(error).__name__}: {error}"))
            exif, camera, gps_present = {}, False, False
        width, height = image.size
        origin = image_origin(camera, image.format, image.size, path.name)
        facts: dict[str, Any] = {
            "width": width,
            "height": height,
            "format": image.format,
            "mode": image.mode,
            "exif": exif,
            "gps_present": gps_present,
            "screenshot": origin == "screen",
            "origin": origin,
        }
        orientation = exif.get("orientation") or 1
        facts["rotate_degrees"] = ROTATION_BY_ORIENTATION.get(orientation, 0)
        facts["mirrored"] = orientation in MIRRORED_ORIENTATIONS
        facts["display_size"] = [height, width] if facts["rotate_degrees"] in (90, 270) else [width, height]
        _check_pixels(image, warnings)
    if gps_present:
        warnings.add(msg("warn.image.gps"))
    captured_at, assumed = exif_time(exif.get("datetime_original"), exif.get("offset"))
    named = capture_from_name(path.name)
    if captured_at:
        facts["captured_at_offset"] = "+08:00 assumed (no OffsetTimeOriginal)" if assumed else "from EXIF"
        facts["capture_time"] = exif_capture(captured_at, assumed)
    elif named:  # a screenshot has no EXIF: its name says when
        captured_at = named.time
        facts["capture_time"] = named.as_fact()
    if named and named.app:
        facts["name_app"] = {"app": named.app, "package": named.package}
    return Extraction(facts=facts, warnings=warnings.as_list(), captured_at=captured_at)


def _check_pixels(image: Any, warnings: Warnings) -> None:
    """Catch a truncated or damaged file now, without decoding what can be checked otherwise.

    PNGs are checked chunk by chunk (lengths and CRCs, no decompression), JPEGs marker by marker
    (segments, scans, the end-of-image marker; :mod:`evidencekit.extract.jpeg_check`): a truncated
    or damaged file fails there, at a fraction of the cost of decoding it. Other formats are decoded.
    """
    try:
        if image.format == "PNG":
            from PIL import Image

            with Image.open(image.filename) as fresh:
                fresh.verify()
            return
        if image.format == "JPEG":
            check_jpeg_file(Path(image.filename))
            return
        image.load()
    except Exception as error:  # noqa: BLE001 - Pillow raises OSError, SyntaxError, ValueError… for bad data
        warnings.add(msg("warn.image.damaged", detail=str(error)))
