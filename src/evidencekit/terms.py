"""Human names for case fields, problem types and outcomes, in Chinese and English."""

from __future__ import annotations

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "case.title": ("案件标题", "case title"),
    "case.problem": ("问题类型", "problem type"),
    "case.channel": ("投诉渠道", "channel"),
    "case.amount": ("涉及金额", "amount at stake"),
    "case.occurred_at": ("发生时间", "time it happened"),
    "case.facts": ("事实经过", "facts"),
    "case.demand": ("投诉请求", "demand"),
    "demands.platform": ("向平台/机构的请求", "request to the platform or institution"),
    "demands.regulator": ("向监管部门的请求", "request to the regulator"),
    "demands.police": ("报案请求", "request to the police"),
    "demands.court": ("诉讼请求", "claims to the court"),
    "complainant.name": ("投诉人姓名", "complainant's name"),
    "complainant.id_number": ("投诉人身份证号", "complainant's ID number"),
    "complainant.phone": ("投诉人电话号码", "complainant's phone number"),
    "complainant.address": ("投诉人通讯地址", "complainant's address"),
    "complainant.account": ("投诉人账户", "complainant's account"),
    "complainant.gender": ("原告性别", "plaintiff's sex"),
    "complainant.birth_date": ("原告出生日期", "plaintiff's date of birth"),
    "complainant.ethnicity": ("原告民族", "plaintiff's ethnicity"),
    "complainant.occupation": ("原告职业", "plaintiff's occupation"),
    "respondent.legal_representative": ("被告法定代表人", "defendant's legal representative"),
    "complainant.agent.name": ("代理人姓名", "agent's name"),
    "complainant.agent.id_number": ("代理人身份证号", "agent's ID number"),
    "complainant.agent.phone": ("代理人电话", "agent's phone"),
    "respondent.name": ("被投诉人名称", "respondent's name"),
    "respondent.type": ("被投诉人类型", "respondent's type"),
    "respondent.credit_code": ("被投诉人统一社会信用代码", "respondent's unified social credit code"),
    "respondent.address": ("被投诉人地址", "respondent's address"),
    "transactions.id": ("交易单号", "transaction id"),
    "transactions.merchant_order": ("商户单号", "merchant order number"),
    "transactions.time": ("交易时间", "transaction time"),
    "transactions.amount": ("交易金额", "transaction amount"),
    "transactions.counterparty": ("交易对方", "counterparty"),
    "contacts.ticket": ("投诉编号/工单号", "ticket number"),
}

PROBLEM_LABELS: dict[str, tuple[str, str]] = {
    "payment_failed": ("支付失败", "payment failed"),
    "funds_not_received": ("款项未到账", "funds not received"),
    "account_stolen": ("账户被盗", "account stolen"),
    "account_frozen": ("账户被平台风控冻结", "account frozen by the platform's risk control"),
    "account_frozen_judicial": ("账户被司法或公安机关冻结", "account frozen by a court or the police"),
    "account_frozen_sanction": ("断卡惩戒（账户功能被限制）", "account restricted as a 断卡 sanction"),
    "topup_not_credited": ("充值不到账", "top-up not credited"),
    "fraud": ("电信网络诈骗", "telecom or online fraud"),
    "mistaken_transfer": ("误转账", "money sent to the wrong person"),
    "merchant_refund": ("商户退款、自动扣费或免密支付纠纷", "merchant refund, auto-debit or password-free payment"),
    "credit_report": ("征信异议", "objection to a credit report"),
    "other": ("其他", "other"),
}

OUTCOME_LABELS: dict[str, tuple[str, str]] = {
    "unresolved": ("未解决", "unresolved"),
    "resolved": ("已解决", "resolved"),
    "rejected": ("被拒绝", "rejected"),
    "pending": ("处理中", "pending"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The zh or en half of a label pair."""
    return pair[1] if lang == "en" else pair[0]
