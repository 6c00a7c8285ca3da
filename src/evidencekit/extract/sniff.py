"""Which kind of evidence a file is, from its content (libmagic's MIME type and our own
look at the bytes), never from its extension alone.

The file name only breaks ties the content leaves open (a PDF whose text could not be read
called 电子回单.pdf is taken for a receipt).
"""

from __future__ import annotations

import codecs
import logging
import re
import zipfile
from pathlib import Path

from evidencekit.extract import images, media
from evidencekit.extract.bills import looks_like_bill_csv, looks_like_bill_xlsx
from evidencekit.extract.bills_wechat import is_xlsx
from evidencekit.extract.chats import chat_format_of
from evidencekit.extract.pdfs import first_text
from evidencekit.extract.text import SAMPLE_BYTES, looks_like_text, read_head
from evidencekit.i18n import msg

log = logging.getLogger("evidencekit")

BILL_STATEMENT = re.compile(r"(交易明细|流水证明|账单明细|交易流水|对账单)")
BILL_ISSUERS = re.compile(r"(支付宝|微信支付|财付通|Alipay|WeChat ?Pay)", re.I)
RECEIPT_WORDS = re.compile(r"(回单|凭证|电子回单|receipt|发票|转账|付款成功|支付成功|收据)", re.I)
TEXT_MIMES = ("application/json", "application/csv", "application/xml", "application/x-empty")
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: What libmagic says from a bare frame sync (two bytes): weaker than a text's byte order mark.
WEAK_AUDIO_MIMES = ("audio/mpeg", "audio/x-hx-aac-adts", "audio/aac", "audio/x-mp3", "audio/mp3")


def sniff_kind(path: Path, mime: str) -> str:
    """Kind from content: screenshot, photo, receipt, bill, chat, recording, video, document, other."""
    try:
        return _sniff(path, mime.lower())
    except Exception:  # sniffing never stops a bundle: the file is still attached and listed
        log.warning(msg("log.sniff_failed", path=str(path)), exc_info=True)
        return _kind_from_mime(mime.lower())


def _sniff(path: Path, mime: str) -> str:
    head = read_head(path, 64)
    container = media.container_of(head)  # signatures only: a bare 2-byte frame sync waits until after text
    if container == "heif" or mime.startswith("image/"):
        return images.image_kind(path)
    if container is not None:
        return media.media_kind_of(path) or _kind_from_mime(mime)
    if head.startswith(b"%PDF") or mime == "application/pdf":
        return _pdf_kind(path)
    if head.startswith(b"PK\x03\x04"):
        if is_xlsx(path):
            return "bill" if looks_like_bill_xlsx(path) else "document"
        return "other" if not _is_office_document(path) else "document"
    if mime.startswith("audio/") and mime not in WEAK_AUDIO_MIMES:
        return "recording"
    if mime.startswith("video/"):
        return "video"
    sample = read_head(path, SAMPLE_BYTES)
    # libmagic's text verdict and a byte order mark outweigh a frame sync, which is two bytes
    # (a UTF-16 text's FF FE is one) and from which libmagic names MPEG audio: MP3 or AAC only
    # when frames follow one another from the start.
    if mime.startswith("text/") or mime in TEXT_MIMES or sample.startswith(BOMS):
        return _text_kind(path, mime, sample)
    if media.sniff_container(path) in ("mp3", "aac-adts"):
        return "recording"
    if looks_like_text(sample):
        return _text_kind(path, mime, sample)
    return "other"


def _kind_from_mime(mime: str) -> str:
    if mime.startswith("image/"):
        return "screenshot"
    if mime.startswith("audio/"):
        return "recording"
    if mime.startswith("video/"):
        return "video"
    if mime == "application/pdf" or mime.startswith("text/"):
        return "document"
    return "other"


def _text_kind(path: Path, mime: str, sample: bytes) -> str:
    if chat_format_of(path, mime) is not None:
        return "chat"
    if looks_like_bill_csv(path):
        return "bill"
    return "document"


def _pdf_kind(path: Path) -> str:

    text, locked = first_text(path)
    # A locked PDF shows nothing but its name; WeChat's 用于材料证明 statements come locked.
    evidence = f"{text}\n{path.name}"
    if BILL_STATEMENT.search(evidence) and (BILL_ISSUERS.search(evidence) or locked):
        return "bill"
    if RECEIPT_WORDS.search(evidence):
        return "receipt"
    return "document"


def _is_office_document(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "word/document.xml" in names or "ppt/presentation.xml" in names or "mimetype" in names
