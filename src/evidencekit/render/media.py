"""What an image's EXIF and a recording's headers say, as short lines under the heading."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from evidencekit.i18n import t
from evidencekit.model import Item, Visual
from evidencekit.render.document import ACCENT, FRAME_W, SHEET_KEY, SlotFlowable, table_style
from evidencekit.render.labels import label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView
from evidencekit.timefmt import duration, frame_time, offset_of, show_time

PRIVACY_BG = colors.HexColor("#fdf0ee")


def image_facts(view: DossierView, item: Item) -> list[Flowable]:
    """One line: capture time with its offset, device, orientation; a flag when GPS is present."""
    s, lang = view.styles, view.lang
    facts = item.facts
    exif: dict[str, Any] = facts.get("exif") or {}
    sep = "　·　"
    colon = ": " if lang == "en" else "："
    parts = []
    if item.captured_at:
        offset = offset_of(item.captured_at) or "+08:00"
        source = facts.get("captured_at_offset")
        when = f"{show_time(item.captured_at)}（UTC{offset}）" if lang == "zh" else \
            f"{show_time(item.captured_at)} (UTC{offset})"
        if offset != "+08:00":
            when += f" = {item.captured_at}"
        if source and source != "from EXIF":
            when += f" [{source}]"
        origin = (facts.get("capture_time") or {}).get("source")
        if origin in ("file-name", "status-bar", "container"):  # EXIF is what a reader expects: unsaid
            said = label("capture_from", lang, source=t(f"capture.source.{origin}", lang))
            when += f"（{said}）" if lang == "zh" else f" ({said})"
        parts.append(f"{label('img_captured', lang)}{colon}{when}")
    elif facts.get("format"):
        parts.append(label("img_no_exif_time", lang))
    device = " ".join(str(x) for x in (exif.get("make"), exif.get("model")) if x)
    if device:
        parts.append(f"{label('img_device', lang)}{colon}{device}")
    if exif.get("orientation") not in (None, 1):
        text = f"{label('img_orientation', lang)}{colon}EXIF {exif['orientation']}"
        if facts.get("rotate_degrees"):
            text += f"，{label('img_rotated', lang, deg=facts['rotate_degrees'])}"
        if facts.get("mirrored"):
            text += f"，{label('img_mirrored', lang)}"
        parts.append(text)
    if facts.get("width") and facts.get("height"):
        parts.append(f"{label('img_pixels', lang)}{colon}{facts['width']}×{facts['height']}")
    flow: list[Flowable] = []
    if parts:
        flow.append(Paragraph(esc(sep.join(parts)), s.small))
    if facts.get("gps_present"):
        box = Table([[Paragraph(f"<font color='#8a1c1c'>{esc(label('img_gps', lang))}</font>", s.small)]],
                    colWidths=[FRAME_W])
        box.setStyle(table_style(s.font,
            ("BACKGROUND", (0, 0), (-1, -1), PRIVACY_BG),
            ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ))
        flow.append(box)
    return flow


def media_summary(item: Item, lang: str) -> str | None:
    """``格式 WAV · 编码 PCM · 时长 0:04 · 8000 Hz · 单声道``; None when nothing is known."""
    facts = item.facts
    if "container" not in facts and "codec" not in facts:
        return None
    unknown = label("media_unknown", lang)
    colon = ": " if lang == "en" else "："
    parts = [f"{label('media_format', lang)}{colon}{str(facts.get('container') or unknown).upper()}"]
    if facts.get("codec"):
        parts.append(f"{label('media_codec', lang)}{colon}{str(facts['codec']).upper()}")
    length = duration(facts.get("duration_seconds"))
    if length:
        if facts.get("duration_estimated"):
            length += label("media_estimated", lang)
        parts.append(f"{label('media_duration', lang)}{colon}{length}")
    if facts.get("sample_rate"):
        parts.append(f"{label('media_rate', lang)}{colon}{facts['sample_rate']} Hz")
    if facts.get("channels"):
        channels = facts["channels"]
        names = {1: ("单声道", "mono"), 2: ("立体声", "stereo")}
        name = names.get(channels, (f"{channels}", f"{channels}"))
        parts.append(f"{label('media_channels', lang)}{colon}{name[0] if lang == 'zh' else name[1]}")
    width = facts.get("width") or facts.get("video_width")
    height = facts.get("height") or facts.get("video_height")
    if width and height:
        parts.append(f"{width}×{height}")
    return "　·　".join(parts)


def video_flowables(view: DossierView, item: Item, visual: Visual) -> list[Flowable]:
    """What the video is (format, length, picture size, when it was recorded), then its key frames."""
    s, lang = view.styles, view.lang
    colon = ": " if lang == "en" else "："
    lines = [media_summary(item, lang) or ""]
    recorded = item.facts.get("recorded_at")
    when = label("video_no_recorded", lang)
    if recorded:  # shown in Beijing time, with the file's own (usually UTC) time beside it
        when = f"{show_time(recorded)} (UTC+08:00)"
        if offset_of(recorded) != "+08:00":
            when += f" = {recorded}"
    lines.append(f"{label('video_recorded', lang)}{colon}{when}")
    flow: list[Flowable] = [Paragraph(esc("\n".join(x for x in lines if x)), s.small), Spacer(1, 2 * mm)]
    times = "  ".join(frame_time(t) for t in visual.frame_times)
    flow.append(Paragraph(esc(label("video_frames", lang, n=len(visual.frame_times), times=times)), s.small))
    flow.append(SlotFlowable(f"{item.id}{SHEET_KEY}", visual.size[0], visual.size[1], view.slots, min_fraction=0.6))
    flow.append(Paragraph(esc(label("video_note", lang)), s.small))
    return flow
