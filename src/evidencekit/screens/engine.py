"""The OCR engine: text lines with their boxes and confidence, read once per image and cached.

RapidOCR (PP-OCRv4 detection and recognition as ONNX models inside the wheel) runs on the CPU
with no download at run time. The engine is loaded once per process, on first use. Results are
cached by the image's SHA-256 under ``EVIDENCEKIT_HOME/ocr-cache/<engine version>/``, so the same
screenshot is never read twice, whichever folder or case it comes from.

Boxes are ``(x0, y0, x1, y1)`` in pixels of the image as shown upright (EXIF orientation
applied), origin top-left: the axis-aligned rectangle around the quadrilateral the detector found.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidencekit.extract.images import heif_support
from evidencekit.identity import home_dir

log = logging.getLogger("evidencekit")

ENGINE_PACKAGE = "rapidocr-onnxruntime"
CACHE_FOLDER = "ocr-cache"
#: Bump when the way lines are made from the engine's output changes: old cache entries are then ignored.
#: 2: the angle classifier is off (bench/README.md, "OCR parameters").
CACHE_FORMAT = 3  # 3: long screenshots read in tiles
TILE_RATIO = 1.8  # a tile's height to the width: under the engine's 2000 px for a 1080-wide screen

_engine: Any = None
_engine_lock = threading.Lock()
_threads: int | None = None


@dataclass(frozen=True)
class TextLine:
    """One line of text as the engine read it."""

    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in upright pixels, origin top-left
    confidence: float  # 0..1

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "box": list(self.box), "confidence": self.confidence}


@dataclass(frozen=True)
class OcrResult:
    """Every line read from one image (upright width and height in pixels)."""

    width: int
    height: int
    lines: tuple[TextLine, ...]
    engine: str

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def to_dict(self) -> dict[str, Any]:
        return {"format": CACHE_FORMAT, "width": self.width, "height": self.height, "engine": self.engine,
                "lines": [line.to_dict() for line in self.lines]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OcrResult:
        lines = tuple(TextLine(str(line["text"]), tuple(float(v) for v in line["box"]),  # type: ignore[arg-type]
                               float(line["confidence"])) for line in data["lines"])
        return cls(int(data["width"]), int(data["height"]), lines, str(data["engine"]))


class OcrUnavailable(RuntimeError):
    """The engine cannot be loaded (not installed, or its native libraries are missing)."""


def engine_version() -> str:
    """``rapidocr-onnxruntime 1.4.4``: names the cache folder, so a new engine reads afresh."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{ENGINE_PACKAGE} {version(ENGINE_PACKAGE)}"
    except PackageNotFoundError:
        return f"{ENGINE_PACKAGE} ?"


def set_threads(threads: int | None) -> None:
    """ONNX Runtime threads for the engine this process will load (None: all cores). A pool of
    worker processes gives each one thread, so the cores are not oversubscribed."""
    global _threads
    _threads = threads


def _load_engine() -> Any:
    global _engine
    with _engine_lock:
        if _engine is None:
            # ONNX Runtime writes a device id under XDG_CACHE_HOME (~/.cache/Microsoft/…) when it is
            # imported; the library writes nothing in the user's folders, so it goes to a folder of
            # our own, removed at once.
            scratch = tempfile.mkdtemp(prefix="evidencekit-ort-")
            saved = os.environ.get("XDG_CACHE_HOME")
            os.environ["XDG_CACHE_HOME"] = scratch
            try:
                from rapidocr_onnxruntime import RapidOCR
            except Exception as exc:  # noqa: BLE001 - ImportError, or OSError from a missing libGL
                raise OcrUnavailable(f"{type(exc).__name__}: {exc}") from exc
            finally:
                if saved is None:
                    os.environ.pop("XDG_CACHE_HOME", None)
                else:
                    os.environ["XDG_CACHE_HOME"] = saved
                shutil.rmtree(scratch, ignore_errors=True)
            # Screens are upright (EXIF orientation is applied first): the 0/180° line classifier
            # only costs time — a quarter of it, at the same accuracy (bench/ocr_params.py).
            kwargs: dict[str, Any] = {"use_cls": False}
            if _threads:
                kwargs.update(intra_op_num_threads=_threads, inter_op_num_threads=1)
                if _threads == 1:
                    _single_threaded_cv2()
            # RapidOCR logs each call at INFO on its own logger; only its warnings matter here.
            logging.getLogger("RapidOCR").setLevel(logging.WARNING)
            _engine = RapidOCR(**kwargs)
        return _engine


