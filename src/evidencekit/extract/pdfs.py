"""PDFs: page count, producer, text, and whether the dossier can render their pages.

WeChat Pay's 用于材料证明 statements are encrypted; they are opened with the password
case.toml gives (or an empty one), else described with a note saying what to add.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from evidencekit.clock import CHINA_TZ, iso
from evidencekit.extract.common import Warnings
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.receipt_text import receipt_fields
from evidencekit.i18n import msg
from evidencekit.model import Extraction

log = logging.getLogger("evidencekit")

EXCERPT_CHARS = 2000
#: Pages read for the excerpt at most: a 500-page statement must not take minutes.
EXCERPT_PAGES = 5

_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?'?")


def parse_pdf_date(value: object) -> str | None:
    """``D:20250312201503+08'00'`` as ISO 8601; no offset means +08:00."""
    match = _PDF_DATE.match(str(value or "").strip())
    if not match:
        return None
    year, month, day, hour, minute, second, sign, off_h, off_m = match.groups()
    try:
        if sign in ("Z", "z"):
            zone: timezone = UTC
        elif sign in ("+", "-"):
            delta = timedelta(hours=int(off_h or 0), minutes=int(off_m or 0))
            zone = timezone(delta if sign == "+" else -delta)
        else:
            zone = CHINA_TZ
        moment = datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                          int(second or 0), tzinfo=zone)
    except ValueError:
        return None
    return iso(moment)


def _open(path: Path, options: ExtractOptions, warnings: Warnings) -> tuple[Any, dict[str, Any]] | None:
    """(reader, facts so far), or None when the file is not a PDF pypdf can open."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    facts: dict[str, Any] = {"encrypted": False}
    try:
        reader = PdfReader(path, strict=False)
    except (PdfReadError, ValueError, OSError, KeyError, TypeError) as error:
        warnings.add(msg("warn.pdf.unreadable", detail=str(error)))
        return None
    if reader.is_encrypted:
        facts["encrypted"] = True
        facts["decrypted"] = False
        for label, password in (("case.toml password", options.password), ("empty password", "")):
            if password is None:
                continue
            try:
                if reader.decrypt(password):
                    facts["decrypted"] = True
                    facts["decrypted_with"] = label
                    break
            except Exception as error:  # noqa: BLE001 - pypdf raises several types for unsupported encryption
                warnings.add(msg("warn.pdf.cannot_decrypt", detail=f"{type(error).__name__}: {error}"))
                break
        if not facts["decrypted"]:
            warnings.add(msg("warn.pdf.wrong_password" if options.password else "warn.pdf.encrypted"))
    return reader, facts


def extract_pdf(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Pages, producer, creator, dates, an excerpt of the text, and whether pages can be rendered."""
    warnings = Warnings(path)
    opened = _open(path, options, warnings)
    if opened is None:
        return Extraction(facts={"can_render": False, "encrypted": False}, warnings=warnings.as_list())
    reader, facts = opened
    readable = not facts["encrypted"] or facts["decrypted"]
    try:
        facts["pages"] = len(reader.pages) if readable else None
        info = reader.metadata if readable else None
    except Exception as error:  # noqa: BLE001 - pypdf raises many types for a broken page tree; it becomes a warning
        warnings.add(msg("warn.pdf.broken", detail=f"{type(error).__name__}: {error}"))
        facts["pages"] = None
        info = None
        readable = False
    facts["producer"] = str(info.get("/Producer")) if info and info.get("/Producer") else None
    facts["creator"] = str(info.get("/Creator")) if info and info.get("/Creator") else None
    facts["title"] = str(info.get("/Title")) if info and info.get("/Title") else None
    created = parse_pdf_date(info.get("/CreationDate")) if info else None
    facts["created"] = created
    facts["text_excerpt"] = _excerpt(reader, warnings) if readable else ""
    facts["can_render"] = bool(readable and facts["pages"])
    receipt = receipt_fields(facts["text_excerpt"])
    if receipt:  # an 电子回单: its transaction joins the cross-checks
        facts["receipt"] = receipt
    return Extraction(facts=facts, warnings=warnings.as_list(), captured_at=created)


def _excerpt(reader: Any, warnings: Warnings) -> str:
    parts: list[str] = []
    length = 0
    for number, page in enumerate(reader.pages[:EXCERPT_PAGES], start=1):
        try:
            text = page.extract_text() or ""
        except Exception as error:  # noqa: BLE001 - pypdf raises many types extracting text; the page is skipped with a warning
            warnings.add(msg("warn.pdf.no_text", detail=type(error).__name__), where=msg("warn.where.page", n=number))
            continue
        parts.append(text.strip())
        length += len(text)
        if length >= EXCERPT_CHARS:
            break
    return "\n".join(part for part in parts if part)[:EXCERPT_CHARS]


def first_text(path: Path, chars: int = 4000) -> tuple[str, bool]:
    """(text of the first pages, encrypted and not openable) for kind sniffing; never raises."""
    warnings = Warnings(path)
    try:
        opened = _open(path, ExtractOptions(), warnings)
        if opened is None:
            return "", False
        reader, facts = opened
        if facts["encrypted"] and not facts["decrypted"]:
            return "", True
        title = str((reader.metadata or {}).get("/Title") or "")
        return (title + "\n" + _excerpt(reader, warnings))[:chars], False
    except Exception:  # sniffing must never fail a run
        log.debug("PDF text for sniffing failed: %s", path, exc_info=True)
        return "", False
