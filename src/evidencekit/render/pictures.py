"""The pictures: the case at a glance, the drawn timeline and 资金流向, in vector graphics.

Drawn with reportlab's canvas in the dossier's font (text stays text: ``pdftotext`` reads it),
from the plan's ``glance``, ``events`` and ``flows``; nothing is recomputed here. Meaning never
rides on colour alone: every lane has its own mark shape and a written name, the disputed
transaction a heavy dashed line and a word, a cross-check result is written out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from evidencekit.i18n import t
from evidencekit.render.document import ACCENT, FRAME_W, INK, MUTED, RULE, SHADE, Marker, table_style
from evidencekit.render.labels import channel_label, problem_label
from evidencekit.render.text import esc, plain
from evidencekit.render.view import DossierView
from evidencekit.timefmt import beijing

CASE_REF = "case.toml"
LANES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # lane code, the event kinds it shows, its mark
    ("pic.lane_case", ("tl_occurred",), "star"),
    ("pic.lane_money", ("tl_transaction", "tl_bill_row", "tl_screen"), "diamond"),
    ("pic.lane_capture", ("tl_captured",), "square"),
    ("pic.lane_chat", ("tl_chat",), "circle"),
    ("pic.lane_contact", ("tl_contact",), "triangle"),
)
MAX_SEGMENTS = 8  # more stretches than this and the closest ones are joined
BREAK_W = 22.0  # the width of a cut in the axis
MERGE_PT = 9.0  # marks closer than this in one lane are drawn as one, with a count
LIGHT = colors.HexColor("#e4e7ec")


# ---- text helpers on the canvas

def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _fit_size(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """An id (no spaces) set smaller to fit ``width`` (down to 4 pt), never cut; other text cut with an ellipsis."""
    wide = stringWidth(text, font, size)
    if wide <= width:
        return text, size
    if " " not in text.strip() and len(text) >= 12 and size * width / wide >= 4:
        return text, size * width / wide
    return _fit(text, font, size, width), size


def _wrap(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Greedy character wrap (CJK has no spaces to break at); the last line ends in … when cut."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for ch in para:
            if stringWidth(line + ch, font, size) > width and line:
                lines.append(line)
                line = ch.lstrip()
            else:
                line += ch
        lines.append(line)
    lines = [ln for ln in lines if ln.strip()]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _fit(lines[-1] + "……", font, size, width)
    return lines


def _mark(canv: Any, shape: str, x: float, y: float, r: float, *, filled: bool = True) -> None:
    path = canv.beginPath()
    if shape == "circle":
        canv.circle(x, y, r, stroke=1, fill=int(filled))
        return
    if shape == "square":
        canv.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, stroke=1, fill=int(filled))
        return
    if shape == "diamond":
        points = [(x, y + r * 1.25), (x + r * 1.1, y), (x, y - r * 1.25), (x - r * 1.1, y)]
    elif shape == "triangle":
        points = [(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)]
    else:  # star
        points = [(x + r * 1.3 * (1 if k % 2 == 0 else 0.45) * math.sin(k * math.pi / 5),
                   y + r * 1.3 * (1 if k % 2 == 0 else 0.45) * math.cos(k * math.pi / 5)) for k in range(10)]
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    path.close()
    canv.drawPath(path, stroke=1, fill=int(filled))


# ---- the drawn timeline

@dataclass(frozen=True)
class _Segment:
    start: datetime
    end: datetime
    count: int


def segments(moments: Sequence[datetime], max_segments: int = MAX_SEGMENTS) -> list[_Segment]:
    """Cut the time axis where nothing happens for long: a gap longer than 12 hours and than a
    twentieth of the whole span starts a new stretch; then the closest stretches are joined until
    at most ``max_segments`` remain."""
    ordered = sorted(moments)
    if not ordered:
        return []
    span = (ordered[-1] - ordered[0]).total_seconds()
    threshold = max(12 * 3600.0, span / 20)
    groups: list[list[datetime]] = [[ordered[0]]]
    for moment in ordered[1:]:
        if (moment - groups[-1][-1]).total_seconds() > threshold:
            groups.append([moment])
        else:
            groups[-1].append(moment)
    while len(groups) > max_segments:
        gaps = [(groups[k + 1][0] - groups[k][-1]).total_seconds() for k in range(len(groups) - 1)]
        k = gaps.index(min(gaps))
        groups[k:k + 2] = [groups[k] + groups[k + 1]]
    return [_Segment(g[0], g[-1], len(g)) for g in groups]


class _Axis:
    """Where a moment lands on the page: stretches side by side, each given a width by how much
    happens in it, each linear inside, with a cut of fixed width between them."""

    def __init__(self, parts: list[_Segment], x0: float, width: float) -> None:
        self.parts = parts
        usable = width - BREAK_W * (len(parts) - 1)
        weights = [max(1.0, math.sqrt(p.count)) for p in parts]
        total = sum(weights)
        self.spans: list[tuple[float, float]] = []
        x = x0
        for weight in weights:
            w = usable * weight / total
            self.spans.append((x, x + w))
            x += w + BREAK_W

    def x(self, moment: datetime) -> float:
        for part, (a, b) in zip(self.parts, self.spans, strict=True):
            if part.start <= moment <= part.end:
                pad = min(8.0, (b - a) / 4)
                length = (part.end - part.start).total_seconds()
                if length <= 0:
                    return (a + b) / 2
                return a + pad + (b - a - 2 * pad) * (moment - part.start).total_seconds() / length
        return self.spans[-1][1]


def _ref_label(refs: Sequence[str], lang: str) -> str:
    exhibits = [r for r in refs if r != CASE_REF]
    return " ".join(exhibits) if exhibits else t("pic.case_ref", lang)


class TimelinePicture(Flowable):
    """One time axis, a lane per source, a mark per event labelled with its exhibit number."""

    LANE_H = 28.0
    LABEL_W = 58.0
    TOP = 52.0  # room for the disputed transactions' labels (two rows) and the cut labels above them
    BOTTOM = 34.0  # the axis and its dates

    def __init__(self, events: Sequence[Any], font: str, lang: str, shown: Callable[[str], str]) -> None:
        super().__init__()
        self.font, self.lang, self.shown = font, lang, shown
        self.timed = [e for e in events if e.moment is not None]
        # A date without a time goes where that day's timed events begin (else midday), not at
        # midnight: a contact "2025-03-13" belongs with that day's chat, not with the evening before.
        first_of_day: dict[Any, datetime] = {}
        for e in self.timed:
            if not e.date_only:
                day = e.moment.date()
                first_of_day[day] = min(first_of_day.get(day, e.moment), e.moment)
        self.at = {id(e): (first_of_day.get(e.moment.date(), e.moment + timedelta(hours=12)) if e.date_only
                           else e.moment) for e in self.timed}
        kinds = {e.kind for e in self.timed}
        self.lanes = [lane for lane in LANES if kinds & set(lane[1])]
        self.height = self.TOP + self.LANE_H * len(self.lanes) + self.BOTTOM
        self.width = FRAME_W

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, font, lang = self.canv, self.font, self.lang
        x0, x1 = self.LABEL_W, self.width - 6
        axis = _Axis(segments([self.at[id(e)] for e in self.timed]), x0, x1 - x0)
        axis_y = self.BOTTOM
        lane_y = {code: axis_y + self.LANE_H * (len(self.lanes) - k - 0.5) for k, (code, _, _) in enumerate(self.lanes)}
        top_y = axis_y + self.LANE_H * len(self.lanes)
        canv.saveState()
        # stretches: a light band each, the cuts between them
        for a, b in axis.spans:
            canv.setFillColor(SHADE)
            canv.rect(a, axis_y, b - a, top_y - axis_y, stroke=0, fill=1)
        for code, _kinds, shape in self.lanes:
            y = lane_y[code]
            canv.setStrokeColor(LIGHT)
            canv.setLineWidth(0.6)
            canv.line(x0, y, x1, y)
            canv.setFillColor(INK)
            canv.setStrokeColor(INK)
            canv.setLineWidth(0.5)
            _mark(canv, shape, 7, y, 3.2)
            canv.setFont(font, 7.5)
            canv.drawString(14, y - 2.6, _fit(t(code, lang), font, 7.5, self.LABEL_W - 16))
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.8)
        for a, b in axis.spans:
            canv.line(a, axis_y, b, axis_y)
        self._draw_cuts(axis, axis_y, top_y)
        self._draw_dates(axis, axis_y)
        self._draw_disputed(axis, axis_y, top_y)
        for code, kinds, shape in self.lanes:
            self._draw_lane([e for e in self.timed if e.kind in kinds], axis, lane_y[code], shape)
        canv.restoreState()

    def _draw_cuts(self, axis: _Axis, axis_y: float, top_y: float) -> None:
        canv = self.canv
        ends = [-1e9, -1e9]  # two rows of gap labels, above the disputed transactions' labels
        for k in range(len(axis.parts) - 1):
            left, right = axis.spans[k][1], axis.spans[k + 1][0]
            mid = (left + right) / 2
            canv.setStrokeColor(INK)
            canv.setLineWidth(0.8)
            for dx in (-2.5, 2.5):  # the cut: two slanted strokes across the axis
                canv.line(mid + dx - 2.5, axis_y - 4, mid + dx + 2.5, axis_y + 4)
            canv.setDash(1, 2)
            canv.setStrokeColor(MUTED)
            canv.setLineWidth(0.4)
            canv.line(mid, axis_y + 5, mid, top_y)
            canv.setDash()
            gap = (axis.parts[k + 1].start - axis.parts[k].end).total_seconds()
            days = round(gap / 86400)
            text = t("pic.gap_days", self.lang, n=days) if days >= 1 else t("pic.gap_hours", self.lang,
                                                                                n=max(1, round(gap / 3600)))
            self._label_in_rows(text, mid, 6, MUTED, top_y + 28, ends)

    def _label_in_rows(self, text: str, x: float, size: float, color: Any, base_y: float, ends: list[float]) -> None:
        """``text`` centred on ``x`` in the first of two rows where it overlaps nothing (else left out);
        ``ends`` holds where each row's last label ends."""
        w = stringWidth(text, self.font, size)
        left = max(0.0, min(x - w / 2, self.width - w))
        row = next((r for r in range(2) if ends[r] + 3 < left), None)
        if row is None:
            return
        self.canv.setFillColor(color)
        self.canv.setFont(self.font, size)
        self.canv.drawString(left, base_y + 9 * row, text)
        ends[row] = left + w

    def _draw_dates(self, axis: _Axis, axis_y: float) -> None:
        canv, font = self.canv, self.font
        canv.setFillColor(INK)
        rows_end = [-1e9, -1e9, -1e9]
        clocked = [self.at[id(e)] for e in self.timed if not e.date_only]
        for part, (a, b) in zip(axis.parts, axis.spans, strict=True):
            first = part.start.strftime("%Y-%m-%d")
            if not any(part.start <= m <= part.end for m in clocked):
                second = "" if part.start.date() == part.end.date() else "– " + part.end.strftime("%m-%d")
            elif part.start.date() == part.end.date():
                second = part.start.strftime("%H:%M") + ("–" + part.end.strftime("%H:%M") if part.end > part.start else "")
            else:
                second = "– " + part.end.strftime("%m-%d" if part.end.year == part.start.year else "%Y-%m-%d")
            for text, size in ((first, 6.5), (second, 6)):
                if not text:
                    continue
                w = stringWidth(text, font, size)
                x = max(0.0, min((a + b) / 2 - w / 2, self.width - w))
                row = next((r for r in range(3) if rows_end[r] + 3 < x), None)
                if row is None:
                    continue
                canv.setFont(font, size)
                canv.drawString(x, axis_y - 9 - 8 * row, text)
                rows_end[row] = x + w
            canv.setStrokeColor(INK)
            canv.setLineWidth(0.5)
            canv.line((a + b) / 2, axis_y, (a + b) / 2, axis_y - 2.5)

    def _draw_disputed(self, axis: _Axis, axis_y: float, top_y: float) -> None:
        canv = self.canv
        disputed = [e for e in self.timed if e.kind == "tl_transaction"] or \
            [e for e in self.timed if e.kind == "tl_bill_row"]
        ends = [-1e9, -1e9]  # two rows of labels
        for event in disputed:
            x = axis.x(self.at[id(event)])
            canv.setStrokeColor(ACCENT)
            canv.setLineWidth(1.6)
            canv.setDash(4, 2)
            canv.line(x, axis_y, x, top_y + 4)
            canv.setDash()
            amount = next((p for p in event.text.split(" · ") if p.startswith("¥")), "")
            text = " ".join(p for p in (t("pic.disputed", self.lang), amount, event.moment.strftime("%H:%M")) if p)
            self._label_in_rows(text, x, 7, ACCENT, top_y + 7, ends)

    def _draw_lane(self, events: list[Any], axis: _Axis, y: float, shape: str) -> None:
        canv, font = self.canv, self.font
        groups: list[list[tuple[float, Any]]] = []
        for event in sorted(events, key=lambda e: self.at[id(e)]):
            x = axis.x(self.at[id(event)])
            if groups and x - groups[-1][0][0] < MERGE_PT:
                groups[-1].append((x, event))
            else:
                groups.append([(x, event)])
        ends = {1: -1e9, -1: -1e9}  # label rows above (1) and below (-1) the lane line
        for group in groups:
            x = sum(g[0] for g in group) / len(group)
            refs = list(dict.fromkeys(r for _, e in group for r in e.refs))
            canv.setStrokeColor(INK)
            canv.setFillColor(colors.white if any(e.date_only for _, e in group) else INK)
            canv.setLineWidth(0.7)
            _mark(canv, shape, x, y, 3.0)  # hollow: a date without a time
            text = _ref_label(refs, self.lang) + (f" ×{len(group)}" if len(group) > 1 else "")
            text = self.shown(text)
            w = stringWidth(text, font, 6)
            lx = min(x + 3.5, self.width - w)  # beside the mark, clear of a disputed line through it
            side = next((s for s in (-1, 1) if ends[s] + 2 < lx), None)
            if side is None:
                continue
            canv.setFillColor(INK)
            canv.setFont(font, 6)
            canv.drawString(lx, y + (5 if side == 1 else -10.5), text)
            ends[side] = lx + w


