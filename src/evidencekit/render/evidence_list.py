"""证据清单: numbered, with source, what each item proves, and its digests."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from evidencekit.render.document import table_style, FRAME_W, MUTED, RULE, SHADE, Marker
from evidencekit.render.labels import human_size, kind_label, label
from evidencekit.render.text import esc
from evidencekit.render.when import show_time
from evidencekit.render.view import DossierView


def evidence_list(view: DossierView) -> list[Flowable]:
    s, lang = view.styles, view.lang
    header = [Paragraph(esc(label(k, lang)), s.cell_small)
              for k in ("col_no", "col_file", "col_proves", "col_meta", "col_digest")]
    rows = [header]
    for item in view.items:
        file_cell = esc(item.path, multiline=False)
        if item.provenance:
            file_cell += f"<br/><font color='#5b6573'>{esc(label('source', lang))}：{esc(item.provenance)}</font>"
        meta = f"{esc(kind_label(item.kind, lang))} · {human_size(item.size)}"
        if item.captured_at:
            meta += f"<br/>{esc(show_time(item.captured_at))}"
        rows.append([
            Paragraph(esc(item.id), s.cell),
            Paragraph(file_cell, s.cell),
            Paragraph(esc(item.proves or ""), s.cell),
            Paragraph(meta, s.cell_small),
            Paragraph("<br/>".join(item.sha256[i:i + 16] for i in range(0, 64, 16)), s.cell_small),
        ])
    widths = [13 * mm, 56 * mm, 40 * mm, 32 * mm]
    widths.append(FRAME_W - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(table_style(view.styles.font, 
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ))
    flow: list[Flowable] = [
        PageBreak(),
        Marker(exhibit=None, bookmark=(label("evidence_list", lang), "evidence-list", 0)),
        Paragraph(esc(label("evidence_list", lang)), s.h1),
        Paragraph(esc(label("evidence_list_note", lang)), s.small),
        Spacer(1, 4 * mm),
        table,
    ]
    if view.skipped:
        flow += [Spacer(1, 6 * mm), Paragraph(esc(label("skipped_title", lang)), s.h3)]
        flow += [Paragraph(f"{esc(sk.path, multiline=False)} — {esc(sk.text(lang))}", s.small)
                 for sk in view.skipped]
    return flow
