"""Alipay transaction exports (支付宝交易流水), GBK/GB18030 CSV.

Three layouts: the 2023+ one, whose table follows who, which account and period, and a line
``----支付宝（中国）网络技术有限公司  电子客户回单----``; the app's of 2021, which starts with
that line, puts 收/支 first and 交易时间 last, and who, which account and period in a footer
(``导出信息：``); and the old PC one headed
``支付宝交易记录明细查询`` with a ``交易记录明细列表`` delimiter and a footer of totals.
Both pad fields with spaces and end order numbers with a TAB; the shared table reader
copes with that. This module only tells the layouts apart.
"""

from __future__ import annotations

from evidencekit.extract.bill_table import BillReader

MODERN_MARKER = "电子客户回单"
LEGACY_MARKERS = ("支付宝交易记录明细查询", "交易记录明细列表")


def alipay_format(reader: BillReader) -> str | None:
    """'alipay-2023', 'alipay-2021', 'alipay-legacy', or None when the rows are not an Alipay bill."""
    header = set(reader.bill_header or ())
    if MODERN_MARKER in reader.markers or {"交易订单号", "交易分类"} <= header:
        first = next((name for name in reader.bill_header or () if name), "")
        return "alipay-2021" if reader.footer_labels or first == "收/支" else "alipay-2023"
    if any(marker in reader.markers for marker in LEGACY_MARKERS) or {"交易号", "商家订单号"} <= header:
        return "alipay-legacy"
    return None
