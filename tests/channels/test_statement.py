"""The complaint statement: order per channel, masking on public channels, lint."""

from __future__ import annotations

import json
from typing import Any

import pytest

from evidencekit.channels import check_case
from evidencekit.privacy import (
    mask_account,
    mask_address,
    mask_id_number,
    mask_name,
    mask_order_number,
    mask_personal,
    mask_phone,
)
from evidencekit.statement import build_statement
from evidencekit.statement_lint import lint_statement

from .conftest import FULL_ITEMS, TODAY, edited, full_case, item

BODY = ["transactions", "contacts", "evidence", "closing"]


@pytest.mark.parametrize("channel_id, order", [
    ("consumer", ["complainant", "respondent", "demand", "facts", *BODY]),  # SAMR Art. 9 order
    ("pboc", ["complainant", "respondent", "demand", "facts", *BODY]),
    ("nfra", ["complainant", "respondent", "demand", "facts", *BODY]),
    ("court", ["complainant", "respondent", "demand", "facts", *BODY]),
    ("platform", ["complainant", "respondent", "facts", "transactions", "demand", "contacts", "evidence", "closing"]),
    ("police", ["complainant", "respondent", "facts", "transactions", "demand", "contacts", "evidence", "closing"]),
    ("social", ["respondent", "problem", "demand", "amount", "facts", *BODY]),
])
def test_section_order_per_channel(channel_id, order):
    statement = build_statement(full_case(), FULL_ITEMS, channel_id, TODAY)
    assert statement.keys() == order


def test_consumer_statement_content():
    statement = build_statement(full_case(), FULL_ITEMS, "consumer", TODAY)
    assert statement.title == "投诉书"
    complainant = statement.section("complainant")
    assert complainant is not None
    assert complainant.paragraphs[:3] == ("姓名：张三", "身份证号：110101199003071234", "联系电话：13800138000")
    assert statement.section("demand").heading == "投诉请求"  # type: ignore[union-attr]
    assert statement.section("facts").heading == "消费者权益争议事实"  # type: ignore[union-attr]
    transactions = statement.section("transactions")
    assert transactions.rows == (("2025年3月12日 20:15:03", "2025031222001400000001", "GM20250312000001",  # type: ignore[union-attr]
                                  "示例游戏科技有限公司", "218.00", "", ""),)
    assert transactions.table_header == ("交易时间", "交易单号", "商户单号", "交易对方", "金额（元）", "状态", "证据")  # type: ignore[union-attr]
    contacts = statement.section("contacts")
    assert contacts.rows[0][:3] == ("2025年3月13日", "平台或银行客服", "CS2025031300012")  # type: ignore[union-attr]
    assert contacts.table_header[3] == "经过及答复"  # type: ignore[union-attr]
    evidence = statement.section("evidence")
    assert evidence.paragraphs[0] == "详见证据清单（E01–E04），共 4 件，均附于本证据包。"  # type: ignore[union-attr]
    assert evidence.rows[1] == ("E02", "bill", "支付宝App 开具交易流水证明", "争议交易的时间、金额和单号")  # type: ignore[union-attr]
    # the signature line is left blank for a hand signature
    assert statement.section("closing").paragraphs[-2:] == ("投诉人（签名）：" + "\u3000" * 6, "2025年4月1日")  # type: ignore[union-attr]
    assert statement.masked is False
    json.dumps(statement.to_dict(), ensure_ascii=False)


SCREEN_ID = "4200002520250318123456780003"


def _screen(ident: str, **fields: Any) -> dict[str, Any]:
    screen = {"app": "wechat", "screen": "bill-detail", "txn_id": SCREEN_ID, "merchant_order": "SC20250318000003",
              "amount": "88.00", "direction": "out", "currency": "CNY", "time": "2025-03-18T12:40:55+08:00",
              "status": "支付成功", "counterparty": "示例游戏", "method": "零钱", "low_confidence": [],
              "confidence": {}}
    screen.update(fields)
    return item(ident, f"screens/{ident}.jpg", "screenshot", facts={"screen": screen})


def _without_transactions() -> Any:
    case = edited(full_case())
    case.data.pop("transactions", None)
    return case


def test_a_transaction_known_only_from_a_screenshot_is_in_the_table():
    """No [[transactions]] in case.toml: the screenshots' transactions are the ones at issue, with
    the exhibit that shows each, and a field read with low confidence marked, not trusted."""
    items = [*FULL_ITEMS[1:], _screen("E05", low_confidence=["status"])]
    statement = build_statement(_without_transactions(), items, "consumer", TODAY)
    rows = statement.section("transactions").rows  # type: ignore[union-attr]
    assert rows == (("2025年3月18日 12:40:55", SCREEN_ID, "SC20250318000003", "示例游戏", "88.00",
                     "支付成功（识别存疑）", "E05"),)
    english = build_statement(_without_transactions(), items, "consumer", TODAY, lang="en")
    assert english.section("transactions").rows[0][5:] == ("支付成功 (uncertain reading)", "E05")  # type: ignore[union-attr]
    # two screenshots of it: one row, both exhibits; the confident reading wins over the unsure one
    items.append(_screen("E06", amount="86.00", low_confidence=["amount"]))
    rows = build_statement(_without_transactions(), items, "consumer", TODAY).section("transactions").rows  # type: ignore[union-attr]
    assert [row[4:] for row in rows] == [("88.00", "支付成功", "E05、E06")]


