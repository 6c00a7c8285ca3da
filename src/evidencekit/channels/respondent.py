"""What kind of body the respondent is, and so which regulator takes the complaint.

Since the 2024-06-28 announcement of NFRA, PBOC and CSRC, complaints about banks (信用卡中心
included), insurers, 消费金融公司, 信托 and other non-bank financial institutions go to NFRA
(12378); about non-bank payment institutions and credit bureaus to PBOC (12363); about
securities, futures and funds to CSRC (12386). 12315 takes disputes with a 经营者 (the merchant),
not financial services (SAMR complaint measures Art. 15(1)). The type is ``[respondent] type``
in case.toml, else recognised from the respondent's name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evidencekit.case import CaseFile

#: Name fragments → type, tried in this order (the first match wins): "重庆蚂蚁消费金融"
#: must be 消费金融 before anything else, "XX银行信用卡中心" a bank, "财付通支付" a payment firm.
NAME_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("microloan", ("小额贷款", "小贷")),
    ("consumer_finance", ("消费金融", "花呗", "借呗")),
    ("trust", ("信托",)),
    ("nonbank_fi", ("金融租赁", "汽车金融", "财务有限公司", "货币经纪")),
    ("credit_bureau", ("征信",)),
    ("securities", ("证券", "期货", "基金管理", "Securities")),
    ("insurer", ("保险", "人寿", "财险", "Insurance")),
    ("bank", ("银行", "信用卡中心", "信用合作社", "信用社", "农商行", "Bank")),
    ("payment", ("支付", "财付通", "网银在线", "快钱", "Alipay", "WeChat Pay", "Tenpay")),
)

NFRA_TYPES = ("bank", "insurer", "consumer_finance", "trust", "nonbank_fi")
PBOC_TYPES = ("payment", "credit_bureau")
FINANCIAL_TYPES = (*NFRA_TYPES, *PBOC_TYPES, "securities", "microloan")

TYPE_LABELS: dict[str, tuple[str, str]] = {
    "bank": ("银行（含信用卡中心）", "a bank (credit-card centres included)"),
    "insurer": ("保险机构", "an insurer"),
    "consumer_finance": ("消费金融公司", "a consumer-finance company"),
    "trust": ("信托公司", "a trust company"),
    "nonbank_fi": ("非银行金融机构", "a non-bank financial institution"),
    "payment": ("非银行支付机构", "a non-bank payment institution"),
    "credit_bureau": ("征信机构", "a credit bureau"),
    "securities": ("证券期货基金经营机构", "a securities, futures or fund firm"),
    "microloan": ("小额贷款公司", "a microloan company"),
    "merchant": ("经营者（商家）", "a business selling goods or services (merchant)"),
    "other": ("其他", "other"),
}

#: Who takes a complaint against each type, in words (zh, en), and the channel id when the
#: tool has one.
COMPETENT: dict[str, tuple[str | None, str, str]] = {
    **{t: ("nfra", "国家金融监督管理总局 12378", "NFRA, 12378") for t in NFRA_TYPES},
    **{t: ("pboc", "中国人民银行 12363", "the PBOC, 12363") for t in PBOC_TYPES},
    "securities": (None, "中国证监会 12386", "the CSRC, 12386"),
    "microloan": (None, "当地地方金融管理部门（地方金融管理局）",
                  "the local financial regulator (地方金融管理部门), not 12363 or 12378"),
    "merchant": ("consumer", "12315 / 消费者协会", "12315 / a consumer association"),
    "other": (None, "主管该行业的部门", "the authority in charge of that trade"),
}


def recognise(name: str) -> str | None:
    """The respondent type its name suggests, or None."""
    for kind, fragments in NAME_PATTERNS:
        if any(fragment in name for fragment in fragments):
            return kind
    return None


def respondent_type(case: CaseFile) -> tuple[str | None, str]:
    """(type, how it is known): ``"case.toml"`` when given, ``"name"`` when recognised from
    the respondent's name, ``""`` when unknown."""
    given = case.respondent.get("type")
    if isinstance(given, str) and given:
        return given, "case.toml"
    found = recognise(str(case.respondent.get("name") or ""))
    return (found, "name") if found else (None, "")


def type_label(kind: str | None, lang: str) -> str:
    pair = TYPE_LABELS.get(kind or "", ("类型不明", "of unknown type"))
    return pair[1] if lang == "en" else pair[0]


def competent_body(kind: str | None, lang: str) -> str:
    """Who takes complaints against this type, in words."""
    entry = COMPETENT.get(kind or "")
    if entry is None:
        return "（无法判断）" if lang != "en" else "(cannot tell)"
    return entry[2] if lang == "en" else entry[1]


__all__ = ["COMPETENT", "FINANCIAL_TYPES", "NFRA_TYPES", "PBOC_TYPES", "TYPE_LABELS", "competent_body",
           "recognise", "respondent_type", "type_label"]
