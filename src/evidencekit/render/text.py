"""Text helpers for reportlab paragraphs."""

from __future__ import annotations

from xml.sax.saxutils import escape

from evidencekit import visible as untrusted

_supported: frozenset[int] | None = None
_drawable: tuple[frozenset[int] | None, frozenset[str]] = (None, frozenset())  # _supported as characters


def use_glyphs(codepoints: frozenset[int]) -> None:
    """Tell ``esc`` which characters the dossier font can draw."""
    global _supported
    if codepoints != _supported:  # the same font again keeps the same set, and ``visible``'s copy of it
        _supported = codepoints


def visible(text: str, *, multiline: bool = True) -> str:
    """What a page shows for ``text``: control, bidi and invisible format characters as the same
    escapes the terminal shows (``\\x1b``, ``\\u202e``; see evidencekit.visible), characters the
    font lacks (emoji, rare scripts) as [U+XXXX], never blank boxes and never dropped."""
    global _drawable
    text = untrusted.visible(text, multiline=multiline)
    if _supported is None:
        return text
    if _drawable[0] is not _supported:
        _drawable = (_supported, frozenset(map(chr, _supported)) | {"\n", "\t"})
    if _drawable[1].issuperset(text):  # the usual case, tested in C: nothing to replace
        return text
    return "".join(ch if ord(ch) in _supported or ch in "\n\t" else f"[U+{ord(ch):04X}]" for ch in text)


def _prepared(value: object, multiline: bool) -> str:
    text = str(value).replace("\u202f", " ")  # the font lacks the narrow no-break space
    if multiline:
        text = text.replace("\r\n", "\n").replace("\t", "    ")
    return visible(text, multiline=multiline)


def esc(value: object, *, multiline: bool = True) -> str:
    """Escape for reportlab's mini-markup; keep line breaks unless it is a one-line field (a path)."""
    return escape(_prepared(value, multiline)).replace("\n", "<br/>")


def plain(value: object, *, multiline: bool = True) -> str:
    """For table cells given as plain strings (no markup): stand-ins, no escaping."""
    return _prepared(value, multiline)
