"""The complaint statement (投诉书) as structured data, in the shape each channel expects.

``build_statement`` returns a :class:`Statement`: a title and ordered sections, each with a
heading, paragraphs and optionally a table. The section order, headings, addressee and
closing line come from the channel template (``[statement]``): 12315 follows Art. 9 of the
SAMR measures (complainant, respondent, request, facts), courts use the 民事起诉状 layout
(原告, 被告, 诉讼请求, 事实与理由, 证据和证据来源), public posts use 投诉对象 / 投诉问题 /
投诉要求 / 涉诉金额 with personal data masked. The renderer only lays it out.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Mapping

from evidencekit.case import CaseFile
from evidencekit.channels.labels import OUTCOME_LABELS, PROBLEM_LABELS, pick

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


@dataclass(frozen=True)
class Section:
    """One part of the statement: a heading, paragraphs, and optionally a table."""

    key: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    table_header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "heading": self.heading, "paragraphs": list(self.paragraphs),
                "table_header": list(self.table_header), "rows": [list(r) for r in self.rows]}


@dataclass(frozen=True)
class Statement:
    """A complaint statement for one channel, ready to be laid out."""

    channel_id: str
    lang: str
    title: str
    sections: tuple[Section, ...]
    date: str
    signature: str
    masked: bool
    warnings: tuple[str, ...] = field(default=())
    annex: str = ""  # a line after the date: "附：本起诉状副本1份"

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def keys(self) -> list[str]:
        return [s.key for s in self.sections]

    def to_dict(self) -> dict[str, Any]:
        return {"channel": self.channel_id, "lang": self.lang, "title": self.title,
                "sections": [s.to_dict() for s in self.sections], "date": self.date,
                "signature": self.signature, "masked": self.masked, "warnings": list(self.warnings),
                "annex": self.annex}

    def to_text(self) -> str:
        """Plain text, e.g. for copying into a web form."""
        lines = [self.title, ""]
        for section in self.sections:
            if section.key != "closing":
                lines.append(f"{section.heading}" + ("：" if self.lang != "en" else ":"))
            lines.extend(section.paragraphs)
            if section.rows:
                lines.append(" | ".join(section.table_header))
                lines.extend(" | ".join(row) for row in section.rows)
            lines.append("")
        if self.annex:
            lines.append(self.annex)
        return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- masking


_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{2})\d{14}(\d[\dXx])(?![0-9A-Za-z])")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%*+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳娜娜 -> 欧***; Latin names keep each word's initial."""
    name = name.strip()
    if not name:
        return name
    if re.search(r"[A-Za-z]", name):
        return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """13800138000 -> 138****8000; other numbers keep their first 3 and last 2 digits."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 5:
        return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]
    return "*" * len(digits)


def mask_id_number(id_number: str) -> str:
    """Keep the first 2 and last 2 characters: 110101199003071234 -> 11**************34."""
    text = id_number.strip()
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 4) + text[-2:]


def mask_address(address: str) -> str:
    """Keep the province and city only: 北京市朝阳区建国路1号 -> 北京市…"""
    text = address.strip()
    match = re.match(r"^(.{2,8}?(?:省|自治区))?(.{2,10}?(?:市|自治州|地区|盟))", text)
    if match:
        return match.group(0) + "…"
    return text[:3] + "…" if len(text) > 3 else text


def mask_account(account: str) -> str:
    """Emails keep their first letter and domain; phone numbers as mask_phone; else ends only."""
    text = account.strip()
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    if re.fullmatch(r"\+?[\d\s-]{7,}", text):
        return mask_phone(text)
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 4) + text[-2:]


def mask_order_number(number: str) -> str:
    """Keep the first 4 and last 4 characters of an order number."""
    text = number.strip()
    if len(text) <= 8:
        return text[:2] + "*" * max(len(text) - 2, 0)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """Mask phone numbers, ID numbers, e-mail addresses and the given names in free text."""
    for original, masked in (names or {}).items():
        if original:
            text = text.replace(original, masked)
    text = _ID_NUMBER.sub(lambda m: m.group(1) + "*" * 14 + m.group(2), text)
    text = _PHONE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    return _EMAIL.sub(lambda m: f"{m.group(1)}***{m.group(2)}", text)


def public_masker(case: CaseFile) -> Callable[[str], str]:
    """A function masking, in any free text, what :func:`mask_personal` masks in the case: the
    complainant's (and agent's) name, ID number, phone, address and account, and the disputed
    transactions' numbers, plus any phone, ID number or e-mail address."""
    masked = mask_personal(case)
    replacements: dict[str, str] = {}
    pairs = [(case.complainant, masked.complainant)]
    if isinstance(case.complainant.get("agent"), dict):
        pairs.append((case.complainant["agent"], masked.complainant.get("agent") or {}))
    for before, after in pairs:
        for key in ("name", "id_number", "phone", "address", "account"):
            if isinstance(before.get(key), str) and before[key] and after.get(key):
                replacements[before[key]] = str(after[key])
    for before, after in zip(case.transactions, masked.transactions):
        for key in ("id", "merchant_order"):
            if before.get(key) and after.get(key):
                replacements[str(before[key])] = str(after[key])
    ordered = dict(sorted(replacements.items(), key=lambda kv: -len(kv[0])))
    return lambda text: mask_text(text, ordered) if text else text


