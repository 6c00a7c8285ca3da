"""Line breaking for mixed Chinese and Latin text that never cuts an id in two.

reportlab's CJK wrap breaks between any two characters and, inside a Latin run, looks back only
half a line for a better place: a 32–45-digit transaction id that starts early on a line is cut,
on the page and when copied ("2025…0000" / "1"). Ours breaks before a run of Latin letters and
digits (an id, an order number, an English word) whenever the run fits on a line of its own, and
a run wider than a whole line (a 45-digit id in a narrow table column) is set smaller until it
fits, so it is never cut. Installed over reportlab's splitter for every paragraph with
``wordWrap="CJK"`` (all of ours); the rest — glyph widths, which punctuation may not start a line,
the line objects — is reportlab's own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import paragraph
from reportlab.rl_config import _FUZZ

RUN_PUNCTUATION = frozenset("-_./@#+=%&~:")
# reportlab's lists lack the full-width forms Chinese text uses most (，：；！？ and the closing quotes)
CANNOT_START = ALL_CANNOT_START + "，：；！？）〉》」』】〕”’…"
CANNOT_END = ALL_CANNOT_END + "（〈《「『【〔“‘"
MIN_RUN_SIZE = 3.5  # points: a 45-digit id still fits the evidence list's 36 mm column


def _in_run(glyph: str) -> bool:
    """A character of an id or a word: Latin letters and digits and the joiners ids use."""
    return bool(glyph) and ord(glyph[0]) < 0x3000 and (glyph.isalnum() or glyph in RUN_PUNCTUATION)


def _cut(glyphs: list[str], start: int, i: int) -> int:
    """Where a line that begins at ``start`` ends when glyph ``i`` no longer fits on it."""
    glyph = glyphs[i]
    cut = i
    if _in_run(glyph):
        run = i
        while run > start and _in_run(glyphs[run - 1]):
            run -= 1
        while run > start + 1 and glyphs[run - 1] in CANNOT_END:
            run -= 1  # an opening bracket goes with what it opens
        if run > start:
            cut = run  # the whole run goes to the next line
    if cut == i and glyph in CANNOT_START:
        # punctuation that cannot start a line takes the character before it along: hung in the
        # margin instead, a closing bracket in a table cell would run into the next column
        back = i - 1
        while back > start + 1 and glyphs[back] in CANNOT_START:
            back -= 1
        cut = back if back > start else i + 1
    return cut


def _breaks(glyphs: list[str], width_of: Any, max_widths: list[float], hard: Any) -> list[tuple[int, int, bool]]:
    """(start, end, ends in a forced break) of each line: greedy, but a run of ``_in_run``
    characters moves whole to the next line unless it began the line."""
    out: list[tuple[int, int, bool]] = []
    start = i = 0
    used = 0.0
    last = len(max_widths) - 1
    room = max_widths[0]  # the width of line len(out)

    while i < len(glyphs):
        room = max_widths[min(len(out), last)]
        glyph = glyphs[i]
        w = width_of(glyph, room)
        if used + w > room + _FUZZ and i > start:
            cut = _cut(glyphs, start, i)
            out.append((start, cut, False))
            start = i = cut
            used = 0.0
            continue
        used += w
        i += 1
        if hard(glyph):
            out.append((start, i, True))
            start, used = i, 0.0
    if used > 0:
        out.append((start, len(glyphs), False))
    return out


def _fast_breaks(glyphs: list[str], widths: list[float], max_widths: list[float],
                 hard: list[int]) -> list[tuple[int, int, bool]]:
    """``_breaks`` for glyphs of known widths, none negative, ``hard`` the (ascending) indexes of
    the glyphs that end a line: the same lines, the same sums (added in the same order), but each
    line's running sum is taken in C (``accumulate``) and searched (``bisect``) instead of added
    and compared one glyph at a time in Python."""
    out: list[tuple[int, int, bool]] = []
    n = len(glyphs)
    last = len(max_widths) - 1
    start = next_hard = 0
    window = 64
    while start < n:
        limit = max_widths[min(len(out), last)] + _FUZZ
        while next_hard < len(hard) and hard[next_hard] < start:
            next_hard += 1
        stop = hard[next_hard] + 1 if next_hard < len(hard) else n  # the line ends here at the latest
        end = min(stop, start + window)
        sums = list(accumulate(widths[start:end]))  # what ``used + w`` is at each glyph
        over = bisect_right(sums, limit, 1)  # the first glyph after the line's first that does not fit
        while over == len(sums) and end < stop:
            more = min(stop, end + 2 * window)
            sums += accumulate(widths[end:more], initial=sums[-1])
            del sums[end - start]  # ``initial`` repeated
            end = more
            over = bisect_right(sums, limit, over)
        if over < len(sums):
            cut = _cut(glyphs, start, start + over)
            out.append((start, cut, False))
            window = max(16, cut - start + 8)
            start = cut
            continue
        if next_hard < len(hard):  # a forced break ends it
            out.append((start, stop, True))
            start = stop
            continue
        if sums[-1] > 0:
            out.append((start, n, False))
        break
    return out


def _width(glyph: Any, max_width: float) -> float:
    w = glyph._width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        w = w.normalizedValue(max_width)
    return float(w)


def _fitted(glyphs: list[Any], room: float, encoding: str) -> list[Any]:
    """Each run wider than ``room`` set in a smaller size (down to ``MIN_RUN_SIZE``) so it fits."""
    out: list[Any] = []
    i = 0
    while i < len(glyphs):
        end = i
        while end < len(glyphs) and _in_run(glyphs[end]) and not hasattr(glyphs[end].frag, "cbDefn"):
            end += 1
        if end == i:
            out.append(glyphs[i])
            i += 1
            continue
        run = glyphs[i:end]
        width = sum(float(g.width) for g in run)
        if width > room:
            run = [paragraph.cjkU(str(g), g.frag.clone(fontSize=max(MIN_RUN_SIZE, g.frag.fontSize * room / width)),
                                  encoding) for g in run]
        out += run
        i = end
    return out


class _CharWidths(dict[str, float]):
    """One font and size's ``stringWidth`` of each character, computed the first time it is asked."""

    def __init__(self, font: str, size: float) -> None:
        super().__init__()
        self.font, self.size = font, size

    def __missing__(self, ch: str) -> float:
        width = self[ch] = float(stringWidth(ch, self.font, self.size))
        return width


