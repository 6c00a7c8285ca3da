"""Untrusted text made visible: nothing from a file reaches a terminal, a page or JSON raw.

Every string that comes from a dossier or an input folder (paths, names, notes, signer names)
passes through ``visible`` before it is printed or drawn, and JSON is printed with ``json_safe``.
A file named ``"\\x1b[2K\\x1b[1A有效 VALID.png"`` must not erase the verdict above it, and a name
holding U+202E must not read backwards.

What is shown as an escape, and why:

- C0 controls and DEL (as ``\\x1b``, ``\\n``) and C1 controls (U+0080–U+009F, as ``\\u009b``):
  terminals act on them (ESC and U+009B start escape sequences; a carriage return or a line feed
  starts a line that can pass for one of ours). ``multiline=True`` keeps line feeds and tabs,
  for text that has lines of its own.
- Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what
  follows them.
- Bidi marks (U+200E, U+200F, U+061C): they override nothing, but they move neutral characters
  (digits, dots, brackets) in a bidi-aware viewer and are invisible, so two names differing only
  by a mark would look the same. Shown too; real right-to-left text reads fine without them.
- Every other format character (Unicode category Cf: zero-width space, U+FEFF, the soft hyphen,
  U+2060–U+2064, tag characters …) — invisible by definition — except the zero-width non-joiner
  and joiner (U+200C, U+200D), which Persian, Indic scripts and emoji sequences need and which
  move nothing.
- Line and paragraph separators (U+2028, U+2029): line breaks in disguise.
- Lone surrogates: U+DC80–U+DCFF is how Python keeps a byte of a file name that is not UTF-8
  (``surrogateescape``), shown as that byte (``\\xff``); any other lone surrogate as ``\\udXXX``.

Backslashes are left alone so paths stay readable: a name that really contains the four
characters ``\\x1b`` looks like one holding ESC. ``--json`` tells them apart (``json_safe`` keeps
the exact string), and ``visible`` is idempotent, so applying it twice is harmless.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Cc, Cf, Zl, Zp and Cs as of Unicode 15.1, minus U+200C/U+200D; tests check this table against
# the running Python's unicodedata, so a new Unicode version cannot slip a format character by.
_OTHER_UNSAFE = (
    "\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile(f"[\x00-\x1f{_OTHER_UNSAFE}]")
_UNSAFE_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER_UNSAFE}]")  # keeps \t and \n
_UNSAFE_IN_JSON = re.compile(f"[{_OTHER_UNSAFE}]")  # json.dumps escapes C0 itself
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def is_unsafe(char: str) -> bool:
    """True for a character ``visible`` shows as an escape (in one-line text)."""
    return _UNSAFE.fullmatch(char) is not None


def escape_char(char: str) -> str:
    """The visible stand-in for one unsafe character: ``\\x1b``, ``\\u009b``, ``\\u202e`` …

    ``\\xNN`` above 7F is only ever a byte of a file name that is not UTF-8, so it cannot be
    mistaken for the character U+00NN (shown ``\\u00NN``)."""
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x80:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with control, bidi and invisible format characters shown as escapes.

    A one-line field (a path, a name, a line of output) shows line feeds too; ``multiline=True``
    keeps line feeds and tabs for text made of lines.
    """
    pattern = _UNSAFE_BUT_LINES if multiline else _UNSAFE
    return pattern.sub(lambda match: escape_char(match.group()), text)


def json_safe(data: Any, *, indent: int | None = 2) -> str:
    """JSON text like ``json.dumps(ensure_ascii=False)``, with every unsafe character as ``\\uXXXX``.

    ``json.dumps`` escapes C0 controls but writes DEL, C1, bidi and format characters and lone
    surrogates raw. Outside strings JSON text is ASCII, so they occur only inside strings, where
    ``\\uXXXX`` (a surrogate pair above U+FFFF) stands for the very same character:
    ``json.loads`` gives back the exact original strings.
    """
    return _UNSAFE_IN_JSON.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=indent))


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