def timeline_picture(view: DossierView) -> list[Flowable]:
    """The drawn timeline, opening the 时间线 section; nothing when no event has a time."""
    s, lang = view.styles, view.lang
    events = view.plan.events
    timed = [e for e in events if e.moment is not None]
    if not timed:
        return []
    untimed = [e for e in events if e.moment is None and e.kind != "tl_more"]
    flow: list[Flowable] = [
        Paragraph(esc(t("pic.timeline_title", lang)), s.h3),
        Paragraph(esc(t("pic.timeline_note", lang)), s.small),
        Spacer(1, 2 * mm),
        TimelinePicture(events, s.font, lang, view.shown),
    ]
    if untimed:
        flow.append(Paragraph(esc(t("pic.untimed", lang, n=len(untimed))), s.small))
    return [KeepTogether(flow), Spacer(1, 5 * mm)]


# ---- 资金流向

class FlowPicture(Flowable):
    """payer account → payment institution → payee, the amount and time on the arrows."""

    BOX_W = 128.0
    BOX_H = 46.0

    def __init__(self, boxes: list[tuple[str, list[str]]], arrow: list[str], font: str) -> None:
        super().__init__()
        self.boxes, self.arrow, self.font = boxes, arrow, font
        self.width, self.height = FRAME_W, self.BOX_H + 8

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, font = self.canv, self.font
        gap = (self.width - 3 * self.BOX_W) / 2
        y = 4.0
        canv.saveState()
        for k, (title, lines) in enumerate(self.boxes):
            x = k * (self.BOX_W + gap)
            canv.setStrokeColor(INK)
            canv.setLineWidth(0.8)
            canv.setFillColor(SHADE)
            canv.roundRect(x, y, self.BOX_W, self.BOX_H, 3, stroke=1, fill=1)
            canv.setFillColor(MUTED)
            canv.setFont(font, 6.5)
            canv.drawString(x + 5, y + self.BOX_H - 10, title)
            canv.setFillColor(INK)
            for n, line in enumerate(lines[:3]):
                shown, size = _fit_size(line, font, 8.5 if n == 0 else 7, self.BOX_W - 10)
                canv.setFont(font, size)
                canv.drawString(x + 5, y + self.BOX_H - 22 - 10 * n, shown)
            if k < 2:
                ax, bx, ay = x + self.BOX_W + 3, x + self.BOX_W + gap - 3, y + self.BOX_H / 2
                canv.setLineWidth(1.4)
                canv.line(ax, ay, bx - 5, ay)
                head = canv.beginPath()
                head.moveTo(bx, ay)
                head.lineTo(bx - 7, ay + 3.5)
                head.lineTo(bx - 7, ay - 3.5)
                head.close()
                canv.setFillColor(INK)
                canv.drawPath(head, stroke=0, fill=1)
                canv.setFont(font, 7)
                for text, dy in zip(self.arrow[:3], (4.0, -10.0, -18.5), strict=False):
                    text = _fit(text, font, 7, gap - 4)
                    w = stringWidth(text, font, 7)
                    canv.drawString((ax + bx) / 2 - w / 2, ay + dy, text)
        canv.restoreState()


