"""资金流向 and the case at a glance: the facts the pictures draw, computed once by the plan.

``money_flows`` follows each disputed transaction from the payer's account through the payment
institution to the payee, as every source shows it (case.toml, each bill row, each receipt
naming it), and cross-checks the sources: do they agree on amount and time? ``case_glance``
gathers what a clerk wants first: problem, amount, when, what was tried with which outcome, and
what is asked. Pure: data in, frozen values out; ``render/pictures.py`` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from evidencekit.layout import CASE_NAME
from evidencekit.model import Item
from evidencekit.timefmt import beijing

#: Bill formats (extract/bills*.py ``format``) -> the payment institution's catalog code.
INSTITUTIONS = {"alipay": "pic.inst_alipay", "wechat": "pic.inst_wechat"}
#: Two sources' times further apart than this disagree (a bill rounds nothing; a receipt may show the minute).
TIME_TOLERANCE_S = 60


@dataclass(frozen=True)
class FlowSource:
    """One source's view of a transaction."""

    ref: str  # "case.toml" or an exhibit number
    amount: str | None  # "218.00"
    time: str | None  # ISO 8601 as the source gives it
    status: str | None  # "交易成功", as the source words it


@dataclass(frozen=True)
class MoneyFlow:
    """One disputed transaction: who paid, through whom, to whom, and what each source says."""

    transaction_id: str | None
    merchant_order: str | None
    payer: str | None  # the account the bill belongs to, or the complainant's account
    method: str | None  # how it was paid ("招商银行储蓄卡(1234)"), as the bill says
    institution: str | None  # a catalog code (pic.inst_*) or the bill's format
    payee: str | None
    amount: str | None
    time: str | None
    sources: tuple[FlowSource, ...]
    conflicts: tuple[str, ...]  # "amount" / "time": where the sources disagree; empty when they agree


@dataclass(frozen=True)
class Attempt:
    """One earlier contact, as case.toml states it."""

    date: str | None
    channel: str | None
    ticket: str | None
    outcome: str | None  # unresolved / resolved / rejected / pending, or free text


@dataclass(frozen=True)
class Glance:
    problem: str | None
    title: str | None
    amount: str | None
    occurred_at: str | None
    first_contact: str | None
    last_contact: str | None
    attempts: tuple[Attempt, ...]
    demand: str | None
    evidence_count: int


def _amount(value: Any) -> str | None:
    if value in (None, ""):
        return None
    try:
        return f"{Decimal(str(value)):.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


def _institution(fmt: object) -> str | None:
    if not isinstance(fmt, str) or fmt.startswith("unknown"):
        return None
    return INSTITUTIONS.get(fmt.split("-")[0], fmt)


def money_flows(case: dict[str, Any], items: list[Item]) -> tuple[MoneyFlow, ...]:
    """Each disputed transaction of case.toml, then each disputed bill row case.toml does not name."""
    complainant = case.get("complainant") or {}
    rows = [(item, row) for item in items for row in item.facts.get("transactions") or [] if row.get("disputed")]
    used: set[int] = set()
    flows: list[MoneyFlow] = []
    for tx in [t for t in case.get("transactions") or [] if t.get("disputed")]:
        keys = {str(tx[k]) for k in ("id", "merchant_order") if tx.get(k)}
        sources = [FlowSource(CASE_NAME, _amount(tx.get("amount")), tx.get("time"), None)]
        matched: list[tuple[Item, dict[str, Any]]] = []
        for n, (item, row) in enumerate(rows):
            if keys & {str(row.get("transaction_id") or ""), str(row.get("merchant_order") or "")} - {""}:
                used.add(n)
                matched.append((item, row))
        sources += [FlowSource(item.id, _amount(row.get("amount")), row.get("time"), row.get("status") or None)
                    for item, row in matched]
        shown = _showing(items, keys)
        sources += [FlowSource(item.id, _amount(seen.get("amount")), seen.get("time"), seen.get("status"))
                    for item, seen in shown]
        sources += [FlowSource(item.id, None, None, None) for item in _documents_naming(items, keys)
                    if item.id not in {i.id for i, _ in shown}]
        flows.append(_flow(tx.get("id"), tx.get("merchant_order"), complainant, matched, tx.get("counterparty"),
                           sources))
    for n, (item, row) in enumerate(rows):
        if n not in used:
            source = FlowSource(item.id, _amount(row.get("amount")), row.get("time"), row.get("status") or None)
            flows.append(_flow(row.get("transaction_id"), row.get("merchant_order"), complainant, [(item, row)],
                               row.get("counterparty"), [source]))
    return tuple(flows)


