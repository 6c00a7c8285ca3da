"""证据清单, as 《最高人民法院关于民事诉讼证据的若干规定》第十九条 asks: items numbered in the order
the complainant gave them, each with a name drawn from its content, its source, what it proves,
the pages it is on in this dossier (and the total), original or copy, and its SHA-256; then the
submitter's signature line and the date of submission."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from evidencekit.i18n import t
from evidencekit.model import Item
from evidencekit.render.document import FRAME_W, MUTED, RULE, SHADE, Marker, PageRef, table_style
from evidencekit.render.labels import human_size, kind_label, label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView
from evidencekit.screens.words import suggested_proves
from evidencekit.timefmt import beijing, duration, show_time_human

# Column widths (mm): 序号, 证据名称, 证据来源, 证明对象, 页码, 原件/复制件; SHA-256 takes the rest.
WIDTHS = (10, 34, 33, 36, 16, 16)
PLATFORMS = {"alipay": ("支付宝", "Alipay"), "wechat": ("微信支付", "WeChat Pay")}
EARLIEST_PLAUSIBLE = 2001  # 1970, 1980 and 2000-01-01 are defaults of clocks and PDF writers, not dates
_GENERIC_STEM = re.compile(r"^(img|image|dsc|screenshot|photo|pxl|mmexport|wx_camera|vid|rec|audio|file)[-_ ]?\d",
                           re.I)


def evidence_list(view: DossierView) -> list[Flowable]:
    s, lang = view.styles, view.lang
    cols = ("col_no", "col_name", "col_source", "col_proves", "col_pages", "col_original", "col_digest")
    rows: list[list[Any]] = [[Paragraph(esc(label(k, lang)), s.cell_small) for k in cols]]
    case = view.case
    notes = {str(n.get("path")): n for n in case.get("evidence") or [] if isinstance(n, dict)}
    sealed = beijing(view.manifest.get("created"))
    for item in view.items:
        note = notes.get(item.path, {})
        name = evidence_name(item, note, lang)
        meta = f"{kind_label(item.kind, lang)} · {human_size(item.size)}"
        when = plausible_time(item.captured_at, sealed)
        if when:
            meta += f"<br/>{esc(label('formed', lang))} {esc(show_time_human(when, lang))}"
            origin = (item.facts.get("capture_time") or {}).get("source")
            if origin in ("file-name", "status-bar", "container"):  # not the picture's own EXIF: say so
                said = label("capture_from", lang, source=t(f"capture.source.{origin}", lang))
                meta += esc(f"（{said}）" if lang == "zh" else f" ({said})")
        original = note.get("original", True) is not False
        if item.duplicate_of:  # "同 E07": the same bytes, attached and shown once
            name = label("same_as", lang, id=item.duplicate_of)
            meta = esc(_public(view, item.path))
        elif not item.embedded:
            meta += f"<br/>{esc(label('not_embedded', lang))}"
        rows.append([
            Paragraph(esc(item.id), s.cell),
            Paragraph(f"{esc(_public(view, name), multiline=False)}<br/><font size='7' color='#5b6573'>{meta}</font>", s.cell),
            Paragraph(esc(_public(view, item.provenance or "")), s.cell),
            Paragraph(esc(_public(view, item.proves or suggested_proves(item.facts, lang) or "")), s.cell),
            PageRef(item.duplicate_of or item.id, 8),
            Paragraph(esc(label("original" if original else "copy", lang)), s.cell),
            Paragraph("<br/>".join(item.sha256[i:i + 16] for i in range(0, 64, 16)), s.tiny),
        ])
    widths = [w * mm for w in WIDTHS]
    widths.append(FRAME_W - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(table_style(view.styles.font,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
    ))
    intro = Table([[Paragraph(esc(label("evidence_list_note", lang)), s.small), PageRef(PageRef.TOTAL, 8.5)]],
                  colWidths=[FRAME_W - 30 * mm, 30 * mm])
    intro.setStyle(table_style(view.styles.font, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
    flow: list[Flowable] = [
        PageBreak(),
        Marker(exhibit=None, bookmark=(label("evidence_list", lang), "evidence-list", 0)),
        Paragraph(esc(label("evidence_list", lang)), s.h1),
        intro,
        Spacer(1, 3 * mm),
        table,
    ]
    if view.channel == "court":
        flow += [Spacer(1, 2 * mm), Paragraph(esc(label("evidence_copies", lang)), s.small)]
    if not view.public:  # a public post is not signed; a submission is (第十九条: 签名盖章，注明提交日期)
        flow.append(_signature(view))
    if view.skipped:
        flow += [Spacer(1, 6 * mm), Paragraph(esc(label("skipped_title", lang)), s.h3)]
        flow += [Paragraph(f"{esc(sk.path, multiline=False)} — {esc(sk.text(lang))}", s.small)
                 for sk in view.skipped]
    return flow


def _signature(view: DossierView) -> Flowable:
    s, lang = view.styles, view.lang
    right = ParagraphStyle("el_right", parent=s.body, alignment=TA_RIGHT)
    day = view.today
    dated = (f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()) if day else ""
    return KeepTogether([
        Spacer(1, 8 * mm),
        Paragraph(esc(label("submitter_signature", lang)) + "&nbsp;" * 24, right),
        Spacer(1, 3 * mm),
        Paragraph(esc(label("submitted_on", lang, date=dated)), right),
    ])


def evidence_name(item: Item, note: Mapping[str, Any], lang: str = "zh") -> str:
    """A name for the item from what it is, not its path: "支付宝交易明细（2025年3月1日至3月31日）",
    "与支付宝客服的聊天记录", "账单详情截图". ``[[evidence]] name`` wins when given."""
    if note.get("name"):
        return str(note["name"])
    facts = item.facts or {}
    zh = lang != "en"
    kind = kind_label(item.kind, lang)
    stem = _stem(item.path)
    if item.kind == "bill" or facts.get("transactions") is not None and facts.get("format"):
        fmt = str(facts.get("format") or "")
        platform = next((names for key, names in PLATFORMS.items() if fmt.startswith(key)), None)
        head = t("name.bill_of", lang, platform=platform[1 if not zh else 0]) if platform else t("name.bill", lang)
        period = facts.get("period") or {}
        span = _span(period.get("start"), period.get("end"), lang)
        return t("name.with_span", lang, head=head, span=span) if span else head
    if item.kind == "chat" and facts.get("participants"):
        others = [str(p) for p in facts["participants"] if str(p) not in ("我", "me", "Me", "本人")]
        who = "、".join(others[:3]) if zh else ", ".join(others[:3])
        span = _span(facts.get("start"), facts.get("end"), lang)
        head = t("name.chat_with", lang, who=who)
        return t("name.with_span", lang, head=head, span=span) if span else head
    if facts.get("container") == "eml":
        return t("name.email", lang, subject=facts.get("subject") or stem or "?")
    if facts.get("container") == "zip":
        return t("name.archive", lang, head=stem or item.path.rsplit("/", 1)[-1], n=facts.get("entry_count", 0))
    if item.kind in ("recording", "video"):
        length = duration(facts.get("duration_seconds"))
        head = f"{stem}{kind}" if stem and zh else f"{kind}: {stem}" if stem else kind
        return t("name.with_duration", lang, head=head, length=length) if length else head
    if item.kind in ("receipt", "document") and isinstance(facts.get("text_excerpt"), str):
        first = next((line.strip() for line in facts["text_excerpt"].splitlines() if line.strip()), "")
        if 2 <= len(first) <= 24:
            return first
    if stem:
        return f"{stem}{kind}" if zh and not stem.endswith(kind) else f"{kind}: {stem}" if not zh else stem
    when = beijing(item.captured_at)
    return f"{kind}（{when.year}年{when.month}月{when.day}日）" if zh and when else kind


def plausible_time(value: object, sealed: datetime | None) -> object:
    """The capture time, or None when it cannot be right: before 2001 (a writer's default such as
    2000-01-01) or after the dossier was sealed."""
    moment = beijing(value)
    if moment is None or moment.year < EARLIEST_PLAUSIBLE or (sealed is not None and moment > sealed):
        return None
    return value


def _stem(path: str) -> str:
    """A meaningful part of the file name: "screens/01-账单详情.png" -> "账单详情"; none for IMG_1234."""
    name = path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if _GENERIC_STEM.match(stem):
        return ""
    stem = re.sub(r"^[\d\s._-]+", "", stem)
    stem = re.sub(r"[_-]?\d{8,}$", "", stem)  # a trailing date or number, e.g. alipay_record_20250401
    return stem.strip(" _-.") if re.search(r"[\u4e00-\u9fffA-Za-z]", stem) else ""


def _span(start: object, end: object, lang: str) -> str:
    first, last = beijing(start), beijing(end)
    if first is None or last is None:
        return ""
    if lang == "en":
        return f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
    tail = f"{last.month}月{last.day}日" if last.year == first.year else f"{last.year}年{last.month}月{last.day}日"
    return f"{first.year}年{first.month}月{first.day}日至{tail}"


def _public(view: DossierView, text: str) -> str:
    """On a public dossier, personal data in a free text is masked like on the cover."""
    return view.shown(text)