def _when(value: Any) -> str:
    moment = beijing(value)
    if moment is None:
        return str(value or "")
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def money_flow_pictures(view: DossierView) -> list[Flowable]:
    """资金流向: one small diagram per disputed transaction, with what each source says."""
    s, lang, font = view.styles, view.lang, view.styles.font
    flows = view.plan.flows
    if not flows:
        return []
    unknown = t("pic.unknown", lang)
    out: list[Flowable] = [Paragraph(esc(t("pic.flow_title", lang)), s.h2)]
    for flow in flows:
        payer = view.plan.masked_holder(None, flow.payer)[1] if view.public else flow.payer
        inst = t(flow.institution, lang) if flow.institution and flow.institution.startswith("pic.") else flow.institution
        boxes = [
            (t("pic.payer", lang), [plain(view.shown(str(payer or unknown))), plain(view.shown(flow.method or ""))]),
            (t("pic.institution", lang), [plain(inst or unknown)]),
            (t("pic.payee", lang), [plain(view.shown(flow.payee or unknown)),
                                    plain(view.shown(f"{flow.merchant_order}")) if flow.merchant_order else ""]),
        ]
        arrow = [f"¥{flow.amount}" if flow.amount else unknown, *_when(flow.time).split(" ", 1)]
        heading = t("pic.flow_tx", lang, id=view.shown(flow.transaction_id or flow.merchant_order or unknown))
        rows: list[list[Any]] = [[Paragraph(esc(t(c, lang)), s.cell_small) for c in
                                  ("pic.col_source", "pic.col_amount", "pic.col_time", "pic.col_status")]]
        for src in flow.sources:
            ref = t("pic.case_ref", lang) + " (case.toml)" if src.ref == CASE_REF else src.ref
            if src.amount is None and src.time is None:
                rows.append([Paragraph(esc(ref), s.cell_small), Paragraph(esc(t("pic.named_only", lang)), s.cell_small),
                             "", ""])
                continue
            rows.append([Paragraph(esc(ref), s.cell_small),
                         Paragraph(esc(f"¥{src.amount}" if src.amount else "—"), s.cell_small),
                         Paragraph(esc(_when(src.time) or "—"), s.cell_small),
                         Paragraph(esc(view.shown(src.status or "—")), s.cell_small)])
        table = Table(rows, colWidths=[34 * mm, 30 * mm, 50 * mm, FRAME_W - 114 * mm])
        table.setStyle(table_style(font, ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                                   ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                                   ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)))
        compared = [x for x in flow.sources if x.amount or x.time]
        if flow.conflicts:
            what = [t(f"pic.conflict_{c}", lang) for c in flow.conflicts]
            check = f"<font color='#8a1c1c'>≠ {esc(t('pic.check_conflict', lang, what='、'.join(what) if lang == 'zh' else ', '.join(what)))}</font>"
        elif len(compared) > 1:
            check = "= " + esc(t("pic.check_agree", lang))
        else:
            check = esc(t("pic.check_single", lang))
        out.append(KeepTogether([Paragraph(esc(heading), s.h3), FlowPicture(boxes, arrow, font), Spacer(1, 2 * mm),
                                 table, Paragraph(check, s.small), Spacer(1, 4 * mm)]))
    return out