def mask_personal(case: CaseFile) -> CaseFile:
    """A copy of the case for public channels: the complainant's (and agent's) name, ID
    number, phone, address and account masked, also where they appear in the facts, the
    demand and contact summaries; transaction and order numbers shortened. The original
    ``text`` is not carried over (it holds the unmasked data)."""
    data = copy.deepcopy(case.data)
    replacements: dict[str, str] = {}
    people = [data.get("complainant", {})]
    if isinstance(people[0].get("agent"), dict):
        people.append(people[0]["agent"])
    maskers = {"name": mask_name, "id_number": mask_id_number, "phone": mask_phone,
               "address": mask_address, "account": mask_account}
    for person in people:
        for key, masker in maskers.items():
            if isinstance(person.get(key), str) and person[key]:
                masked = masker(person[key])
                replacements[person[key]] = masked
                person[key] = masked
    for tx in data.get("transactions", []):
        for key in ("id", "merchant_order"):
            if tx.get(key):
                replacements[tx[key]] = mask_order_number(tx[key])
                tx[key] = replacements[tx[key]]
    # longest first, so a full address is replaced before its parts
    ordered = dict(sorted(replacements.items(), key=lambda kv: -len(kv[0])))
    for key in ("facts", "demand", "title"):
        if isinstance(data.get("case", {}).get(key), str):
            data["case"][key] = mask_text(data["case"][key], ordered)
    for key, value in (data.get("demands") or {}).items():
        data["demands"][key] = ([mask_text(v, ordered) for v in value] if isinstance(value, list)
                                else mask_text(str(value), ordered))
    for contact in data.get("contacts", []):
        if contact.get("summary"):
            contact["summary"] = mask_text(contact["summary"], ordered)
    for note in data.get("evidence", []):
        note.pop("password", None)
        for key in ("source", "proves"):
            if note.get(key):
                note[key] = mask_text(note[key], ordered)
    return CaseFile(data=data, text=None, path=case.path)


# --------------------------------------------------------------------------- lint


_AMOUNT_IN_TEXT = re.compile(r"(\d+(?:\.\d{1,2})?\s*(?:元|块|RMB|CNY|yuan))|([¥￥]\s*\d)", re.I)
_TIME_IN_TEXT = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}[:：]\d{2}"
)
# A formal complaint is read days or months later: "昨天" says nothing then.
_RELATIVE_DATE = re.compile(r"昨天|今天|前天|昨日|今日|前日|明天|上周|本周|上个月|这个月|刚才")
_ORDER_IN_TEXT = re.compile(r"(?=[A-Za-z0-9]*\d{6})[A-Za-z0-9]{10,}")
_ACTION_VERBS = ("退款", "退还", "返还", "退回", "恢复", "解冻", "解除", "赔偿", "补偿", "到账",
                 "补发", "撤销", "止付", "追回", "补足", "核查", "道歉", "注销", "退",
                 "refund", "restore", "unfreeze", "compensate", "credit", "return", "reverse")
