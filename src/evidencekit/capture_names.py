"""Capture times and apps from the names phones and desktops give screenshots and photos.

Pure: a file name in, a time (ISO 8601 with offset) and the pattern it matched out. Names
written from the device's clock (``Screenshot_20250312-204107``) carry no zone: +08:00 is
assumed, as for EXIF without OffsetTimeOriginal. ``mmexport`` and ``wx_camera_`` names carry
epoch milliseconds: a UTC instant, shown in +08:00. A name that matches a pattern but gives an
impossible date (month 13) gives nothing.

The item's facts say where its time came from (``capture_time``: source ``file-name``,
``exif``, ``status-bar`` or ``container``, and the pattern).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from evidencekit.clock import CHINA_TZ, iso

#: Android package names and the labels Samsung/OnePlus append (``_Alipay``) -> our app key.
APP_BY_NAME = {
    "com.eg.android.alipaygphone": "alipay", "alipay": "alipay", "支付宝": "alipay",
    "com.tencent.mm": "wechat", "wechat": "wechat", "weixin": "wechat", "微信": "wechat",
    "cmb.pb": "bank", "com.icbc": "bank", "com.chinamworld.main": "bank", "com.android.bankabc": "bank",
    "com.chinamworld.bocmbci": "bank", "com.bankcomm.bankcomm": "bank", "com.unionpay": "bank",
    "招商银行": "bank", "工商银行": "bank", "建设银行": "bank", "农业银行": "bank", "中国银行": "bank",
    "云闪付": "bank",
}

# Each: (pattern id as shown, regex on the stem, how to read the groups).
_LOCAL = "local"  # Y M D h m s groups, the device's clock (+08:00 assumed)
_EPOCH_MS = "epoch-ms"  # one group: milliseconds since 1970 UTC
_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("Screenshot_YYYY-MM-DD-HH-MM-SS-mmm_pkg",
     re.compile(r"^Screenshot_(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})(?:-\d{1,3})?(?:_(?P<app>.+))?$", re.I),
     _LOCAL),
    ("Screenshot_YYYYMMDD-HHMMSS_app",
     re.compile(r"^Screenshot_(\d{4})(\d{2})(\d{2})[-_](\d{2})(\d{2})(\d{2})(?:_(?P<app>.+))?$", re.I), _LOCAL),
    ("mmexport<epoch-ms>", re.compile(r"^mmexport(\d{13})(?:[-_ (].*)?$", re.I), _EPOCH_MS),
    ("wx_camera_<epoch-ms>", re.compile(r"^wx_camera_(\d{13})(?:[-_ (].*)?$", re.I), _EPOCH_MS),
    ("微信图片_YYYYMMDDHHMMSS", re.compile(r"^微信图片_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[-_ (].*)?$"), _LOCAL),
    ("IMG_/VID_YYYYMMDD_HHMMSS",
     re.compile(r"^(?:IMG|VID|PXL|PANO|MVIMG)_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:\d{0,3})?(?:[-_ (~.].*)?$",
                re.I), _LOCAL),
    ("屏幕截图 YYYY-MM-DD HHMMSS",
     re.compile(r"^屏幕截图\s*(\d{4})-(\d{2})-(\d{2})\s+(\d{2})(\d{2})(\d{2})(?:[-_ (].*)?$"), _LOCAL),
    ("Screen Shot YYYY-MM-DD at HH.MM.SS",
     re.compile(r"^Screen ?shot (\d{4})-(\d{2})-(\d{2}) at (\d{1,2})\.(\d{2})\.(\d{2})(?:\s*(?P<ampm>[AP]M))?"
                r"(?:\s*\(\d+\))?$", re.I), _LOCAL),
    ("截屏YYYY-MM-DD HH.MM.SS",
     re.compile(r"^截屏\s*(\d{4})-(\d{2})-(\d{2})\s+(\d{1,2})\.(\d{2})\.(\d{2})(?:\s*\(\d+\))?$"), _LOCAL),
)


@dataclass(frozen=True)
class NameCapture:
    """What a file name says: when, by which pattern, and the app it names (if any)."""

    time: str  # ISO 8601 with offset
    pattern: str
    package: str | None = None  # the app part of the name as written ("com.tencent.mm", "Alipay")
    app: str | None = None  # "alipay" | "wechat" | "bank", when the name says

    def as_fact(self) -> dict[str, Any]:
        """The item's ``capture_time`` fact."""
        return {"time": self.time, "source": "file-name", "pattern": self.pattern}


def _stem(name: str) -> str:
    name = unicodedata.normalize("NFC", name.rsplit("/", 1)[-1]).replace("\u202f", " ")
    return name.rsplit(".", 1)[0] if "." in name else name


def app_of(package: str | None) -> str | None:
    """Our app key for an Android package or an app label written in a name."""
    if not package:
        return None
    key = package.strip(" _-").lower()
    if key in APP_BY_NAME:
        return APP_BY_NAME[key]
    return next((app for name, app in APP_BY_NAME.items() if "." in name and key.startswith(name)), None)


def capture_from_name(name: str) -> NameCapture | None:
    """The capture time a file name gives, or None (a name no pattern knows, or an impossible date)."""
    stem = _stem(name)
    for pattern, regex, how in _PATTERNS:
        match = regex.match(stem)
        if not match:
            continue
        numbers = [int(g) for g in match.groups()[:6] if g is not None and g.isdigit()]
        try:
            if how == _EPOCH_MS:
                moment = datetime.fromtimestamp(numbers[0] / 1000, tz=UTC).astimezone(CHINA_TZ)
                moment = moment.replace(microsecond=0)
            else:
                year, month, day, hour, minute, second = numbers[:6]
                ampm = (match.groupdict().get("ampm") or "").upper()
                if ampm:
                    if not 1 <= hour <= 12:
                        return None
                    hour = hour % 12 + (12 if ampm == "PM" else 0)
                moment = datetime(year, month, day, hour, minute, second, tzinfo=CHINA_TZ)
        except (ValueError, OverflowError, OSError):
            return None
        if not 2000 <= moment.year <= 2100:
            return None
        package = match.groupdict().get("app")
        app = app_of(package)
        if app is None and pattern in ("mmexport<epoch-ms>", "wx_camera_<epoch-ms>", "微信图片_YYYYMMDDHHMMSS"):
            app = "wechat"  # saved from WeChat: the picture passed through it
        return NameCapture(iso(moment), pattern, package or None, app)
    return None


def exif_capture(time: str, assumed: bool) -> dict[str, Any]:
    """The ``capture_time`` fact for an EXIF time (``assumed``: +08:00, the camera wrote no offset)."""
    return {"time": time, "source": "exif",
            "pattern": "DateTimeOriginal" + (" (+08:00 assumed)" if assumed else "")}


def container_capture(time: str, box: str) -> dict[str, Any]:
    """The ``capture_time`` fact for a time a media container records (MP4 ``mvhd``)."""
    return {"time": time, "source": "container", "pattern": box}
