"""The complaint statement (投诉书) as structured data, in the shape each channel expects.

``build_statement`` returns a :class:`Statement`: a title and ordered sections, each with a
heading, paragraphs and optionally a table. The section order, headings, addressee and
closing line come from the channel template (``[statement]``): 12315 follows Art. 9 of the
SAMR measures (complainant, respondent, request, facts), courts use the 民事起诉状 layout
(原告, 被告, 诉讼请求, 事实与理由, 证据和证据来源), public posts use 投诉对象 / 投诉问题 /
投诉要求 / 涉诉金额 with personal data masked. The renderer only lays it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from evidencekit.case import CaseFile
from evidencekit.channels import get_channel, load_channels
from evidencekit.cross_checks import Transaction, cross_check, normal_id
from evidencekit.demands import demand_for, numbered_claims, total_amount
from evidencekit.i18n import t
from evidencekit.model import Section, Statement
from evidencekit.privacy import mask_order_number, mask_personal
from evidencekit.statement_lint import lint_statement
from evidencekit.terms import OUTCOME_LABELS, PROBLEM_LABELS, pick
from evidencekit.timefmt import show_time_human

DEFAULT_HEADINGS: dict[str, tuple[str, str]] = {
    "complainant": ("投诉人", "Complainant"),
    "respondent": ("被投诉人", "Respondent"),
    "problem": ("投诉问题", "Problem"),
    "amount": ("涉及金额", "Amount"),
    "demand": ("投诉请求", "Demand"),
    "facts": ("事实经过", "Facts"),
    "transactions": ("争议交易", "Disputed transactions"),
    "contacts": ("沟通记录", "Contact history"),
    "evidence": ("证据", "Evidence"),
    "closing": ("落款", "Signature"),
}

SIGNER_LABELS: dict[str, tuple[str, str]] = {
    "court": ("具状人", "Plaintiff"),
    "police": ("报案人", "Reported by"),
}


# --------------------------------------------------------------------------- building


def _format_date(day: date, lang: str) -> str:
    return day.isoformat() if lang == "en" else f"{day.year}年{day.month}月{day.day}日"


def _human_time(value: str | None, lang: str) -> str:
    """"2025年3月12日 20:15:03" on a page a person reads (English keeps 2025-03-12 20:15:03)."""
    if not value:
        return ""

    return show_time_human(value, lang)


def _paragraphs(text: str | None, missing: str) -> tuple[str, ...]:
    if not text or not text.strip():
        return (missing,)
    return tuple(p.strip() for p in text.strip().splitlines() if p.strip())


def _chinese_date(iso_day: str) -> str:
    try:
        day = date.fromisoformat(iso_day)
    except ValueError:
        return iso_day
    return f"{day.year}年{day.month}月{day.day}日"


def plaintiff_paragraph(person: Mapping[str, Any], lang: str = "zh") -> str:
    """原告 written as courts expect (民事诉讼法 第一百二十四条): 姓名，性别，出生日期，民族，职业，
    工作单位，住所，公民身份号码，联系电话 — what is given, in that order, as one paragraph."""
    if lang == "en":
        parts = [str(person.get("name") or "(not given)")]
        parts += [str(person[k]) for k in ("gender",) if person.get(k)]
        if person.get("birth_date"):
            parts.append(f"born {person['birth_date']}")
        parts += [str(person[k]) for k in ("ethnicity", "occupation") if person.get(k)]
        for key, text in (("employer", "employer"), ("address", "domicile"), ("id_number", "ID number"),
                          ("phone", "phone")):
            if person.get(key):
                parts.append(f"{text} {person[key]}")
        return ", ".join(parts) + "."
    parts = [str(person.get("name") or "（未填写）")]
    if person.get("gender"):
        parts.append(str(person["gender"]))
    if person.get("birth_date"):
        parts.append(f"{_chinese_date(str(person['birth_date']))}出生")
    parts += [str(person[k]) for k in ("ethnicity", "occupation") if person.get(k)]
    if person.get("employer"):
        parts.append(f"工作单位：{person['employer']}")
    if person.get("address"):
        parts.append(f"住{person['address']}")
    if person.get("id_number"):
        parts.append(f"公民身份号码{person['id_number']}")
    if person.get("phone"):
        parts.append(f"联系电话{person['phone']}")
    return "，".join(parts) + "。"


def defendant_paragraphs(org: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """被告: 名称，住所地，统一社会信用代码; then 法定代表人 on its own line."""
    if lang == "en":
        parts = [str(org.get("name") or "(not given)")]
        for key, text in (("address", "domicile"), ("credit_code", "unified social credit code")):
            if org.get(key):
                parts.append(f"{text} {org[key]}")
        lines = [", ".join(parts) + "."]
        if org.get("legal_representative"):
            lines.append(f"Legal representative: {org['legal_representative']}.")
        return lines
    parts = [str(org.get("name") or "（未填写）")]
    if org.get("address"):
        parts.append(f"住所地{org['address']}")
    if org.get("credit_code"):
        parts.append(f"统一社会信用代码{org['credit_code']}")
    lines = ["，".join(parts) + "。"]
    if org.get("legal_representative"):
        lines.append(f"法定代表人：{org['legal_representative']}。")
    return lines


#: Where a field of a disputed transaction is taken from, most reliable first (case.toml is the
#: complainant's own word, then the platform's records, then what a screen shows).
TXN_SOURCES = ("case", "bill", "receipt", "screen", "chat")
#: Screens that show one transaction (a list or a balance page shows none in particular).
ONE_TXN_SCREENS = frozenset({"bill-detail", "transfer", "refund", "top-up", "change-detail", "complaint", "other"})


def transaction_rows(case: CaseFile, items: list[dict[str, Any]], lang: str, *,
                     masked: bool = False) -> list[tuple[str, ...]]:
    """The statement's 争议交易 rows: time, id, merchant order, counterparty, amount, status, exhibits.

    Each disputed transaction of case.toml, in its order, then each one a bill marks disputed;
    when neither names one, the transactions the evidence points at (a screenshot or a receipt
    shows them) are the ones at issue. A field case.toml leaves out is taken from the exhibits
    (bill, receipt, screen); a value only read with low OCR confidence is shown marked, never as
    certain. ``exhibits`` lists every exhibit that shows the transaction. ``case`` is the
    unmasked one (ids are matched in full); a masked (public) statement shortens the numbers, as
    :func:`mask_personal` does, and takes no counterparty from the exhibits (a payee may be a person).
    """
    report = cross_check(case.data, items)
    by_id = {tx.txn_id: tx for tx in report.transactions}
    by_order = {tx.merchant_order: tx for tx in report.transactions if tx.merchant_order}
    rows: list[tuple[str, ...]] = []
    used: set[str] = set()
    for declared in case.disputed_transactions():
        found = by_id.get(normal_id(declared.get("id")) or "") or by_order.get(
            normal_id(declared.get("merchant_order")) or "") or by_id.get(normal_id(declared.get("merchant_order")) or "")
        if found is not None:
            used.add(found.txn_id)
        rows.append(_row(declared, found, lang, masked))
    rest = [tx for tx in report.transactions if tx.txn_id not in used and tx.disputed]
    if not rows and not rest:
        rest = [tx for tx in report.transactions if _shown_by_screen_or_receipt(tx, items)]
    rows += [_row({}, tx, lang, masked) for tx in rest]
    return rows


def _shown_by_screen_or_receipt(tx: Transaction, items: list[dict[str, Any]]) -> bool:
    screens = {str(i.get("id")): ((i.get("facts") or {}).get("screen") or {}).get("screen") for i in items}
    return any(source == "receipt" or (source == "screen" and screens.get(item) in ONE_TXN_SCREENS)
               for item, source in tx.shown_in)


def _row(declared: dict[str, Any], found: Transaction | None, lang: str, masked: bool) -> tuple[str, ...]:
    unsure = t("txn_table.unsure", lang)

    def field(name: str, case_key: str | None = None) -> str:
        own = declared.get(case_key or name)
        if own not in (None, ""):
            return str(own)
        if found is None or (masked and name == "counterparty"):
            return ""
        check = next((c for c in found.checks if c.field == name), None)
        if check is None:
            return ""
        ranked = sorted(check.values, key=lambda v: (v.low_confidence, TXN_SOURCES.index(v.source)
                                                     if v.source in TXN_SOURCES else len(TXN_SOURCES)))
        best = ranked[0]
        return best.value + unsure if best.low_confidence else best.value

    time = field("time")
    shown_time = _human_time(time.removesuffix(unsure), lang) + (unsure if time.endswith(unsure) else "") \
        if time else ""
    txn_id = str(declared.get("id") or "") or (found.txn_id if found is not None else "")
    order = str(declared.get("merchant_order") or "") or (found.merchant_order or "" if found is not None else "")
    order = "" if order == txn_id else order
    if masked:
        txn_id, order = (mask_order_number(n) if n else "" for n in (txn_id, order))
    exhibits = [item for item, source in found.shown_in if source != "case"] if found is not None else []
    return (shown_time, txn_id, order, field("counterparty"), field("amount"),
            field("status"), t("txn_table.exhibit_sep", lang).join(dict.fromkeys(exhibits)))


def build_statement(case: CaseFile, items: list[dict[str, Any]], channel_id: str, today: date,
                    lang: str = "zh", *, channels: Mapping[str, Any] | None = None) -> Statement:
    """The complaint statement for ``channel_id``, in that channel's order and wording.

    Personal data is masked when the channel is public (``[privacy] mask_personal``) or the
    case says ``public = true``. ``items`` are manifest item dicts (for the evidence section).
    """

    known = channels if channels is not None else load_channels()
    channel = get_channel(channel_id, known)
    layout = channel.statement
    masked = layout.mask_personal or case.public is True
    view = mask_personal(case) if masked else case
    en = lang == "en"
    colon = ": " if en else "："
    missing = "(not given)" if en else "（未填写）"

    def heading(key: str) -> str:
        if key in layout.headings:
            return str(layout.headings[key].get(lang))
        return pick(DEFAULT_HEADINGS[key], lang)

    def labelled(pairs: list[tuple[tuple[str, str], Any]]) -> tuple[str, ...]:
        return tuple(f"{pick(label, lang)}{colon}{value}" for label, value in pairs if value)

    court = channel.id == "court"
    sections: list[Section] = []
    for key in layout.order:
        if key == "complainant" and court:
            sections.append(Section(key, heading(key), (plaintiff_paragraph(view.complainant, lang),)))
        elif key == "respondent" and court:
            sections.append(Section(key, heading(key), tuple(defendant_paragraphs(view.respondent, lang))))
        elif key == "complainant":
            person = view.complainant
            lines = list(labelled([
                (("姓名", "Name"), person.get("name")),
                (("身份证号", "ID number"), person.get("id_number")),
                (("联系电话", "Phone"), person.get("phone")),
                (("通讯地址", "Address"), person.get("address")),
                (("账户", "Account"), person.get("account")),
            ]))
            agent = person.get("agent")
            if isinstance(agent, dict) and agent.get("name"):
                extra = "，".join(str(v) for v in (agent.get("id_number"), agent.get("phone")) if v)
                lines.append(f"{pick(('委托代理人', 'Agent'), lang)}{colon}{agent['name']}"
                             + (f"（{extra}）" if extra and not en else f" ({extra})" if extra else ""))
            sections.append(Section(key, heading(key), tuple(lines) or (missing,)))
        elif key == "respondent":
            org = view.respondent
            if layout.mask_personal:  # public posts name the company only
                lines = [str(org.get("name") or missing)]
            else:
                lines = list(labelled([
                    (("名称", "Name"), org.get("name")),
                    (("统一社会信用代码", "Unified social credit code"), org.get("credit_code")),
                    (("地址", "Address"), org.get("address")),
                ])) or [missing]
            sections.append(Section(key, heading(key), tuple(lines)))
        elif key == "problem":
            label = pick(PROBLEM_LABELS[view.problem], lang) if view.problem else missing
            title = f"（{view.title}）" if view.title and not en else f" ({view.title})" if view.title else ""
            sections.append(Section(key, heading(key), (label + title,)))
        elif key == "amount":
            amount = total_amount(view)
            if amount:
                sections.append(Section(key, heading(key), (f"{amount} 元" if not en else f"CNY {amount}",)))
        elif key == "demand":
            lines, _origin = demand_for(view, channel.id)
            if channel.id == "court" and lines:
                sections.append(Section(key, heading(key), tuple(numbered_claims(lines))))
            else:
                sections.append(Section(key, heading(key), _paragraphs("\n".join(lines), missing)))
        elif key == "facts":
            sections.append(Section(key, heading(key), _paragraphs(view.facts, missing)))
        elif key == "transactions":
            txn_rows = transaction_rows(case, items, lang, masked=masked)
            if txn_rows:
                txn_header = (t("txn_table.time", lang), t("txn_table.id", lang),
                          t("txn_table.merchant_order", lang), t("txn_table.counterparty", lang),
                          t("txn_table.amount", lang), t("txn_table.status", lang),
                          t("txn_table.exhibits", lang))
                sections.append(Section(key, heading(key), (), txn_header, tuple(txn_rows)))
        elif key == "contacts":
            contacts = sorted(view.contacts, key=lambda c: c.get("date", ""))
            if contacts:
                # the complainant's own steps and the answers both go in the fourth column
                header = (("日期", "渠道", "投诉编号", "经过及答复", "结果") if not en
                          else ("Date", "Channel", "Ticket", "Answer", "Outcome"))
                rows = tuple((
                    _human_time(c.get("date"), lang) if c.get("date") else "",
                    known[c["channel"]].name.get(lang) if c.get("channel") in known else c.get("channel", ""),
                    c.get("ticket", ""), c.get("summary", ""),
                    pick(OUTCOME_LABELS[c["outcome"]], lang) if c.get("outcome") in OUTCOME_LABELS else "",
                ) for c in contacts)
                sections.append(Section(key, heading(key), (), header, rows))
        elif key == "evidence":
            ids = [str(i.get("id")) for i in items if i.get("id")]
            if ids:
                span = ids[0] if len(ids) == 1 else f"{ids[0]}–{ids[-1]}"
                intro = (f"See the evidence list ({span}), {len(ids)} item(s), attached to this dossier." if en
                         else f"详见证据清单（{span}），共 {len(ids)} 件，均附于本证据包。")
            else:
                intro = "No evidence items yet." if en else "（尚无证据文件）"
            evidence_header: tuple[str, ...] = (("编号", "类型", "来源", "证明对象") if not en
                                                else ("No.", "Kind", "Source", "Proves"))
            evidence_rows: list[tuple[str, ...]] = []
            for item in items:
                note = view.evidence_for(str(item.get("path", ""))) or {}
                source = note.get("source") or item.get("provenance") or ""
                evidence_rows.append((str(item.get("id", "")), str(note.get("kind") or item.get("kind", "")),
                             "" if masked else str(source), str(note.get("proves") or item.get("proves") or "")))
            sections.append(Section(key, heading(key), (intro,), evidence_header if evidence_rows else (),
                                    tuple(evidence_rows)))
        elif key == "closing":
            continue  # always last, below
    # The line is left blank for a hand signature; a public post has none.
    signer_label = pick(SIGNER_LABELS.get(channel.id, ("投诉人", "Complainant")), lang)
    signature = "" if layout.mask_personal else (
        f"{signer_label}（签名）{colon}" + "\u3000" * 6 if not en else f"{signer_label} (signature){colon}" + "_" * 16)
    dated = _format_date(today, lang)
    closing_lines: list[str] = []
    if layout.closing:
        closing_lines.append(layout.closing.get(lang))
    if layout.addressee:
        closing_lines.extend(layout.addressee.get(lang).splitlines())
    closing_lines += [line for line in (signature, dated) if line]
    sections.append(Section("closing", heading("closing"), tuple(closing_lines)))
    # 民事诉讼法 第一百二十三条: copies by the number of defendants (one respondent here)
    annex = ("附：本起诉状副本 1 份" if not en else "Enclosed: 1 copy of this statement of claim") if court else ""
    return Statement(channel_id=channel.id, lang=lang, title=layout.title.get(lang),
                     sections=tuple(sections), date=dated, signature=signature, masked=masked,
                     warnings=tuple(lint_statement(case, lang)), annex=annex)


__all__ = ["Section", "Statement", "build_statement"]
