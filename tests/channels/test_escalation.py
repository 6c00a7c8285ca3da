"""Escalation dates and targets from the contact history."""

from __future__ import annotations

from datetime import date

from evidencekit.channels import check_case, compute_escalation

from .conftest import FULL_ITEMS, TODAY, edited, full_case


def with_contacts(*contacts: dict[str, str], **case_changes: str):
    return edited(full_case(), contacts=list(contacts), **case_changes)


PLATFORM = {"date": "2025-03-13", "channel": "platform", "ticket": "CS2025031300012", "outcome": "unresolved"}


def test_payment_institution_unresolved_goes_to_pboc_after_15_days():
    escalation = compute_escalation(with_contacts(PLATFORM), date(2025, 3, 20))
    assert escalation.to == "pboc"
    assert escalation.earliest_date == date(2025, 3, 28)
    assert escalation.possible_now is False
    assert "2025-03-28" in escalation.reason_zh and "CS2025031300012" in escalation.reason_zh
    assert "People's Bank of China" in escalation.reason_en
    assert escalation.based_on == "2025-03-13 platform #CS2025031300012"
    assert compute_escalation(with_contacts(PLATFORM), date(2025, 3, 28)).possible_now is True


def test_bank_goes_to_nfra():
    case = with_contacts(PLATFORM, **{"respondent.name": "招商银行股份有限公司信用卡中心"})
    escalation = compute_escalation(case, TODAY)
    assert (escalation.to, escalation.earliest_date) == ("nfra", date(2025, 3, 28))


def test_rejection_allows_escalating_at_once():
    escalation = compute_escalation(with_contacts({**PLATFORM, "outcome": "rejected"}), date(2025, 3, 14))
    assert (escalation.to, escalation.earliest_date, escalation.possible_now) == ("pboc", date(2025, 3, 13), True)


def test_regulator_pending_then_court_after_its_window():
    # the platform step is skipped: its next step (pboc) was already taken
    pboc = {"date": "2025-04-01", "channel": "pboc", "ticket": "P1", "outcome": "pending"}
    escalation = compute_escalation(with_contacts(PLATFORM, pboc), date(2025, 4, 2))
    assert (escalation.to, escalation.earliest_date) == ("court", date(2025, 4, 16))


def test_consumer_window_counts_working_days():
    consumer = {"date": "2025-03-14", "channel": "consumer", "outcome": "pending"}  # a Friday
    escalation = compute_escalation(with_contacts(consumer), TODAY)
    assert (escalation.to, escalation.earliest_date) == ("court", date(2025, 3, 25))


def test_resolved_needs_no_escalation():
    escalation = compute_escalation(with_contacts({**PLATFORM, "outcome": "resolved"}), TODAY)
    assert (escalation.to, escalation.earliest_date) == (None, None)
    assert "已解决" in escalation.reason_zh


def test_no_contacts_starts_with_the_platform_and_a_theft_with_the_loss_report():
    escalation = compute_escalation(with_contacts(), TODAY)
    assert (escalation.to, escalation.earliest_date) == ("platform", TODAY)
    stolen = compute_escalation(with_contacts(**{"case.problem": "account_stolen"}), TODAY)
    # 挂失 first (银行卡民事纠纷规定 第七条第四款), then 110
    assert (stolen.to, stolen.earliest_date) == ("platform", TODAY)
    assert stolen.reason_zh.index("挂失") < stolen.reason_zh.index("110") and "96110" not in stolen.reason_zh
    assert stolen.reason_en.index("report the loss") < stolen.reason_en.index("110")


def test_after_the_police_report_the_platform_comes_next_unless_already_contacted():
    police = {"date": "2025-03-12", "channel": "police", "ticket": "J1", "outcome": "pending"}
    escalation = compute_escalation(with_contacts(police, **{"case.problem": "account_stolen"}), TODAY)
    assert (escalation.to, escalation.earliest_date) == ("platform", date(2025, 3, 12))
    police_after = {**police, "date": "2025-03-14"}
    escalation = compute_escalation(with_contacts(PLATFORM, police_after), TODAY)
    assert (escalation.to, escalation.earliest_date) == ("pboc", date(2025, 3, 28))


def test_public_posts_do_not_hide_the_platform_window():
    social = {"date": "2025-03-20", "channel": "social", "outcome": "unresolved"}
    escalation = compute_escalation(with_contacts(PLATFORM, social), TODAY)
    assert (escalation.to, escalation.earliest_date) == ("pboc", date(2025, 3, 28))


def test_court_is_the_last_step():
    court = {"date": "2025-03-20", "channel": "court", "outcome": "pending"}
    escalation = compute_escalation(with_contacts(court), TODAY)
    assert (escalation.to, escalation.earliest_date) == (None, None)


def test_report_carries_the_escalation():
    report = check_case(with_contacts(PLATFORM), FULL_ITEMS, "pboc", date(2025, 3, 20))
    assert report.escalation is not None
    assert report.to_dict()["escalation"]["earliest_date"] == "2025-03-28"
    assert report.to_dict()["escalation"]["to"] == "pboc"
