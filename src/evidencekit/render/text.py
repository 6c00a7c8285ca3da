"""Text helpers for reportlab paragraphs."""

from __future__ import annotations

from xml.sax.saxutils import escape

# Characters the bundled font lacks or that break layout; shown as visible stand-ins.
_INVISIBLE = {"\u200e": "", "\u200f": "", "\u202f": " ", "\ufeff": "", "\t": "    "}


_supported: frozenset[int] | None = None


def use_glyphs(codepoints: frozenset[int]) -> None:
    """Tell ``esc`` which characters the dossier font can draw."""
    global _supported
    _supported = codepoints


def visible(text: str) -> str:
    """Characters the font lacks (emoji, rare scripts) become [U+XXXX], never blank boxes."""
    if _supported is None:
        return text
    return "".join(ch if ord(ch) in _supported or ch in "\n\r" else f"[U+{ord(ch):04X}]" for ch in text)


def esc(value: object) -> str:
    """Escape for reportlab's mini-markup; keep line breaks."""
    text = str(value)
    for bad, good in _INVISIBLE.items():
        text = text.replace(bad, good)
    return escape(visible(text)).replace("\n", "<br/>")


def decode_text(data: bytes) -> tuple[str, str]:
    """Best-effort decoding of a text file: (text, encoding)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), "unknown (shown with replacement characters)"


def plain(value: object) -> str:
    """For table cells given as plain strings (no markup): stand-ins, no escaping."""
    text = str(value)
    for bad, good in _INVISIBLE.items():
        text = text.replace(bad, good)
    return visible(text)
