"""A Word or Excel file's content: headings, paragraphs, and tables (one per sheet, headed by its name)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

from evidencekit.model import Block, Visual
from evidencekit.render.document import FRAME_W, MUTED, RULE, RUNNING_ATTR, SHADE, table_style
from evidencekit.render.labels import label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView

ZEBRA = colors.HexColor("#f8f9fb")
PAD = 2.0
MIN_COLUMN = 12 * mm
HEAD_ROOM = 30 * mm


class _RunningTable(Table):
    """A table whose parts on later pages carry a running head ("E06 工作表：经过（接上页）")."""

    def split(self, avail_w: float, avail_h: float) -> list[Flowable]:
        parts = super().split(avail_w, avail_h)
        for part in parts:
            setattr(part, RUNNING_ATTR, getattr(self, RUNNING_ATTR, None))
        return parts


def document_flowables(view: DossierView, item_id: str, visual: Visual) -> list[Flowable]:
    s, lang = view.styles, view.lang
    running = item_id
    flow: list[Flowable] = [Paragraph(esc(label("doc_note", lang)), s.small), Spacer(1, 2 * mm)]
    blocks = visual.blocks
    for n, block in enumerate(blocks):
        if block.kind == "sheet":
            following = blocks[n + 1] if n + 1 < len(blocks) else None
            # a heading never ends a page: it starts a new one when less than a few rows' room is left
            running = f"{item_id} {label('doc_sheet', lang, name=view.shown(block.text))}"
            flow += [CondPageBreak(HEAD_ROOM), Paragraph(esc(running, multiline=False), s.h3)]
            if following is None or following.kind != "table":
                flow.append(Paragraph(esc(label("doc_sheet_empty", lang)), s.small))
        elif block.kind == "heading":
            flow += [CondPageBreak(HEAD_ROOM), Paragraph(esc(view.shown(block.text)), s.h3)]
        elif block.kind == "paragraph":
            flow.append(Paragraph(esc(view.shown(block.text)), s.body))
            flow.append(Spacer(1, 1.5 * mm))
        elif block.kind == "table":
            flow += table_flowables(view, block, running)
    return flow


def table_flowables(view: DossierView, block: Block, running: str) -> list[Flowable]:
    s, lang = view.styles, view.lang
    style = s.cell if len(block.rows[0]) <= 6 else s.cell_small
    cell_style = ParagraphStyle(f"doc_{style.name}", parent=style)
    widths = _widths(block.rows, s.font, cell_style.fontSize)
    data = [[Paragraph(esc(view.shown(c)), cell_style) for c in row] for row in block.rows]
    table = _RunningTable(data, colWidths=widths, repeatRows=1 if len(data) > 1 else 0, splitInRow=1, hAlign="LEFT")
    setattr(table, RUNNING_ATTR, running)
    table.setStyle(table_style(s.font,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ))
    flow: list[Flowable] = [table]
    if block.more_columns:
        flow.append(Paragraph(esc(label("doc_more_columns", lang, n=block.more_columns)), s.small))
    if block.more_rows:
        flow.append(Paragraph(esc(label("doc_more_rows", lang, n=block.more_rows)), s.small))
    flow.append(Spacer(1, 3 * mm))
    return flow


def _widths(rows: tuple[tuple[str, ...], ...], font: str, size: float) -> list[float]:
    """Columns as wide as their longest line wants, shrunk in proportion to fit the frame."""
    count = len(rows[0])
    wanted = []
    for col in range(count):
        longest = max((max((stringWidth(line, font, size) for line in r[col].splitlines() or [""]), default=0.0)
                       for r in rows if col < len(r)), default=0.0)
        wanted.append(max(MIN_COLUMN, longest + 2 * PAD + 1))
    total = sum(wanted)
    if total <= FRAME_W:
        return wanted
    # shrink the wide columns first: each column keeps at least its fair share or what it wants
    fair = FRAME_W / count
    narrow = [w for w in wanted if w <= fair]
    room = FRAME_W - sum(narrow)
    wide_total = sum(w for w in wanted if w > fair)
    return [w if w <= fair else w * room / wide_total for w in wanted]
