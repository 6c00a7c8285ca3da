"""Alipay and WeChat Pay bills: exact values parsed from the fixtures and from awkward variants."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from evidencekit.extract import ExtractOptions, extract
from evidencekit.extract.bills import extract_bill

DISPUTED = ExtractOptions(disputed_ids=frozenset({"2025031222001400000001", "CZ2025032000001"}))


def by_id(facts: dict, transaction_id: str) -> dict:
    return next(t for t in facts["transactions"] if t["transaction_id"] == transaction_id)


def test_alipay_2023_layout(fixture_path) -> None:
    result = extract_bill(fixture_path("alipay_2023.csv"), "text/plain", DISPUTED)
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "alipay-2023"
    assert facts["encoding"] == "gb18030"
    assert facts["account"] == "zhang***@example.com"
    assert facts["name"] == "张三"
    assert facts["period"] == {"start": "2025-03-01T00:00:00+08:00", "end": "2025-03-31T23:59:59+08:00"}
    assert facts["header_line"] == 18
    assert len(facts["transactions"]) == 4
    first = facts["transactions"][0]
    assert first == {
        "time": "2025-03-12T20:15:03+08:00",
        "type": "充值缴费",
        "counterparty": "示例游戏科技有限公司",
        "counterparty_account": "pay***@example.com",
        "item": "点券充值",
        "direction": "支出",
        "amount": "218.00",
        "method": "招商银行储蓄卡(1234)",
        "status": "交易成功",
        "transaction_id": "2025031222001400000001",
        "merchant_order": "GM20250312000001",
        "note": "",
        "line": 19,
        "disputed": True,
    }
    closed = by_id(facts, "2025031520004000000002")
    assert closed["merchant_order"] == "" and closed["disputed"] is False and closed["status"] == "交易关闭"
    assert by_id(facts, "2025032020001000000004")["amount"] == "1000.00"  # "1,000.00" in the file
    assert by_id(facts, "2025031822001400000003")["direction"] == "收入"
    assert facts["totals"]["by_direction"] == {"不计收支": "1000.00", "支出": "268.00", "收入": "19.90"}
    assert facts["totals"]["disputed"] == 1
    assert facts["totals"]["stated"]["count"] == 4


def test_amounts_add_up_as_decimals(fixture_path) -> None:
    facts = extract_bill(fixture_path("alipay_2023.csv"), "", ExtractOptions()).facts
    spent = sum(Decimal(t["amount"]) for t in facts["transactions"] if t["direction"] == "支出")
    assert spent == Decimal("268.00")


def test_disputed_by_merchant_order_only(fixture_path) -> None:
    options = ExtractOptions(disputed_ids=frozenset({"GM20250312000001"}))
    facts = extract_bill(fixture_path("alipay_2023.csv"), "", options).facts
    assert [t["disputed"] for t in facts["transactions"]] == [True, False, False, False]


def test_nothing_disputed_without_ids(fixture_path) -> None:
    facts = extract_bill(fixture_path("alipay_2023.csv"), "", ExtractOptions()).facts
    assert not any(t["disputed"] for t in facts["transactions"])


def test_alipay_legacy_layout(fixture_path) -> None:
    result = extract_bill(fixture_path("alipay_legacy.csv"), "text/plain", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "alipay-legacy"
    assert facts["account"] == "faker@example.com"
    assert facts["period"]["end"] == "2019-10-01T00:00:00+08:00"
    lunch, unpaid = facts["transactions"]
    assert lunch["transaction_id"] == "2019093022001" and lunch["merchant_order"] == "S0001"
    assert lunch["amount"] == "27.00" and lunch["item"] == "午餐" and lunch["type"] == "即时到账交易"
    # No 付款时间 on an unpaid order: the creation time stands in.
    assert unpaid["time"] == "2019-09-29T08:00:01+08:00"
    assert unpaid["note"] == "未付款" and unpaid["direction"] == ""
    # The footer is read as totals, not as transactions.
    assert facts["totals"]["stated"]["支出"] == {"count": 1, "amount": "27.00"}


def test_wechat_csv(fixture_path) -> None:
    result = extract_bill(fixture_path("wechat_bill.csv"), "text/csv", DISPUTED)
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "wechat-csv"
    assert facts["encoding"] == "utf-8-sig"
    assert facts["name"] == "测试用户"
    assert facts["header_line"] == 17
    first = facts["transactions"][0]
    assert first["transaction_id"] == "4200000000202503200000000001"
    assert first["merchant_order"] == "CZ2025032000001"
    assert first["amount"] == "100.00" and first["note"] == ""
    assert first["disputed"] is True
    transfer = facts["transactions"][1]
    assert transfer["status"] == "对方已收钱" and transfer["merchant_order"] == "" and not transfer["disputed"]
    assert [t["amount"] for t in facts["transactions"]] == ["100.00", "20.00", "5.00"]


def test_wechat_xlsx_header_on_row_18_amount_as_number(fixture_path) -> None:
    result = extract_bill(fixture_path("wechat_bill.xlsx"), "application/zip", DISPUTED)
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "wechat-xlsx"
    assert facts["header_line"] == 18
    assert [t["amount"] for t in facts["transactions"]] == ["100.00", "20.00", "5.00"]
    assert facts["transactions"][0]["line"] == 19
    assert facts["transactions"][0]["time"] == "2025-03-20T14:02:33+08:00"
    assert facts["transactions"][0]["disputed"] is True


def test_xlsx_with_real_datetimes_and_numeric_ids(tmp_path: Path) -> None:
    from datetime import datetime

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["微信支付账单明细"])
    sheet.append(["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号", "商户单号", "备注"])
    sheet.append([datetime(2025, 3, 20, 14, 2, 33), "商户消费", "店", "货", "支出", 12.5, "零钱", "支付成功", 4200000000, "/", "/"])
    path = tmp_path / "bill.xlsx"
    workbook.save(path)
    facts = extract_bill(path, "", ExtractOptions(disputed_ids=frozenset({"4200000000"}))).facts
    (row,) = facts["transactions"]
    assert row["time"] == "2025-03-20T14:02:33+08:00"
    assert row["amount"] == "12.50"
    assert row["transaction_id"] == "4200000000" and row["disputed"] is True


def test_header_found_by_name_wherever_the_columns_are(tmp_path: Path) -> None:
    # china_bean_importers documents another column order: 收/支 first, 交易时间 last.
    text = (
        "支付宝交易明细\n"
        "收/支,交易对方,商品说明,金额,交易状态,交易订单号,商家订单号,交易分类,交易时间\n"
        "支出,示例店,商品,9.90,交易成功,2025010100001\t,M1\t,日用百货,2025-01-01 08:00:00\n"
    )
    path = tmp_path / "reordered.csv"
    path.write_bytes(text.encode("gb18030"))
    facts = extract_bill(path, "", ExtractOptions()).facts
    (row,) = facts["transactions"]
    assert (row["time"], row["amount"], row["transaction_id"], row["type"]) == (
        "2025-01-01T08:00:00+08:00", "9.90", "2025010100001", "日用百货")
    assert facts["format"] == "alipay-2021"  # 收/支 first, 交易时间 last: the app's layout of 2021


def test_max_rows_caps_and_says_so(fixture_path) -> None:
    result = extract_bill(fixture_path("alipay_2023.csv"), "", ExtractOptions(max_rows=2))
    assert len(result.facts["transactions"]) == 2
    assert any("only the first 2 of 4" in w for w in result.warnings)


def test_large_bill_streams(tmp_path: Path) -> None:
    header = "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n"
    rows = "".join(
        f"2025-03-20 14:{n // 60 % 60:02d}:{n % 60:02d},商户消费,店,货,支出,¥1.00,零钱,支付成功,{4200000000000 + n}\t,/,/\n"
        for n in range(3000)
    )
    path = tmp_path / "big.csv"
    path.write_text("微信支付账单明细\n" + header + rows, encoding="utf-8-sig")
    facts = extract(path, "text/csv", "bill").facts
    assert facts["totals"]["count"] == 3000
    assert facts["totals"]["by_direction"] == {"支出": "3000.00"}
    assert facts["transactions"][-1]["line"] == 3002


# ----------------------------------------------------------------------------- malformed

def test_truncated_csv_warns_with_line(fixture_path) -> None:
    result = extract_bill(fixture_path("malformed_alipay_truncated.csv"), "text/plain", ExtractOptions())
    assert len(result.facts["transactions"]) == 1
    assert "malformed_alipay_truncated.csv line 20: row has 5 fields where the header (line 18) has 12" in result.warnings[0]
    assert any("says it holds 4 transactions but 1 were read" in w for w in result.warnings)


def test_bad_amount_warns_with_line_and_keeps_row(fixture_path) -> None:
    result = extract_bill(fixture_path("malformed_alipay_bad_amount.csv"), "text/plain", ExtractOptions())
    assert result.warnings == ["malformed_alipay_bad_amount.csv line 20: amount 'abc' is not a number"]
    assert result.facts["transactions"][1]["amount"] is None
    assert result.facts["transactions"][1]["transaction_id"] == "2025031520004000000002"


def test_wrong_encoding_line_reported(fixture_path) -> None:
    result = extract_bill(fixture_path("malformed_wechat_wrong_encoding.csv"), "text/csv", ExtractOptions())
    assert result.facts["encoding"] == "utf-8-sig"
    assert "malformed_wechat_wrong_encoding.csv line 19: bytes that are not valid utf-8-sig were replaced" in result.warnings
    # The other rows are intact.
    assert result.facts["transactions"][0]["counterparty"] == "示例充值平台"
    assert result.facts["transactions"][2]["amount"] == "5.00"


def test_headerless_xlsx_warns(fixture_path) -> None:
    result = extract_bill(fixture_path("malformed_headerless.xlsx"), "application/zip", ExtractOptions())
    assert result.facts["transactions"] == []
    assert result.warnings[0].startswith("malformed_headerless.xlsx rows 1-3: no header row")


def test_broken_xlsx_and_plain_zip(tmp_path: Path) -> None:
    import zipfile

    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-xml")
    result = extract(broken, "application/zip", "bill")
    assert any(w.startswith("broken.xlsx") for w in result.warnings)
    archive_path = tmp_path / "alipay_record_20250401.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("alipay_record.csv", "x")
    assert "a zip archive, not a bill" in extract(archive_path, "application/zip", "bill").warnings[0]


def test_gbk_file_read_as_utf8_would_find_no_header(tmp_path: Path, fixture_path) -> None:
    # A bill whose bytes are neither: garbage where the header should be.
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(128, 256)) * 20)
    result = extract(path, "application/octet-stream", "bill")
    assert result.facts["transactions"] == []
    assert any("garbage.csv lines 1-" in w and "no header row" in w for w in result.warnings)
