"""The fast line breaker draws what the glyph-at-a-time one draws: same breaks, same lines."""

from __future__ import annotations

import random
from typing import Any

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from evidencekit.render import cjk
from evidencekit.render.fonts import register_font

CJK = "与客服热线通话录音合成示例音频不含真人语音退款订单支付宝微信"
LATIN = "abcXYZ0123456789-_./@#"
PUNCT = "，。：；！？）》」”’…（《「“‘ ,.;!?()"


def _glyphs(rng: random.Random, n: int) -> list[str]:
    pool = [CJK] * 5 + [LATIN] * 4 + [PUNCT] * 2 + [""]
    out = []
    for _ in range(n):
        source = rng.choice(pool)
        out.append(rng.choice(source) if source else "")
    return out


@pytest.mark.parametrize("seed", range(300))
def test_fast_breaks_are_breaks(seed: int) -> None:
    rng = random.Random(seed)
    glyphs = _glyphs(rng, rng.randint(1, 160))
    widths = [0.0 if not g else rng.choice([0.0, 2.5, 4.7, 8.5, 10.0, 31.0]) for g in glyphs]
    hard = sorted(rng.sample(range(len(glyphs)), rng.randint(0, min(3, len(glyphs)))))
    max_widths = [rng.choice([9.0, 30.0, 60.0, 200.0]) for _ in range(rng.randint(1, 2))]
    # _breaks looks glyphs up by position: give it objects that carry their width and hardness
    marked = [_Glyph(g, w, n in hard) for n, (g, w) in enumerate(zip(glyphs, widths))]
    slow = cjk._breaks(marked, lambda g, room: g.w, max_widths, lambda g: g.hard)
    assert cjk._fast_breaks(glyphs, widths, max_widths, hard) == slow


class _Glyph(str):
    w: float
    hard: bool

    def __new__(cls, text: str, w: float, hard: bool) -> _Glyph:
        glyph = str.__new__(cls, text)
        glyph.w, glyph.hard = w, hard
        return glyph


def _markup(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        text = "".join(rng.choice(CJK + LATIN + PUNCT) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.2:
            text = "".join(rng.choice("0123456789") for _ in range(rng.randint(20, 48)))  # an id
        kind = rng.random()
        if kind < 0.2:
            parts.append(f"<font size='{rng.choice([6, 7, 11])}'>{text}</font>")
        elif kind < 0.35:
            parts.append(f"<font color='#8a1c1c'>{text}</font>")
        elif kind < 0.45:
            parts.append("<br/>")
        elif kind < 0.5:
            parts.append(f"<a href='#x' color='#8a1c1c'>{text}</a>")
        else:
            parts.append(text)
    return "".join(parts)


def _line(line: Any) -> dict[str, Any]:
    out = {k: v for k, v in vars(line).items() if k != "words"}
    out["words"] = [vars(word) for word in line.words]
    return out


def test_fast_split_lays_out_the_lines_the_glyph_split_does() -> None:
    font = register_font(None)
    rng = random.Random(13)
    fast = 0
    for case in range(400):
        style = ParagraphStyle("t", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
        frags = Paragraph(_markup(rng), style).frags
        if rng.random() < 0.3:
            frags = [frags[0], frags[0].clone(text="")]  # as _break_lines_cjk makes a one-style paragraph
        widths = [rng.choice([25.0, 60.0, 102.0, 240.0, 480.0]) for _ in range(rng.randint(1, 2))]
        bounds = rng.random() < 0.3  # a style with autoLeading
        got = cjk._fast_split(frags, widths, bounds, "utf8")
        want = cjk._slow_split(frags, widths, bounds, "utf8")
        if got is None:
            continue
        fast += 1
        assert [_line(line) for line in got.lines] == [_line(line) for line in want.lines], case
    assert fast > 200  # most paragraphs take the fast path (an id too wide for the column does not)
