"""Paragraphs without markup skip reportlab's markup parser.

reportlab parses every paragraph's text with ``html.parser``, a few hundred microseconds each;
most of a dossier's paragraphs (table cells, labels, dates, hashes) have no tag and no entity.
For those the parser makes one fragment — a copy of the style's — with the text, so that copy
is made here directly: the same fragment, attribute for attribute. Anything with ``<`` or ``&``
goes through the parser as before.
"""

from __future__ import annotations

import copy
from typing import Any

from reportlab.platypus.paraparser import ParaParser

_original_parse = ParaParser.parse

#: id(style) → (the style, its fontName, fontSize and textColor, the fragment it gives "x")
_TEMPLATES: dict[int, tuple[Any, tuple[Any, Any, Any], Any]] = {}


def _template(style: Any) -> Any:
    """The fragment the parser makes of a plain text in ``style`` (its text aside)."""
    looks = (style.fontName, style.fontSize, style.textColor)
    known = _TEMPLATES.get(id(style))
    if known is not None and known[0] is style and known[1] == looks:
        return known[2]
    parsed_style, frags, bullet = _original_parse(ParaParser(), "x", style)
    if parsed_style is not style or not frags or len(frags) != 1 or bullet:
        return None
    _TEMPLATES[id(style)] = (style, looks, frags[0])
    return frags[0]


def _parse(self: ParaParser, text: Any, style: Any) -> Any:
    if isinstance(text, str) and "<" not in text and "&" not in text:
        template = _template(style)
        if template is not None:
            if not text:
                return style, [], None
            frag = copy.copy(template)
            frag.text = text
            frag.link = []
            frag.us_lines = []
            return style, [frag], None
    return _original_parse(self, text, style)


def install() -> None:
    """Make reportlab's paragraph parser take the shortcut for plain text."""
    ParaParser.parse = _parse  # type: ignore[method-assign]
