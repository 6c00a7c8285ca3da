"""Alipay transaction exports (支付宝交易流水), GBK/GB18030 CSV.

Two layouts: the 2023+ one, whose table follows a line
``----支付宝（中国）网络技术有限公司  电子客户回单----``, and the old PC one headed
``支付宝交易记录明细查询`` with a ``交易记录明细列表`` delimiter and a footer of totals.
Both pad fields with spaces and end order numbers with a TAB; the shared table reader
copes with that. This module only tells the layouts apart.
"""

from __future__ import annotations

from evidencekit.extract.bill_table import BillReader

MODERN_MARKER = "电子客户回单"
LEGACY_MARKERS = ("支付宝交易记录明细查询", "交易记录明细列表")


def alipay_format(reader: BillReader) -> str | None:
    """'alipay-2023', 'alipay-legacy', or None when the rows are not an Alipay bill."""
    header = set(reader.header or ())
    if MODERN_MARKER in reader.markers or {"交易订单号", "交易分类"} <= header:
        return "alipay-2023"
    if any(marker in reader.markers for marker in LEGACY_MARKERS) or {"交易号", "商家订单号"} <= header:
        return "alipay-legacy"
    return None