def test_a_declared_transaction_is_completed_from_its_exhibits():
    case = edited(full_case())
    case.data["transactions"] = [{"id": SCREEN_ID, "disputed": True}]
    items = [*FULL_ITEMS, _screen("E05", amount="88.00", low_confidence=["amount"]),
             item("E06", "bills/wechat.csv", "bill", facts={"transactions": [
                 {"transaction_id": SCREEN_ID, "amount": "88.00", "time": "2025-03-18 12:40:55",
                  "status": "支付成功", "counterparty": "示例游戏"}]})]
    rows = build_statement(case, items, "consumer", TODAY).section("transactions").rows  # type: ignore[union-attr]
    # the bill's amount is certain, the screen's is not: the bill's is shown, unmarked
    assert rows == (("2025年3月18日 12:40:55", SCREEN_ID, "SC20250318000003", "示例游戏", "88.00", "支付成功",
                     "E05、E06"),)
    # only the unsure reading: shown, marked
    rows = build_statement(case, items[:-1], "consumer", TODAY).section("transactions").rows  # type: ignore[union-attr]
    assert rows[0][4:] == ("88.00（识别存疑）", "支付成功", "E05")


def test_a_public_statement_shortens_screen_ids_and_names_no_payee():
    items = [*FULL_ITEMS, _screen("E05")]
    text = build_statement(_without_transactions(), items, "social", TODAY)
    rows = text.section("transactions").rows  # type: ignore[union-attr]
    assert rows == (("2025年3月18日 12:40:55", "4200********************0003", "SC20********0003", "", "88.00",
                     "支付成功", "E05"),)
    assert SCREEN_ID not in text.to_text()


def test_court_statement_is_a_statement_of_claim():
    statement = build_statement(full_case(), FULL_ITEMS, "court", TODAY)
    assert statement.title == "民事起诉状"
    headings = [s.heading for s in statement.sections]
    assert headings[:4] == ["原告", "被告", "诉讼请求", "事实与理由"]
    assert "证据和证据来源" in headings
    closing = statement.section("closing").paragraphs  # type: ignore[union-attr]
    assert closing[0] == "此致" and closing[1].endswith("人民法院")
    assert closing[2] == "具状人（签名）：" + "\u3000" * 6
    assert statement.annex == "附：本起诉状副本 1 份"
    assert statement.section("complainant").paragraphs == (  # type: ignore[union-attr]
        "张三，住北京市朝阳区建国路1号，公民身份号码110101199003071234，联系电话13800138000。",)
    assert statement.section("respondent").paragraphs == (  # type: ignore[union-attr]
        "支付宝（中国）网络技术有限公司，住所地上海市浦东新区某路1号，统一社会信用代码91310115MA1K00000X。",)
    full = edited(full_case(), **{"complainant.gender": "男", "complainant.birth_date": "1990-03-07",
                                  "complainant.ethnicity": "汉族", "complainant.occupation": "职员",
                                  "respondent.legal_representative": "王某"})
    statement = build_statement(full, FULL_ITEMS, "court", TODAY)
    assert statement.section("complainant").paragraphs[0].startswith(  # type: ignore[union-attr]
        "张三，男，1990年3月7日出生，汉族，职员，住北京市朝阳区建国路1号，公民身份号码")
    assert statement.section("respondent").paragraphs[-1] == "法定代表人：王某。"  # type: ignore[union-attr]
    assert "账户" not in statement.to_text().split("诉讼请求")[0]  # the wallet account is no 起诉状 item


def test_regulator_statement_closes_with_the_truthfulness_line():
    text = build_statement(full_case(), FULL_ITEMS, "pboc", TODAY).to_text()
    assert "本人对所提供材料内容的真实性负责。" in text
    assert text.index("投诉请求") < text.index("事实和理由")


def test_police_statement():
    statement = build_statement(full_case(), FULL_ITEMS, "police", TODAY)
    assert statement.title == "报案材料"
    assert statement.section("respondent").heading == "涉案对象"  # type: ignore[union-attr]
    assert "受案回执" in statement.to_text()