#: Glyph widths by (font, size), then character: reportlab's ``stringWidth`` per character was a
#: third of the layout of a 2,000-message chat; the same few thousand characters recur.
_WIDTHS: dict[tuple[str, float], _CharWidths] = {}


def _widths_of(font: str, size: float) -> _CharWidths:
    table = _WIDTHS.get((font, size))
    if table is None:
        table = _WIDTHS[(font, size)] = _CharWidths(font, size)
    return table


def _glyph(ch: str, frag: Any) -> Any:
    """``paragraph.cjkU(ch, frag)``, its width looked up once per font, size and character."""
    glyph = str.__new__(paragraph.cjkU, ch)
    glyph._frag = frag
    glyph._width = _widths_of(frag.fontName, frag.fontSize)[ch]
    return glyph


def _glyphs(frag: Any, encoding: str) -> list[Any]:
    text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
    if not text:
        return [paragraph.cjkU(text, frag, encoding)]
    if hasattr(frag, "cbDefn"):
        return [paragraph.cjkU(ch, frag, encoding) for ch in text]
    return [_glyph(ch, frag) for ch in text]


def _merged(glyphs: list[Any]) -> list[Any]:
    """A line's glyphs with each stretch of one fragment joined into one: ``makeCJKParaLine``
    joins them into the same words anyway, at a cost per glyph (a font look-up, a comparison)."""
    out: list[Any] = []
    i = 0
    while i < len(glyphs):
        frag = glyphs[i].frag
        end = i + 1
        while end < len(glyphs) and glyphs[end].frag is frag:
            end += 1
        if end - i == 1:
            out.append(glyphs[i])
        else:
            joined = str.__new__(paragraph.cjkU, "".join(glyphs[i:end]))
            joined._frag = frag
            joined._width = sum(g._width for g in glyphs[i:end])
            out.append(joined)
        i = end
    return out


#: The characters ``_in_run`` says belong to an id or a word, as one regular-expression class.
_RUN = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x3000) if _in_run(chr(c))) + "]+")


#: ``getAscentDescent`` by (font, size): a font look-up and two products, once per word drawn.
_ASCENT_DESCENT: dict[tuple[str, float], tuple[float, float]] = {}


def _para_line(words: list[tuple[str, Any]], max_width: float, width: float, forced: bool) -> Any:
    """``paragraph.makeCJKParaLine`` for (text, fragment) words of fragments without ``cbDefn``
    (where its ``calcBounds`` changes nothing): neighbours that ``sameFrag`` are one word, a
    clone of the first's fragment; the line's size, ascent and descent the largest."""
    out = []
    max_size: float = 0
    max_ascent: float = 0
    min_descent: float = 0
    group: Any = None
    texts: list[str] = []
    for text, frag in words:
        size = frag.fontSize
        key = (frag.fontName, size)
        bounds = _ASCENT_DESCENT.get(key)
        if bounds is None:
            bounds = _ASCENT_DESCENT[key] = getAscentDescent(frag.fontName, size)
        max_size = max(max_size, size)
        max_ascent = max(max_ascent, bounds[0])
        min_descent = min(min_descent, bounds[1])
        if group is None or not sameFrag(group, frag):
            if group is not None:
                word = group.clone()
                word.text = "".join(texts)
                out.append(word)
            group, texts = frag, []
        texts.append(text)
    if texts:
        word = group.clone()
        word.text = "".join(texts)
        out.append(word)
    return paragraph.FragLine(kind=1, extraSpace=max_width - width, wordCount=1, words=out, fontSize=max_size,
                              ascent=max_ascent, descent=min_descent, maxWidth=max_width, currentWidth=width,
                              lineBreak=forced)


