"""The CJK font: bundled WenQuanYi Micro Hei, or the user's ``--font`` TrueType file."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from evidencekit.errors import BadInput
from evidencekit.render.text import use_glyphs

FONT_NAME = "EvidenceSans"


def bundled_font_path() -> Path:
    return Path(str(resources.files("evidencekit") / "fonts" / "wqy-microhei.ttf"))


def register_font(font_file: Path | None = None) -> str:
    """Register the dossier font with reportlab and return its name.

    reportlab embeds TrueType fonts as subsets, so only the glyphs used are stored.
    """
    path = font_file or bundled_font_path()
    registered_name = FONT_NAME if font_file is None else (
        f"{FONT_NAME}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}")
    if registered_name in pdfmetrics.getRegisteredFontNames():
        use_glyphs(_codepoints(pdfmetrics.getFont(registered_name)))
        return registered_name
    try:
        font = TTFont(registered_name, str(path), subfontIndex=0)
    except (TTFError, OSError) as exc:
        raise BadInput(
            f"{path}: cannot use this font ({exc})",
            "Give a TrueType font (.ttf, or .ttc) with Chinese glyphs and TrueType outlines; "
            "OpenType/CFF fonts (.otf) cannot be embedded as subsets.",
        ) from exc
    pdfmetrics.registerFont(font)
    use_glyphs(_codepoints(font))
    return registered_name


def _codepoints(font: object) -> frozenset[int]:
    return frozenset(getattr(getattr(font, "face", None), "charToGlyph", {}) or ())
