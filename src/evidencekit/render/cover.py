"""Page 1: what the case is, who sealed it, and the dossier id with its QR code."""

from __future__ import annotations

import logging

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from evidencekit.render.document import table_style, ACCENT, FRAME_W, MUTED, RULE, SHADE, Marker
from evidencekit.render.labels import channel_label, human_size, label, problem_label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView

log = logging.getLogger("evidencekit")


def cover(view: DossierView) -> list[Flowable]:
    s, lang = view.styles, view.lang
    shown = view.display_case
    case = shown.get("case", {})
    manifest = view.manifest
    title = case.get("title") or label("dossier", lang)
    party = shown.get("complainant", {})
    respondent = shown.get("respondent", {})

    def who(person: dict, keys: tuple[str, ...]) -> str | None:
        parts = [str(person[k]) for k in keys if person.get(k)]
        return "，".join(parts) if parts else None

    time_source = label("tsa" if manifest.get("time_source") == "tsa" else "local_clock", lang)
    total = sum(i.size for i in view.items)
    rows = [
        (label("case_title", lang), case.get("title")),
        (label("complainant", lang), who(party, ("name", "phone", "account"))),
        (label("respondent", lang), who(respondent, ("name", "credit_code"))),
        (label("problem", lang), problem_label(case.get("problem"), lang)),
        (label("amount", lang), f"¥ {case['amount']}" if case.get("amount") else None),
        (label("occurred_at", lang), case.get("occurred_at")),
        (label("channel", lang), channel_label(view.channel, lang)),
        (label("escalation", lang), escalation_text(view)),
        (label("items_count", lang), f"{len(view.items)}"),
        (label("total_size", lang), human_size(total)),
        (label("sealed_at", lang), manifest.get("created")),
        (label("time_source", lang), time_source),
        (label("signer", lang), _signer_name(view)),
        (label("fingerprint", lang), view.signer.fingerprint),
    ]
    rows = [(k, v) for k, v in rows if v or k != label("escalation", lang)]
    table_rows = [
        [Paragraph(esc(k), s.small),
         Paragraph(_split(esc(v), 32) if k == label("fingerprint", lang) else _escalation_markup(v)
                   if k == label("escalation", lang) else esc(v), s.body) if v
         else Paragraph(esc(label("not_given", lang)), s.body)]
        for k, v in rows
    ]
    table = Table(table_rows, colWidths=[42 * mm, FRAME_W - 42 * mm])
    table.setStyle(table_style(view.styles.font, 
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ))

    id_block = Table(
        [[Paragraph(f"{esc(label('dossier_id', lang))}<br/><font size=10>{_split(view.dossier_id, 32)}</font>",
                    s.body), QrCode(view.dossier_id, 32 * mm)]],
        colWidths=[FRAME_W - 38 * mm, 38 * mm],
    )
    id_block.setStyle(table_style(view.styles.font, 
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
    ))
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


def _signer_name(view: DossierView) -> str:
    """The signer, masked like the complainant when the dossier is public and they are the same person."""
    name = view.signer.name
    if view.public:
        original = view.case.get("complainant") or {}
        shown = view.display_case.get("complainant") or {}
        people = [(original, shown)]
        if isinstance(original.get("agent"), dict):
            people.append((original["agent"], shown.get("agent") or {}))
        for before, after in people:
            if before.get("name") and name.strip() == str(before["name"]).strip() and after.get("name"):
                return str(after["name"])
    return name


def escalation_text(view: DossierView) -> str | None:
    """"earliest date to escalate, and to whom" + the reason, from the contact history;
    None when the case has no contacts (or no clock day to count from)."""
    if view.today is None or not view.case.get("contacts"):
        return None
    from evidencekit.case import CaseFile
    from evidencekit.channels import compute_escalation

    try:
        escalation = compute_escalation(CaseFile(data=view.case), view.today)
    except Exception as exc:  # a template problem must not stop the dossier; say so on the cover
        log.warning("escalation could not be computed: %s", exc)
        return None
    lang = view.lang
    reason = escalation.reason(lang)
    if escalation.earliest_date is None or escalation.to is None:
        return reason
    head = label("escalation_line", lang, date=escalation.earliest_date.isoformat(),
                 to=channel_label(escalation.to, lang) or escalation.to)
    if escalation.possible_now:
        head += label("escalation_now", lang)
    return f"{head}\n{_without_last_sentence_naming(reason, escalation.earliest_date.isoformat())}"


def _without_last_sentence_naming(reason: str, day: str) -> str:
    """The reason ends by repeating the head line (date and channel); drop that sentence."""
    stop = "。" if "。" in reason else ". "
    sentences = [part for part in reason.split(stop) if part.strip()]
    if len(sentences) > 1 and day in sentences[-1]:
        sentences = sentences[:-1]
    return stop.join(sentences) + (stop.strip() if stop == "。" or not reason.endswith(".") else ".")


def _escalation_markup(text: str) -> str:
    head, _, reason = text.partition("\n")
    if not reason:
        return esc(head)
    return f"{esc(head)}<br/><font size='8' color='#5b6573'>{esc(reason)}</font>"


def _split(hexstr: str, width: int) -> str:
    return "<br/>".join(hexstr[i:i + width] for i in range(0, len(hexstr), width))


class QrCode(Flowable):
    """A QR code drawn as plain rectangles (no fonts, nothing to embed)."""

    def __init__(self, value: str, size: float) -> None:
        super().__init__()
        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(value)
        qr.make()
        count = qr.getModuleCount()
        self.dark = [(r, c) for r in range(count) for c in range(count) if qr.isDark(r, c)]
        self.count = count
        self.size = size

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        quiet = 2
        module = self.size / (self.count + 2 * quiet)
        self.canv.saveState()
        self.canv.setFillColorRGB(0, 0, 0)
        for r, c in self.dark:
            x = (c + quiet) * module
            y = self.size - (r + quiet + 1) * module
            self.canv.rect(x, y, module, module, stroke=0, fill=1)
        self.canv.restoreState()
