"""The case's timeline: every event of the case in time order, each pointing at its source.

Case events and contacts (case.toml), disputed transactions, bill rows, the chat messages
that matter (naming a disputed id, amount or ticket, or nearest in time to the dispute) and
capture times. Computed once by the plan; ``render/timeline.py`` lays it out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from evidencekit.extract.messages import is_placeholder
from evidencekit.i18n import t as catalog
from evidencekit.layout import CASE_NAME
from evidencekit.model import Item
from evidencekit.screens.words import screen_summary
from evidencekit.terms import OUTCOME_LABELS, channel_label, label, pick, problem_label
from evidencekit.timefmt import beijing, offset_of

MENTIONS_PER_CHAT = 12  # chat messages naming the dispute: its ids, amounts, tickets, keywords
NEAREST_PER_CHAT = 8  # chat messages nearest in time to the disputed transactions, shared among them
TEXT_LIMIT = 160  # characters of a chat message shown on the timeline; the exhibit has it all

# Same time: case facts first, then transactions, captures, chat messages.
ORDER = {"tl_occurred": 0, "tl_contact": 0, "tl_transaction": 1, "tl_bill_row": 1, "tl_screen": 1,
         "tl_captured": 2, "tl_chat": 3}


@dataclass(frozen=True)
class Event:
    moment: datetime | None  # +08:00; None when unknown (listed last)
    date_only: bool
    kind: str  # a label key: tl_occurred, tl_transaction, …
    text: str
    refs: tuple[str, ...]  # exhibit numbers ("E03") or "case.toml"
    original_time: str | None = None  # the time as written, when its offset was not +08:00

    @property
    def shown_time(self) -> str:
        if self.moment is None:
            return ""
        return self.moment.strftime("%Y-%m-%d") if self.date_only else self.moment.strftime("%Y-%m-%d %H:%M:%S")

    def sort_key(self) -> tuple[Any, ...]:
        if self.moment is None:
            return (1, "", ORDER.get(self.kind, 9), self.text)
        return (0, self.moment.isoformat(), 0 if self.date_only else 1, ORDER.get(self.kind, 9))


def _event(when: Any, kind: str, text: str, refs: Iterable[str]) -> Event:
    moment = beijing(when)
    date_only = isinstance(when, str) and len(when.strip()) == 10
    offset = offset_of(when)
    original = when if offset and offset != "+08:00" else None
    return Event(moment, date_only, kind, text, tuple(dict.fromkeys(refs)), original)


def _amount(value: Any) -> str:
    try:
        return f"{Decimal(str(value)):.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


def timeline_events(case: dict[str, Any], items: list[Item], lang: str = "zh") -> list[Event]:
    """Every timeline event of the case, sorted by time (Beijing time)."""
    en = lang == "en"
    colon = ": " if en else "："
    sep = " · "
    events: list[Event] = []
    info = case.get("case") or {}

    if info.get("occurred_at"):
        parts = [problem_label(info.get("problem"), lang) or "", info.get("title") or ""]
        if info.get("amount"):
            parts.append(f"¥{_amount(info['amount'])}")
        events.append(_event(info["occurred_at"], "tl_occurred", sep.join(p for p in parts if p),
                             [CASE_NAME]))

    # disputed bill rows, by id, so a row named in case.toml becomes one line with both sources
    bill_rows: list[tuple[Item, dict[str, Any]]] = [
        (item, row) for item in items for row in item.facts.get("transactions") or [] if row.get("disputed")]
    used_rows: set[int] = set()
    shown_ids: set[str] = set()  # screenshots already on a disputed transaction's line
    disputed_cases = [t for t in case.get("transactions") or [] if t.get("disputed")]
    for tx in disputed_cases:
        keys = {str(tx[k]) for k in ("id", "merchant_order") if tx.get(k)}
        refs = [CASE_NAME]
        when = tx.get("time")
        for n, (item, row) in enumerate(bill_rows):
            if {str(row.get("transaction_id") or ""), str(row.get("merchant_order") or "")} & keys:
                used_rows.add(n)
                refs.append(item.id)
                when = when or row.get("time")
        refs += _documents_naming(items, keys)
        for item in items:  # screenshots showing it (facts.screen, read by OCR)
            screen = item.facts.get("screen") or {}
            if {str(screen.get("txn_id") or ""), str(screen.get("merchant_order") or "")} & keys:
                refs.append(item.id)
                shown_ids.add(item.id)
                when = when or screen.get("time")
        parts = []
        if tx.get("id"):
            parts.append(f"{label('tl_txn_id', lang)} {tx['id']}")
        if tx.get("merchant_order"):
            parts.append(f"{label('tl_merchant_order', lang)} {tx['merchant_order']}")
        if tx.get("amount"):
            parts.append(f"¥{_amount(tx['amount'])}")
        if tx.get("counterparty"):
            parts.append(str(tx["counterparty"]))
        events.append(_event(when, "tl_transaction", sep.join(parts), refs))
    for n, (item, row) in enumerate(bill_rows):
        if n in used_rows:
            continue
        parts = [f"{label('tl_txn_id', lang)} {row.get('transaction_id')}" if row.get("transaction_id") else "",
                 f"{label('tl_merchant_order', lang)} {row.get('merchant_order')}" if row.get("merchant_order") else "",
                 " ".join(str(x) for x in (row.get("direction"), f"¥{_amount(row['amount'])}" if row.get("amount") else "") if x),
                 str(row.get("counterparty") or ""), str(row.get("status") or "")]
        events.append(_event(row.get("time"), "tl_bill_row", sep.join(p for p in parts if p), [item.id]))

    for item in items:  # a transaction a screenshot shows, at the time it shows
        screen = item.facts.get("screen") or {}
        if item.id not in shown_ids and screen.get("time") and (screen.get("txn_id") or screen.get("amount")):
            events.append(_event(screen["time"], "tl_screen", screen_summary(screen, lang), [item.id]))

    for contact in case.get("contacts") or []:
        parts = [channel_label(contact.get("channel"), lang) or str(contact.get("channel") or "")]
        if contact.get("ticket"):
            parts.append(f"{label('tl_ticket', lang)} {contact['ticket']}")
        if contact.get("summary"):
            parts.append(str(contact["summary"]))
        if contact.get("outcome"):
            outcome = contact["outcome"]
            shown = pick(OUTCOME_LABELS[outcome], lang) if outcome in OUTCOME_LABELS else outcome
            parts.append(f"{label('tl_outcome', lang)}{colon}{shown}")
        events.append(_event(contact.get("date"), "tl_contact", sep.join(p for p in parts if p), [CASE_NAME]))

    for item in items:
        pictured = item.kind in ("screenshot", "photo", "image", "video") or item.mime.startswith(("image/", "video/"))
        if item.captured_at and (pictured or item.facts.get("capture_time")):
            exif = item.facts.get("exif") or {}
            device = " ".join(str(x) for x in (exif.get("make"), exif.get("model")) if x)
            notes = [device, *_capture_notes(item, lang)]
            shown = "，".join(n for n in notes if n) if not en else "; ".join(n for n in notes if n)
            text = item.path + (f"（{shown}）" if shown and not en else f" ({shown})" if shown else "")
            events.append(_event(item.captured_at, "tl_captured", text, [item.id]))

    anchors = [m for m in (beijing(t.get("time")) for t in disputed_cases) if m]
    anchors += [m for m in (beijing(row.get("time")) for _, row in bill_rows) if m]
    if not anchors and beijing(info.get("occurred_at")):
        anchors.append(beijing(info.get("occurred_at")))  # type: ignore[arg-type]
    needles = _needles(case, bill_rows)
    words = DISPUTE_WORDS + PROBLEM_WORDS.get(str(info.get("problem") or ""), ())
    for item in items:
        messages = item.facts.get("messages") or []
        if not messages:
            continue
        chosen = _chat_selection(messages, anchors, needles, words)
        for index in chosen:
            message = messages[index]
            text = " ".join(str(message.get("text") or "").split())
            if len(text) > TEXT_LIMIT:
                text = text[:TEXT_LIMIT] + "…"
            sender = message.get("sender") or label("chat_system", lang)
            events.append(_event(message.get("time"), "tl_chat", f"{sender}{colon}{text}", [item.id]))
        count = item.facts.get("message_count")  # the facts may keep only the first messages
        left = max(count if isinstance(count, int) else 0, len(messages)) - len(chosen)
        if left > 0:
            events.append(Event(None, False, "tl_more", label("tl_more_chat", lang, no=item.id, n=left),
                                (item.id,)))
    return sorted(events, key=Event.sort_key)


def _capture_notes(item: Item, lang: str) -> list[str]:
    """The app a screenshot is of (from the screen, else its name) and where its time came from."""
    notes = []
    screen = item.facts.get("screen") if isinstance(item.facts.get("screen"), dict) else {}
    app = (screen or {}).get("app") or (item.facts.get("name_app") or {}).get("app")
    if app in ("alipay", "wechat", "bank", "merchant") and item.kind == "screenshot":
        notes.append(label("app_screenshot", lang, app=catalog(f"app.{app}", lang)))
    source = (item.facts.get("capture_time") or {}).get("source")
    if source in ("file-name", "status-bar", "container", "exif"):
        notes.append(label("capture_from", lang, source=catalog(f"capture.source.{source}", lang)))
    return notes


def _documents_naming(items: list[Item], keys: set[str]) -> list[str]:
    """Receipts and other PDFs whose text names one of ``keys``."""
    refs = []
    for item in items:
        excerpt = item.facts.get("text_excerpt")
        if (isinstance(excerpt, str) and any(k in excerpt for k in keys)) or _shows_id(item, keys):
            refs.append(item.id)
    return refs


def _shows_id(item: Item, keys: set[str]) -> bool:
    """A screen or a receipt whose transaction id or merchant order is one of ``keys``."""
    return any(isinstance(seen, dict) and {str(seen.get("txn_id") or ""), str(seen.get("merchant_order") or "")} & keys
               for seen in (item.facts.get("screen"), item.facts.get("receipt")))


def _needles(case: dict[str, Any], bill_rows: list[tuple[Item, dict[str, Any]]]) -> set[str]:
    """What makes a chat message relevant: disputed ids and amounts, ticket numbers."""
    needles: set[str] = set()
    rows: list[dict[str, Any]] = [r for _, r in bill_rows]
    for tx in [t for t in case.get("transactions") or [] if t.get("disputed")]:
        rows.append({"transaction_id": tx.get("id"), "merchant_order": tx.get("merchant_order"),
                     "amount": tx.get("amount")})
    for row in rows:
        for key in ("transaction_id", "merchant_order"):
            if row.get(key) and len(str(row[key])) >= 6:
                needles.add(str(row[key]))
        if row.get("amount"):
            amount = _amount(row["amount"])
            needles.add(amount)
            if amount.endswith(".00"):
                needles.update((amount[:-3] + "元", amount[:-3] + " 元", "¥" + amount[:-3], "￥" + amount[:-3]))
    for contact in case.get("contacts") or []:
        if contact.get("ticket") and len(str(contact["ticket"])) >= 4:
            needles.add(str(contact["ticket"]))
    return needles


#: What a message about a payment dispute tends to say, beyond the case's own ids and amounts.
AMOUNT = re.compile(r"(?:[¥￥]\s?\d|\d(?:\.\d{1,2})?\s?(?:元|块|yuan|RMB|CNY|€)|\b\d+\.\d{2}\b)", re.I)
LONG_ID = re.compile(r"(?<![\d.])(?:[A-Z]{1,6}\d{6,}|\d{10,})(?![\d.])")
DISPUTE_WORDS = ("退款", "到账", "未到账", "没到账", "扣款", "扣费", "充值", "转账", "投诉", "工单", "赔偿", "冻结", "解冻",
                 "被盗", "盗刷", "订单", "交易", "支付", "付款", "refund", "ticket", "complaint", "payment", "paid",
                 "charged", "order", "transaction")
PROBLEM_WORDS = {
    "topup_not_credited": ("点券", "余额", "未到账", "没到账", "到账"),
    "funds_not_received": ("到账", "未到账", "收款"),
    "payment_failed": ("支付失败", "扣款", "重复扣款"),
    "account_stolen": ("被盗", "盗刷", "异地登录", "验证码"),
    "account_frozen": ("冻结", "解冻", "限制"),
}


def _normalised(text: str) -> str:
    return re.sub(r"(?<=\d)[,，](?=\d{3})", "", text)  # 1,280.00 names the same amount as 1280.00


def _weight(text: str, needles: set[str], words: tuple[str, ...]) -> int:
    """How much a message says about the dispute: the case's own ids, amounts and tickets most,
    then any amount or long id, then the dispute's words."""
    flat = _normalised(text)
    weight = 10 * sum(1 for n in needles if n in flat)
    weight += 3 * bool(AMOUNT.search(flat)) + 3 * bool(LONG_ID.search(flat))
    lowered = flat.lower()
    weight += min(3, sum(1 for word in words if word in lowered))
    return weight


