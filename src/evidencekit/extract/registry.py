"""The one table from evidence kind to extractor, and the dispatch that never raises.

Each extractor still looks at the content: a user may set ``kind = "receipt"`` in case.toml
for a screenshot, so the receipt extractor reads images as well as PDFs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from evidencekit.extract.bills import extract_bill
from evidencekit.extract.chats import extract_chat
from evidencekit.extract.common import Warnings
from evidencekit.extract.images import extract_image
from evidencekit.extract.media import container_of, extract_media
from evidencekit.extract.office import extract_office, office_format
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.other import extract_other
from evidencekit.extract.pdfs import extract_pdf
from evidencekit.extract.text import extract_text_document, looks_like_text, read_head
from evidencekit.i18n import msg
from evidencekit.model import Extraction

log = logging.getLogger("evidencekit")

Extractor = Callable[[Path, str, ExtractOptions], Extraction]


def extract_by_content(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Documents and receipts come as PDFs, images or text: read whichever this is."""
    head = read_head(path, 64)
    if head.startswith(b"%PDF") or mime == "application/pdf":
        return extract_pdf(path, mime, options)
    if mime.startswith("image/") or container_of(head) == "heif":
        return extract_image(path, mime, options)
    if container_of(head) is not None:
        return extract_media(path, mime, options)
    if head.startswith(b"PK\x03\x04") and office_format(path):
        return extract_office(path, mime, options)
    if mime.startswith("text/") or looks_like_text(read_head(path)):
        return extract_text_document(path, mime, options)
    return extract_other(path, mime, options)


EXTRACTORS: dict[str, Extractor] = {
    "screenshot": extract_image,
    "photo": extract_image,
    "image": extract_image,
    "receipt": extract_by_content,
    "bill": extract_bill,
    "chat": extract_chat,
    "recording": extract_media,
    "video": extract_media,
    "document": extract_by_content,
    "other": extract_other,
}


def extract(path: Path, mime: str, kind: str, options: ExtractOptions = ExtractOptions()) -> Extraction:
    """Facts and warnings about one file through the extractor of its kind.

    Never raises for bad content: a broken file, or a bug met on one, becomes a warning that
    names the file, so the bundle goes on and the file is still hashed, attached and listed.
    """
    extractor = EXTRACTORS.get(kind)
    if extractor is None:
        warnings = Warnings(path)
        warnings.add(msg("warn.unknown_kind", kind=repr(kind)))
        return Extraction(warnings=warnings.as_list())
    try:
        extraction = extractor(path, mime, options)
    except Exception as error:
        log.warning(msg("log.extractor_failed", kind=kind, path=str(path)), exc_info=True)
        warnings = Warnings(path)
        warnings.add(msg("warn.extractor_failed", kind=msg(f"kind.{kind}"), detail=f"{type(error).__name__}: {error}"))
        return Extraction(warnings=warnings.as_list())
    log.debug("extracted %s as %s: %d warnings", path, kind, len(extraction.warnings))
    return extraction
