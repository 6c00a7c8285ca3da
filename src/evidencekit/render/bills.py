"""A parsed bill as a table: header facts, the disputed rows first, then every row.

Thousands of rows stay fast by laying them out as a series of tables of ``CHUNK`` rows
(each repeats its header when it breaks across a page) and by using plain strings for
cells that fit their column: only cells that need wrapping become Paragraphs.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from evidencekit.extract import options as extract_options
from evidencekit.model import Item
from evidencekit.render.document import ACCENT, FRAME_W, MUTED, RULE, SHADE, facts_box, table_style
from evidencekit.render.labels import label
from evidencekit.render.text import esc, plain
from evidencekit.render.view import DossierView
from evidencekit.timefmt import show_time

CHUNK = 60  # rows per table; splitting a table re-measures every row it still holds
PAGE_DISPUTED = 200  # rows in the disputed table

#: The line under a list cut short (labels.py is shared; this string is the bill's own).
REMAINING = {"zh": "… 其余 {n} 笔见附件原件", "en": "… the remaining {n} rows are in the attached original"}
AFTER_LINE = {"zh": "（第 {line} 行之后）", "en": " (after line {line})"}

DISPUTED_BG = colors.HexColor("#fbe3e0")
ZEBRA = colors.HexColor("#f7f8fa")

CELL_SIZE = 7.5
CELL_LEADING = 9.2
ID_SIZE = 7.0
ID_LEADING = 8.6
PAD = 2.5

# line, time, what, direction, amount, status, ids
WIDTHS = [8 * mm, 17 * mm, 43 * mm, 10.5 * mm, 17 * mm, 28.5 * mm]
WIDTHS.append(FRAME_W - sum(WIDTHS))

FORMAT_NAMES = {
    "alipay-2023": ("支付宝交易明细（2023年起格式）", "Alipay statement (2023+ layout)"),
    "alipay-2021": ("支付宝交易明细（2021年App格式）", "Alipay statement (2021 app layout)"),
    "alipay-legacy": ("支付宝交易记录明细查询（旧格式）", "Alipay transaction records (older layout)"),
    "wechat-csv": ("微信支付账单明细（CSV）", "WeChat Pay bill (CSV)"),
    "wechat-xlsx": ("微信支付账单明细（XLSX）", "WeChat Pay bill (XLSX)"),
}


def has_transactions(item: Item) -> bool:
    return bool(item.facts.get("transactions"))


def listed_rows(facts: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """(the rows listed in the table: the first ones only, when the facts or the page cap cut
    the bill short; how many rows the bill has in all)."""
    rows: list[dict[str, Any]] = facts.get("transactions") or []
    cut = facts.get("truncated")
    first = cut.get("first") if isinstance(cut, dict) else None
    # listed no more than the facts keep, whatever they hold: the rest are in the attached original
    first = min(first if isinstance(first, int) else len(rows), extract_options.KEPT_ROWS)
    count = (facts.get("totals") or {}).get("count")
    return rows[:first], max(count if isinstance(count, int) else 0, len(rows))


def bill_flowables(view: DossierView, item: Item) -> list[Flowable]:
    """The bill's header facts, its disputed rows, and every row as a table (the first
    ``KEPT_ROWS`` of a bigger one, and a line saying where the rest are)."""
    s, lang = view.styles, view.lang
    facts = item.facts
    rows: list[dict[str, Any]] = facts.get("transactions") or []
    listed, total = listed_rows(facts)
    font = s.font
    flow: list[Flowable] = [Paragraph(esc(label("bill_title", lang)), s.h3), _header(view, facts, rows, total)]

    disputed = [r for r in rows if r.get("disputed")][:PAGE_DISPUTED]
    maker = _RowMaker(font, lang)
    if disputed:
        flow += [Spacer(1, 3 * mm), Paragraph(esc(label("bill_disputed_title", lang)), s.small)]
        flow.append(_table(font, lang, [maker.row(r) for r in disputed], [True] * len(disputed)))
    flow += [Spacer(1, 3 * mm), Paragraph(esc(label("bill_line_note", lang)), s.tiny), Spacer(1, 1 * mm)]
    for start in range(0, len(listed), CHUNK):
        chunk = listed[start:start + CHUNK]
        flow.append(_table(font, lang, [maker.row(r) for r in chunk], [bool(r.get("disputed")) for r in chunk]))
    if total > len(listed):
        key = "en" if lang == "en" else "zh"
        text = REMAINING[key].format(n=total - len(listed))
        last = listed[-1].get("line") if listed else None
        if isinstance(last, int):
            text += AFTER_LINE[key].format(line=last)
        flow.append(Paragraph(esc(text), s.small))
    flow += _totals(view, facts, total)
    return flow


def _header(view: DossierView, facts: dict[str, Any], rows: list[dict[str, Any]], total: int) -> Table:
    s, lang = view.styles, view.lang
    period = facts.get("period") or {}
    span = ""
    if period.get("start") or period.get("end"):
        span = f"{show_time(period.get('start'))} — {show_time(period.get('end'))}"
    fmt = facts.get("format") or ""
    names = FORMAT_NAMES.get(fmt)
    fmt_text = (names[0] if lang == "zh" else names[1]) if names else fmt
    if facts.get("encoding"):
        fmt_text += f" · {facts['encoding']}"
    counted = (facts.get("totals") or {}).get("disputed")
    disputed = counted if isinstance(counted, int) else sum(1 for r in rows if r.get("disputed"))
    count = (label("bill_count_value", lang, n=total, d=disputed) if disputed
             else label("bill_count_plain", lang, n=total))
    name, account = facts.get("name"), facts.get("account")
    if view.public:
        name, account = view.plan.masked_holder(name, account)
    pairs = [
        ("bill_name", name), ("bill_account", account), ("bill_period", span),
        ("bill_exported", show_time(facts.get("exported_at")) if facts.get("exported_at") else None),
        ("bill_format", fmt_text), ("bill_count", count),
    ]
    sheets = [sheet for sheet in facts.get("sheets") or [] if isinstance(sheet, dict)]
    if len(sheets) > 1:
        shown = "；" if lang == "zh" else "; "
        pairs.append(("bill_sheets", shown.join(label("bill_sheet_value", lang, sheet=sheet.get("name"),
                                                       rows=sheet.get("rows"), n=sheet.get("transactions"))
                                                 for sheet in sheets)))
    return facts_box(s, [(label(k, lang), v) for k, v in pairs])


class _RowMaker:
    """Turns a transaction into table cells: strings where they fit, Paragraphs where not."""

    def __init__(self, font: str, lang: str) -> None:
        self.font = font
        self.lang = lang
        self.what_style = ParagraphStyle("bill_what", fontName=font, fontSize=CELL_SIZE,
                                         leading=CELL_LEADING, wordWrap="CJK")
        self.id_style = ParagraphStyle("bill_id", fontName=font, fontSize=ID_SIZE, leading=ID_LEADING,
                                       wordWrap="CJK")
        self.tx = label("bill_tx_prefix", lang)
        self.mo = label("bill_mo_prefix", lang)
        self.tag = label("bill_disputed_tag", lang)

    def _fits(self, lines: list[str], width: float, size: float) -> bool:
        room = width - 2 * PAD - 0.5
        return all(stringWidth(line, self.font, size) <= room for line in lines)

    def _cell(self, lines: list[str], width: float, style: ParagraphStyle) -> Any:
        lines = [plain(x) for x in lines if x]
        if self._fits(lines, width, style.fontSize):
            return "\n".join(lines)
        return Paragraph("<br/>".join(esc(x) for x in lines), style)

    def row(self, tx: dict[str, Any]) -> list[Any]:
        when = show_time(tx.get("time"))
        day, _, clock = when.partition(" ")
        what = [_short(tx.get("counterparty"))]
        kind_item = " · ".join(_short(x) for x in (tx.get("type"), tx.get("item")) if x)
        if kind_item:
            what.append(kind_item)
        if tx.get("note"):
            what.append(_short(tx["note"]))
        status = [str(tx.get("status") or "")]
        if tx.get("method"):
            status.append(str(tx["method"]))
        if tx.get("disputed"):
            status.insert(0, self.tag)
        ids = []
        if tx.get("transaction_id"):
            ids.append(f"{self.tx} {tx['transaction_id']}")
        if tx.get("merchant_order"):
            ids.append(f"{self.mo} {tx['merchant_order']}")
        return [
            plain(tx.get("line") or ""),
            "\n".join(plain(x, multiline=False) for x in (day, clock) if x),
            self._cell(what, WIDTHS[2], self.what_style),
            plain(tx.get("direction") or ""),
            plain(_amount(tx.get("amount"))),
            self._cell(status, WIDTHS[5], self.what_style),
            self._cell(ids, WIDTHS[6], self.id_style),
        ]


def _short(value: Any, limit: int = 200) -> str:
    """Free text of a bill row, cut so no row outgrows a page (the whole row is in the original)."""
    text = str(value or "")
    return text if len(text) <= limit else text[:limit] + "…"


def _amount(value: Any) -> str:
    if value in (None, ""):
        return ""
    try:
        return f"{Decimal(str(value)):,.2f}"
    except InvalidOperation:
        return str(value)


def _table(font: str, lang: str, body: list[list[Any]], disputed: list[bool]) -> Table:
    header = [label(k, lang) for k in ("bill_col_line", "bill_col_time", "bill_col_what", "bill_col_dir",
                                       "bill_col_amount", "bill_col_status", "bill_col_ids")]
    table = Table([header, *body], colWidths=WIDTHS, repeatRows=1)
    commands: list[tuple] = [
        ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
        ("LEADING", (0, 0), (-1, -1), CELL_LEADING),
        ("FONTSIZE", (6, 1), (6, -1), ID_SIZE),
        ("LEADING", (6, 1), (6, -1), ID_LEADING),
        ("FONTSIZE", (0, 1), (0, -1), 6.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("TEXTCOLOR", (0, 1), (0, -1), MUTED),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (4, 0), (4, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    for n, marked in enumerate(disputed, start=1):
        if marked:
            commands += [
                ("BACKGROUND", (0, n), (-1, n), DISPUTED_BG),
                ("LINEBEFORE", (0, n), (0, n), 2.5, ACCENT),
                ("TEXTCOLOR", (5, n), (5, n), ACCENT),
                ("TEXTCOLOR", (4, n), (4, n), ACCENT),
            ]
    table.setStyle(table_style(font, *commands))
    return table


def _totals(view: DossierView, facts: dict[str, Any], total: int) -> list[Flowable]:
    s, lang = view.styles, view.lang
    totals = facts.get("totals") or {}
    by_direction: dict[str, str] = totals.get("by_direction") or {}
    parts = [f"{d} {_amount(v)}" for d, v in by_direction.items()]
    colon = ": " if lang == "en" else "："
    text = f"{label('bill_totals', lang)}{colon}{label('bill_totals_value', lang, n=total)}"
    if parts:
        text += "　" + "　".join(parts)
    flow: list[Flowable] = []
    box = Table([[Paragraph(esc(text), s.cell)]], colWidths=[FRAME_W])
    box.setStyle(table_style(s.font,
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, MUTED),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ))
    flow.append(box)
    stated = totals.get("stated") or {}
    mismatches = []
    for direction, value in by_direction.items():
        said = stated.get(direction)
        if isinstance(said, dict) and said.get("amount") not in (None, ""):
            try:
                if Decimal(str(said["amount"])) != Decimal(str(value)):
                    mismatches.append((direction, said["amount"], value))
            except InvalidOperation:
                continue
    if isinstance(stated.get("count"), int) and stated["count"] != total:
        mismatches.append((label("bill_count", lang), stated["count"], str(total)))
    if mismatches:
        said_text = "，".join(f"{d} {a}" for d, a, _ in mismatches)
        computed = "，".join(f"{d} {b}" for d, _, b in mismatches)
        flow.append(Paragraph(esc(label("bill_stated_mismatch", lang, stated=said_text, computed=computed)),
                              s.warn))
    return flow
