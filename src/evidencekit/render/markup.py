"""reportlab's paragraph markup, parsed once per shape instead of once per paragraph.

reportlab parses every paragraph's text with ``html.parser``, a few hundred microseconds each,
and a dossier has tens of thousands: table cells, dates and hashes with no markup at all, and
2,000 chat messages that all read ``<font color=…>time</font>&nbsp;&nbsp;<font …>sender</font>：text``.
What the parser makes of a text depends on its tags and entities, not on the characters between
them (they reach ``handle_data`` whole, split only at ``<`` and ``&``). So the text's *shape* —
the text with each such run replaced by a placeholder — is parsed once, and each paragraph gets
copies of the shape's fragments with its own runs put back: the same fragments, attribute for
attribute, as the parser makes. A shape the placeholders do not come through whole (an odd tag,
a stray ``&``) and anything else unusual goes through the parser as before.
"""

from __future__ import annotations

import re
from typing import Any, cast

from reportlab.platypus.paraparser import ParaParser

_original_parse = ParaParser.parse

_TOKEN = re.compile(
    r"""(<(?:[^<>"']|"[^"<>]*"|'[^'<>]*')*>)"""  # a tag
    r"""|(&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)"""  # an entity
    r"""|([^<&]+)"""  # text: what the parser hands to handle_data in one piece
)
_SLOT = 0xF0000  # placeholders: Supplementary Private Use Area-A, one character per run of text
_SLOTS = re.compile("[\U000F0000-\U000FFFFF]")

MAX_SHAPES = 4096
#: (shape, id(style)) → (the style, its attributes then, the shape's fragments, where each run goes)
_SHAPES: dict[tuple[str, int], tuple[Any, dict[str, Any], Any]] = {}


def _shape(skeleton: str, style: Any) -> Any:
    """(fragments, [(fragment index, run index)]) of ``skeleton`` in ``style``; None to parse."""
    key = (skeleton, id(style))
    known = _SHAPES.get(key)
    if known is not None and known[0] is style and known[1] == style.__dict__:
        return known[2]
    shape = None
    try:
        parsed_style, frags, bullet = _original_parse(ParaParser(), skeleton, style)
    except Exception:  # noqa: BLE001 — the parser says so again, for the real text
        parsed_style, frags, bullet = None, None, None
    if parsed_style is style and frags is not None and not bullet:
        found: list[tuple[int, int]] = []
        whole = True
        for index, frag in enumerate(frags):
            text = getattr(frag, "text", None)
            if isinstance(text, str) and _SLOTS.search(text):
                if len(text) != 1:
                    whole = False
                    break
                found.append((index, ord(text) - _SLOT))
        slots = found if whole else None
        # every placeholder must come out once, whole, in order
        if slots is not None and [run for _i, run in slots] == list(range(len(_SLOTS.findall(skeleton)))):
            kept = [(type(f), dict(vars(f)), tuple(k for k, v in vars(f).items() if type(v) is list))
                    for f in frags]
            shape = (kept, slots)
    if len(_SHAPES) >= MAX_SHAPES:  # a long-lived process (batch) makes new styles for each dossier
        _SHAPES.clear()
    _SHAPES[key] = (style, dict(style.__dict__), shape)
    return shape


def _copies(frags: list[tuple[type, dict[str, Any], tuple[str, ...]]]) -> list[Any]:
    """Fresh fragments (what ``copy.copy`` makes of a plain object, made directly), sharing lists
    among themselves as the parser's do (``link``, ``us_lines``)."""
    lists: dict[int, list[Any]] = {}
    out = []
    for cls, state, list_names in frags:
        twin = cast(Any, cls).__new__(cls)
        attrs = twin.__dict__
        attrs.update(state)
        for name in list_names:
            value = state[name]
            fresh = lists.get(id(value))
            if fresh is None:
                fresh = lists[id(value)] = list(value)
            attrs[name] = fresh
        out.append(twin)
    return out


def _parse(self: ParaParser, text: Any, style: Any) -> Any:
    if isinstance(text, str) and not _SLOTS.search(text):
        parts: list[str] = []
        runs: list[str] = []
        at = 0
        for match in _TOKEN.finditer(text):
            if match.start() != at:
                break
            at = match.end()
            if match.lastindex == 3:
                parts.append(chr(_SLOT + len(runs)))
                runs.append(match.group())
            else:
                parts.append(match.group())
        if at == len(text) and len(runs) < 0x10000:
            shape = _shape("".join(parts), style)
            if shape is not None:
                frags = _copies(shape[0])
                for index, run in shape[1]:
                    frags[index].text = runs[run]
                return style, frags, None
    return _original_parse(self, text, style)


def install() -> None:
    """Make reportlab's paragraph parser parse each shape once."""
    ParaParser.parse = _parse  # type: ignore[method-assign]
