"""What a read screen shows, in words: the 证明对象 suggested for a screenshot with no
``proves`` note, and its line on the timeline. A field read with low confidence is marked."""

from __future__ import annotations

from typing import Any

from evidencekit.i18n import t
from evidencekit.timefmt import show_time


def screen_summary(screen: dict[str, Any], lang: str) -> str:
    """交易单号 … · 支出 ¥218.00 · 时间 2025-03-12 20:15:03 · 状态：交易成功 · 对方：…"""
    unsure = set(screen.get("low_confidence") or ())
    parts: list[str] = []

    def add(code: str, name: str, **params: Any) -> None:
        parts.append(t(code, lang, **params) + (t("screen.suggest.unsure", lang) if name in unsure else ""))

    if screen.get("txn_id"):
        add("screen.suggest.txn", "txn_id", txn_id=screen["txn_id"])
    if screen.get("amount"):
        direction = screen.get("direction")
        code = {"out": "screen.suggest.amount_out", "in": "screen.suggest.amount_in"}.get(direction or "",
                                                                                          "screen.suggest.amount")
        add(code, "amount", amount=screen["amount"])
    if screen.get("time"):
        add("screen.suggest.time", "time", time=show_time(screen["time"]))
    if screen.get("status"):
        add("screen.suggest.status", "status", status=screen["status"])
    if screen.get("counterparty"):
        add("screen.suggest.counterparty", "counterparty", counterparty=screen["counterparty"])
    if not parts and screen.get("balance"):
        add("screen.suggest.balance", "balance", balance=screen["balance"])
    return " · ".join(parts)


def suggested_proves(facts: dict[str, Any], lang: str) -> str | None:
    """The 证明对象 a screenshot's own text suggests, said to be read from it; None without one."""
    screen = facts.get("screen")
    if not isinstance(screen, dict):
        return None
    summary = screen_summary(screen, lang)
    return summary + t("screen.suggest.note", lang) if summary else None