# ---- the case at a glance

class GlancePicture(Flowable):
    """Three tiles (problem, amount, when), the chain of what was tried, and what is asked."""

    def __init__(self, tiles: list[tuple[str, str, str]], tried: str, steps: list[tuple[str, str, str, str]],
                 asked: tuple[str, str], font: str) -> None:
        super().__init__()
        self.tiles, self.tried, self.steps, self.asked, self.font = tiles, tried, steps, asked, font
        self.per_row = 4
        self.step_rows = max(1, math.ceil(len(steps) / self.per_row))
        self.asked_lines = _wrap(asked[1], font, 9, FRAME_W - 16, 5)
        self.width = FRAME_W
        self.height = 64 + 18 + self.step_rows * 62 + 26 + 12 * len(self.asked_lines) + 6

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, font = self.canv, self.font
        canv.saveState()
        y = self.height
        # tiles
        gap = 8.0
        tile_w = (self.width - 2 * gap) / 3
        for k, (title, big, small) in enumerate(self.tiles):
            x = k * (tile_w + gap)
            canv.setStrokeColor(INK)
            canv.setFillColor(SHADE)
            canv.setLineWidth(0.8)
            canv.rect(x, y - 58, tile_w, 58, stroke=1, fill=1)
            canv.setFillColor(MUTED)
            canv.setFont(font, 7.5)
            canv.drawString(x + 6, y - 12, title)
            canv.setFillColor(INK)
            canv.setFont(font, 14)
            canv.drawString(x + 6, y - 32, _fit(big, font, 14, tile_w - 12))
            canv.setFont(font, 7.5)
            for n, line in enumerate(_wrap(small, font, 7.5, tile_w - 12, 2)):
                canv.drawString(x + 6, y - 44 - 9 * n, line)
        y -= 64 + 14
        canv.setFillColor(INK)
        canv.setFont(font, 10)
        canv.drawString(0, y, self.tried)
        y -= 4
        step_gap = 14.0
        step_w = (self.width - step_gap * (self.per_row - 1)) / self.per_row
        for k, (head, line1, line2, line3) in enumerate(self.steps):
            row, col = divmod(k, self.per_row)
            x = col * (step_w + step_gap)
            top = y - row * 62
            canv.setStrokeColor(INK)
            canv.setLineWidth(1.2 if k == 0 else 0.8)
            canv.setFillColor(colors.white)
            canv.rect(x, top - 52, step_w, 52, stroke=1, fill=1)
            canv.setFillColor(INK)
            canv.setFont(font, 8)
            canv.drawString(x + 5, top - 11, _fit(head, font, 8, step_w - 10))
            canv.setFont(font, 7.5)
            canv.drawString(x + 5, top - 22, _fit(line1, font, 7.5, step_w - 10))
            canv.setFillColor(MUTED)
            canv.drawString(x + 5, top - 32, _fit(line2, font, 7.5, step_w - 10))
            canv.setFillColor(INK)
            canv.setFont(font, 8.5)
            canv.drawString(x + 5, top - 45, _fit(line3, font, 8.5, step_w - 10))
            if k + 1 < len(self.steps) and col + 1 < self.per_row:
                ay, ax = top - 26, x + step_w + 2
                canv.setLineWidth(1.2)
                canv.line(ax, ay, ax + step_gap - 8, ay)
                head_path = canv.beginPath()
                head_path.moveTo(ax + step_gap - 4, ay)
                head_path.lineTo(ax + step_gap - 9, ay + 3)
                head_path.lineTo(ax + step_gap - 9, ay - 3)
                head_path.close()
                canv.drawPath(head_path, stroke=0, fill=1)
        y -= self.step_rows * 62 + 12
        canv.setFont(font, 10)
        canv.drawString(0, y, self.asked[0])
        box_h = 12 * len(self.asked_lines) + 8
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(1.0)
        canv.rect(0, y - 6 - box_h, self.width, box_h, stroke=1, fill=0)
        canv.setFont(font, 9)
        for n, line in enumerate(self.asked_lines):
            canv.drawString(8, y - 6 - 13 - 12 * n, line)
        canv.restoreState()


