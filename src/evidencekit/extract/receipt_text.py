"""A receipt's transaction from its text: 交易单号, amount, time, status, counterparty.

An 电子回单 or 交易凭证 is a column of labels and values: ``交易单号`` then the id on the same
line or the next. Pure: text in, fields out (the same names as facts.screen). A statement that
lists many transactions has its labels as a table header, once: nothing is taken from it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

#: Field -> labels, longest first within a field (商家订单号 before 订单号).
LABELS: dict[str, tuple[str, ...]] = {
    "merchant_order": ("商家订单号", "商户订单号", "商户单号", "商家单号"),
    "txn_id": ("交易订单号", "交易流水号", "交易单号", "支付单号", "交易号", "订单号", "流水号"),
    "amount": ("交易金额", "付款金额", "支付金额", "转账金额", "金额"),
    "time": ("交易时间", "付款时间", "支付时间", "转账时间", "创建时间"),
    "status": ("交易状态", "当前状态", "状态"),
    "counterparty": ("交易对方", "收款方", "收款人", "商户名称", "对方户名"),
}
_ORDERED = sorted(((label, name) for name, labels in LABELS.items() for label in labels),
                  key=lambda pair: -len(pair[0]))

AMOUNT = re.compile(r"[¥￥]?\s*[-+]?\s*(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})")
TIME = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?\s*(\d{1,2})\s*[:：]\s*(\d{2})"
                  r"(?:\s*[:：]\s*(\d{2}))?")
ID = re.compile(r"^[0-9A-Za-z]{6,64}$")


def normal_amount(text: object) -> str | None:
    """``¥-1,218.5`` -> ``1218.50``: no sign, no currency, two decimals; None when not a number."""
    match = AMOUNT.search(str(text or ""))
    if match:
        return f"{match.group(1).replace(',', '')}.{match.group(2)}"
    try:
        return f"{abs(Decimal(str(text).replace(',', '').strip(' ¥￥'))):.2f}"
    except (InvalidOperation, ValueError):
        return None


def normal_time(text: str) -> str | None:
    """``2025年3月12日 20:15:03`` or ``2025-03-1220:15:03`` -> ``2025-03-12T20:15:03+08:00``."""
    match = TIME.search(text)
    if not match:
        return None
    year, month, day, hour, minute = (int(g) for g in match.groups()[:5])
    second = int(match.group(6) or 0)
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60 and second < 60):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}+08:00"


def _value(name: str, raw: str) -> str | None:
    raw = raw.strip(" :：\t")
    if not raw:
        return None
    if name in ("txn_id", "merchant_order"):
        compact = re.sub(r"\s+", "", raw)
        return compact if ID.match(compact) else None
    if name == "amount":
        return normal_amount(raw) if AMOUNT.search(raw) else None
    if name == "time":
        return normal_time(raw)
    return raw[:80]


def receipt_fields(text: str) -> dict[str, Any] | None:
    """The transaction a receipt's text shows, or None when it names no single transaction id."""
    lines = [line.strip() for line in text.splitlines()]
    found: dict[str, str] = {}
    seen: dict[str, int] = {}
    for index, line in enumerate(lines):
        hit = next(((label, name) for label, name in _ORDERED if line.startswith(label)), None)
        if hit is None:
            continue
        label, name = hit
        seen[name] = seen.get(name, 0) + 1
        rest = line[len(label):]
        value = _value(name, rest)
        if value is None and not rest.strip(" :：\t"):
            following = next((n for n in lines[index + 1:index + 3] if n), "")
            value = _value(name, following)
        if value is not None and name not in found:
            found[name] = value
    if "txn_id" not in found or seen.get("txn_id", 0) > 1:
        return None
    return {name: found.get(name) for name in LABELS}
