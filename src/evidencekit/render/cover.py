"""Page 1: what the case is, who sealed it, and the dossier id with its QR code."""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from evidencekit.render.document import ACCENT, FRAME_W, MUTED, RULE, SHADE, Marker
from evidencekit.render.labels import channel_label, human_size, label, problem_label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView


def cover(view: DossierView) -> list[Flowable]:
    s, lang = view.styles, view.lang
    case = view.case.get("case", {})
    manifest = view.manifest
    title = case.get("title") or label("dossier", lang)
    party = view.case.get("complainant", {})
    respondent = view.case.get("respondent", {})

    def who(person: dict, keys: tuple[str, ...]) -> str | None:
        parts = [str(person[k]) for k in keys if person.get(k)]
        return "，".join(parts) if parts else None

    time_source = label("tsa" if manifest.get("time_source") == "tsa" else "local_clock", lang)
    total = sum(i.size for i in view.items)
    rows = [
        (label("case_title", lang), title),
        (label("complainant", lang), who(party, ("name", "phone", "account"))),
        (label("respondent", lang), who(respondent, ("name", "credit_code"))),
        (label("problem", lang), problem_label(case.get("problem"), lang)),
        (label("amount", lang), f"¥ {case['amount']}" if case.get("amount") else None),
        (label("occurred_at", lang), case.get("occurred_at")),
        (label("channel", lang), channel_label(view.channel, lang)),
        (label("items_count", lang), f"{len(view.items)}"),
        (label("total_size", lang), human_size(total)),
        (label("sealed_at", lang), manifest.get("created")),
        (label("time_source", lang), time_source),
        (label("signer", lang), view.signer.name),
        (label("fingerprint", lang), _split(view.signer.fingerprint, 32)),
    ]
    table_rows = [
        [Paragraph(esc(k), s.small), Paragraph(esc(v) if v else esc(label("not_given", lang)), s.body)]
        for k, v in rows
    ]
    table = Table(table_rows, colWidths=[42 * mm, FRAME_W - 42 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))

    id_block = Table(
        [[Paragraph(f"{esc(label('dossier_id', lang))}<br/><font size=10>{_split(view.dossier_id, 32)}</font>",
                    s.body), _qr(view.dossier_id)]],
        colWidths=[FRAME_W - 38 * mm, 38 * mm],
    )
    id_block.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
    ]))
    return [
        Marker(exhibit=None, bookmark=(label("cover", lang), "cover", 0)),
        Spacer(1, 10 * mm),
        Paragraph(esc(label("dossier", lang)), s.center),
        Spacer(1, 3 * mm),
        Paragraph(esc(title), s.title),
        Spacer(1, 10 * mm),
        table,
        Spacer(1, 8 * mm),
        id_block,
        Spacer(1, 6 * mm),
        Paragraph(esc(label("cover_note", lang)), s.small),
    ]


def _split(hexstr: str, width: int) -> str:
    return "<br/>".join(hexstr[i:i + width] for i in range(0, len(hexstr), width))


def _qr(value: str) -> Drawing:
    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    size = 32 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing
