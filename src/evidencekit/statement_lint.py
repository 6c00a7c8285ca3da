"""The complainant's own check of the statement: is it specific, is its tone calm?

Advice for the complainant: printed by ``bundle`` and ``check``, never sealed.
"""

from __future__ import annotations

import re

from evidencekit.case import CaseFile

_AMOUNT_IN_TEXT = re.compile(r"(\d+(?:\.\d{1,2})?\s*(?:元|块|RMB|CNY|yuan))|([¥￥]\s*\d)", re.I)
_TIME_IN_TEXT = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}[:：]\d{2}"
)
# A formal complaint is read days or months later: "昨天" says nothing then.
_RELATIVE_DATE = re.compile(r"昨天|今天|前天|昨日|今日|前日|明天|上周|本周|上个月|这个月|刚才")
_ORDER_IN_TEXT = re.compile(r"(?=[A-Za-z0-9]*\d{6})[A-Za-z0-9]{10,}")
_ACTION_VERBS = ("退款", "退还", "返还", "退回", "恢复", "解冻", "解除", "赔偿", "补偿", "到账",
                 "补发", "撤销", "止付", "追回", "补足", "核查", "道歉", "注销", "退",
                 "refund", "restore", "unfreeze", "compensate", "credit", "return", "reverse")
_MONEY_PROBLEMS = ("payment_failed", "funds_not_received", "account_stolen", "topup_not_credited")
# "滚" alone is heated, inside 利滚利 / 滚动 / 滚存 it is not
_HEATED = re.compile(r"[!！]{2,}|垃圾|黑心|无良|骗子公司|去死|滚蛋|滚开|滚出|给我滚|(?<![利])滚(?=[!！。，,\s]|$)")


def lint_statement(case: CaseFile, lang: str = "zh") -> list[str]:
    """Warnings about the facts and demand: what :func:`lint_specific` and :func:`lint_tone`
    find. An empty list means nothing to improve."""
    return lint_specific(case, lang) + lint_tone(case, lang)


def lint_specific(case: CaseFile, lang: str = "zh") -> list[str]:
    """No amount, time or order number in the facts; a vague demand (too short, no action such
    as 退款/恢复/解冻/赔偿/到账, no amount where money is at stake)."""
    en = lang == "en"
    out: list[str] = []
    facts = (case.facts or "").strip()
    demand = (case.demand or "").strip()
    if not facts:
        out.append("facts are empty" if en else "事实经过未填写")
    else:
        if not _AMOUNT_IN_TEXT.search(facts):
            out.append("the facts name no amount (e.g. 218.00元)" if en else "事实经过中没有写明金额（如 218.00元）")
        if not _TIME_IN_TEXT.search(facts):
            out.append("the facts name no date or time" if en else "事实经过中没有写明时间")
        known_ids = [i for i in case.disputed_ids() if i]
        if not _ORDER_IN_TEXT.search(facts) and not any(i in facts for i in known_ids):
            out.append("the facts name no order or transaction number" if en
                       else "事实经过中没有写明订单号或交易单号")
    if not demand:
        out.append("the demand is empty" if en else "投诉请求未填写")
    else:
        vague = len(demand) < 8 or not any(v in demand.lower() for v in _ACTION_VERBS)
        if vague:
            out.append("the demand is vague: say what they should do (refund, restore, unfreeze, "
                       "compensate, credit the funds)" if en
                       else "投诉请求不够具体：写明要求对方做什么（退款、恢复、解冻、赔偿、到账等）")
        if case.problem in _MONEY_PROBLEMS and not _AMOUNT_IN_TEXT.search(demand):
            out.append("the demand names no amount" if en else "投诉请求中没有写明金额")
    return out


def lint_tone(case: CaseFile, lang: str = "zh") -> list[str]:
    """A heated tone, or relative dates ("昨天", "今天") where a date belongs. Courts send back
    a statement of claim with abuse (民诉法解释 第二百一十条)."""
    en = lang == "en"
    out: list[str] = []
    facts = (case.facts or "").strip()
    demand = (case.demand or "").strip()
    if _HEATED.search(facts):
        out.append("the facts sound heated; a calm, factual tone works better" if en
                   else "事实经过语气激烈，平和、客观的表述更有效")
    relative = _RELATIVE_DATE.search(facts)
    if relative:
        out.append(f"the facts say “{relative.group(0)}”: write the date instead" if en
                   else f"事实经过使用了“{relative.group(0)}”等相对日期，请写明具体日期")
    if _HEATED.search(demand):
        out.append("the demand sounds heated" if en else "投诉请求语气激烈")
    return out
