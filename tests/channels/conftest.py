"""A complete case that satisfies every channel, and helpers to break it one way at a time."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from evidencekit.case import CaseFile, parse_case

TODAY = date(2025, 4, 1)

FULL_CASE = '''
[case]
title = "支付宝充值未到账"
problem = "topup_not_credited"
channel = "pboc"
amount = "218.00"
occurred_at = 2025-03-12T20:15:03
facts = """2025年3月12日20:15，我通过支付宝向示例游戏充值218.00元，交易单号2025031222001400000001，
支付成功但点券未到账。我的电话13800138000。"""
demand = "请求退还充值款218.00元，或补发相应点券。"

[complainant]
name = "张三"
id_number = "110101199003071234"
phone = "13800138000"
address = "北京市朝阳区建国路1号"
account = "zhang@example.com"

[respondent]
name = "支付宝（中国）网络技术有限公司"
credit_code = "91310115MA1K00000X"
address = "上海市浦东新区某路1号"

[[transactions]]
id = "2025031222001400000001"
merchant_order = "GM20250312000001"
time = "2025-03-12 20:15:03"
amount = "218.00"
counterparty = "示例游戏科技有限公司"
disputed = true

[[contacts]]
date = 2025-03-13
channel = "platform"
ticket = "CS2025031300012"
summary = "客服称48小时内处理"
outcome = "unresolved"

[[evidence]]
path = "screens/1.png"
source = "支付宝App 账单详情截图"
proves = "充值成功但余额未增加"

[[evidence]]
path = "bills/alipay.csv"
source = "支付宝App 开具交易流水证明"
proves = "争议交易的时间、金额和单号"

[[evidence]]
path = "calls/客服.m4a"
source = "本人手机通话录音"
proves = "客服承诺48小时内处理"

[[evidence]]
path = "chats/客服.txt"
source = "支付宝在线客服聊天导出"
proves = "与客服交涉经过"
'''


def item(ident: str, path: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"id": ident, "path": path, "kind": kind, "mime": "application/octet-stream", "size": 10,
            "facts": {}, "warnings": [], "provenance": None, "captured_at": None, **extra}


FULL_ITEMS = [
    item("E01", "screens/1.png", "screenshot"),
    item("E02", "bills/alipay.csv", "bill"),
    item("E03", "calls/客服.m4a", "recording"),
    item("E04", "chats/客服.txt", "chat"),
]


def full_case() -> CaseFile:
    return parse_case(FULL_CASE)


#: A respondent each channel is competent for: the full case complains about 支付宝, which
#: 12378 and 12315 do not take (2024-06-28 announcement; SAMR measures Art. 15(1)).
BANK = {"name": "招商银行股份有限公司信用卡中心", "credit_code": "9131000010000000XX", "address": "上海市浦东新区某路7号"}
MERCHANT = {"name": "示例游戏科技有限公司", "credit_code": "91440300MA5F00000X", "address": "深圳市南山区某路2号"}
RESPONDENT_FOR = {"nfra": BANK, "consumer": MERCHANT}


#: The police take theft and fraud, not a civil top-up dispute (MPS Art. 175).
PROBLEM_FOR = {"police": "fraud"}


def for_channel(case: CaseFile, channel_id: str) -> CaseFile:
    """The case with a respondent the channel takes complaints against, and a problem it handles."""
    if channel_id in RESPONDENT_FOR:
        case = edited(case, respondent=dict(RESPONDENT_FOR[channel_id]))
    if channel_id in PROBLEM_FOR:
        case = edited(case, **{"case.problem": PROBLEM_FOR[channel_id]})
    return case


def edited(case: CaseFile, **changes: Any) -> CaseFile:
    """A copy with dotted paths set (None deletes): edited(c, **{"complainant.phone": None})."""
    data = copy.deepcopy(case.data)
    for dotted, value in changes.items():
        parts = dotted.split(".")
        node = data
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        if value is None:
            node.pop(parts[-1], None)
        else:
            node[parts[-1]] = value
    return CaseFile(data=data)


@pytest.fixture
def case() -> CaseFile:
    return full_case()


@pytest.fixture
def items() -> list[dict[str, Any]]:
    return copy.deepcopy(FULL_ITEMS)
