"""交叉核对: each disputed transaction, the exhibits that show it, what agrees and what conflicts.

The plan computed the cross-checks (``evidencekit.cross_checks``); this page lays them out,
after the timeline. A conflict is marked in seal red so it is the first thing a reader sees.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from evidencekit.i18n import t
from evidencekit.render.document import ACCENT, FRAME_W, MUTED, RULE, SHADE, Marker, table_style
from evidencekit.render.labels import label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView
from evidencekit.timefmt import show_time

CONFLICT_BG = colors.HexColor("#fbe3e0")


def cross_check_page(view: DossierView) -> list[Flowable]:
    """The 交叉核对 page; nothing when no transaction id was found anywhere."""
    report = view.plan.cross_checks
    if not report.transactions:
        return []
    s, lang = view.styles, view.lang
    title = label("crosscheck", lang)
    flow: list[Flowable] = [
        PageBreak(),
        Marker(exhibit=None, bookmark=(title, "crosscheck", 0)),
        Paragraph(esc(title), s.h1),
        Paragraph(esc(label("crosscheck_note", lang)), s.small),
        Spacer(1, 4 * mm),
    ]
    shown = report.shown()
    if not shown:
        return flow + [Paragraph(esc(label("crosscheck_none", lang)), s.body)]
    known = {item.id for item in view.items}
    sep = "、" if lang == "zh" else ", "
    for tx in shown:
        counts = {status: sum(1 for c in tx.checks if c.status == status)
                  for status in ("agree", "conflict", "single-source")}
        head = esc(label("crosscheck_txn", lang, id=view.shown(tx.txn_id)))
        if tx.disputed:
            head += f"　<font color='#8a1c1c' size='9'>{esc(label('crosscheck_disputed', lang))}</font>"
        refs = sep.join(_ref(item, source, known, lang) for item, source in tx.shown_in)
        summary = label("crosscheck_summary", lang, agree=counts["agree"], conflict=counts["conflict"],
                        single=counts["single-source"])
        block: list[Flowable] = [
            Paragraph(head, s.h2),
            Paragraph(esc(label("crosscheck_shown_in", lang, refs="@@refs@@")).replace("@@refs@@", refs), s.small),
            Paragraph(esc(summary), s.small),
            Spacer(1, 2 * mm),
            _table(view, tx.checks, known),
            Spacer(1, 5 * mm),
        ]
        flow.append(KeepTogether(block))
    return flow


def _ref(item: str, source: str, known: set[str], lang: str) -> str:
    """An exhibit number linked to its exhibit, with what it is (case.toml says itself)."""
    shown = f"<a href='#exhibit-{item}' color='#8a1c1c'>{esc(item)}</a>" if item in known else esc(item)
    if source == "case":
        return shown
    what = esc(t(f"cc.source.{source}", lang))
    return f"{shown}（{what}）" if lang == "zh" else f"{shown} ({what})"


def _shown_value(field: str, value: str) -> str:
    if field == "amount":
        return f"¥{value}"
    if field == "time":
        return show_time(value)
    return value


def _table(view: DossierView, checks: Any, known: set[str]) -> Table:
    s, lang = view.styles, view.lang
    header = [Paragraph(esc(label(k, lang)), s.cell_small) for k in ("cc_col_field", "cc_col_values", "cc_col_result")]
    rows: list[list[Any]] = [header]
    conflicts: list[int] = []
    for check in checks:
        lines = []
        for seen in check.values:
            ref = f"<a href='#exhibit-{seen.item}' color='#8a1c1c'>{esc(seen.item)}</a>" if seen.item in known \
                else esc(seen.item)
            value = esc(view.shown(_shown_value(check.field, seen.value)))
            what = "" if seen.source == "case" else f" {esc(t(f'cc.source.{seen.source}', lang))}"
            line = f"{ref}{what}{'：' if lang == 'zh' else ': '}{value}"
            if seen.low_confidence:
                line += f" <font color='#a15c00'>[{esc(label('cc_low', lang))}]</font>"
            lines.append(line)
        result = t(f"cc.status.{check.status}", lang)
        colour = "#8a1c1c" if check.status == "conflict" else "#1f6f3f" if check.status == "agree" else "#5b6573"
        rows.append([
            Paragraph(esc(t(f"cc.field.{check.field}", lang)), s.cell),
            Paragraph("<br/>".join(lines), s.cell),
            Paragraph(f"<font color='{colour}'><b>{esc(result)}</b></font>", s.cell),
        ])
        if check.status == "conflict":
            conflicts.append(len(rows) - 1)
    table = Table(rows, colWidths=[22 * mm, FRAME_W - 22 * mm - 26 * mm, 26 * mm], repeatRows=1, splitInRow=1)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TEXTCOLOR", (0, 1), (0, -1), MUTED),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for row in conflicts:
        commands += [("BACKGROUND", (0, row), (-1, row), CONFLICT_BG),
                     ("LINEBEFORE", (0, row), (0, row), 2.5, ACCENT)]
    table.setStyle(table_style(s.font, *commands))
    return table
