"""E-mails (.eml, RFC 5322): headers, body and attachments, with the stdlib ``email`` package.

Names and subjects in RFC 2047 words (``=?GB2312?B?…?=``) and RFC 2231 parameters are
decoded by ``policy.default``. A DKIM-Signature header is reported, not checked: checking
needs the signing domain's public key as DNS published it when the mail was sent, which an
offline tool cannot fetch (and a key rotated since cannot be fetched by anyone).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast

from evidencekit.clock import iso
from evidencekit.containers import MAX_EML_BYTES, Child, Opened, Refused, Workspace, safe_name, unique_names
from evidencekit.extract.chats_qq import looks_like_qq_mht
from evidencekit.i18n import msg

#: Body characters shown on the e-mail's page (the whole message is attached).
MAX_BODY_CHARS = 20_000
_HEADERS = ("from", "to", "cc", "date", "subject")


def looks_like_eml(path: Path, mime: str) -> bool:
    """libmagic's verdict, or a ``.eml`` name on text that starts with mail headers. QQ's .mht
    chat export is MIME too (libmagic calls it a mail): it is a chat, read as one, not opened."""
    if mime != "message/rfc822" and (
            path.suffix.lower() != ".eml" or not (mime.startswith("text/") or mime == "application/octet-stream")):
        return False
    with open(path, "rb") as f:
        head = f.read(4096)
    if looks_like_qq_mht(head):
        return False
    if mime == "message/rfc822":
        return True
    return re.search(rb"^(From|Received|Return-Path|Subject|Date|Message-ID|MIME-Version):", head,
                     re.IGNORECASE | re.MULTILINE) is not None


def read_message(path: Path) -> EmailMessage:
    with open(path, "rb") as f:
        message = BytesParser(policy=policy.default).parse(f)
    assert isinstance(message, EmailMessage)
    return message


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - a malformed header is shown raw, never a crash
        value = message.get_all(name, failobj=[None])[0]
    return str(value).strip() if value is not None else None


def dkim_domain(message: EmailMessage) -> str | None:
    """The ``d=`` of the first DKIM-Signature, or ``""`` when the header has none; None: no header."""
    raw = message.get("DKIM-Signature")
    if raw is None:
        return None
    found = re.search(r"(?:^|;)\s*d\s*=\s*([^;\s]+)", str(raw))
    return found.group(1) if found else ""


def _attachments(part: EmailMessage, body: set[int], top: bool = True) -> Iterator[EmailMessage]:
    """Every attached file, an attached message as one file (not its parts)."""
    if part.get_content_type() == "message/rfc822" and not top:
        yield part
        return
    if part.is_multipart():
        for sub in part.iter_parts():
            yield from _attachments(sub, body, top=False)  # type: ignore[arg-type]
        return
    if id(part) in body:
        return
    if part.get_filename() or part.get_content_disposition() == "attachment" or part.get_content_maintype() != "text":
        yield part


def _body_parts(message: EmailMessage) -> tuple[EmailMessage | None, set[int]]:
    plain = message.get_body(preferencelist=("plain",))
    rich = message.get_body(preferencelist=("html",))
    chosen = plain or rich
    # get_body is typed as returning the base part class; on an EmailMessage it is an EmailMessage
    return cast("EmailMessage | None", chosen), {id(p) for p in (plain, rich) if p is not None}


def _payload(part: EmailMessage) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) else inner
        return inner.as_bytes(policy=policy.default) if hasattr(inner, "as_bytes") else b""
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _attachment_name(part: EmailMessage, n: int) -> str:
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001 - a broken parameter: the part is still kept
        name = None
    if name:
        return str(name)
    extension = {"message/rfc822": ".eml", "text/plain": ".txt", "text/html": ".html",
                 "application/pdf": ".pdf", "application/zip": ".zip"}.get(part.get_content_type(), "")
    if not extension and part.get_content_maintype() == "image":
        extension = "." + part.get_content_subtype()
    return f"attachment-{n}{extension}"


def open_eml(path: Path, workspace: Workspace) -> Opened:
    """Headers and attachments of an e-mail; each attachment unpacked into ``workspace``."""
    if path.stat().st_size > MAX_EML_BYTES:
        return Opened({"container": "eml"}, [msg("warn.container.eml_too_big", mb=MAX_EML_BYTES >> 20)])
    try:
        message = read_message(path)
    except Exception as exc:  # noqa: BLE001 - the parser is lenient; anything else is damage
        return Opened({"container": "eml"}, [msg("warn.container.eml_damaged", detail=str(exc))])
    facts: dict[str, Any] = {"container": "eml"}
    for name in _HEADERS:
        value = _header(message, name)
        if value:
            facts[name] = value
    domain = dkim_domain(message)
    facts["dkim_signature"] = domain is not None
    if domain:
        facts["dkim_domain"] = domain
    captured_at = None
    if facts.get("date"):
        try:
            captured_at = iso(parsedate_to_datetime(facts["date"]))
        except (TypeError, ValueError, IndexError):
            captured_at = None
    _, body = _body_parts(message)
    parts = list(_attachments(message, body))
    names = [_attachment_name(p, n) for n, p in enumerate(parts, start=1)]
    cleaned = unique_names([safe_name(n, f"attachment-{k}") for k, n in enumerate(names, start=1)])
    facts["attachments"] = names
    children: list[Child] = []
    warnings = []
    mtime = path.stat().st_mtime
    try:
        for part, name, clean in zip(parts, names, cleaned, strict=True):
            source, digests = workspace.write(
                clean, io.BytesIO(_payload(part)),
                too_big=lambda limit: msg("warn.container.too_big", mb=limit >> 20),
                too_dense=lambda ratio: msg("warn.container.too_dense", name="", ratio=ratio))
            children.append(Child(name, clean, source, digests, mtime))
            if clean != name:
                warnings.append(msg("warn.container.renamed", name=name, shown=clean))
    except Refused as refused:
        workspace.discard(children)
        return Opened(facts, [refused.reason], captured_at=captured_at)
    return Opened(facts, warnings, children, captured_at=captured_at)


class _TextOfHtml(HTMLParser):
    """HTML reduced to its text: scripts and styles dropped, a line break at each block."""

    BLOCKS = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def body_text(path: Path) -> tuple[str, bool]:
    """The body as text (text/plain preferred, else HTML reduced to text), and whether it was cut."""
    message = read_message(path)
    chosen, _ = _body_parts(message)
    if chosen is None:
        return "", False
    try:
        content = chosen.get_content()
    except (LookupError, ValueError, AssertionError):
        content = (chosen.get_payload(decode=True) or b"").decode("utf-8", "replace")  # type: ignore[union-attr]
    text = html_to_text(content) if chosen.get_content_subtype() == "html" else str(content).strip()
    text = text.replace("\r\n", "\n")
    return (text[:MAX_BODY_CHARS], True) if len(text) > MAX_BODY_CHARS else (text, False)
