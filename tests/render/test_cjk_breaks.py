"""Chinese line breaking: no line starts with closing punctuation, and none hangs past the column."""

from __future__ import annotations

import pytest

from evidencekit.render import cjk


@pytest.mark.parametrize("punct", ["，", "）", "：", "。", "”"])
def test_closing_punctuation_takes_the_character_before_it_to_the_next_line(punct: str) -> None:
    glyphs = list("与客服热线通话录音合成示例音频不含真人语音" + punct + "此后无退款")
    widths = [10.0] * len(glyphs)
    room = 10.0 * 21  # exactly the 21 characters before the punctuation fit
    lines = cjk._breaks(glyphs, lambda g, r: 10.0, [room], lambda g: False)
    starts = [glyphs[a] for a, _b, _hard in lines]
    assert punct not in starts
    for a, b, _hard in lines:
        assert sum(widths[a:b]) <= room  # nothing hangs past the column