def _flow(transaction_id: Any, merchant_order: Any, complainant: dict[str, Any],
          rows: list[tuple[Item, dict[str, Any]]], payee: Any, sources: list[FlowSource]) -> MoneyFlow:
    first = rows[0] if rows else None
    payer = (first[0].facts.get("account") if first else None) or complainant.get("account")
    amount = next((s.amount for s in sources if s.amount), None)
    time = next((s.time for s in sources if s.time), None)
    return MoneyFlow(
        transaction_id=str(transaction_id) if transaction_id else None,
        merchant_order=str(merchant_order) if merchant_order else None,
        payer=str(payer) if payer else None,
        method=(first[1].get("method") or None) if first else None,
        institution=_institution(first[0].facts.get("format")) if first else None,
        payee=str(payee or (first[1].get("counterparty") if first else "") or "") or None,
        amount=amount, time=time, sources=tuple(sources), conflicts=_conflicts(sources),
    )


def _conflicts(sources: list[FlowSource]) -> tuple[str, ...]:
    out = []
    amounts = {s.amount for s in sources if s.amount}
    if len(amounts) > 1:
        out.append("amount")
    moments = [m for m in (beijing(s.time) for s in sources if s.time) if m]
    if moments and (max(moments) - min(moments)).total_seconds() > TIME_TOLERANCE_S:
        out.append("time")
    return tuple(out)


def _showing(items: list[Item], keys: set[str]) -> list[tuple[Item, dict[str, Any]]]:
    """Screens (OCR) and receipts whose transaction id or merchant order is one of ``keys``, with
    what they show; a value read with low confidence is left out, never trusted."""
    out = []
    for item in items:
        for seen in (item.facts.get("screen"), item.facts.get("receipt")):
            if isinstance(seen, dict) and {str(seen.get("txn_id") or ""), str(seen.get("merchant_order") or "")} & keys:
                low = set(seen.get("low_confidence") or [])
                out.append((item, {k: v for k, v in seen.items() if k not in low}))
                break
    return out


def _documents_naming(items: list[Item], keys: set[str]) -> list[Item]:
    return [item for item in items if isinstance(item.facts.get("text_excerpt"), str)
            and any(k in item.facts["text_excerpt"] for k in keys)]


def case_glance(case: dict[str, Any], evidence_count: int) -> Glance:
    """The case at a glance, from the case data a page prints (the masked copy on a public dossier)."""
    info = case.get("case") or {}
    contacts = sorted(case.get("contacts") or [], key=lambda c: str(c.get("date") or ""))
    attempts = tuple(Attempt(str(c["date"]) if c.get("date") else None, c.get("channel"),
                             str(c["ticket"]) if c.get("ticket") else None, c.get("outcome"))
                     for c in contacts)
    dates = [a.date for a in attempts if a.date]
    return Glance(
        problem=info.get("problem"), title=info.get("title"), amount=_amount(info.get("amount")),
        occurred_at=str(info["occurred_at"]) if info.get("occurred_at") else None,
        first_contact=dates[0] if dates else None, last_contact=dates[-1] if dates else None,
        attempts=attempts, demand=str(info["demand"]).strip() if info.get("demand") else None,
        evidence_count=evidence_count,
    )