def _fast_split(frags: list[Any], max_widths: list[float], calc_bounds: bool, encoding: str) -> Any:
    """``cjk_frag_split`` for the common case — no images or anchors (``cbDefn``), no run too wide
    for the narrowest line — working on characters and their widths, not an object per glyph.
    Same lines (same breaks, widths summed in the same order, same words); None otherwise.
    ``calc_bounds`` changes only how an image's height counts, and there is none here."""
    glyphs: list[str] = []
    widths: list[float] = []
    hard: list[int] = []
    spans: list[tuple[int, int, Any, str]] = []  # each fragment's glyphs: start, end, fragment, text
    for frag in frags:
        if hasattr(frag, "cbDefn"):
            return None
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        at = len(glyphs)
        if text:
            glyphs += text
            widths += map(_widths_of(frag.fontName, frag.fontSize).__getitem__, text)
        else:
            glyphs.append(text)  # an empty fragment is a glyph of its own ("<br/>" is one)
            widths.append(float(stringWidth(text, frag.fontName, frag.fontSize)))
        if hasattr(frag, "lineBreak"):
            hard += range(at, len(glyphs))
        spans.append((at, len(glyphs), frag, text))
    if widths and min(widths) < 0:
        return None
    room = min(max_widths) - 2 * _FUZZ - 0.5
    if sum(widths) > room:  # else no run can be wider than the room
        joined = "".join(text or "\0" for _a, _b, _f, text in spans)  # one character per glyph
        for match in _RUN.finditer(joined):
            if sum(widths[match.start():match.end()]) > room:
                return None  # ``_fitted`` sets it smaller
    lines = []
    last = len(max_widths) - 1
    first_span = 0
    for n, (start, end, forced) in enumerate(_fast_breaks(glyphs, widths, max_widths, hard)):
        max_width = max_widths[min(n, last)]
        width = sum(widths[start:end])
        words: list[tuple[str, Any]] = []
        while spans[first_span][1] <= start:
            first_span += 1
        k = first_span
        while k < len(spans) and spans[k][0] < end:
            at, to, frag, text = spans[k]
            piece = text[max(at, start) - at:min(to, end) - at]
            if words and words[-1][1] is frag:  # as ``_merged`` joins one fragment's glyphs
                words[-1] = (words[-1][0] + piece, frag)
            else:
                words.append((piece, frag))
            k += 1
        lines.append(_para_line(words, max_width, width, forced))
    return paragraph.ParaLines(kind=1, lines=lines)


def cjk_frag_split(frags: list[Any], max_widths: list[float], calc_bounds: bool, encoding: str = "utf8") -> Any:
    """reportlab's ``cjkFragSplit`` contract: the fragments' glyphs as ``ParaLines`` of kind 1."""
    fast = _fast_split(frags, max_widths, calc_bounds, encoding)
    return fast if fast is not None else _slow_split(frags, max_widths, calc_bounds, encoding)


def _slow_split(frags: list[Any], max_widths: list[float], calc_bounds: bool, encoding: str = "utf8") -> Any:
    """``cjk_frag_split`` one glyph object at a time: any fragments, runs set smaller to fit."""
    glyphs: list[Any] = []
    for frag in frags:
        glyphs += _glyphs(frag, encoding)
    glyphs = _fitted(glyphs, min(max_widths) - 2 * _FUZZ - 0.5, encoding)
    lines = []
    for n, (start, end, forced) in enumerate(_breaks(glyphs, _width, max_widths,
                                                     lambda g: hasattr(g.frag, "lineBreak"))):
        max_width = max_widths[min(n, len(max_widths) - 1)]
        width = sum(_width(g, max_width) for g in glyphs[start:end])
        lines.append(paragraph.makeCJKParaLine(_merged(glyphs[start:end]), max_width, width, max_width - width,
                                               forced, calc_bounds))
    return paragraph.ParaLines(kind=1, lines=lines)


_original_break_lines = paragraph.Paragraph.breakLinesCJK


def _break_lines_cjk(self: Any, max_widths: Any) -> Any:
    """A one-style paragraph takes reportlab's general path (ours), not its one-style shortcut,
    which cuts a date or an id anywhere and cannot set a run smaller."""
    frags = self.frags
    if len(frags) == 1 and isinstance(getattr(frags[0], "text", None), str) and not hasattr(frags[0], "cbDefn"):
        self.frags = [frags[0], frags[0].clone(text="")]
    # A table wraps each cell to size its rows, again to draw it, and again at each split: the
    # same paragraph, the same widths, the same lines (the lines are read, never changed, after).
    key = tuple(max_widths)
    cached = getattr(self, "_ek_lines", None)
    if cached is not None and cached[0] == key and cached[1] is self.frags:
        return cached[2]
    lines = _original_break_lines(self, max_widths)
    self._ek_lines = (key, self.frags, lines)
    return lines


def install() -> None:
    """Make every CJK-wrapped paragraph break lines with ``cjk_frag_split``."""
    paragraph.cjkFragSplit = cjk_frag_split
    paragraph.Paragraph.breakLinesCJK = _break_lines_cjk  # type: ignore[method-assign]
