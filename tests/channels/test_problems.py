"""Issue 14 items 3 and 4: one demand per addressee, the police gated by problem type, frozen
accounts as three problems, and the new problem types' paths."""

from __future__ import annotations

from datetime import date

import pytest

from evidencekit.case import parse_case
from evidencekit.channels import check_case, compute_escalation
from evidencekit.demands import demand_for
from evidencekit.statement import build_statement

from .conftest import BANK, FULL_ITEMS, MERCHANT, TODAY, edited, full_case

PLATFORM = {"date": "2025-03-13", "channel": "platform", "ticket": "CS1", "outcome": "unresolved"}


def problem(name: str, **changes):  # type: ignore[no-untyped-def]
    return edited(full_case(), **{"case.problem": name}, **changes)


# ------------------------------------------------------------------ the police


@pytest.mark.parametrize("civil", ["topup_not_credited", "merchant_refund", "mistaken_transfer", "payment_failed"])
def test_a_civil_dispute_fails_police_on_problem_type(civil):
    report = check_case(problem(civil), FULL_ITEMS, "police", TODAY)
    assert [r.rule_id for r in report.failures()] == ["police-matter"]
    result = report.by_rule()["police-matter"]
    assert result.source == "《公安机关办理刑事案件程序规定》第一百七十五条第二款"
    assert "民事纠纷" in result.fix


@pytest.mark.parametrize("criminal", ["account_stolen", "fraud"])
def test_theft_and_fraud_are_police_matters(criminal):
    assert check_case(problem(criminal), FULL_ITEMS, "police", TODAY).by_rule()["police-matter"].status == "pass"


# ------------------------------------------------------------------ one demand per addressee


DEMANDS = '''
[case]
problem = "topup_not_credited"
amount = "218.00"
demand = "请求督促支付宝核查交易并退还218.00元。"

[demands]
platform = "请贵司核查交易2025031222001400000001并在15日内退还218.00元。"
police = "请依法立案侦查，追缴涉案资金并返还本人。"
court = ["1. 判令被告返还原告218.00元", "（2）本案诉讼费用由被告负担。"]
'''


def test_each_channel_gets_its_own_demand():
    case = parse_case(DEMANDS)
    assert demand_for(case, "platform") == (["请贵司核查交易2025031222001400000001并在15日内退还218.00元。"],
                                            "demands.platform")
    assert demand_for(case, "pboc") == (["请求督促支付宝核查交易并退还218.00元。"], "case.demand")
    assert demand_for(case, "court") == (["判令被告返还原告218.00元", "本案诉讼费用由被告负担"], "demands.court")
    regulator = edited(case, **{"demands.regulator": "请求督促支付宝（中国）网络技术有限公司退还218.00元。"})
    assert demand_for(regulator, "nfra")[1] == "demands.regulator"
    claims = build_statement(case, FULL_ITEMS, "court", TODAY).section("demand")
    assert claims is not None and claims.paragraphs == ("1. 判令被告返还原告218.00元；", "2. 本案诉讼费用由被告负担。")
    platform = build_statement(case, FULL_ITEMS, "platform", TODAY).section("demand")
    assert platform is not None and platform.paragraphs[0].startswith("请贵司")


def test_court_claims_are_drafted_from_the_amount_and_said_so():
    case = full_case()  # demand "请求退还充值款218.00元…", no [demands] court
    assert demand_for(case, "court") == (["判令被告向原告返还人民币 218.00 元", "本案诉讼费用由被告负担"], "drafted")
    result = check_case(case, FULL_ITEMS, "court", TODAY).by_rule()["claims-addressed"]
    assert result.status == "warn" and "按金额拟定" in result.message


def test_urging_is_flagged_when_addressed_to_the_platform_or_a_court():
    urging = edited(full_case(), **{"case.demand": "请求督促支付宝（中国）网络技术有限公司退还218.00元。"})
    platform = check_case(urging, FULL_ITEMS, "platform", TODAY).by_rule()["demand-addressed"]
    assert platform.status == "warn" and "督促" in platform.message
    court = check_case(edited(urging, **{"demands.court": "请求督促被告判令返还218.00元"}), FULL_ITEMS, "court",
                       TODAY).by_rule()["claims-addressed"]
    assert court.status == "warn" and "督促" in court.message
    assert check_case(urging, FULL_ITEMS, "pboc", TODAY).ok  # fine for a regulator
    fixed = edited(urging, **{"demands.platform": "请贵司退还218.00元。"})
    assert check_case(fixed, FULL_ITEMS, "platform", TODAY).by_rule()["demand-addressed"].status == "pass"


