"""时间线: case events, contacts, disputed transactions, the chat messages around them and
capture times, merged in time order, each line pointing at its exhibit or at case.toml.

``timeline_events`` is the pure part (data in, events out); ``timeline`` lays them out.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from evidencekit.render.document import ACCENT, FRAME_W, RULE, SHADE, Marker, table_style
from evidencekit.render.labels import label
from evidencekit.render.pictures import timeline_picture
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView

DISPUTED_BG = colors.HexColor("#fbe3e0")


def timeline(view: DossierView) -> list[Flowable]:
    """The 时间线 pages, after the evidence list."""
    s, lang = view.styles, view.lang
    events = view.plan.events
    mask = view.shown if view.public else None  # the plan's masking, as on the cover
    flow: list[Flowable] = [
        PageBreak(),
        Marker(exhibit=None, bookmark=(label("timeline", lang), "timeline", 0)),
        Paragraph(esc(label("timeline", lang)), s.h1),
        Paragraph(esc(label("timeline_note", lang)), s.small),
        Spacer(1, 4 * mm),
        *timeline_picture(view),
    ]
    if not events:
        return flow + [Paragraph(esc(label("tl_empty", lang)), s.body)]
    known = {item.id for item in view.items}
    header = [Paragraph(esc(label(k, lang)), s.cell_small) for k in ("tl_col_time", "tl_col_event", "tl_col_source")]
    rows: list[list[Any]] = [header]
    marks: list[tuple[int, str]] = []
    for event in events:
        text = mask(event.text) if mask else event.text
        if event.kind == "tl_more":
            rows.append([Paragraph("", s.cell_small), Paragraph(esc(text), s.cell_small), _refs(event.refs, known, s)])
            marks.append((len(rows) - 1, "more"))
            continue
        when = esc(event.shown_time or label("chat_unknown_time", lang))
        if event.original_time:
            when += f"<br/><font size='6.5' color='#5b6573'>{esc(event.original_time)}</font>"
        kind = label(event.kind, lang)
        rows.append([
            Paragraph(when, s.cell),
            Paragraph(f"<font color='#5b6573'>{esc(kind)}</font>　{esc(text)}", s.cell),
            _refs(event.refs, known, s),
        ])
        if event.kind in ("tl_transaction", "tl_bill_row"):
            marks.append((len(rows) - 1, "disputed"))
    table = Table(rows, colWidths=[31 * mm, FRAME_W - 31 * mm - 20 * mm, 20 * mm], repeatRows=1, splitInRow=1)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for row, mark in marks:
        if mark == "disputed":
            commands += [("BACKGROUND", (0, row), (-1, row), DISPUTED_BG),
                         ("LINEBEFORE", (0, row), (0, row), 2.5, ACCENT)]
    table.setStyle(table_style(s.font, *commands))
    flow.append(table)
    return flow


def _refs(refs: tuple[str, ...], known: set[str], s: Any) -> Paragraph:
    parts = []
    for ref in refs:
        if ref in known:
            parts.append(f"<a href='#exhibit-{ref}' color='#8a1c1c'>{esc(ref)}</a>")
        else:
            parts.append(f"<font color='#5b6573'>{esc(ref)}</font>")
    return Paragraph("<br/>".join(parts), s.cell)
