"""Decide how each item shows on its exhibit pages, before the pages are laid out."""

from __future__ import annotations

import codecs
from pathlib import Path

from PIL import Image

from evidencekit.containers.shown import container_text
from evidencekit.extract.office import docx_blocks, is_legacy_office, office_format, xlsx_blocks
from evidencekit.extract.text import detect_encoding
from evidencekit.extract.video import contact_sheet
from evidencekit.i18n import msg
from evidencekit.model import Item, Visual
from evidencekit.pdf.images import ImageUnreadable, load_image
from evidencekit.pdf.importer import PdfPageSource

TEXT_LIMIT = 200_000  # bytes of a text file shown on pages; the whole file is attached
LINE_LIMIT = 2_000  # characters of one line shown: a file whose line breaks are gone shows its start

TEXT_MIMES = ("application/json", "application/csv", "application/xml", "application/toml")


def visual_for(item: Item, lang: str, password: str | None = None) -> Visual:
    if item.duplicate_of:
        return Visual("card", reason=msg("visual.duplicate_of", id=item.duplicate_of))
    if not item.embedded:  # nothing of the file goes in: no page image, no imported page
        return Visual("card", reason=msg("visual.not_embedded"))
    if item.size == 0:
        return Visual("card", reason=msg("visual.empty"))
    shown = container_text(item, lang)
    if shown is not None:
        return Visual("text", text=shown)
    if item.mime.startswith("image/"):
        return _image_visual(item, lang)
    if item.mime == "application/pdf":
        return _pdf_visual(item.source, lang, password)
    if item.mime.startswith("text/") or item.mime in TEXT_MIMES:
        return _text_visual(item.source)
    if item.mime.startswith("audio/"):
        return Visual("card", reason=msg("visual.recording", mime=item.mime))
    if item.mime.startswith("video/") or item.kind == "video":
        return _video_visual(item)
    if item.facts.get("transactions") or item.facts.get("messages"):
        return Visual("card")  # a bill or chat read from a workbook shows as its table or transcript
    if "openxmlformats" in item.mime or item.mime in ("application/zip", "application/octet-stream"):
        office = _office_visual(item)
        if office is not None:
            return office
    if is_legacy_office(item.mime):
        return Visual("card", reason=msg("visual.legacy_office", mime=item.mime))
    return Visual("card", reason=msg("visual.unsupported", mime=item.mime))


def _video_visual(item: Item) -> Visual:
    """Key frames on a contact sheet; a card when no frame decodes."""
    sheet = contact_sheet(item.source)
    if sheet is None:
        return Visual("card", reason=msg("visual.video", mime=item.mime))
    return Visual("video", size=(float(sheet.size[0]), float(sheet.size[1])), picture=sheet.jpeg,
                  frame_times=sheet.times)


def _office_visual(item: Item) -> Visual | None:
    """A .docx's text and tables, an .xlsx's sheets; None when it is neither."""
    kind = office_format(item.source)
    if kind is None:
        return None
    try:
        blocks = docx_blocks(item.source) if kind == "docx" else xlsx_blocks(item.source)
    except Exception as exc:  # noqa: BLE001 - python-docx and openpyxl raise many types for damaged files
        return Visual("card", reason=msg("visual.office_damaged", detail=f"{type(exc).__name__}: {exc}"),
                      problem=True)
    if not blocks:
        return Visual("card", reason=msg("visual.office_empty"))
    return Visual("document", blocks=blocks)


def _text_visual(path: Path) -> Visual:
    """The start of a text file: at most ``TEXT_LIMIT`` bytes, each line at most ``LINE_LIMIT``."""
    with open(path, "rb") as f:
        data = f.read(TEXT_LIMIT + 1)
    cut = len(data) > TEXT_LIMIT
    text = _decode(data[:TEXT_LIMIT], complete=not cut)
    lines = text.split("\n")
    long = any(len(line) > LINE_LIMIT for line in lines)
    if long:
        text = "\n".join(line if len(line) <= LINE_LIMIT else line[:LINE_LIMIT] + " …" for line in lines)
    return Visual("text", text=text, truncated=cut or long)


def _decode(data: bytes, *, complete: bool) -> str:
    """Decode with the extractors' one detector (BOMs, UTF-16, UTF-8, GB18030): the page shows
    what the facts were read from. A character split by a cut is left out, not garbled."""
    decoder = codecs.getincrementaldecoder(detect_encoding(data).name)("replace")
    return decoder.decode(data, final=complete)


def _image_visual(item: Item, lang: str) -> Visual:
    try:
        w, h = load_image(item.source, item.size).display_size
    except (ImageUnreadable, OSError, Image.DecompressionBombError) as exc:
        reason = exc.reason if isinstance(exc, ImageUnreadable) else msg("image.damaged", detail=str(exc))
        return Visual("card", reason=msg("visual.image_unreadable", reason=reason), problem=True)
    return Visual("image", size=(float(w), float(h)))


def _pdf_visual(path: Path, lang: str, password: str | None) -> Visual:
    try:
        source = PdfPageSource(path, password)
        sizes = []
        for page in source.reader.pages:
            box = page.cropbox if "/CropBox" in page else page.mediabox
            w, h = float(box.width), float(box.height)
            rotate = int(page.get("/Rotate", 0) or 0) % 360
            sizes.append((h, w) if rotate in (90, 270) else (w, h))
    except PermissionError:
        return Visual("card", reason=msg("visual.pdf_encrypted"), problem=True)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for broken files
        return Visual("card", reason=msg("visual.pdf_damaged", detail=f"{type(exc).__name__}: {exc}"), problem=True)
    if not sizes:
        return Visual("card", reason=msg("visual.pdf_no_pages"), problem=True)
    return Visual("pdf", pages=tuple(sizes))
