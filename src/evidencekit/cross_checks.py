"""交叉核对: every transaction id found anywhere, and whether its sources agree.

Sources: case.toml ``[[transactions]]``, bill rows (``facts.transactions``), screens OCR read
(``facts.screen``), receipts' text (``facts.receipt``) and chat messages that name an id. For
each id and each field (amount, time, status, counterparty) the values are compared: amounts
exactly, times within two minutes, statuses by what they mean (交易成功 = 支付成功), counterparties
as names (a masked ``李*`` matches ``李四``). A value read with low confidence is listed and
marked, never counted as agreeing or conflicting.

Pure: the case data and the items' manifest entries in (what a folder's inspection and a sealed
dossier both have), a frozen report out. Computed once by the plan; inspect, the 交叉核对 page and
check read the same result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evidencekit.extract.receipt_text import normal_amount
from evidencekit.i18n import Message, msg
from evidencekit.layout import CASE_NAME
from evidencekit.timefmt import beijing

FIELDS = ("amount", "time", "status", "counterparty")
#: Two times further apart than this disagree (a screen shows the second, a chat the minute).
TIME_TOLERANCE_S = 120
#: A bare run of digits this long in a chat message is taken for a transaction id (an ID card
#: number has 18 digits, a phone number 11; Alipay and WeChat Pay ids have 22 to 32).
BARE_ID_DIGITS = 20

STATUS_MEANING = {
    "success": ("交易成功", "支付成功", "付款成功", "转账成功", "充值成功", "已支付", "已付款", "已到账", "已收款",
                "成功", "收款成功", "已完成", "交易完成", "已转账", "已存入零钱", "朋友已收钱", "对方已收钱", "已收钱",
                "提现已到账", "充值完成", "支付完成"),
    "refunded": ("退款成功", "已退款", "已全额退款", "退款完成"),
    "refunding": ("退款中", "退款处理中"),
    "failed": ("交易失败", "支付失败", "付款失败", "转账失败", "失败", "充值失败"),
    "closed": ("交易关闭", "已关闭", "已撤销", "已取消"),
    "pending": ("处理中", "等待付款", "待支付", "待付款", "已受理", "交易处理中", "转账处理中", "待收款", "等待对方收款"),
}
_STATUS = {word: meaning for meaning, words in STATUS_MEANING.items() for word in words}
_STATUS_LONGEST_FIRST = sorted(_STATUS, key=len, reverse=True)

_LABELLED_ID = re.compile(r"(?:交易订单号|交易单号|交易号|订单号|流水号|支付单号)[:：\s]*([0-9A-Za-z]{10,64})")
_BARE_ID = re.compile(rf"(?<![0-9A-Za-z])(\d{{{BARE_ID_DIGITS},40}})(?![0-9])")
_TOKEN = re.compile(r"[0-9A-Za-z]{6,64}")
_CHAT_AMOUNT = re.compile(r"(?:[¥￥]\s*(\d+(?:\.\d{1,2})?))|(?:(\d+(?:\.\d{1,2})?)\s*元)")


@dataclass(frozen=True)
class Seen:
    """One source's value for one field of a transaction."""

    item: str  # an exhibit number ("E03") or "case.toml"
    value: str
    source: str  # "case" | "bill" | "screen" | "receipt" | "chat"
    low_confidence: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"item": self.item, "value": self.value, "source": self.source}
        if self.low_confidence:
            data["low_confidence"] = True
        return data


@dataclass(frozen=True)
class CrossCheck:
    """One transaction id and field: ``agree``, ``conflict`` or ``single-source``."""

    txn_id: str
    field: str
    status: str
    values: tuple[Seen, ...]
    disputed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"txn_id": self.txn_id, "field": self.field, "status": self.status,
                "values": [v.to_dict() for v in self.values], "disputed": self.disputed}

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.item for v in self.values))

    def message(self) -> Message:
        """What a conflict tells the complainant: the id, the field, and each exhibit's value."""
        return msg("check.cross.conflict", txn_id=self.txn_id, field=msg(f"cc.field.{self.field}"),
                   values=[f"{v.item} {v.value}" for v in self.values if not v.low_confidence])


