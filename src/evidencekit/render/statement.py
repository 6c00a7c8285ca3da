"""投诉书: the complaint statement for the chosen channel, laid out after the cover.

The wording and order come from :func:`evidencekit.statement.build_statement` (the channel
template); this module only lays it out. The statement lint's warnings are printed by
bundle for the complainant; they are not sealed into what the channel receives.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from evidencekit.model import KINDS, Statement
from evidencekit.render.document import FRAME_W, MUTED, RULE, SHADE, Marker, table_style
from evidencekit.render.labels import kind_label, label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView

# Column widths (mm) per section table; the widest text column takes what is left.
WIDTHS: dict[str, list[float | None]] = {
    # time, id, merchant order, counterparty, amount, status, exhibits: a WeChat Pay id has 28 digits, one line
    "transactions": [22, 50, 30, None, 17, 16, 13],
    "contacts": [23, 26, 30, None, 18],
    "evidence": [12, 19, None, None],
}
INDENTED = ("facts", "demand")  # prose sections: first line indented two characters


def statement_flowables(view: DossierView, statement: Statement) -> list[Flowable]:
    s, lang = view.styles, view.lang
    title_style = ParagraphStyle("st_title", parent=s.h1, alignment=TA_CENTER, fontSize=20, leading=28,
                                 spaceAfter=6)
    heading = ParagraphStyle("st_heading", parent=s.h3, spaceBefore=7, spaceAfter=2)
    prose = ParagraphStyle("st_prose", parent=s.body, firstLineIndent=2 * 10, spaceAfter=2)
    line = ParagraphStyle("st_line", parent=s.body, spaceAfter=1)
    right = ParagraphStyle("st_right", parent=s.body, alignment=TA_RIGHT, spaceAfter=2)
    colon = ":" if lang == "en" else "："
    flow: list[Flowable] = [
        PageBreak(),
        Marker(exhibit=None, bookmark=(label("statement", lang), "statement", 0)),
        Paragraph(esc(statement.title), title_style),
    ]
    if statement.masked:
        flow.append(Paragraph(esc(label("st_masked", lang)), ParagraphStyle("st_note", parent=s.small,
                                                                            alignment=TA_CENTER, textColor=MUTED)))
    flow.append(Spacer(1, 3 * mm))
    for section in statement.sections:
        if section.key == "closing":
            flow += _closing(view, section.paragraphs, statement, line, right)
            continue
        style = prose if section.key in INDENTED else line
        if statement.channel_id == "court" and section.key in ("complainant", "respondent") and section.paragraphs:
            # 原告：张三，男，…… — a party is one paragraph led by its role, as courts write it
            lead = section.heading + (": " if lang == "en" else colon)
            first = Paragraph(f"<b>{esc(lead)}</b>{esc(section.paragraphs[0])}", line)
            flow += [Spacer(1, 2 * mm), first] + [Paragraph(esc(p), line) for p in section.paragraphs[1:]]
            continue
        block: list[Flowable] = [Paragraph(esc(section.heading + colon), heading)]
        block += [Paragraph(esc(p), style) for p in section.paragraphs]
        if section.rows:
            block.append(Spacer(1, 1 * mm))
            block.append(_table(view, section.key, section.table_header, section.rows))
        # keep a heading with its first lines; long sections still split
        flow.append(KeepTogether(block[:2]) if len(block) > 1 else block[0])
        flow += block[2:]
    # statement.warnings (the lint) are for the complainant, not for whoever receives the
    # sealed dossier: bundle prints them on stderr instead.
    return flow


def _closing(view: DossierView, lines: tuple[str, ...], statement: Statement,
             line: ParagraphStyle, right: ParagraphStyle) -> list[Flowable]:
    """The closing words as written (此致 / addressee), then signature and date on the right."""
    out: list[Flowable] = [Spacer(1, 6 * mm)]
    for text in lines:
        if text in (statement.signature, statement.date):
            continue
        out.append(Paragraph(esc(text), line))
    out.append(Spacer(1, 6 * mm))
    if statement.signature:
        out += [Paragraph(esc(statement.signature) + "&nbsp;" * 16, right), Spacer(1, 2 * mm)]
    out.append(Paragraph(esc(statement.date), right))
    if statement.annex:
        out += [Spacer(1, 6 * mm), Paragraph(esc(statement.annex), line)]
    return [KeepTogether(out)]


def _table(view: DossierView, key: str, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> Table:
    s, lang = view.styles, view.lang
    columns = len(header) or max(len(r) for r in rows)
    widths = _widths(WIDTHS.get(key), columns)
    body = []
    for row in rows:
        cells = list(row)
        if key == "evidence" and len(cells) > 1 and cells[1] in KINDS:
            cells[1] = kind_label(cells[1], lang)
        body.append([Paragraph(esc(c), s.cell) for c in cells])
    data = ([[Paragraph(esc(h), s.cell_small) for h in header]] if header else []) + body
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("TEXTCOLOR", (0, 0), (-1, 0), MUTED)]
    table.setStyle(table_style(s.font, *commands))
    return table


def _widths(spec: list[float | None] | None, columns: int) -> list[float]:
    if not spec or len(spec) != columns:
        return [FRAME_W / columns] * columns
    fixed = sum(w * mm for w in spec if w is not None)
    flexible = [w for w in spec if w is None]
    share = (FRAME_W - fixed) / len(flexible) if flexible else 0
    return [w * mm if w is not None else share for w in spec]