_MONEY_PROBLEMS = ("payment_failed", "funds_not_received", "account_stolen", "topup_not_credited")
# "滚" alone is heated, inside 利滚利 / 滚动 / 滚存 it is not
_HEATED = re.compile(r"[!！]{2,}|垃圾|黑心|无良|骗子公司|去死|滚蛋|滚开|滚出|给我滚|(?<![利])滚(?=[!！。，,\s]|$)")


def lint_statement(case: CaseFile, lang: str = "zh") -> list[str]:
    """Warnings about the facts and demand: what :func:`lint_specific` and :func:`lint_tone`
    find. An empty list means nothing to improve."""
    return lint_specific(case, lang) + lint_tone(case, lang)


def lint_specific(case: CaseFile, lang: str = "zh") -> list[str]:
    """No amount, time or order number in the facts; a vague demand (too short, no action such
    as 退款/恢复/解冻/赔偿/到账, no amount where money is at stake)."""
    en = lang == "en"
    out: list[str] = []
    facts = (case.facts or "").strip()
    demand = (case.demand or "").strip()
    if not facts:
        out.append("facts are empty" if en else "事实经过未填写")
    else:
        if not _AMOUNT_IN_TEXT.search(facts):
            out.append("the facts name no amount (e.g. 218.00元)" if en else "事实经过中没有写明金额（如 218.00元）")
        if not _TIME_IN_TEXT.search(facts):
            out.append("the facts name no date or time" if en else "事实经过中没有写明时间")
        known_ids = [i for i in case.disputed_ids() if i]
        if not _ORDER_IN_TEXT.search(facts) and not any(i in facts for i in known_ids):
            out.append("the facts name no order or transaction number" if en
                       else "事实经过中没有写明订单号或交易单号")
    if not demand:
        out.append("the demand is empty" if en else "投诉请求未填写")
    else:
        vague = len(demand) < 8 or not any(v in demand.lower() for v in _ACTION_VERBS)
        if vague:
            out.append("the demand is vague: say what they should do (refund, restore, unfreeze, "
                       "compensate, credit the funds)" if en
                       else "投诉请求不够具体：写明要求对方做什么（退款、恢复、解冻、赔偿、到账等）")
        if case.problem in _MONEY_PROBLEMS and not _AMOUNT_IN_TEXT.search(demand):
            out.append("the demand names no amount" if en else "投诉请求中没有写明金额")
    return out


def lint_tone(case: CaseFile, lang: str = "zh") -> list[str]:
    """A heated tone, or relative dates ("昨天", "今天") where a date belongs. Courts send back
    a statement of claim with abuse (民诉法解释 第二百一十条)."""
    en = lang == "en"
    out: list[str] = []
    facts = (case.facts or "").strip()
    demand = (case.demand or "").strip()
    if _HEATED.search(facts):
        out.append("the facts sound heated; a calm, factual tone works better" if en
                   else "事实经过语气激烈，平和、客观的表述更有效")
    relative = _RELATIVE_DATE.search(facts)
    if relative:
        out.append(f"the facts say “{relative.group(0)}”: write the date instead" if en
                   else f"事实经过使用了“{relative.group(0)}”等相对日期，请写明具体日期")
    if _HEATED.search(demand):
        out.append("the demand sounds heated" if en else "投诉请求语气激烈")
    return out


# --------------------------------------------------------------------------- the demand per addressee


_NUMBERING = re.compile(r"^\s*(?:[（(]?\d+[)）.、．]|[一二三四五六七八九十]+[、.．])\s*")
_REGULATORS = ("pboc", "nfra")


def _lines(value: Any) -> list[str]:
    if isinstance(value, list):
        items = [str(v) for v in value]
    else:
        items = str(value or "").strip().splitlines()
    return [_NUMBERING.sub("", line).strip().rstrip("；;。") for line in items if line.strip()]