@dataclass(frozen=True)
class Transaction:
    """Every source that shows one transaction id, and each field's cross-check."""

    txn_id: str
    disputed: bool
    shown_in: tuple[tuple[str, str], ...]  # (item, source), in order of first appearance
    checks: tuple[CrossCheck, ...]
    merchant_order: str | None = None  # 商家订单号, as the first source naming it gives it

    def value(self, field: str, sources: tuple[str, ...] = ("bill", "receipt", "screen", "case", "chat")) -> str | None:
        """The field's value from the most reliable source that gives it with confidence."""
        check = next((c for c in self.checks if c.field == field), None)
        if check is None:
            return None
        trusted = [v for v in check.values if not v.low_confidence]
        ranked = sorted(trusted, key=lambda v: sources.index(v.source) if v.source in sources else len(sources))
        return ranked[0].value if ranked else None

    @property
    def conflicts(self) -> tuple[CrossCheck, ...]:
        return tuple(c for c in self.checks if c.status == "conflict")


@dataclass(frozen=True)
class CrossCheckReport:
    transactions: tuple[Transaction, ...] = ()

    def entries(self) -> list[CrossCheck]:
        return [check for tx in self.transactions for check in tx.checks]

    def to_list(self) -> list[dict[str, Any]]:
        """``inspect --json``'s ``cross_checks``: one entry per transaction id and field."""
        return [check.to_dict() for check in self.entries()]

    def disputed_conflicts(self) -> list[CrossCheck]:
        return [c for tx in self.transactions if tx.disputed for c in tx.conflicts]

    def shown(self) -> tuple[Transaction, ...]:
        """What the 交叉核对 page lists: the disputed transactions, and any other with a conflict."""
        return tuple(tx for tx in self.transactions if tx.disputed or tx.conflicts)


@dataclass(frozen=True)
class _Observation:
    txn_id: str | None
    merchant_order: str | None
    item: str
    source: str
    values: Mapping[str, str]
    low_confidence: frozenset[str] = frozenset()


def normal_id(value: object) -> str | None:
    """An id as it is compared: every space and tab removed, nothing else changed."""
    text = re.sub(r"\s+", "", str(value or ""))
    return text or None


def cross_check(case: Mapping[str, Any], items: Sequence[Mapping[str, Any]]) -> CrossCheckReport:
    """The cross-checks of a case: ``case`` as case.toml's data, ``items`` as manifest entries."""
    found = list(_from_case(case)) + [o for item in items for o in _from_item(item)]
    known = {o.txn_id for o in found if o.txn_id} | {o.merchant_order for o in found if o.merchant_order}
    found += [o for item in items for o in _from_chat(item, known)]
    by_order = {o.merchant_order: o.txn_id for o in found if o.merchant_order and o.txn_id}
    grouped: dict[str, list[_Observation]] = {}
    for obs in found:
        # a chat naming a merchant order names its transaction
        key = by_order.get(obs.txn_id or "") or obs.txn_id or by_order.get(obs.merchant_order or "") \
            or obs.merchant_order
        if key:
            grouped.setdefault(key, []).append(obs)
    disputed = _disputed(case, items, by_order)
    transactions = []
    for txn_id, observations in grouped.items():
        checks = []
        for name in FIELDS:
            values = tuple(Seen(o.item, o.values[name], o.source, name in o.low_confidence)
                           for o in observations if o.values.get(name))
            if values:
                checks.append(CrossCheck(txn_id, name, _status(name, values), values, txn_id in disputed))
        shown = tuple(dict.fromkeys((o.item, o.source) for o in observations))
        order = next((o.merchant_order for o in observations if o.merchant_order and o.merchant_order != txn_id), None)
        transactions.append(Transaction(txn_id, txn_id in disputed, shown, tuple(checks), order))
    transactions.sort(key=lambda tx: (not tx.disputed, tx.txn_id))
    return CrossCheckReport(tuple(transactions))


def _disputed(case: Mapping[str, Any], items: Sequence[Mapping[str, Any]], by_order: Mapping[str, str]) -> set[str]:
    ids: set[str] = set()
    for tx in case.get("transactions") or []:
        if tx.get("disputed"):
            ids |= {i for i in (normal_id(tx.get("id")), normal_id(tx.get("merchant_order"))) if i}
    for item in items:
        for row in (item.get("facts") or {}).get("transactions") or []:
            if row.get("disputed"):
                ids |= {i for i in (normal_id(row.get("transaction_id")), normal_id(row.get("merchant_order"))) if i}
    return ids | {by_order[i] for i in ids if i in by_order}


def _values(source: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, str]:
    """Our field -> the source's value, normalised (amounts to two decimals, no sign)."""
    out: dict[str, str] = {}
    for ours, theirs in names.items():
        value = source.get(theirs)
        if value in (None, ""):
            continue
        text = normal_amount(value) if ours == "amount" else str(value).strip()
        if text:
            out[ours] = text
    return out