def test_demands_are_masked_on_public_channels():
    case = edited(parse_case(DEMANDS), **{"demands.social": "请张三的账户13800138000退款218.00元"},
                  complainant={"name": "张三", "phone": "13800138000"})
    text = build_statement(case, FULL_ITEMS, "social", TODAY).to_text()
    assert "13800138000" not in text and "138****8000" in text


# ------------------------------------------------------------------ frozen accounts: three problems


def test_risk_control_freeze_appeals_in_the_app_and_only_warns_on_a_missing_notice():
    case = problem("account_frozen", contacts=[])
    start = compute_escalation(case, TODAY)
    assert start.to == "platform" and "申诉" in start.reason_zh and "未尽义务" in start.reason_zh
    report = check_case(case, FULL_ITEMS, "platform", TODAY)
    assert report.ok and report.by_rule()["frozen-notice"].status == "warn"


def test_judicial_freeze_goes_to_the_freezing_authority_not_a_regulator():
    case = problem("account_frozen_judicial", contacts=[PLATFORM], respondent=dict(BANK))
    start = compute_escalation(edited(case, contacts=[]), TODAY)
    assert start.to == "platform" and "平台无权解除" in start.reason_zh and "冻结机关" in start.reason_zh
    after = compute_escalation(case, TODAY)
    assert after.to is None and "公安机关或法院" in after.reason_zh and "六个月" in after.reason_zh
    for channel in ("pboc", "nfra", "consumer"):
        assert "judicial-freeze-not-here" in {r.rule_id for r in check_case(case, FULL_ITEMS, channel, TODAY).failures()}
    assert check_case(case, FULL_ITEMS, "platform", TODAY).by_rule()["judicial-freeze-not-here"].status == "warn"
    police = check_case(case, FULL_ITEMS, "police", TODAY).by_rule()["police-matter"]
    assert police.status == "warn" and "不是报案" in police.fix


def test_sanction_is_appealed_to_the_public_security_organ():
    case = problem("account_frozen_sanction", contacts=[PLATFORM])
    start = compute_escalation(edited(case, contacts=[]), TODAY)
    assert "作出认定的公安机关" in start.reason_zh
    after = compute_escalation(case, TODAY)
    assert after.to is None and "申诉" in after.reason_zh
    failures = check_case(case, FULL_ITEMS, "pboc", TODAY).failures()
    assert "sanction-not-here" in {r.rule_id for r in failures}
    assert next(r for r in failures if r.rule_id == "sanction-not-here").source == \
        "《中华人民共和国反电信网络诈骗法》第三十一条第二款"


def test_the_three_freezes_take_three_paths():
    paths = {}
    for name in ("account_frozen", "account_frozen_judicial", "account_frozen_sanction"):
        paths[name] = compute_escalation(problem(name, contacts=[]), TODAY).reason_zh
    assert len(set(paths.values())) == 3


# ------------------------------------------------------------------ the other new problem types


def test_fraud_starts_with_110_and_names_12321_and_12381():
    start = compute_escalation(problem("fraud", contacts=[]), TODAY)
    assert start.to == "police" and "110" in start.reason_zh
    assert "12321" in start.reason_zh and "12381" in start.reason_zh and "96110" not in start.reason_zh


def test_mistaken_transfer_goes_to_court_by_unjust_enrichment():
    case = problem("mistaken_transfer", contacts=[PLATFORM])
    escalation = compute_escalation(case, TODAY)
    assert (escalation.to, escalation.earliest_date) == ("court", date(2025, 3, 20))
    assert "不当得利" in compute_escalation(edited(case, contacts=[]), TODAY).reason_zh
    assert demand_for(case, "court")[0][0] == "判令被告向原告返还不当得利人民币 218.00 元"
    assert "mistaken-transfer-civil" in {r.rule_id for r in check_case(case, FULL_ITEMS, "pboc", TODAY).failures()}


def test_merchant_refund_goes_to_12315_against_the_merchant():
    case = problem("merchant_refund", contacts=[PLATFORM])
    assert compute_escalation(case, TODAY).to == "consumer"
    assert "免密" in compute_escalation(edited(case, contacts=[]), TODAY).reason_zh
    assert check_case(edited(case, respondent=dict(MERCHANT)), FULL_ITEMS, "consumer", TODAY).ok


def test_credit_report_objection_answers_in_20_days_then_pboc_whoever_reported_it():
    case = problem("credit_report", contacts=[PLATFORM], respondent=dict(BANK))
    escalation = compute_escalation(case, TODAY)
    assert (escalation.to, escalation.earliest_date) == ("pboc", date(2025, 4, 2))
    assert "20 日" in escalation.reason_zh
    pboc = check_case(case, FULL_ITEMS, "pboc", TODAY).by_rule()
    assert pboc["competent-regulator"].status == "pass"
    assert pboc["credit-objection"].status == "warn"
