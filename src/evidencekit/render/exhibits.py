"""One section per evidence item: its facts, then its content or a card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from evidencekit.i18n import text_of
from evidencekit.model import Item
from evidencekit.render.bills import bill_flowables, has_transactions
from evidencekit.render.chats import chat_flowables, has_messages
from evidencekit.render.document import FRAME_W, MUTED, RULE, SHADE, Marker, SlotFlowable, TextLayer, table_style
from evidencekit.render.documents import document_flowables
from evidencekit.render.labels import human_size, kind_label, label
from evidencekit.render.media import image_facts, media_summary, video_flowables
from evidencekit.render.strips import ImageStrips, needs_strips
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView
from evidencekit.screens.words import suggested_proves

if TYPE_CHECKING:
    from evidencekit.plan import DossierPlan


def exhibits(view: DossierView) -> list[Flowable]:
    flow: list[Flowable] = []
    shown = [item for item in view.items if not item.duplicate_of]  # a copy is its first's pages
    for index, item in enumerate(shown):
        flow += exhibit(view, item, first=index == 0)
    return flow


def shown_pictures(plan: DossierPlan) -> list[Item]:
    """The items whose whole picture an exhibit page shows (a slot, or the bands of a long one), so that
    the assembler can write their images before the pages are laid out. Keep in step with
    :func:`exhibit`: every ``"image"`` visual of an item that is not a copy (a copy shows its first's)."""
    return [item for item in plan.items if not item.duplicate_of and plan.visuals[item.id].mode == "image"]


def exhibit(view: DossierView, item: Item, *, first: bool) -> list[Flowable]:
    s, lang = view.styles, view.lang
    visual = view.visuals[item.id]
    title = f"{label('exhibit', lang)} {item.id} · {view.shown(item.path)}"
    flow: list[Flowable] = [
        PageBreak(),
        Marker(exhibit=(item.id, item.sha256),
               bookmark=(f"{item.id} {view.shown(item.path)}", f"exhibit-{item.id}", 1)),
    ]
    if first:
        flow.insert(1, Marker(bookmark=(label("exhibits", lang), "exhibits", 0)))
    flow += [Paragraph(esc(title, multiline=False), s.h2), facts_table(view, item)]
    if item.kind in ("screenshot", "photo") or item.mime.startswith("image/"):
        flow += [Spacer(1, 1.5 * mm), *image_facts(view, item)]
    copies = [other.id for other in view.items if other.duplicate_of == item.id]
    if copies:
        flow.append(Paragraph(esc(label("copies", lang, ids="、".join(copies) if lang != "en" else ", ".join(copies))),
                              s.small))
    for warning in item.warnings:
        if item.facts.get("gps_present") and "GPS" in warning:
            continue  # the privacy box above says it, in the dossier's language
        flow.append(Paragraph("▲ " + esc(text_of(warning, view.lang)), s.warn))
    flow.append(Spacer(1, 3 * mm))

    if visual.mode in ("text", "card") and has_transactions(item):
        flow += bill_flowables(view, item)
    elif visual.mode in ("text", "card") and has_messages(item):
        flow += chat_flowables(view, item)
    elif visual.mode == "document":
        flow += document_flowables(view, item.id, visual)
    elif visual.mode == "video":
        flow += video_flowables(view, item, visual)
    elif visual.mode == "image" and needs_strips(*visual.size):
        flow.append(ImageStrips(item.id, visual.size[0], visual.size[1], view.slots, font=s.font, lang=lang,
                                item_id=item.id, text_layer=text_layer(view, item)))
    elif visual.mode == "image":
        if view.page_images == "print":
            flow.append(Paragraph(esc(label("print_copy", lang)), s.small))
        flow.append(SlotFlowable(item.id, visual.size[0], visual.size[1], view.slots,
                                 text_layer=text_layer(view, item)))
    elif visual.mode == "pdf":
        total = len(visual.pages)
        for n, (w, h) in enumerate(visual.pages, start=1):
            if n > 1:
                flow.append(PageBreak())
            flow.append(Paragraph(esc(f"{item.id} · " + label("pdf_page", lang, n=n, total=total)), s.small))
            flow.append(SlotFlowable(f"{item.id}#p{n}", w, h, view.slots, min_fraction=0.6))
    elif visual.mode == "text" and visual.text is not None:
        if item.kind == "bill":
            flow.append(Paragraph(esc(label("bill_empty", lang)), s.small))
        elif item.kind == "chat":
            flow.append(Paragraph(esc(label("chat_empty", lang)), s.small))
        flow += text_block(visual.text, s.mono)
        if visual.truncated:
            flow.append(Paragraph(esc(label("text_truncated", lang)), s.small))
    else:
        summary = media_summary(item, lang)
        shown = text_of(visual.reason, view.lang) if visual.reason else None
        reason = f"{summary}\n\n{shown}" if summary and shown else summary or shown
        flow.append(card(view, reason, attached=item.attached))
    return flow


def facts_table(view: DossierView, item: Item) -> Table:
    s, lang = view.styles, view.lang
    rows = [
        (label("file", lang), view.shown(item.path)),
        (label("kind", lang), f"{kind_label(item.kind, lang)} · {item.mime}"),
        (label("size", lang), f"{human_size(item.size)} ({item.size} B)"),
        (label("sha256", lang), item.sha256),
        (label("sm3", lang), item.sm3),
    ]
    if item.parent:
        rows.append((label("inside", lang), label("inside_value", lang, parent=item.parent,
                                                     name=view.shown(item.name_in_container or ""))))
    if item.captured_at:
        rows.append((label("captured_at", lang), item.captured_at))
    if item.provenance:
        rows.append((label("source", lang), view.shown(item.provenance)))
    proves = item.proves or suggested_proves(item.facts, lang)
    if proves:
        rows.append((label("proves", lang), view.shown(proves)))
    table = Table([[Paragraph(esc(k), s.cell_small), Paragraph(esc(v, multiline=index > 0), s.cell)]
                   for index, (k, v) in enumerate(rows)],  # the first row, the file's path, is one line
                  colWidths=[28 * mm, FRAME_W - 28 * mm], splitInRow=1)
    table.setStyle(table_style(view.styles.font,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ))
    return table


def card(view: DossierView, reason: str | None, *, attached: bool = True) -> Flowable:
    s, lang = view.styles, view.lang
    text = esc(label("card_note", lang)) if attached else ""  # "sealed in full as an attachment"
    if reason:
        text = esc(reason) + ("<br/><br/>" + text if text else "")
    box = Table([[Paragraph(text, s.body)]], colWidths=[FRAME_W])
    box.setStyle(table_style(view.styles.font,
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 10),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ))
    return KeepTogether([box])


def text_block(text: str, style) -> list[Flowable]:  # type: ignore[no-untyped-def]
    """Plain text as wrapped paragraphs of 40 lines (they split across pages)."""
    lines = text.splitlines() or [""]
    out: list[Flowable] = []
    for start in range(0, len(lines), 40):
        chunk = lines[start:start + 40]
        markup = "<br/>".join(_keep_indent(esc(line)) or "&nbsp;" for line in chunk)
        out.append(Paragraph(markup, style))
    return out


def _keep_indent(line: str) -> str:
    stripped = line.lstrip(" ")
    return "&nbsp;" * (len(line) - len(stripped)) + stripped


def text_layer(view: DossierView, item: Item) -> TextLayer | None:
    """The screen's OCR lines as an invisible layer over its picture; none on a public dossier
    (the text would carry the personal data the public pages mask)."""
    ocr = item.ocr
    if ocr is None or view.public or not ocr.lines:
        return None
    return TextLayer(view.styles.font, (ocr.width, ocr.height), tuple((line.text, line.box) for line in ocr.lines))