_SAME = {f: f for f in FIELDS}


def _from_case(case: Mapping[str, Any]) -> Iterable[_Observation]:
    for tx in case.get("transactions") or []:
        txn_id, order = normal_id(tx.get("id")), normal_id(tx.get("merchant_order"))
        if txn_id or order:
            yield _Observation(txn_id, order, CASE_NAME, "case", _values(tx, _SAME))


def _from_item(item: Mapping[str, Any]) -> Iterable[_Observation]:
    facts = item.get("facts") or {}
    ident = str(item.get("id") or item.get("path") or "")
    for row in facts.get("transactions") or []:
        txn_id, order = normal_id(row.get("transaction_id")), normal_id(row.get("merchant_order"))
        if txn_id or order:
            yield _Observation(txn_id, order, ident, "bill", _values(row, _SAME))
    for key, source in (("screen", "screen"), ("receipt", "receipt")):
        seen = facts.get(key)
        if not isinstance(seen, Mapping):
            continue
        txn_id, order = normal_id(seen.get("txn_id")), normal_id(seen.get("merchant_order"))
        if txn_id or order:
            low = frozenset(str(f) for f in seen.get("low_confidence") or [])
            if "txn_id" in low and not order:
                continue  # an id OCR is unsure of joins nothing
            yield _Observation(txn_id if "txn_id" not in low else None, order, ident, source,
                               _values(seen, _SAME), low)


def _from_chat(item: Mapping[str, Any], known: set[str]) -> Iterable[_Observation]:
    """Chat messages naming an id: a known id anywhere in the text, or a labelled or long one.
    A message naming one id and one amount gives that amount too."""
    facts = item.get("facts") or {}
    ident = str(item.get("id") or item.get("path") or "")
    for message in facts.get("messages") or []:
        text = str(message.get("text") or "")
        compact = re.sub(r"\s+", "", text)
        ids = set(_TOKEN.findall(compact)) & known  # a set lookup per token: a chat of 5,000 messages stays fast
        ids |= {m.group(1) for m in _LABELLED_ID.finditer(compact)} | {m.group(1) for m in _BARE_ID.finditer(compact)}
        ids = {i for i in ids if not any(i != other and i in other for other in ids)}  # a prefix of a longer id
        amounts = {a for a in (normal_amount(x or y) for x, y in _CHAT_AMOUNT.findall(text)) if a}
        for txn_id in sorted(ids):
            values = {"amount": next(iter(amounts))} if len(ids) == 1 and len(amounts) == 1 else {}
            yield _Observation(txn_id, None, ident, "chat", values)


def _status(name: str, values: tuple[Seen, ...]) -> str:
    trusted = [v.value for v in values if not v.low_confidence]
    if len(trusted) < 2:
        return "single-source"
    return "agree" if _agree(name, trusted) else "conflict"


def _agree(name: str, values: list[str]) -> bool:
    if name == "time":
        moments = [beijing(v) for v in values]
        if any(m is None for m in moments):
            return len(set(values)) == 1
        known = [m for m in moments if m is not None]
        return (max(known) - min(known)).total_seconds() <= TIME_TOLERANCE_S
    if name == "status":
        return len({_meaning(v) for v in values}) == 1
    if name == "counterparty":
        first = values[0]
        return all(_same_name(first, other) for other in values[1:])
    return len(set(values)) == 1


def _meaning(status: str) -> str:
    """What a status means: ``已退款(￥218.00)`` is a refund; a status we do not know stands for itself."""
    plain = _plain(status)
    word = next((w for w in _STATUS_LONGEST_FIRST if plain.startswith(w)), None)
    return _STATUS[word] if word else plain


def _plain(text: str) -> str:
    return re.sub(r"[\s()（）【】\[\]·.,，。]", "", unicodedata.normalize("NFKC", text)).lower()


def _same_name(a: str, b: str) -> bool:
    """Names agree when equal, when one contains the other, or when a masked one (``李*``) fits."""
    x, y = _plain(a), _plain(b)
    if x == y or (len(x) >= 2 and x in y) or (len(y) >= 2 and y in x):
        return True
    for masked, full in ((x, y), (y, x)):
        if "*" in masked:
            pattern = ".+".join(re.escape(part) for part in re.split(r"\*+", masked))
            if re.fullmatch(pattern, full):
                return True
    return False
