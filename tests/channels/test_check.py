"""check_case: the full case passes everywhere; each missing requirement fails alone,
naming the requirement and its source."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from evidencekit.case import CaseFile
from evidencekit.channels import check_all, check_case
from evidencekit.model import CHANNEL_IDS

from .conftest import BANK, FULL_ITEMS, TODAY, edited, for_channel, full_case, item

Items = list[dict[str, Any]]


def no_disputed(case: CaseFile) -> CaseFile:
    return edited(case, transactions=[{**case.transactions[0], "disputed": False}])


def add_contact(case: CaseFile, **contact: str) -> CaseFile:
    return edited(case, contacts=[*case.contacts, contact])


@pytest.mark.parametrize("channel_id", CHANNEL_IDS)
def test_full_case_passes_every_channel(channel_id: str):
    report = check_case(for_channel(full_case(), channel_id), FULL_ITEMS, channel_id, TODAY)
    assert report.failures() == []
    assert report.ok
    assert report.counts()["pass"] >= 8
    assert all(r.source for r in report.results)


# (channel, what to break, rule that must fail, words its source must contain)
MISSING: list[tuple[str, Callable[[CaseFile], CaseFile], Callable[[Items], Items] | None, str, str]] = [
    ("platform", lambda c: edited(c, **{"complainant.phone": None, "complainant.account": None}), None,
     "complainant-contact", "银行业保险业消费投诉处理管理办法"),
    ("platform", lambda c: edited(c, **{"respondent.name": None}), None, "respondent-name", "第十三条"),
    ("platform", lambda c: edited(c, **{"case.facts": None}), None, "facts", "第十三条"),
    ("platform", no_disputed, None, "disputed-transaction", "非银行支付机构监督管理条例"),
    ("social", lambda c: edited(c, **{"case.public": False}), None, "masked", "黑猫投诉"),
    ("social", lambda c: edited(c, **{"respondent.name": None}), None, "respondent", "黑猫投诉"),
    ("social", lambda c: edited(c, **{"case.problem": None}), None, "problem", "黑猫投诉"),
    ("social", lambda c: edited(c, **{"case.demand": None}), None, "demand", "黑猫投诉"),
    ("consumer", lambda c: edited(c, **{"complainant.phone": None}), None,
     "complainant-phone", "《市场监督管理投诉举报处理暂行办法》第九条"),
    ("consumer", lambda c: edited(c, **{"complainant.address": None}), None, "complainant-address", "第九条"),
    ("consumer", lambda c: edited(c, **{"complainant.name": None}), None, "complainant-name", "第九条"),
    ("consumer", lambda c: edited(c, **{"respondent.address": None, "respondent.credit_code": None}), None,
     "respondent-address", "第九条"),
    ("consumer", lambda c: edited(c, **{"case.demand": None}), None, "demand", "第九条"),
    ("consumer", lambda c: edited(c, **{"case.occurred_at": "2021-03-12T20:15:03+08:00"}), None,
     "within-three-years", "第十五条第（四）项"),
    ("consumer", lambda c: add_contact(c, date="2025-03-20", channel="court", outcome="pending"), None,
     "not-before-court", "第十五条第（二）项"),
    ("consumer", lambda c: c, lambda items: [], "evidence-any", "消费者协会"),
    ("consumer", lambda c: edited(c, **{"complainant.agent": {"name": "李四", "id_number": "110101198801011234"}}),
     None, "agent-power-of-attorney", "第十条"),
    ("consumer", lambda c: edited(c, **{"complainant.agent": {"name": "李四"}}),
     lambda items: [*items, item("E05", "docs/授权委托书.pdf", "document")], "agent-id", "第十条"),
    ("pboc", lambda c: edited(c, **{"complainant.phone": None}), None,
     "complainant-phone", "中国人民银行金融消费者权益保护实施办法"),
    ("pboc", lambda c: edited(c, **{"respondent.name": None}), None, "respondent-name", "第四十三条"),
    ("pboc", lambda c: edited(c, **{"case.facts": None}), None, "facts", "第四十三条"),
    ("pboc", no_disputed, None, "disputed-transaction", "第四十三条"),
    ("nfra", lambda c: edited(c, contacts=[]), None, "institution-first", "12378"),
    ("nfra", lambda c: edited(c, **{"complainant.id_number": None}), None,
     "complainant-id", "《银行业保险业消费投诉处理管理办法》（银保监会令2020年第3号）第十三条"),
    ("nfra", lambda c: edited(c, **{"case.demand": None}), None, "demand", "第十三条"),
    ("police", lambda c: edited(c, **{"complainant.id_number": None}), None, "complainant-id", "报案材料清单"),
    ("police", lambda c: edited(c, **{"complainant.account": None}), None, "victim-account", "报案材料清单"),
    ("police", lambda c: edited(c, transactions=[{**c.transactions[0], "time": None}]), None,
     "exact-transactions", "报案材料清单"),
    ("police", lambda c: c, lambda items: [i for i in items if i["kind"] not in ("bill", "screenshot")],
     "transfer-vouchers", "报案材料清单"),
    ("court", lambda c: edited(c, **{"complainant.address": None}), None, "plaintiff-details", "民事诉讼法"),
    ("court", lambda c: edited(c, **{"respondent.name": None}), None, "defendant-name", "民事诉讼法"),
    ("court", lambda c: edited(c, **{"case.demand": None}), None, "claims", "民事诉讼法"),
    ("court", lambda c: edited(c, evidence=c.evidence[:3]), None,
     "evidence-list-complete", "《最高人民法院关于民事诉讼证据的若干规定》第十九条"),
    ("court", no_disputed, None, "disputed-transaction", "第十四条"),
]


@pytest.mark.parametrize("channel_id, break_case, break_items, rule_id, source_words", MISSING,
                         ids=[f"{m[0]}-{m[3]}" for m in MISSING])
def test_each_missing_requirement_fails_alone(channel_id, break_case, break_items, rule_id, source_words):
    case = break_case(for_channel(full_case(), channel_id))
    items = break_items(copy.deepcopy(FULL_ITEMS)) if break_items else FULL_ITEMS
    report = check_case(case, items, channel_id, TODAY)
    assert not report.ok
    failed = report.failures()
    assert [r.rule_id for r in failed] == [rule_id]
    result = failed[0]
    assert result.message.startswith(result.requirement)
    assert source_words in result.source
    assert result.fix
    assert report.to_dict()["ok"] is False


# ------------------------------------------------------------------ problem-specific rules


def stolen(case: CaseFile) -> CaseFile:
    return edited(case, **{"case.problem": "account_stolen"})


def frozen(case: CaseFile) -> CaseFile:
    return edited(case, **{"case.problem": "account_frozen"})


@pytest.mark.parametrize("channel_id, severity", [("platform", "warn"), ("pboc", "warn"), ("nfra", "warn"),
                                                 ("court", "fail")])
def test_stolen_account_police_and_loss_reports_fail_only_in_court(channel_id: str, severity: str):
    # 银行卡民事纠纷规定 第四条: the cardholder "可以提供" these records; only a court weighs them as proof
    report = check_case(stolen(for_channel(full_case(), channel_id)), FULL_ITEMS, channel_id, TODAY)
    flagged = {r.rule_id: r for r in report.results if r.status != "pass"}
    assert {flagged[k].status for k in ("stolen-police-report", "stolen-loss-report")} == {severity}
    assert report.ok is (severity == "warn")
    assert "《最高人民法院关于审理银行卡民事纠纷案件若干问题的规定》第四条" == flagged["stolen-police-report"].source
    assert "报警记录" in flagged["stolen-police-report"].message
    assert "举证" in flagged["stolen-police-report"].fix or "责任在银行或支付机构" in flagged["stolen-police-report"].fix

    reported = add_contact(stolen(for_channel(full_case(), channel_id)), date="2025-03-12", channel="police",
                           ticket="JJ2025031200001", outcome="pending")
    items = [*FULL_ITEMS, item("E05", "screens/loss.png", "screenshot",
                               provenance="支付宝App 截图", proves="挂失记录")]
    report = check_case(reported, items, channel_id, TODAY)
    assert report.ok, [r.message for r in report.failures()]
    assert report.by_rule()["stolen-police-report"].status == "pass"
    assert report.by_rule()["stolen-report-promptly"].status == "pass"


def test_stolen_account_late_police_report_is_a_warning():
    late = add_contact(stolen(full_case()), date="2025-03-20", channel="police", ticket="J1", outcome="pending")
    items = [*FULL_ITEMS, item("E05", "screens/挂失成功.png", "screenshot")]
    result = check_case(late, items, "court", TODAY).by_rule()["stolen-report-promptly"]
    assert result.status == "warn"
    assert "2025-03-20" in result.message and "8" in result.message
    assert "第六条" in result.source


def test_frozen_account_needs_the_appeal_route_and_warns_on_the_notice():
    report = check_case(frozen(full_case()), FULL_ITEMS, "pboc", TODAY)
    failed = {r.rule_id: r for r in report.failures()}
    assert set(failed) == {"frozen-appeal-route"}
    # a missing notice is the institution's failure (反电诈法 第三十二条): a warning, not the complainant's
    notice = report.by_rule()["frozen-notice"]
    assert notice.status == "warn" and notice.source == "《中华人民共和国反电信网络诈骗法》第三十二条"
    assert "平台未尽义务" in notice.fix
    case = edited(frozen(full_case()), evidence=[
        *full_case().evidence,
        {"path": "screens/notice.png", "source": "支付宝App 消息", "proves": "账户冻结通知，写明申诉渠道"}])
    items = [*FULL_ITEMS, item("E05", "screens/notice.png", "screenshot")]
    assert check_case(case, items, "pboc", TODAY).ok
    # the disputed-transaction rule does not apply to a frozen account
    assert "disputed-transaction" not in check_case(no_disputed(case), items, "pboc", TODAY).by_rule()


# ------------------------------------------------------------------ time rules


def test_answer_window_warns_before_and_passes_after():
    early = check_case(full_case(), FULL_ITEMS, "pboc", date(2025, 3, 20)).by_rule()["institution-answer-window"]
    assert early.status == "warn"
    assert "2025-03-28" in early.message
    on_time = check_case(full_case(), FULL_ITEMS, "pboc", date(2025, 3, 28)).by_rule()["institution-answer-window"]
    assert on_time.status == "pass"
    rejected = edited(full_case(), contacts=[{**full_case().contacts[0], "outcome": "rejected"}])
    assert check_case(rejected, FULL_ITEMS, "pboc", date(2025, 3, 14)).by_rule()[
        "institution-answer-window"].status == "pass"


def test_three_year_limit_boundary():
    case = edited(full_case(), **{"case.occurred_at": "2022-04-01T10:00:00+08:00"})
    assert check_case(case, FULL_ITEMS, "consumer", date(2025, 4, 1)).by_rule()["within-three-years"].status == "pass"
    assert check_case(case, FULL_ITEMS, "consumer", date(2025, 4, 2)).by_rule()["within-three-years"].status == "fail"
    unknown = edited(full_case(), **{"case.occurred_at": None}, transactions=[])
    assert check_case(unknown, FULL_ITEMS, "consumer", TODAY).by_rule()["within-three-years"].status == "warn"


def test_contacts_in_the_future_do_not_count():
    case = edited(full_case(), contacts=[{**full_case().contacts[0], "date": "2025-05-01"}], respondent=BANK)
    report = check_case(case, FULL_ITEMS, "nfra", TODAY)
    assert [r.rule_id for r in report.failures()] == ["institution-first"]


def test_pending_duplicate_complaint_is_warned():
    case = add_contact(full_case(), date="2025-03-29", channel="pboc", ticket="P1", outcome="pending")
    result = check_case(case, FULL_ITEMS, "pboc", TODAY).by_rule()["one-complaint-per-channel"]
    assert result.status == "warn" and "P1" in result.message


def test_social_flags_gps_in_photos():
    items = [*FULL_ITEMS, item("E05", "photos/现场.jpg", "photo", facts={"gps": True})]
    result = check_case(full_case(), items, "social", TODAY).by_rule()["no-location"]
    assert result.status == "fail" and "E05" in result.message  # 个人信息保护法 第二十八条: 行踪轨迹
    assert "个人信息保护法" in result.source


def test_trusted_timestamp_for_court():
    assert check_case(full_case(), FULL_ITEMS, "court", TODAY).by_rule()["trusted-timestamp"].status == "warn"
    sealed = check_case(full_case(), FULL_ITEMS, "court", TODAY, timestamped=True)
    assert sealed.by_rule()["trusted-timestamp"].status == "pass"


def test_kind_override_from_case_toml_counts():
    items = [item("E01", "x/receipt.dat", "other")]
    case = edited(full_case(), evidence=[{"path": "x/receipt.dat", "kind": "receipt"}])
    assert check_case(case, items, "police", TODAY).by_rule()["transfer-vouchers"].status == "pass"


# ------------------------------------------------------------------ reports


def test_english_report():
    report = check_case(edited(for_channel(full_case(), "consumer"), **{"complainant.phone": None}), FULL_ITEMS,
                        "consumer", TODAY, lang="en")
    failed = report.failures()[0]
    assert failed.message.startswith("Complainant's phone number: case.toml lacks")
    assert failed.source == "SAMR Interim Measures for Handling Complaints and Reports, Art. 9"
    assert failed.fix == "Fill in phone in [complainant]"


def test_check_all_matrix_and_json():
    reports = check_all(edited(full_case(), contacts=[]), FULL_ITEMS, TODAY)
    assert list(reports) == list(CHANNEL_IDS)
    # 支付宝: 12378 and 12315 are not competent; PBOC only warns that the institution comes first
    # and a top-up not credited is no police matter (MPS Art. 175)
    assert {cid for cid, r in reports.items() if not r.ok} == {"nfra", "consumer", "police"}
    document = json.loads(json.dumps({cid: r.to_dict() for cid, r in reports.items()}, ensure_ascii=False))
    assert document["nfra"]["results"][0]["status"] == "fail"
    assert document["pboc"]["escalation"]["to"] == "platform"
    assert document["platform"]["counts"]["fail"] == 0
