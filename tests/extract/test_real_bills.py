"""Issue 11: bills that lost their header or rows — the 2021 支付宝 app layout with its footer,
legacy 支付宝 times, and workbooks with more than one sheet."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from evidencekit.extract import ExtractOptions
from evidencekit.extract.bills import extract_bill
from evidencekit.extract.sniff import sniff_kind
from evidencekit.sniff import detect_mime
from tests.extract.real_exports import ALIPAY_2021

WECHAT_HEADER = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号",
                 "商户单号", "备注"]


def test_the_2021_alipay_app_layout_reads_its_footer(tmp_path: Path) -> None:
    path = tmp_path / "alipay_record_20210619_0310_1.csv"
    path.write_bytes(ALIPAY_2021.replace("\n", "\r\n").encode("gb18030"))
    assert sniff_kind(path, detect_mime(path)) == "bill"
    result = extract_bill(path, "text/plain", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "alipay-2021"
    assert (facts["name"], facts["account"]) == ("张三", "zhang***@example.com")
    assert facts["period"] == {"start": "2021-05-19T00:00:00+08:00", "end": "2021-06-19T23:59:59+08:00"}
    assert facts["exported_at"] == "2021-06-19T03:10:16+08:00"
    assert facts["header_line"] == 2
    paid, refund = facts["transactions"]
    assert (paid["time"], paid["amount"], paid["transaction_id"], paid["merchant_order"]) == (
        "2021-06-14T20:15:03+08:00", "218.00", "2021061422001400000001", "GM20210614000001")
    assert (refund["direction"], refund["amount"]) == ("其他", "19.90")
    assert facts["totals"]["stated"]["其他"] == {"count": 1, "amount": "19.90"}


def test_legacy_alipay_time_is_when_the_transaction_was_created(tmp_path: Path) -> None:
    text = (
        "支付宝交易记录明细查询\n"
        "账号:[faker@example.com]\n"
        "起始日期:[2019-08-01 00:00:00]    终止日期:[2019-10-01 00:00:00]\n"
        "---------------------------------交易记录明细列表------------------------------------\n"
        "交易号              ,商家订单号               ,交易创建时间              ,付款时间                ,"
        "最近修改时间              ,交易来源地     ,类型              ,交易对方            ,商品名称                ,"
        "金额（元）   ,收/支     ,交易状态    ,服务费（元）   ,成功退款（元）  ,备注                  ,资金状态     ,\n"
        "2019093022001\t,S0001\t,2019-09-30 13:11:25 ,2019-09-30 13:14:02 ,2019-09-30 13:14:02 ,淘宝          ,"
        "即时到账交易          ,示例餐厅            ,午餐                  ,27.00       ,支出      ,交易成功    ,"
        "0.00         ,0.00         ,                    ,已支出      ,\n"
        "------------------------------------------------------------------------------------\n"
        "共1笔记录\n"
        "已支出:1笔,27.00元\n"
        "导出时间:[2019-10-01 10:00:00]    用户:示例用户\n"
    )
    path = tmp_path / "alipay_record_legacy.csv"
    path.write_bytes(text.encode("gb18030"))
    result = extract_bill(path, "text/plain", ExtractOptions())
    facts = result.facts
    assert result.warnings == []
    assert facts["format"] == "alipay-legacy"
    (lunch,) = facts["transactions"]
    assert lunch["time"] == "2019-09-30T13:11:25+08:00"  # 交易创建时间, not 付款时间 13:14:02
    assert (facts["exported_at"], facts["name"]) == ("2019-10-01T10:00:00+08:00", "示例用户")


def test_every_sheet_of_a_workbook_is_read_and_said(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    march = workbook.active
    march.title = "2025-03"
    march.append(["微信支付账单明细"])
    march.append(["微信昵称：[测试用户]"])
    march.append(WECHAT_HEADER)
    march.append(["2025-03-20 14:02:33", "商户消费", "示例充值平台", "点券", "支出", 100, "零钱", "支付成功",
                  "4200000000202503200000000001", "CZ2025032000001", "/"])
    april = workbook.create_sheet("2025-04")
    april.append(WECHAT_HEADER)
    april.append(["2025-04-02 09:00:00", "转账", "李四", "/", "支出", 20, "零钱", "对方已收钱",
                  "1000050001202504020000000002", "/", "/"])
    april.append(["2025-04-03 10:00:00", "退款", "示例商城", "/", "收入", 5, "零钱", "已全额退款",
                  "4200000000202504030000000003", "T20250403", "/"])
    notes = workbook.create_sheet("我的备注")
    notes.append(["3月20日充值后没到账，客服说等三天"])
    notes.append(["4月3日退了5元，不是这笔"])
    path = tmp_path / "微信支付账单(20250301-20250430).xlsx"
    workbook.save(path)
    assert sniff_kind(path, detect_mime(path)) == "bill"
    result = extract_bill(path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ExtractOptions())
    facts = result.facts
    assert facts["format"] == "wechat-xlsx"
    assert [t["amount"] for t in facts["transactions"]] == ["100.00", "20.00", "5.00"]
    assert [t["sheet"] for t in facts["transactions"]] == ["2025-03", "2025-04", "2025-04"]
    assert facts["sheets"] == [{"name": "2025-03", "rows": 4, "transactions": 1},
                               {"name": "2025-04", "rows": 3, "transactions": 2},
                               {"name": "我的备注", "rows": 2, "transactions": 0}]
    assert facts["header_line"] == 3 and facts["name"] == "测试用户"
    assert result.warnings == [
        "微信支付账单(20250301-20250430).xlsx: sheet “我的备注” has 2 rows but no bill header: not read as "
        "transactions (see the attached original)"]


def test_a_bill_on_the_second_sheet_is_still_a_bill(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["本文件由微信支付导出"])
    bill = workbook.create_sheet("账单")
    bill.append(WECHAT_HEADER)
    bill.append(["2025-03-20 14:02:33", "商户消费", "示例充值平台", "点券", "支出", 100, "零钱", "支付成功",
                 "4200000000202503200000000001", "CZ2025032000001", "/"])
    path = tmp_path / "账单.xlsx"
    workbook.save(path)
    assert sniff_kind(path, detect_mime(path)) == "bill"
    facts = extract_bill(path, "", ExtractOptions()).facts
    assert [t["transaction_id"] for t in facts["transactions"]] == ["4200000000202503200000000001"]
    assert facts["transactions"][0]["sheet"] == "账单"
