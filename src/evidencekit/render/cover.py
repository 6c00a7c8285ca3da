"""Page 1: what the case is, who sealed it, and the dossier id with its QR code."""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from evidencekit.render.document import (
    ACCENT,
    FRAME_W,
    MUTED,
    RULE,
    SHADE,
    Marker,
    table_style,
)
from evidencekit.render.labels import channel_label, human_size, label, problem_label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView
from evidencekit.terms import OUTCOME_LABELS, pick
from evidencekit.timefmt import show_time_human


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
    # The cover speaks to whoever receives the dossier: the earlier complaints as facts; when to
    # escalate is advice for the complainant, which bundle prints instead of sealing it.
    rows = [
        (label("case_title", lang), case.get("title")),
        (label("complainant", lang), who(party, ("name", "phone", "account"))),
        (label("respondent", lang), who(respondent, ("name", "credit_code"))),
        (label("problem", lang), problem_label(case.get("problem"), lang)),
        (label("amount", lang), f"¥ {case['amount']}" if case.get("amount") else None),
        (label("occurred_at", lang), show_time_human(case["occurred_at"], lang) if case.get("occurred_at") else None),
        (label("channel", lang), channel_label(view.channel, lang)),
        (label("prior_complaints", lang), prior_complaints(shown, lang)),
        (label("items_count", lang), f"{len(view.items)}"),
        (label("total_size", lang), human_size(total)),
        (label("sealed_at", lang), show_time_human(manifest.get("created"), lang)),
        (label("time_source", lang), time_source),
        (label("signer", lang), _signer_name(view)),
        (label("fingerprint", lang), view.signer.fingerprint),
    ]
    rows = [(k, v) for k, v in rows if v or k != label("prior_complaints", lang)]
    table_rows = [
        [Paragraph(esc(k), s.small),
         Paragraph(_split(esc(v), 32) if k == label("fingerprint", lang)
                   else esc(v).replace("\n", "<br/>"), s.body) if v
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


def prior_complaints(case: dict, lang: str) -> str | None:
    """Each earlier contact as a fact: "2025年3月13日 平台或银行客服（编号 CS…）：未解决"."""

    lines = []
    for contact in sorted(case.get("contacts") or [], key=lambda c: str(c.get("date", ""))):
        where = channel_label(contact.get("channel"), lang) or str(contact.get("channel") or "")
        ticket = contact.get("ticket")
        if lang == "en":
            ticket_text = f" (ticket {ticket})" if ticket else ""
        else:
            ticket_text = f"（编号 {ticket}）" if ticket else ""
        outcome = contact.get("outcome")
        state = pick(OUTCOME_LABELS[outcome], lang) if outcome in OUTCOME_LABELS else ""
        colon = ": " if lang == "en" else "："
        lines.append(f"{show_time_human(contact.get('date'), lang)} {where}{ticket_text}" + (f"{colon}{state}" if state else ""))
    return "\n".join(lines) or None


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