def glance_picture(view: DossierView) -> list[Flowable]:
    """案情一览, right after the cover: facts for the reader, no advice for the complainant."""
    s, lang, font = view.styles, view.lang, view.styles.font
    g = view.plan.glance
    unknown = t("pic.unknown", lang)
    occurred = beijing(g.occurred_at) if g.occurred_at else None
    tiles = [
        (t("pic.problem", lang), plain(problem_label(g.problem, lang) or unknown), plain(view.shown(g.title or ""))),
        (t("pic.amount", lang), f"¥{g.amount}" if g.amount else unknown, t("pic.evidence", lang, n=g.evidence_count)),
        (t("pic.occurred", lang), occurred.strftime("%Y-%m-%d") if occurred else unknown,
         occurred.strftime("%H:%M:%S") if occurred and len(str(g.occurred_at)) > 10 else ""),
    ]
    steps: list[tuple[str, str, str, str]] = []
    if occurred or g.amount:
        steps.append((occurred.strftime("%Y-%m-%d") if occurred else unknown, t("pic.step_problem", lang),
                      f"¥{g.amount}" if g.amount else "", ""))
    for attempt in g.attempts:
        moment = beijing(attempt.date)
        date = (moment.strftime("%Y-%m-%d") if moment else str(attempt.date or unknown))
        outcome = (t(f"outcome.{attempt.outcome}", lang) if attempt.outcome in ("unresolved", "resolved", "rejected",
                                                                                 "pending")
                   else str(attempt.outcome) if attempt.outcome else t("pic.outcome_none", lang))
        steps.append((date, plain(channel_label(attempt.channel, lang) or str(attempt.channel or unknown)),
                      plain(view.shown(t("pic.ticket", lang, ticket=attempt.ticket))) if attempt.ticket else "",
                      "→ " + plain(outcome)))
    if not g.attempts:
        steps.append((t("pic.tried_none", lang), "", "", ""))
    asked = (t("pic.asked", lang), plain(view.shown(g.demand)) if g.demand else t("pic.asked_none", lang))
    picture = GlancePicture(tiles, t("pic.tried", lang), steps, asked, font)
    return [
        CondPageBreak(picture.height + 30 * mm),  # its own page, unless the cover left room for all of it
        Spacer(1, 6 * mm),
        Marker(exhibit=None, bookmark=(t("pic.glance", lang), "glance", 0)),
        Paragraph(esc(t("pic.glance", lang)), s.h1),
        Paragraph(esc(t("pic.glance_note", lang)), s.small),
        Spacer(1, 3 * mm),
        picture,
        Spacer(1, 6 * mm),
    ]
