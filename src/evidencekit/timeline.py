"""The case's timeline: every event of the case in time order, each pointing at its source.

Case events and contacts (case.toml), disputed transactions, bill rows, the chat messages
that matter (naming a disputed id, amount or ticket, or nearest in time to the dispute) and
capture times. Computed once by the plan; ``render/timeline.py`` lays it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from evidencekit.layout import CASE_NAME
from evidencekit.model import Item
from evidencekit.screens.words import screen_summary
from evidencekit.terms import OUTCOME_LABELS, channel_label, label, pick, problem_label
from evidencekit.timefmt import beijing, offset_of

MENTIONS_PER_CHAT = 12  # chat messages naming a disputed id, amount or ticket
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
        if item.captured_at and (item.kind in ("screenshot", "photo") or item.mime.startswith("image/")):
            exif = item.facts.get("exif") or {}
            device = " ".join(str(x) for x in (exif.get("make"), exif.get("model")) if x)
            text = item.path + (f"（{device}）" if device and not en else f" ({device})" if device else "")
            events.append(_event(item.captured_at, "tl_captured", text, [item.id]))

    anchors = [m for m in (beijing(t.get("time")) for t in disputed_cases) if m]
    anchors += [m for m in (beijing(row.get("time")) for _, row in bill_rows) if m]
    if not anchors and beijing(info.get("occurred_at")):
        anchors.append(beijing(info.get("occurred_at")))  # type: ignore[arg-type]
    needles = _needles(case, bill_rows)
    for item in items:
        messages = item.facts.get("messages") or []
        if not messages:
            continue
        chosen = _chat_selection(messages, anchors, needles)
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


def _documents_naming(items: list[Item], keys: set[str]) -> list[str]:
    """Receipts and other PDFs whose text names one of ``keys``."""
    refs = []
    for item in items:
        excerpt = item.facts.get("text_excerpt")
        if isinstance(excerpt, str) and any(k in excerpt for k in keys):
            refs.append(item.id)
    return refs


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
                needles.add(amount[:-3] + "元")
    for contact in case.get("contacts") or []:
        if contact.get("ticket") and len(str(contact["ticket"])) >= 4:
            needles.add(str(contact["ticket"]))
    return needles


def _chat_selection(messages: list[dict[str, Any]], anchors: list[datetime], needles: set[str]) -> list[int]:
    """Indexes of the messages worth a timeline line: the first and the last, those naming a
    disputed id, amount or ticket (the earliest few), and those nearest the disputed times."""
    chosen: set[int] = {0, len(messages) - 1}
    mentions = [i for i, m in enumerate(messages)
                if any(n in str(m.get("text") or "") for n in needles)]
    mentions.sort(key=lambda i: (beijing(messages[i].get("time")) is None, str(messages[i].get("time") or "")))
    chosen.update(mentions[:MENTIONS_PER_CHAT])
    timed = [(i, beijing(m.get("time"))) for i, m in enumerate(messages) if not m.get("system")]
    timed_known = [(i, t) for i, t in timed if t is not None]
    if anchors and timed_known:
        per_anchor = max(3, NEAREST_PER_CHAT // len(anchors))
        for anchor in anchors:
            nearest = sorted(timed_known, key=lambda it: abs((it[1] - anchor).total_seconds()))
            chosen.update(i for i, _ in nearest[:per_anchor])
    return sorted(chosen)
