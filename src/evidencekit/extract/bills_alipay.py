"""Alipay transaction exports (支付宝交易流水), GBK/GB18030 CSV.

Two layouts: the 2023+ one, whose table follows a line
``----支付宝（中国）网络技术有限公司  电子客户回单----``, and the old PC one headed
``支付宝交易记录明细查询`` with a ``交易记录明细列表`` delimiter and a footer of totals.
Both pad fields with spaces and end order numbers with a TAB; the shared table reader
copes with that. This module only tells the layouts apart.
"""

from __future__ import annotations

from evidencekit.extract.bill_table import BillReader, normalise_header

MODERN_MARKER = "电子客户回单"
LEGACY_MARKERS = ("支付宝交易记录明细查询", "交易记录明细列表")
SNIFF_MARKERS = (MODERN_MARKER, *LEGACY_MARKERS, "支付宝账户", "交易订单号", "商家订单号")


def alipay_format(reader: BillReader) -> str | None:
    """'alipay-2023', 'alipay-legacy', or None when the rows are not an Alipay bill."""
    header = set(reader.header or ())
    if MODERN_MARKER in reader.markers or {"交易订单号", "交易分类"} <= header:
        return "alipay-2023"
    if any(marker in reader.markers for marker in LEGACY_MARKERS) or {"交易号", "商家订单号"} <= header:
        return "alipay-legacy"
    return None


def looks_like_alipay(text: str) -> bool:
    """For kind sniffing: the start of a file that reads like an Alipay export."""
    header_words = {normalise_header(word) for word in text.replace("\t", ",").split(",")}
    return (
        MODERN_MARKER in text
        or any(marker in text for marker in LEGACY_MARKERS)
        or ({"交易订单号", "收/支"} <= header_words)
        or ({"交易号", "商家订单号", "收/支"} <= header_words)
    )