def demand_for(case: CaseFile, channel_id: str) -> tuple[list[str], str]:
    """What to ask of this channel's addressee, and where it came from.

    ``[demands]`` per channel (``regulator`` for pboc and nfra), else ``[case] demand``. A court
    gets numbered claims: without ``[demands] court``, claims are drafted from the amount
    ("判令被告返还原告…元", "本案诉讼费用由被告负担") unless the demand already reads "判令…".
    Returns (lines, origin) with origin ``demands.<key>``, ``case.demand``, ``drafted`` or ``""``.
    """
    demands = case.demands
    keys = [channel_id] + (["regulator"] if channel_id in _REGULATORS else [])
    for key in keys:
        value = demands.get(key)
        if value:
            if channel_id == "court":
                return _lines(value), f"demands.{key}"
            return ([str(value).strip()] if isinstance(value, str) else [str(v) for v in value]), f"demands.{key}"
    if channel_id == "court":
        if case.demand and "判令" in case.demand:
            return _lines(case.demand), "case.demand"
        amount = total_amount(case)
        if amount:
            what = "不当得利" if case.problem == "mistaken_transfer" else ""
            return [f"判令被告向原告返还{what}人民币 {amount} 元", "本案诉讼费用由被告负担"], "drafted"
    if case.demand:
        return [case.demand.strip()], "case.demand"
    return [], ""


def numbered_claims(lines: list[str]) -> list[str]:
    """``1. 判令被告…；`` … ``n. 本案诉讼费用由被告负担。``"""
    return [f"{i}. {line}{'。' if i == len(lines) else '；'}" for i, line in enumerate(lines, start=1)]


# --------------------------------------------------------------------------- building


def _format_date(day: date, lang: str) -> str:
    return day.isoformat() if lang == "en" else f"{day.year}年{day.month}月{day.day}日"


def _format_time(iso_time: str | None) -> str:
    if not iso_time:
        return ""
    return iso_time.replace("T", " ").replace("+08:00", "")


def _human_time(value: str | None, lang: str) -> str:
    """"2025年3月12日 20:15:03" on a page a person reads (English keeps 2025-03-12 20:15:03)."""
    if not value:
        return ""
    from evidencekit.render.when import show_time_human

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


def total_amount(case: CaseFile) -> str | None:
    """``case.amount``, else the sum of the disputed transactions' amounts."""
    if case.amount:
        return case.amount
    amounts = [Decimal(t["amount"]) for t in case.disputed_transactions() if t.get("amount")]
    return str(sum(amounts, Decimal("0.00"))) if amounts else None


def build_statement(case: CaseFile, items: list[dict[str, Any]], channel_id: str, today: date,
                    lang: str = "zh", *, channels: Mapping[str, Any] | None = None) -> Statement:
    """The complaint statement for ``channel_id``, in that channel's order and wording.

    Personal data is masked when the channel is public (``[privacy] mask_personal``) or the
    case says ``public = true``. ``items`` are manifest item dicts (for the evidence section).
    """
    from evidencekit.channels import get_channel, load_channels

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
            disputed = view.disputed_transactions()
            if disputed:
                header = (("交易时间", "交易单号", "商户单号", "交易对方", "金额（元）") if not en
                          else ("Time", "Transaction id", "Merchant order", "Counterparty", "Amount (CNY)"))
                rows = tuple((_human_time(t.get("time"), lang), t.get("id", ""), t.get("merchant_order", ""),
                              t.get("counterparty", ""), t.get("amount", "")) for t in disputed)
                sections.append(Section(key, heading(key), (), header, rows))
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


__all__ = ["Section", "Statement", "build_statement", "demand_for", "lint_specific", "lint_statement", "lint_tone",
           "numbered_claims", "mask_account",
           "mask_address", "mask_id_number", "mask_name", "mask_order_number", "mask_personal",
           "mask_phone", "mask_text", "total_amount"]
