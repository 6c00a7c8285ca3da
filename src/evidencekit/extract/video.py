"""Videos opened with PyAV (FFmpeg in its wheels): duration, picture size, recording time, key frames.

The recording time is the container's ``creation_time``: phones and screen recorders write the
moment recording began (in UTC). The contact sheet is a handful of frames at even intervals,
decoded from the nearest key frame before each: a 200 MB screen recording costs a few seeks.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidencekit.clock import iso
from evidencekit.timefmt import frame_time

log = logging.getLogger("evidencekit")

SHEET_FRAMES = 8
SHEET_COLUMNS = 4
THUMB_LONG_SIDE = 480  # pixels of a frame's long side on the sheet
SHEET_QUALITY = 82
MAX_DECODE = 60  # frames decoded past a key frame to reach the time wanted (2 s at 30 fps)


@dataclass(frozen=True)
class ContactSheet:
    jpeg: bytes
    size: tuple[int, int]
    times: tuple[float, ...]  # seconds into the video of each frame shown
    columns: int


def _creation_time(*metadatas: dict[str, str]) -> str | None:
    for metadata in metadatas:
        raw = (metadata or {}).get("creation_time")
        if not raw:
            continue
        try:
            moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)  # QuickTime and Matroska times are UTC
        if moment.year < 1971:
            continue  # an unset QuickTime date (1904 or 1970) says nothing
        return iso(moment)
    return None


def video_facts(path: Path) -> dict[str, Any]:
    """``duration_seconds``, ``width``, ``height`` (as shown, after any rotation), ``frame_rate``,
    ``video_codec``, ``rotation`` and ``recorded_at``; empty when PyAV cannot open it."""
    import av

    try:
        with av.open(str(path)) as container:
            streams = container.streams.video
            if not streams:
                return {}
            stream = streams[0]
            duration = None
            if container.duration:
                duration = container.duration / 1_000_000
            elif stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            width, height = stream.codec_context.width, stream.codec_context.height
            rotation = _rotation(container, stream)
            if rotation in (90, 270):
                width, height = height, width
            rate = stream.average_rate or stream.guessed_rate
            return {
                "duration_seconds": round(duration, 3) if duration is not None else None,
                "width": width,
                "height": height,
                "frame_rate": round(float(rate), 3) if rate else None,
                "video_codec": stream.codec_context.name,
                "rotation": rotation,
                "recorded_at": _creation_time(dict(container.metadata), dict(stream.metadata)),
            }
    except Exception:  # noqa: BLE001 - FFmpeg reports damage in many ways; the headers' facts stand
        log.debug("PyAV cannot read %s", path, exc_info=True)
        return {}


def _rotation(container: Any, stream: Any) -> int:
    """Clockwise degrees a player turns the picture (phones store portrait video sideways)."""
    try:
        for frame in container.decode(stream):
            return int(round(-(frame.rotation or 0))) % 360
    except Exception:  # noqa: BLE001 - a frame that does not decode leaves the picture as stored
        return 0
    return 0


def contact_sheet(path: Path, frames: int = SHEET_FRAMES) -> ContactSheet | None:
    """A grid of ``frames`` frames at even intervals as one JPEG; None when none decodes."""
    import av
    from PIL import Image, ImageDraw, ImageFont

    shots: list[tuple[float, Any]] = []
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                return None
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            duration = container.duration / 1_000_000 if container.duration else None
            if not duration and stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            targets = [duration * (k + 0.5) / frames for k in range(frames)] if duration else [0.0]
            for target in targets:
                image = _frame_at(container, stream, target)
                if image is not None:
                    shots.append(image)
    except Exception:  # noqa: BLE001 - show the frames that did decode
        log.debug("PyAV stopped reading %s", path, exc_info=True)
    if not shots:
        return None
    # the same key frame twice (a short video, sparse key frames) is shown once
    unique: list[tuple[float, Any]] = []
    for when, image in shots:
        if not unique or abs(unique[-1][0] - when) > 1e-3:
            unique.append((when, image))
    thumbs = []
    for _, image in unique:
        image.thumbnail((THUMB_LONG_SIDE, THUMB_LONG_SIDE), Image.Resampling.LANCZOS)
        thumbs.append(image)
    columns = min(SHEET_COLUMNS, len(thumbs))
    rows = -(-len(thumbs) // columns)
    cell_w = max(t.width for t in thumbs)
    cell_h = max(t.height for t in thumbs)
    gap = 8
    sheet = Image.new("RGB", (columns * cell_w + (columns - 1) * gap, rows * cell_h + (rows - 1) * gap), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=max(12, cell_h // 12))
    for n, (thumb, (when, _)) in enumerate(zip(thumbs, unique, strict=True)):
        row, col = divmod(n, columns)
        x = col * (cell_w + gap) + (cell_w - thumb.width) // 2
        y = row * (cell_h + gap) + (cell_h - thumb.height) // 2
        sheet.paste(thumb, (x, y))
        # where the frame is, on the frame: white on a dark box, readable on any picture
        stamp = frame_time(when)
        left, top, right, bottom = draw.textbbox((x + 6, y + 6), stamp, font=font)
        draw.rectangle((left - 3, top - 3, right + 3, bottom + 3), fill=(0, 0, 0))
        draw.text((x + 6, y + 6), stamp, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    sheet.save(out, format="JPEG", quality=SHEET_QUALITY, optimize=True)
    return ContactSheet(out.getvalue(), sheet.size, tuple(round(w, 3) for w, _ in unique), columns)


def _frame_at(container: Any, stream: Any, seconds: float) -> tuple[float, Any] | None:
    """The frame at ``seconds``, upright: decoded forward from the key frame before it (at most
    ``MAX_DECODE`` frames, so sparse key frames cost bounded time)."""
    from PIL import Image

    if stream.time_base:
        container.seek(int(seconds / stream.time_base), stream=stream, backward=True, any_frame=False)
    chosen = None
    for count, frame in enumerate(container.decode(stream)):
        chosen = frame
        if (frame.time or 0.0) >= seconds - 0.02 or count >= MAX_DECODE:
            break
    if chosen is None:
        return None
    image = chosen.to_image()
    turn = int(round(-(chosen.rotation or 0))) % 360
    if turn:
        image = image.transpose({90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                                 270: Image.Transpose.ROTATE_90}[turn])
    return float(chosen.time or 0.0), image
