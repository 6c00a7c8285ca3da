"""The complainant's own check of the statement: is it specific, is its tone calm?

Advice for the complainant: printed by ``bundle`` and ``check``, never sealed.
"""

from __future__ import annotations

import re

from evidencekit.case import CaseFile
from evidencekit.i18n import Message, msg

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
    """Warnings about the facts and demand, in ``lang``: what :func:`lint_messages` finds.
    An empty list means nothing to improve."""
    return [m.text(lang) for m in lint_messages(case)]


def lint_specific(case: CaseFile, lang: str = "zh") -> list[str]:
    return [m.text(lang) for m in specific_messages(case)]


def lint_tone(case: CaseFile, lang: str = "zh") -> list[str]:
    return [m.text(lang) for m in tone_messages(case)]


def lint_messages(case: CaseFile) -> list[Message]:
    return specific_messages(case) + tone_messages(case)


def specific_messages(case: CaseFile) -> list[Message]:
    """No amount, time or order number in the facts; a vague demand (too short, no action such
    as 退款/恢复/解冻/赔偿/到账, no amount where money is at stake)."""
    out: list[Message] = []
    facts = (case.facts or "").strip()
    demand = (case.demand or "").strip()
    if not facts:
        out.append(msg("lint.facts_empty"))
    else:
        if not _AMOUNT_IN_TEXT.search(facts):
            out.append(msg("lint.facts_no_amount"))
        if not _TIME_IN_TEXT.search(facts):
            out.append(msg("lint.facts_no_time"))
        known_ids = [i for i in case.disputed_ids() if i]
        if not _ORDER_IN_TEXT.search(facts) and not any(i in facts for i in known_ids):
            out.append(msg("lint.facts_no_order"))
    if not demand:
        out.append(msg("lint.demand_empty"))
    else:
        if len(demand) < 8 or not any(v in demand.lower() for v in _ACTION_VERBS):
            out.append(msg("lint.demand_vague"))
        if case.problem in _MONEY_PROBLEMS and not _AMOUNT_IN_TEXT.search(demand):
            out.append(msg("lint.demand_no_amount"))
    return out


def tone_messages(case: CaseFile) -> list[Message]:
    """A heated tone, or relative dates ("昨天", "今天") where a date belongs. Courts send back
    a statement of claim with abuse (民诉法解释 第二百一十条)."""
    out: list[Message] = []
    facts = (case.facts or "").strip()
    demand = (case.demand or "").strip()
    if _HEATED.search(facts):
        out.append(msg("lint.facts_heated"))
    relative = _RELATIVE_DATE.search(facts)
    if relative:
        out.append(msg("lint.facts_relative_date", word=relative.group(0)))
    if _HEATED.search(demand):
        out.append(msg("lint.demand_heated"))
    return out