def _single_threaded_cv2() -> None:
    """A worker with one ONNX thread keeps OpenCV's resizing to one thread too (its own pool
    would only contend with the other workers for the same cores)."""
    try:
        import cv2

        cv2.setNumThreads(1)
    except Exception as exc:  # noqa: BLE001 - OpenCV missing or without the call: only speed is at stake
        log.debug("cv2.setNumThreads(1) not applied: %s", exc)


def cache_path(sha256: str, home: Path | None = None) -> Path:
    slug = engine_version().replace(" ", "-")
    return (home or home_dir()) / CACHE_FOLDER / f"{slug}-f{CACHE_FORMAT}" / f"{sha256}.json"


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cached(sha256: str, home: Path | None = None) -> OcrResult | None:
    """The cached result for the image with this SHA-256, or None (never runs the engine)."""
    entry = cache_path(sha256, home)
    try:
        return OcrResult.from_dict(json.loads(entry.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:  # a damaged entry is read again
        log.debug("OCR cache entry %s unusable: %s", entry, exc)
        return None


def read_lines(path: Path, *, sha256: str | None = None, home: Path | None = None) -> OcrResult:
    """The text lines of the image at ``path``, from the cache when this image was read before.

    ``sha256`` is the image's digest when the caller has it already (the bundle hashed it);
    ``home`` overrides ``EVIDENCEKIT_HOME`` for the cache. Raises :class:`OcrUnavailable` when the
    engine cannot load, and Pillow's errors for an image that cannot be decoded.
    """
    digest = sha256 or _sha256_of(path)
    found = cached(digest, home)
    if found is not None:
        return found
    result = recognise(path)
    _store(cache_path(digest, home), result)
    return result


def recognise(path: Path) -> OcrResult:
    """Run the engine on ``path`` (no cache)."""
    from PIL import Image, ImageOps

    heif_support()
    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened)
        if image.mode != "RGB":
            image = _flatten(image)
        width, height = image.size
        engine = _load_engine()
        lines = []
        for top, keep_from, keep_to in tiles(width, height):
            tile = image if (top, keep_to) == (0, height) else image.crop((0, top, width, min(height, top + _tile_height(width))))
            found, _elapsed = engine(tile)
            for quad, text, score in found or ():
                xs = [float(p[0]) for p in quad]
                ys = [float(p[1]) + top for p in quad]
                if not keep_from <= (min(ys) + max(ys)) / 2 < keep_to:
                    continue  # read whole by the neighbouring tile
                box = (max(0.0, min(xs)), max(0.0, min(ys)), min(float(width), max(xs)), min(float(height), max(ys)))
                lines.append(TextLine(str(text).strip(), tuple(round(v, 1) for v in box),  # type: ignore[arg-type]
                                      round(float(score), 4)))
    lines.sort(key=lambda line: (line.box[1], line.box[0]))
    return OcrResult(width, height, tuple(line for line in lines if line.text), engine_version())


def _tile_height(width: int) -> int:
    return max(1, int(width * TILE_RATIO))


def tiles(width: int, height: int) -> list[tuple[int, int, int]]:
    """(top, keep from, keep to) in image rows: a long screenshot is read in overlapping tiles of a phone
    screen's shape, because the engine shrinks any image to 2000 px on its long side (a 1080×7200 capture
    would be read at 300 px wide). A line belongs to the tile whose keep band holds its middle; the overlap is
    wider than two lines, so each line is read whole by the tile that keeps it, and kept once."""
    tile = _tile_height(width)
    if height <= tile * 1.25:
        return [(0, 0, height)]
    overlap = max(200, width // 4)
    out: list[tuple[int, int, int]] = []
    top = 0
    while True:
        bottom = min(height, top + tile)
        last = bottom >= height
        out.append((top, top + overlap // 2 if top else 0, height if last else bottom - overlap // 2))
        if last:
            return out
        top = bottom - overlap


def _flatten(image: Any) -> Any:
    """RGB on white: a transparent PNG's see-through parts read as the page they sit on."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        page = Image.new("RGB", rgba.size, (255, 255, 255))
        page.paste(rgba, mask=rgba.getchannel("A"))
        return page
    return image.convert("RGB")


def _store(target: Path, result: OcrResult) -> None:
    """Write the cache entry atomically; a cache that cannot be written only costs time."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".ocr-", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(result.to_dict(), f, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        log.debug("OCR cache not written (%s): %s", target, exc)