def test_social_statement_is_masked():
    statement = build_statement(full_case(), FULL_ITEMS, "social", TODAY)
    text = statement.to_text()
    assert statement.masked
    assert [s.heading for s in statement.sections[:4]] == ["投诉对象", "投诉问题", "投诉要求", "涉诉金额"]
    assert statement.section("problem").paragraphs == ("充值不到账（支付宝充值未到账）",)  # type: ignore[union-attr]
    assert statement.section("amount").paragraphs == ("218.00 元",)  # type: ignore[union-attr]
    for secret in ("张三", "13800138000", "110101199003071234", "建国路", "zhang@example.com",
                   "2025031222001400000001", "GM20250312000001"):
        assert secret not in text, secret
    assert "138****8000" in text  # the phone in the facts, masked
    assert statement.signature == "" and "签名" not in text  # a public post carries no signature line


def test_public_case_is_masked_on_any_channel():
    statement = build_statement(edited(full_case(), **{"case.public": True}), FULL_ITEMS, "platform", TODAY)
    assert statement.masked and "13800138000" not in statement.to_text()


def test_english_statement():
    statement = build_statement(full_case(), FULL_ITEMS, "court", TODAY, lang="en")
    assert statement.title == "Statement of claim"
    assert [s.heading for s in statement.sections[:2]] == ["Plaintiff", "Defendant"]
    assert statement.date == "2025-04-01"


# ------------------------------------------------------------------ masking


def test_mask_helpers():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_name("Zhang San") == "Z**** S**"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_id_number("110101199003071234") == "11**************34"
    assert mask_address("北京市朝阳区建国路1号") == "北京市…"
    assert mask_address("广东省深圳市南山区科技园") == "广东省深圳市…"
    assert mask_account("zhang@example.com") == "z***@example.com"
    assert mask_account("13800138000") == "138****8000"
    assert mask_order_number("2025031222001400000001") == "2025**************0001"


def test_mask_personal_masks_free_text_and_leaves_the_original():
    case = edited(full_case(), **{"complainant.agent": {"name": "李四", "phone": "13900139000"}})
    masked = mask_personal(case)
    assert masked.complainant["name"] == "张*"
    assert masked.complainant["agent"] == {"name": "李*", "phone": "139****9000"}
    assert "13800138000" not in (masked.facts or "") and "138****8000" in (masked.facts or "")
    assert masked.text is None
    assert case.complainant["name"] == "张三"  # the input is untouched
    assert masked.respondent == case.respondent


# ------------------------------------------------------------------ lint


def test_lint_passes_a_specific_case():
    assert lint_statement(full_case()) == []


def test_lint_names_what_the_facts_lack():
    case = edited(full_case(), **{"case.facts": "充值以后一直没有到账，客服也不管。"})
    warnings = lint_statement(case)
    assert warnings == ["事实经过中没有写明金额（如 218.00元）", "事实经过中没有写明时间",
                        "事实经过中没有写明订单号或交易单号"]
    english = lint_statement(case, lang="en")
    assert english[0] == "the facts name no amount (e.g. 218.00 yuan)"


def test_lint_vague_demand_and_missing_amount():
    vague = lint_statement(edited(full_case(), **{"case.demand": "给个说法"}))
    assert any(w.startswith("投诉请求不够具体") for w in vague)
    assert "投诉请求中没有写明金额" in vague
    no_amount = lint_statement(edited(full_case(), **{"case.demand": "请求尽快退还充值款。"}))
    assert no_amount == ["投诉请求中没有写明金额"]
    frozen = edited(full_case(), **{"case.problem": "account_frozen", "case.demand": "请求解冻我的账户。"})
    assert lint_statement(frozen) == []


def test_lint_heated_tone():
    case = edited(full_case(), **{"case.facts": full_case().facts + "垃圾平台！！！"})
    assert "事实经过语气激烈，平和、客观的表述更有效" in lint_statement(case)


def test_lint_surfaces_in_check_as_a_warning():
    case = edited(full_case(), **{"case.demand": "给个说法"})
    result = check_case(case, FULL_ITEMS, "platform", TODAY).by_rule()["statement-specific"]
    assert result.status == "warn"
    assert "投诉请求不够具体" in result.message


def test_lint_flags_relative_dates_and_only_a_standalone_gun():
    yesterday = edited(full_case(), **{"case.facts": full_case().facts + "昨天又打了一次客服电话。"})
    assert "事实经过使用了“昨天”等相对日期，请写明具体日期" in lint_statement(yesterday)
    only_relative = edited(full_case(), **{"case.facts": "今天充值218.00元，订单2025031222001400000001未到账。"})
    assert "事实经过中没有写明时间" in lint_statement(only_relative)  # 今天 is not a date
    loan = edited(full_case(), **{"case.facts": full_case().facts + "借款按利滚利计算，滚动计息。"})
    assert lint_statement(loan) == []
    rude = edited(full_case(), **{"case.demand": "请求退还218.00元，滚！"})
    assert "投诉请求语气激烈" in lint_statement(rude)
    result = check_case(yesterday, FULL_ITEMS, "court", TODAY).by_rule()["statement-calm"]
    assert result.status == "warn" and "第二百一十条" in result.source
