"""What the complainant asks, of whom: one demand per addressee (issue 14, item 3)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from evidencekit.case import CaseFile

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



def total_amount(case: CaseFile) -> str | None:
    """``case.amount``, else the sum of the disputed transactions' amounts."""
    if case.amount:
        return case.amount
    amounts = [Decimal(t["amount"]) for t in case.disputed_transactions() if t.get("amount")]
    return str(sum(amounts, Decimal("0.00"))) if amounts else None