def _chat_selection(messages: list[dict[str, Any]], anchors: list[datetime], needles: set[str],
                    words: tuple[str, ...] = DISPUTE_WORDS) -> list[int]:
    """Indexes of the messages worth a timeline line: what people said, never a system line or a
    placeholder for a left-out file; the first and the last said, those that say most about the
    dispute (its ids, amounts, tickets, words; the weightiest few, earliest first on a tie) and
    those nearest the disputed times."""
    said = [i for i, m in enumerate(messages)
            if not m.get("system") and not is_placeholder(str(m.get("text") or ""))]
    if not said:
        return []
    chosen: set[int] = {said[0], said[-1]}
    weights = {i: _weight(str(messages[i].get("text") or ""), needles, words) for i in said}
    mentions = [i for i in said if weights[i] > 0]
    mentions.sort(key=lambda i: (-weights[i], beijing(messages[i].get("time")) is None,
                                 str(messages[i].get("time") or ""), i))
    chosen.update(mentions[:MENTIONS_PER_CHAT])
    timed_known = [(i, t) for i, t in ((i, beijing(messages[i].get("time"))) for i in said) if t is not None]
    if anchors and timed_known:
        per_anchor = max(3, NEAREST_PER_CHAT // len(anchors))
        for anchor in anchors:
            nearest = sorted(timed_known, key=lambda it: abs((it[1] - anchor).total_seconds()))
            chosen.update(i for i, _ in nearest[:per_anchor])
    return sorted(chosen)
