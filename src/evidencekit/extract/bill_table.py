"""The part every bill export shares: a preamble, a header row found by its column names,
transaction rows, sometimes a footer. Alipay and WeChat feed it rows; it returns facts.

Column names differ between layouts and versions, so each transaction field lists the
names it may go by (first match wins) and nothing depends on a column's position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from evidencekit.clock import iso
from evidencekit.extract.common import (
    MAX_CELL_CHARS,
    MAX_EXTRA_KEPT,
    Warnings,
    clean_cell,
    clip,
    format_amount,
    parse_amount,
    parse_local_time,
)
from evidencekit.extract.options import ExtractOptions
from evidencekit.i18n import Message, msg

#: Transaction field -> header names it may go by, in order of preference.
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    # Old Alipay exports have 交易创建时间 and 付款时间: the transaction is when it was created
    # (an unpaid or closed order has no 付款时间), as the app and its statements show it.
    "time": ("交易时间", "交易创建时间", "付款时间"),
    "type": ("交易分类", "交易类型", "类型"),
    "counterparty": ("交易对方",),
    "counterparty_account": ("对方账号",),
    "item": ("商品说明", "商品", "商品名称"),
    "direction": ("收/支",),
    "amount": ("金额", "金额(元)"),
    "method": ("收/付款方式", "支付方式"),
    "status": ("交易状态", "当前状态"),
    "transaction_id": ("交易订单号", "交易单号", "交易号"),
    "merchant_order": ("商家订单号", "商户单号"),
    "note": ("备注",),
}
#: Columns the header row must contain to be taken for one.
REQUIRED_FIELDS = ("time", "amount", "transaction_id")

#: Rows that scan this far without a header give up: bill headers sit near the top.
HEADER_SEARCH_ROWS = 200

_PERIOD = re.compile(
    r"起始(?:时间|日期)[：:]\s*\[?([^\]]+?)\]?\s+终止(?:时间|日期)[：:]\s*\[?([^\]]+?)\]?\s*$"
)
_LABELLED = re.compile(r"^(?P<label>[^：:\[]{1,12})[：:]\s*\[?(?P<value>[^\]]*)\]?\s*$")
_STATED_COUNT = re.compile(r"共\s*(\d+)\s*笔记录")
_STATED_SUM = re.compile(
    r"(已?收入|已?支出|不计收支|中性交易|待收入|待支出|其他)[：:]\s*(\d+)\s*笔\s*[,，]?\s*([\d,.]+)\s*元"
)

ACCOUNT_LABELS = ("支付宝账户", "账号", "账户", "微信号")
NAME_LABELS = ("姓名", "微信昵称", "用户")


def normalise_header(name: object) -> str:
    """``' 金额（元） '`` -> ``'金额(元)'``: padding gone, full-width brackets made ASCII."""
    text = clean_cell(name)
    return text.replace("（", "(").replace("）", ")").replace(" ", "")


def _header_map(cells: list[str]) -> dict[str, int] | None:
    """Field -> column index when ``cells`` is a header row, else None."""
    names = [normalise_header(cell) for cell in cells]
    columns: dict[str, int] = {}
    for field_name, candidates in FIELD_COLUMNS.items():
        for candidate in candidates:
            if candidate in names:
                columns[field_name] = names.index(candidate)
                break
    if any(required not in columns for required in REQUIRED_FIELDS):
        return None
    if "付款时间" in names and "交易创建时间" in names:
        columns["time_fallback"] = names.index("付款时间")  # should a row lack its creation time
    return columns


@dataclass
class BillReader:
    """Feeds on rows (line number, cells) and accumulates a bill's facts."""

    warnings: Warnings
    options: ExtractOptions
    row_word: str = "line"  # "line" for CSV, "row" for XLSX, in warnings
    preamble: dict[str, Any] = field(default_factory=dict)
    stated: dict[str, Any] = field(default_factory=dict)
    markers: set[str] = field(default_factory=set)
    header: list[str] | None = None
    header_line: int | None = None
    sheet: str | None = None  # the workbook sheet being read, once there is more than one
    found_header: bool = False  # a header row was found, in this sheet or an earlier one
    bill_header: list[str] | None = None  # the first header row found: the bill's columns
    first_header_line: int | None = None
    _sheets: int = 0
    columns: dict[str, int] = field(default_factory=dict)
    transactions: list[dict[str, Any]] = field(default_factory=list)  # the first max_rows, then disputed ones
    in_footer: bool = False
    footer_labels: bool = False  # who, which account or period came after the table (the 2021 app layout)
    rows_before_header: int = 0
    last_line: int = 0
    rows_seen: int = 0  # transactions read, kept or not
    first_kept: int | None = None  # set once max_rows were kept: how many
    disputed_seen: int = 0
    sums: dict[str, Decimal] = field(default_factory=dict)  # by direction, over every row read
    _named: int = 0  # columns up to the header's last named one
    _needed: int = 0  # columns a row needs to hold the required fields

    def __post_init__(self) -> None:
        self._disputed_ids = {value.strip() for value in self.options.disputed_ids} - {""}

    @property
    def capped(self) -> bool:
        return self.first_kept is not None

    @property
    def gave_up(self) -> bool:
        """True once so many rows went by without a header that none is coming."""
        return self.header is None and self.rows_before_header >= HEADER_SEARCH_ROWS

    def where(self, line: int) -> Message:
        if self.sheet is not None:
            return msg("warn.where.sheet_row", sheet=self.sheet, n=line)
        return msg(f"warn.where.{self.row_word}", n=line)

    def new_sheet(self, name: str) -> None:
        """The next sheet of a workbook: its own header row is looked for afresh."""
        self._sheets += 1
        if self._sheets > 1:
            self.sheet = name
        self.header, self.header_line, self.columns = None, None, {}
        self.in_footer = False
        self.rows_before_header = 0

    def feed(self, line: int, cells: list[Any]) -> None:
        self.last_line = line
        if self.header is not None and not self.in_footer:
            # the common case, millions of times in a big bill: look no further than needed
            first = clean_cell(cells[0]) if cells else ""
            if not first.startswith("---"):
                if first or any(clean_cell(cell) for cell in cells[1:]):
                    self._feed_transaction(line, cells)
                return
        texts = [clean_cell(cell) for cell in cells]
        if not any(texts):
            return
        if self.header is None:
            self.rows_before_header += 1
            self._feed_preamble(line, cells, texts)
        elif self.in_footer or texts[0].startswith("---"):
            self.in_footer = True
            joined = " ".join(text for text in texts if text)
            self._read_summary(joined)
            self.footer_labels |= self._read_labels(joined)
        else:
            self._feed_transaction(line, cells)

    def _feed_preamble(self, line: int, cells: list[Any], texts: list[str]) -> None:
        columns = _header_map(texts)
        if columns is not None:
            self.header = [normalise_header(cell) for cell in cells]
            self.header_line = line
            self.columns = columns
            if not self.found_header:
                self.found_header, self.first_header_line, self.bill_header = True, line, self.header
            self._named = max((i for i, name in enumerate(self.header) if name), default=-1) + 1
            self._needed = max(columns[f] for f in REQUIRED_FIELDS) + 1
            return
        joined = " ".join(text for text in texts if text)
        for marker in ("电子客户回单", "支付宝交易记录明细查询", "交易记录明细列表", "微信支付账单明细"):
            if marker in joined:
                self.markers.add(marker)
        self._read_summary(joined)
        self._read_labels(joined)

    def _read_labels(self, joined: str) -> bool:
        """Period, account, name and export time from a line of the preamble or the footer
        (the old layout puts two on one line: ``导出时间:[…]    用户:…``); True when one was read."""
        period = _PERIOD.search(joined)
        if period:
            start, end = parse_local_time(period.group(1)), parse_local_time(period.group(2))
            self.preamble.setdefault("period", {
                "start": iso(start) if start else period.group(1),
                "end": iso(end) if end else period.group(2),
            })
            return True
        found = False
        for part in re.split(r"\s{2,}", joined):
            labelled = _LABELLED.match(part.strip())
            if not labelled:
                continue
            label, value = labelled.group("label").strip(), labelled.group("value").strip()
            if label in ACCOUNT_LABELS:
                self.preamble.setdefault("account", value)
            elif label in NAME_LABELS:
                self.preamble.setdefault("name", value)
            elif label == "导出时间":
                exported = parse_local_time(value)
                self.preamble.setdefault("exported_at", iso(exported) if exported else value)
            else:
                continue
            found = True
        return found

    def _read_summary(self, text: str) -> None:
        count = _STATED_COUNT.search(text)
        if count:
            self.stated["count"] = int(count.group(1))
        for label, number, total in _STATED_SUM.findall(text):
            amount = parse_amount(total)
            self.stated[label.lstrip("已")] = {
                "count": int(number),
                "amount": format_amount(amount) if amount is not None else total,
            }

    def _cell(self, cells: list[Any], field_name: str) -> Any:
        index = self.columns.get(field_name)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def _feed_transaction(self, line: int, cells: list[Any]) -> None:
        named, needed = self._named, self._needed
        if len(cells) < needed:
            self.warnings.add(msg("warn.bill.row_truncated", fields=len(cells), header=self.where(self.header_line or 0),
                                  named=named), where=self.where(line))
            return
        if len(cells) < named:
            self.warnings.add(msg("warn.bill.row_short", fields=len(cells), named=named), where=self.where(line))
        self.rows_seen += 1
        limit = self.options.max_rows
        if limit is not None and self.first_kept is None and len(self.transactions) >= limit:
            self.first_kept = len(self.transactions)
        disputed = False
        if self.first_kept is not None and self._disputed_ids:
            ids = {_id_text(self._cell(cells, name), None, None) for name in ("transaction_id", "merchant_order")}
            disputed = bool(ids & self._disputed_ids)
        if self.first_kept is None or (disputed and len(self.transactions) - self.first_kept < MAX_EXTRA_KEPT):
            transaction = self._transaction(line, cells)
            self.transactions.append(transaction)
            amount = Decimal(transaction["amount"]) if transaction["amount"] is not None else None
            self._count(transaction["direction"], amount, transaction["disputed"])
            return
        # Past the cap: the row is counted and summed, not kept.
        raw_amount = self._cell(cells, "amount")
        amount = parse_amount(raw_amount)
        if amount is None:
            self.warnings.add(msg("warn.bill.amount", value=repr(clip(clean_cell(raw_amount), 40))),
                              where=self.where(line))
        self._count(clean_cell(self._cell(cells, "direction")), amount, disputed)

    def _count(self, direction: str, amount: Decimal | None, disputed: bool) -> None:
        self.disputed_seen += disputed
        if amount is not None:
            key = direction or "未标明"
            self.sums[key] = self.sums.get(key, Decimal("0.00")) + amount

    def _transaction(self, line: int, cells: list[Any]) -> dict[str, Any]:
        raw_time = self._cell(cells, "time")
        if not clean_cell(raw_time) and "time_fallback" in self.columns:
            raw_time = self._cell(cells, "time_fallback")
        moment = parse_local_time(raw_time)
        if moment is None:
            self.warnings.add(msg("warn.bill.time", value=repr(clip(clean_cell(raw_time), 40))), where=self.where(line))
        raw_amount = self._cell(cells, "amount")
        amount = parse_amount(raw_amount)
        if amount is None:
            self.warnings.add(msg("warn.bill.amount", value=repr(clip(clean_cell(raw_amount), 40))),
                              where=self.where(line))
        transaction_id = _id_text(self._cell(cells, "transaction_id"), self.warnings, self.where(line))
        merchant_order = _id_text(self._cell(cells, "merchant_order"), self.warnings, self.where(line))

        def text(field_name: str) -> str:
            return clip(clean_cell(self._cell(cells, field_name)), MAX_CELL_CHARS)

        return {
            "time": iso(moment) if moment else None,
            "type": text("type"),
            "counterparty": text("counterparty"),
            "counterparty_account": text("counterparty_account"),
            "item": text("item"),
            "direction": text("direction"),
            "amount": format_amount(amount) if amount is not None else None,
            "method": text("method"),
            "status": text("status"),
            "transaction_id": clip(transaction_id, MAX_CELL_CHARS),
            "merchant_order": clip(merchant_order, MAX_CELL_CHARS),
            "note": text("note"),
            "line": line,
            **({"sheet": self.sheet} if self.sheet is not None else {}),
            "disputed": bool({transaction_id, merchant_order} & self._disputed_ids),
        }

    def facts(self, format_name: str, encoding: str | None) -> dict[str, Any]:
        """The bill's facts; call after the last row. Adds the closing warnings."""
        if not self.found_header:
            wanted = "; ".join("/".join(FIELD_COLUMNS[f]) for f in REQUIRED_FIELDS)
            where = msg(f"warn.where.{self.row_word}s", last=self.last_line)
            if encoding:
                self.warnings.add(msg("warn.bill.no_header_encoding", columns=wanted, encoding=encoding), where=where)
            else:
                self.warnings.add(msg("warn.bill.no_header", columns=wanted), where=where)
        if self.first_kept is not None:
            extra = len(self.transactions) - self.first_kept
            self.warnings.add(msg("warn.bill.capped_disputed" if extra else "warn.bill.capped",
                                  first=self.first_kept, total=self.rows_seen, extra=extra))
        stated_count = self.stated.get("count")
        if isinstance(stated_count, int) and self.found_header:
            if stated_count != self.rows_seen:
                self.warnings.add(msg("warn.bill.count_mismatch", stated=stated_count, read=self.rows_seen))
        facts: dict[str, Any] = {
            "format": format_name,
            "encoding": encoding,
            "account": self.preamble.get("account"),
            "name": self.preamble.get("name"),
            "period": self.preamble.get("period"),
            "header_line": self.first_header_line,
            "transactions": self.transactions,
            "truncated": ({"first": self.first_kept, "total": self.rows_seen}
                          if self.first_kept is not None else None),
            "totals": self._totals(),
        }
        if "exported_at" in self.preamble:
            facts["exported_at"] = self.preamble["exported_at"]
        return facts

    def _totals(self) -> dict[str, Any]:
        """Over every row read, kept in ``transactions`` or not."""
        totals: dict[str, Any] = {
            "count": self.rows_seen,
            "disputed": self.disputed_seen,
            "by_direction": {key: format_amount(value) for key, value in sorted(self.sums.items())},
        }
        if self.stated:
            totals["stated"] = self.stated
        return totals


def _id_text(value: Any, warnings: Warnings | None, where: Message | None) -> str:
    """An order number as text. Numbers from a spreadsheet lose digits past 15-16, so say so."""
    if isinstance(value, float):
        if value.is_integer():
            if warnings is not None:
                warnings.add(msg("warn.bill.id_as_number", number=int(value)), where=where)
            return str(int(value))
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return clean_cell(value)


def read_rows(reader: BillReader, rows: Iterable[tuple[int, list[Any]]]) -> None:
    """Feed every row to ``reader``, stopping early when no header is coming."""
    for line, cells in rows:
        reader.feed(line, cells)
        if reader.gave_up:
            break
