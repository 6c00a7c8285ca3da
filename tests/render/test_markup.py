"""A paragraph without markup gets the fragment reportlab's parser would make, without the parser."""

from __future__ import annotations

import random

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from evidencekit.render import markup
from evidencekit.render.document import Styles
from evidencekit.render.fonts import register_font


def test_plain_text_gets_the_parsers_fragment() -> None:
    styles = Styles(register_font(None))
    extra = ParagraphStyle("chat_msg", fontName=styles.font, fontSize=8.5, leading=11.5, wordWrap="CJK",
                           textColor="#1d2733", leftIndent=10, firstLineIndent=-10)
    rng = random.Random(7)
    texts = ["", " ", "x", "证据 E04", "2025-03-13 10:00:00", "a" * 64, "  two  spaces\tand\nlines  "]
    texts += ["".join(rng.choice("退款订单ab12 -_:，。>\"'\n") for _ in range(rng.randint(0, 60))) for _ in range(200)]
    taken = 0
    for style in [styles.body, styles.cell, styles.cell_small, styles.h1, styles.warn, extra]:
        for text in texts:
            cleaned = " ".join(text.split())
            want = markup._original_parse(ParaParser(), cleaned, style)
            got = markup._parse(ParaParser(), cleaned, style)
            assert got[0] is want[0] and got[2] == want[2]
            assert [vars(f) for f in got[1]] == [vars(f) for f in want[1]], (style.name, text)
            assert [list(vars(f)) for f in got[1]] == [list(vars(f)) for f in want[1]]  # attribute order too
            taken += 1
    assert taken > 1000


def test_markup_still_goes_through_the_parser() -> None:
    styles = Styles(register_font(None))
    markup.install()
    para = Paragraph("a &amp; b <font color='#8a1c1c'>red</font>", styles.body)
    assert [f.text for f in para.frags] == ["a ", "&", " b ", "red"]  # as reportlab splits it
    assert para.frags[-1].textColor != para.frags[0].textColor


def test_a_changed_style_is_not_served_a_stale_fragment() -> None:
    styles = Styles(register_font(None))
    style = ParagraphStyle("changing", fontName=styles.font, fontSize=8.5, leading=11, textColor="#000000")
    assert markup._parse(ParaParser(), "x", style)[1][0].fontSize == 8.5
    style.fontSize = 12
    assert markup._parse(ParaParser(), "x", style)[1][0].fontSize == 12
