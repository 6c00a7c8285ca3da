"""A paragraph's fragments are the ones reportlab's parser makes, parsed once per shape."""

from __future__ import annotations

import random
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from evidencekit.render import markup
from evidencekit.render.document import Styles
from evidencekit.render.fonts import register_font
from evidencekit.render.text import esc

TAGS = ["<br/>", "&nbsp;", "&amp;", "&lt;", "&gt;", "&#8212;", "&#x4e2d;", "<b>", "</b>", "<u>", "</u>",
        "<font color='#5b6573'>", "<font size='7' color='#8a1c1c'>", "<font size=10>", "</font>",
        "<a href='#exhibit-E04' color='#8a1c1c'>", "</a>", "<strike>", "</strike>"]
ODD = ["& ", "&foo", "< 3", "a<b", "<para>", "<greek>a</greek>", "\U000f0000", "<font color='#zz'>x</font>"]


def _texts(rng: random.Random) -> list[str]:
    texts = ["", " ", "x", "证据 E04", "2025-03-13 10:00:00", "a" * 64]
    for _ in range(300):
        parts = []
        opened: list[str] = []
        for _ in range(rng.randint(0, 10)):
            roll = rng.random()
            if roll < 0.4:
                parts.append(esc("".join(rng.choice("退款订单ab12 -_:，。<>&\"'") for _ in range(rng.randint(1, 20)))))
            elif roll < 0.6:
                tag = rng.choice(TAGS)
                if tag.startswith("</"):
                    if opened:
                        parts.append(f"</{opened.pop()}>")
                    continue
                if tag.startswith("<") and not tag.endswith("/>"):
                    opened.append(tag[1:].split(" ")[0].split(">")[0])
                parts.append(tag)
            elif roll < 0.97:
                parts.append(rng.choice(TAGS[:7]))
            else:
                parts.append(rng.choice(ODD))
        parts += [f"</{name}>" for name in reversed(opened)]
        texts.append("".join(parts))
    return texts


def _parsed(parse: Any, text: str, style: ParagraphStyle) -> Any:
    try:
        return parse(ParaParser(), text, style)
    except Exception as exc:  # noqa: BLE001 — both must fail alike
        return type(exc)


def test_fragments_are_the_parsers() -> None:
    styles = Styles(register_font(None))
    chat = ParagraphStyle("chat_msg", fontName=styles.font, fontSize=8.5, leading=11.5, wordWrap="CJK",
                          textColor="#1d2733", leftIndent=10, firstLineIndent=-10)
    texts = _texts(random.Random(7))
    markup._SHAPES.clear()
    shaped = 0
    for style in [styles.body, styles.cell, styles.cell_small, styles.h1, styles.warn, chat]:
        for text in texts:
            cleaned = " ".join(text.split())
            want = _parsed(markup._original_parse, cleaned, style)
            got = _parsed(markup._parse, cleaned, style)
            if isinstance(want, type):
                assert got is want, cleaned
                continue
            assert got[0] is want[0] and got[2] == want[2]
            assert [vars(f) for f in got[1]] == [vars(f) for f in want[1]], (style.name, cleaned)
            assert [list(vars(f)) for f in got[1]] == [list(vars(f)) for f in want[1]]  # attribute order too
            shaped += 1
    assert shaped > 1500
    assert len(markup._SHAPES) < len(texts) * 6  # shapes were shared


def test_a_chat_message_keeps_its_own_text() -> None:
    styles = Styles(register_font(None))
    markup.install()
    first = Paragraph("<font color='#5b6573'>10:18:06</font>&nbsp;&nbsp;<font color='#1f5f8b'>我</font>：A &amp; B",
                      styles.body)
    second = Paragraph("<font color='#5b6573'>10:23:35</font>&nbsp;&nbsp;<font color='#1f5f8b'>客服</font>：C &amp; D",
                       styles.body)
    assert [f.text for f in first.frags] == ["10:18:06", "\xa0", "\xa0", "我", "：A ", "&", " B"]
    assert [f.text for f in second.frags] == ["10:23:35", "\xa0", "\xa0", "客服", "：C ", "&", " D"]
    assert first.frags[0].textColor != first.frags[4].textColor


def test_a_changed_style_is_not_served_a_stale_fragment() -> None:
    styles = Styles(register_font(None))
    style = ParagraphStyle("changing", fontName=styles.font, fontSize=8.5, leading=11, textColor="#000000")
    assert markup._parse(ParaParser(), "x", style)[1][0].fontSize == 8.5
    style.fontSize = 12
    assert markup._parse(ParaParser(), "x", style)[1][0].fontSize == 12
