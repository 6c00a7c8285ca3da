"""The OCR stage of bundle and inspect: read the screens among the items, in parallel, and put
their facts on the items (``facts.screen``), the status-bar clock as a capture time when there
is no better one, and each item's lines (``Item.ocr``) for the dossier's invisible text layer.

``--ocr auto`` (the default) reads the images that are screenshots, photos (a photo of a
screen has its facts kept when they are a wallet's) or pictures of unknown origin; ``all`` every image, whatever its kind;
``none`` nothing. Cached results (by SHA-256, see engine.py) are taken here, in this process;
only the others go to a pool of worker processes, one engine and one ONNX thread each.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from evidencekit.clock import iso
from evidencekit.i18n import msg
from evidencekit.model import Item
from evidencekit.screens import engine
from evidencekit.screens.engine import OcrResult, OcrUnavailable
from evidencekit.screens.facts import screen_facts
from evidencekit.timefmt import beijing

log = logging.getLogger("evidencekit")

OCR_MODES = ("auto", "all", "none")
#: What --ocr auto reads: screenshots, photos (of a screen, perhaps), and pictures of unknown origin
#: (a JPEG whose EXIF a messenger stripped: WeChat saves screenshots so).
PICTURE_KINDS = ("screenshot", "photo", "image")
FIELD_NAMES = {"txn_id": "screen.field.txn_id", "merchant_order": "screen.field.merchant_order",
               "amount": "screen.field.amount", "time": "screen.field.time", "status": "screen.field.status",
               "counterparty": "screen.field.counterparty", "method": "screen.field.method",
               "balance": "screen.field.balance"}
Progress = Callable[[str, int, int], None]


def wants_ocr(item: Item, mode: str) -> bool:
    if mode == "none" or not item.size or not item.mime.startswith("image/"):
        return False
    if item.duplicate_of is not None or "screen" in item.facts:
        return False  # the same bytes as an earlier item, which is read; or its screen is known already
    if item.facts.get("format") is None and "width" not in item.facts and item.kind in PICTURE_KINDS:
        return False  # Pillow could not open it: a warning says so already
    return mode == "all" or item.kind in PICTURE_KINDS


def read_screens(items: list[Item], mode: str = "auto", *, progress: Progress | None = None,
                 jobs: int | None = None, home: Path | None = None, write_cache: bool = True) -> None:
    """OCR the chosen items (see the module's docstring) and record what they show, in place.
    ``home``: where the cache is (see :func:`cache_home`); ``write_cache=False`` (``bundle --dry-run``)
    reads it but adds nothing."""
    if mode not in OCR_MODES:
        raise ValueError(f"--ocr {mode!r}: expected one of {', '.join(OCR_MODES)}")
    chosen = [item for item in items if wants_ocr(item, mode)]
    if not chosen:
        return
    home = cache_home(home)
    results: dict[str, OcrResult | BaseException] = {}
    todo: list[Item] = []
    for item in chosen:
        cached = engine.cached(item.sha256, home) if home is not None else None
        if cached is not None:
            results[item.id] = cached
        else:
            todo.append(item)
    done = len(results)
    if progress:
        progress("ocr", done, len(chosen))
    for item_id, outcome in _run([(item.id, item.source, item.sha256) for item in todo], jobs,
                                 home if write_cache else None):
        results[item_id] = outcome
        done += 1
        if progress:
            progress("ocr", done, len(chosen))
    for item in chosen:
        _record(item, results[item.id], keep_lines=mode == "all" or item.kind in ("screenshot", "image"))


def cache_home(home: Path | None) -> Path | None:
    """Where the OCR cache is: ``home``, else ``EVIDENCEKIT_HOME`` when set, else nowhere — a
    script calling the library writes nothing in the user's folders (the CLI passes its home)."""
    if home is not None:
        return home
    env = os.environ.get("EVIDENCEKIT_HOME")
    return Path(env) if env else None


def warm_cache(images: list[tuple[str, Path, str]], home: Path, *, progress: Progress | None = None) -> None:
    """Read the ``images`` (key, path, SHA-256) that the cache at ``home`` lacks, on every core, and
    cache them: a caller that then reads them one by one (the public copy) finds them there."""
    todo = [image for image in images if engine.cached(image[2], home) is None]
    for n, _ in enumerate(_run(todo, None, home), start=1):
        if progress:
            progress("ocr", n, len(todo))


def _run(todo: list[tuple[str, Path, str]], jobs: int | None, home: Path | None) -> Any:
    """(key, result or error) for each (key, path, SHA-256) as it finishes: in this process for one
    image, or when this process is itself a pool worker (batch); else in a pool of worker processes."""
    if not todo:
        return
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if workers == 1 or multiprocessing.current_process().daemon:
        for key, path, sha256 in todo:
            yield key, _read_one(path, sha256, home)
        return
    methods = multiprocessing.get_all_start_methods()
    # forkserver: no copy of this process's threads and locks (the SM3 hashing pool, the logger)
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else None)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=engine.set_threads, initargs=(1,))
    try:
        futures = {pool.submit(_read_one, path, sha256, home): key for key, path, sha256 in todo}
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BaseException:
        # Ctrl-C, SIGTERM, an error: stop the workers now rather than wait for the screens they read
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _read_one(path: Path, sha256: str, home: Path | None) -> OcrResult | BaseException:
    """One image's lines, or the error that stopped it (returned, not raised: one bad image
    must not stop the others)."""
    try:
        return engine.read_lines(path, sha256=sha256, home=home) if home is not None else engine.recognise(path)
    except OcrUnavailable as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - Pillow's and the engine's errors on a bad image
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _record(item: Item, outcome: OcrResult | BaseException, *, keep_lines: bool) -> None:
    if isinstance(outcome, OcrUnavailable):
        item.warnings.append(msg("warn.screen.ocr_unavailable", detail=str(outcome)))
        return
    if isinstance(outcome, BaseException):
        item.warnings.append(msg("warn.screen.ocr_failed", name=item.path, detail=str(outcome)))
        return
    facts = screen_facts(outcome)
    if facts is not None or keep_lines:
        item.ocr = outcome  # the invisible text layer on its exhibit page
    if facts is None:
        return
    item.facts["screen"] = facts
    if facts["low_confidence"]:
        item.warnings.append(msg("warn.screen.low_confidence",
                                 fields=[msg(FIELD_NAMES[name]) for name in facts["low_confidence"]]))
    if item.captured_at is None and "capture_time" not in item.facts:
        when = status_bar_time(facts)
        if when:
            item.captured_at = when
            item.facts["capture_time"] = {"time": when, "source": "status-bar", "pattern": "HH:MM"}


def status_bar_time(facts: dict[str, Any]) -> str | None:
    """The capture time a status-bar clock gives: its HH:MM on the day of the screen's own time
    (the next day when the clock is earlier than the transaction: the picture came after it)."""
    clock, shown = facts.get("status_bar"), beijing(facts.get("time"))
    if not clock or shown is None:
        return None
    hours, minutes = (int(part) for part in clock.split(":"))
    taken = shown.replace(hour=hours, minute=minutes, second=0)
    if taken < shown.replace(second=0):
        taken += timedelta(days=1)
    return iso(taken) if isinstance(taken, datetime) else None
