"""Small composable checks, referenced by name from the channel templates.

A template rule says ``check = "field_present"`` and ``params = {field = "complainant.phone"}``;
this module implements each check once. A check looks at the case, the evidence items and
today's date and answers passed (True), not passed (False) or cannot tell (None), with a
detail in Chinese and English saying what it found. Whether "not passed" is a failure or a
warning is the rule's severity, decided in the template, not here.

Adding a check: write a function taking ``(ctx, params)``, register it with ``@check(...)``
naming its parameters. Templates are validated against this registry at load time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from evidencekit.channels.respondent import competent_body, respondent_type, type_label
from evidencekit.channels.workdays import add_days, deadline
from evidencekit.cross_checks import CrossCheckReport, cross_check
from evidencekit.demands import demand_for
from evidencekit.i18n import t
from evidencekit.statement_lint import lint_specific, lint_tone
from evidencekit.terms import FIELD_LABELS, PROBLEM_LABELS

if TYPE_CHECKING:
    from evidencekit.case import CaseFile
    from evidencekit.channels import Channel


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may look at. Checks are pure: no I/O, no clock."""

    case: CaseFile
    items: list[dict[str, Any]]
    today: date
    channel: Channel
    timestamped: bool | None = None  # does the dossier carry a trusted (TSA) timestamp?
    cross_checks: CrossCheckReport | None = None  # computed once by the caller (the plan, ``--channel all``)


@dataclass(frozen=True)
class Finding:
    """What a check found: ``passed`` is True, False, or None (cannot tell)."""

    passed: bool | None
    zh: str
    en: str
    applicable: bool = True  # False: the rule does not apply to this case (omit it)


def ok(zh: str, en: str) -> Finding:
    return Finding(True, zh, en)


def missing(zh: str, en: str) -> Finding:
    return Finding(False, zh, en)


def unknown(zh: str, en: str) -> Finding:
    return Finding(None, zh, en)


def not_applicable(zh: str = "不适用", en: str = "not applicable") -> Finding:
    return Finding(True, zh, en, applicable=False)


CheckFunction = Callable[[CheckContext, Mapping[str, Any]], Finding]


@dataclass(frozen=True)
class CheckSpec:
    """A registered check: its function and the parameters it takes (name -> type)."""

    name: str
    function: CheckFunction
    params: Mapping[str, type]
    required: frozenset[str]
    doc: str


CHECKS: dict[str, CheckSpec] = {}


def check(name: str, *, required: tuple[str, ...] = (), **params: type) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under ``name`` with its parameter names and types."""

    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = CheckSpec(name, function, dict(params), frozenset(required),
                                 (function.__doc__ or "").strip())
        return function

    return register


def validate_params(check_name: str, params: Mapping[str, Any]) -> list[str]:
    """Problems with a rule's ``check``/``params`` (unknown check, unknown or missing params)."""
    spec = CHECKS.get(check_name)
    if spec is None:
        return [f"unknown check {check_name!r} (known: {', '.join(sorted(CHECKS))})"]
    problems = []
    for key, value in params.items():
        expected = spec.params.get(key)
        if expected is None:
            problems.append(f"check {check_name!r} takes no parameter {key!r} "
                            f"(takes: {', '.join(spec.params) or 'none'})")
        elif not isinstance(value, expected) or isinstance(value, bool) and expected is int:
            problems.append(f"parameter {key!r} of {check_name!r} must be {expected.__name__}")
    for key in spec.required - set(params):
        problems.append(f"check {check_name!r} needs parameter {key!r}")
    if check_name in ("any_of", "all_of"):
        inner = params.get("checks") or []
        if not inner:
            problems.append(f"{check_name} needs a non-empty 'checks' list (an empty policy is an error)")
        for sub in inner:
            if not isinstance(sub, dict) or "check" not in sub:
                problems.append(f"each entry of {check_name}.checks needs a 'check'")
                continue
            problems += validate_params(sub["check"], sub.get("params", {}))
    return problems


def run_check(name: str, ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Run a registered check."""
    return CHECKS[name].function(ctx, params)


# --------------------------------------------------------------------------- helpers


def _values_at(data: Any, dotted: str) -> list[Any]:
    """Values at a dotted path; ``name[*]`` fans out over an array."""
    nodes = [data]
    for part in dotted.split("."):
        fan_out = part.endswith("[*]")
        key = part[:-3] if fan_out else part
        next_nodes: list[Any] = []
        for node in nodes:
            if not isinstance(node, dict) or key not in node:
                continue
            value = node[key]
            if fan_out:
                next_nodes.extend(value if isinstance(value, list) else [])
            else:
                next_nodes.append(value)
        nodes = next_nodes
    return [n for n in nodes if n not in (None, "", [], {})]


def field_label(dotted: str) -> tuple[str, str]:
    """A human label for a case field path, in zh and en."""

    label = FIELD_LABELS.get(dotted.replace("[*]", ""))
    return label if label else (dotted, dotted)


def _item_kind(ctx: CheckContext, item: Mapping[str, Any]) -> str:
    note = ctx.case.evidence_for(str(item.get("path", "")))
    if note and note.get("kind"):
        return str(note["kind"])
    return str(item.get("kind") or "other")


def _item_text(ctx: CheckContext, item: Mapping[str, Any]) -> str:
    """What the user and the collector said about an item (not its content)."""
    parts = [str(item.get("path", "")), str(item.get("provenance") or ""), str(item.get("proves") or "")]
    note = ctx.case.evidence_for(str(item.get("path", "")))
    if note:
        parts += [str(note.get("source", "")), str(note.get("proves", ""))]
    facts = item.get("facts") or {}
    if isinstance(facts, dict):
        for key in ("title", "text_head", "notice"):
            if isinstance(facts.get(key), str):
                parts.append(facts[key])
    return " ".join(parts)


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text)
    except ValueError:
        return None


def _event_date(ctx: CheckContext) -> tuple[date | None, str]:
    """When the harm happened: ``case.occurred_at``, else the earliest disputed transaction."""
    occurred = _parse_date(ctx.case.occurred_at)
    if occurred:
        return occurred, "case.occurred_at"
    times = sorted(t["time"] for t in ctx.case.disputed_transactions() if t.get("time"))
    if times:
        return _parse_date(times[0]), "transactions.time"
    return None, ""


def _contacts(ctx: CheckContext, channels: list[str] | None, outcomes: list[str] | None = None) -> list[dict[str, Any]]:
    found = []
    for contact in ctx.case.contacts:
        if channels and contact.get("channel") not in channels:
            continue
        if outcomes and contact.get("outcome") not in outcomes:
            continue
        when = _parse_date(contact.get("date"))
        if when and when > ctx.today:
            continue
        found.append(contact)
    return sorted(found, key=lambda c: c.get("date", ""))


def _describe_contact(contact: Mapping[str, Any]) -> str:
    ticket = f" #{contact['ticket']}" if contact.get("ticket") else ""
    return f"{contact.get('date', '?')} {contact.get('channel', '?')}{ticket}"


def _str_list(params: Mapping[str, Any], key: str) -> list[str]:
    return [str(v) for v in params.get(key) or []]


# --------------------------------------------------------------------------- checks


@check("field_present", field=str, any_of=list, all_of=list)
def field_present(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """A case field is filled in: ``field``, or at least one of ``any_of``, or all of ``all_of``.
    ``transactions[*].amount`` means: in any transaction."""
    if "field" in params:
        wanted, mode = [params["field"]], "all"
    elif "all_of" in params:
        wanted, mode = list(params["all_of"]), "all"
    else:
        wanted, mode = list(params.get("any_of", [])), "any"
    present = [f for f in wanted if _values_at(ctx.case.data, f)]
    absent = [f for f in wanted if f not in present]
    labels_zh = "、".join(field_label(f)[0] for f in absent)
    labels_en = ", ".join(f"{field_label(f)[1]} ({f.replace('[*]', '')})" for f in absent)
    if (mode == "all" and not absent) or (mode == "any" and present):
        shown = present[0] if present else ""
        return ok(f"已填写（{shown}）", f"given ({shown})")
    if mode == "any":
        return missing(f"case.toml 中缺少：{'或'.join(field_label(f)[0] for f in wanted)}",
                       f"case.toml lacks any of: {', '.join(f.replace('[*]', '') for f in wanted)}")
    return missing(f"case.toml 中缺少：{labels_zh}", f"case.toml lacks: {labels_en}")


@check("evidence_kind_present", kinds=list, min=int)
def evidence_kind_present(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """At least ``min`` (default 1) evidence items of one of ``kinds`` (any kind if omitted)."""
    kinds = _str_list(params, "kinds")
    needed = int(params.get("min", 1))
    matching = [i for i in ctx.items if not kinds or _item_kind(ctx, i) in kinds]
    what = "/".join(kinds) if kinds else "any"
    if len(matching) >= needed:
        ids = ", ".join(str(i.get("id", i.get("path"))) for i in matching[:5]) + (", …" if len(matching) > 5 else "")
        return ok(f"有 {len(matching)} 件（{ids}）", f"{len(matching)} item(s) ({ids})")
    return missing(f"证据中没有足够的 {what} 类材料（需要 {needed} 件，找到 {len(matching)} 件）",
                   f"not enough evidence of kind {what} (need {needed}, found {len(matching)})")


@check("record_present", required=("keywords",), keywords=list, kinds=list, contact_channels=list)
def record_present(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """A specific record is in the case: an evidence item whose path, source or "proves" note
    mentions one of ``keywords`` (optionally of ``kinds``), or a contact with one of
    ``contact_channels``, or a contact whose summary mentions a keyword."""
    keywords = _str_list(params, "keywords")
    kinds = _str_list(params, "kinds")
    for item in ctx.items:
        if kinds and _item_kind(ctx, item) not in kinds:
            continue
        text = _item_text(ctx, item)
        hit = next((k for k in keywords if k.lower() in text.lower()), None)
        if hit:
            ident = item.get("id") or item.get("path")
            return ok(f"证据 {ident} 提到“{hit}”", f"evidence {ident} mentions “{hit}”")
    channels = _str_list(params, "contact_channels")
    for contact in _contacts(ctx, None):
        if channels and contact.get("channel") in channels:
            return ok(f"沟通记录：{_describe_contact(contact)}", f"contact: {_describe_contact(contact)}")
        summary = str(contact.get("summary", ""))
        hit = next((k for k in keywords if k in summary), None)
        if hit:
            return ok(f"沟通记录 {_describe_contact(contact)} 提到“{hit}”",
                      f"contact {_describe_contact(contact)} mentions “{hit}”")
    words = "、".join(keywords)
    via = f"，或一条 {'/'.join(channels)} 渠道的沟通记录" if channels else ""
    via_en = f", or a [[contacts]] entry with channel {'/'.join(channels)}" if channels else ""
    return missing(f"没有找到相关材料：证据说明（[[evidence]] 的 source/proves 或文件名）中未提到 {words}{via}",
                   f"no such record: no evidence note (file name, [[evidence]] source/proves) "
                   f"mentions {', '.join(keywords)}{via_en}")


@check("contact_before", required=("channels",), channels=list, outcomes=list)
def contact_before(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The complainant already contacted one of ``channels`` (optionally with one of
    ``outcomes``) on or before today: e.g. the institution before the regulator."""
    channels = _str_list(params, "channels")
    found = _contacts(ctx, channels, _str_list(params, "outcomes") or None)
    if found:
        return ok(f"已联系：{_describe_contact(found[0])}", f"contacted: {_describe_contact(found[0])}")
    return missing(f"[[contacts]] 中没有向 {'/'.join(channels)} 投诉的记录",
                   f"no [[contacts]] entry with channel {'/'.join(channels)}")


@check("answer_window_elapsed", required=("channels", "days"), channels=list, days=int, working_days=bool,
       max_days=int)
def answer_window_elapsed(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The institution's answer window has passed since the first contact with it, or it has
    already answered (``rejected``/``resolved``). Not applicable without such a contact.
    With ``max_days``: between the two, the window may have been extended (cannot tell)."""
    channels = _str_list(params, "channels")
    found = _contacts(ctx, channels)
    if not found:
        return not_applicable()
    answered = [c for c in found if c.get("outcome") in ("rejected", "resolved")]
    if answered:
        return ok(f"机构已答复（{_describe_contact(answered[-1])}）",
                  f"the institution answered ({_describe_contact(answered[-1])})")
    first = _parse_date(found[0].get("date"))
    if first is None:
        return unknown("沟通记录缺少日期，无法计算答复期限", "the contact has no date; cannot compute the answer window")
    days = int(params["days"])
    working = bool(params.get("working_days", False))
    end = deadline(first, days, working)
    due = end.day
    unit_zh, unit_en = ("个工作日", " working days") if working else ("日", " days")
    flag_zh = f"（{end.note('zh')}）" if end.note("zh") else ""
    flag_en = f" ({end.note('en')})" if end.note("en") else ""
    longest = int(params.get("max_days") or 0)
    latest = add_days(first, longest, working) if longest > days else None
    if latest and due <= ctx.today < latest:
        return unknown(f"{first} 首次投诉，{days}{unit_zh}答复期已于 {due} 届满；如机构已通知延长，"
                       f"答复期可能已延长（最长 {longest}{unit_zh}，至 {latest}）",
                       f"first complaint {first}; the {days}{unit_en} window ended {due}, but if the institution "
                       f"notified an extension it may run until {latest} ({longest}{unit_en} at most)")
    if ctx.today >= due:
        return ok(f"{first} 首次投诉，{days}{unit_zh}答复期已于 {due} 届满{flag_zh}",
                  f"first complaint {first}; the {days}{unit_en} answer window ended {due}{flag_en}")
    return missing(f"{first} 首次投诉，机构的 {days}{unit_zh}答复期到 {due} 才届满{flag_zh}，建议届时再投诉",
                   f"first complaint {first}; the institution's {days}{unit_en} answer window runs "
                   f"until {due}{flag_en}; escalate from then")


@check("within_years", required=("years",), years=int)
def within_years(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Less than ``years`` have passed since the harm (``case.occurred_at``, else the earliest
    disputed transaction)."""
    years = int(params["years"])
    event, origin = _event_date(ctx)
    if event is None:
        return unknown(f"不知道问题发生的时间，无法判断是否超过 {years} 年",
                       f"no occurred_at or disputed transaction time; cannot tell whether {years} years have passed")
    try:
        limit = event.replace(year=event.year + years)
    except ValueError:  # 29 February
        limit = event.replace(year=event.year + years, day=28)
    if ctx.today <= limit:
        return ok(f"发生于 {event}（{origin}），期限至 {limit}", f"happened {event} ({origin}); limit {limit}")
    return missing(f"发生于 {event}（{origin}），已超过 {years} 年（期限 {limit}）",
                   f"happened {event} ({origin}): more than {years} years ago (limit was {limit})")


@check("within_days_of_event", required=("days",), days=int)
def within_days_of_event(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Today is at most ``days`` after the harm: for steps that only help when fast
    (an emergency payment stop)."""
    days = int(params["days"])
    event, origin = _event_date(ctx)
    if event is None:
        return unknown("不知道问题发生的时间", "no occurred_at or disputed transaction time")
    elapsed = (ctx.today - event).days
    if elapsed <= days:
        return ok(f"发生于 {event}，已过 {elapsed} 天", f"happened {event}, {elapsed} day(s) ago")
    return missing(f"发生于 {event}，已过 {elapsed} 天（超过 {days} 天）",
                   f"happened {event}, {elapsed} days ago (more than {days})")


@check("contact_within_days_of_event", required=("channels", "days"), channels=list, days=int)
def contact_within_days_of_event(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The first contact with ``channels`` came at most ``days`` after the harm (e.g. the
    police report soon after a theft). Not applicable without such a contact."""
    found = _contacts(ctx, _str_list(params, "channels"))
    event, _origin = _event_date(ctx)
    if not found or event is None:
        return not_applicable()
    first = _parse_date(found[0].get("date"))
    if first is None:
        return unknown("沟通记录缺少日期", "the contact has no date")
    gap = (first - event).days
    days = int(params["days"])
    if gap <= days:
        return ok(f"事发 {event}，{first} 即已报告（{gap} 天）", f"harm {event}, reported {first} ({gap} day(s))")
    return missing(f"事发 {event}，{first} 才报告（相隔 {gap} 天）",
                   f"harm {event}, reported only {first} ({gap} days later)")


@check("not_handled_by", required=("channels",), channels=list, outcomes=list)
def not_handled_by(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """No earlier contact with ``channels`` (optionally only those with ``outcomes``):
    a dispute another body already took is refused."""
    channels = _str_list(params, "channels")
    found = _contacts(ctx, channels, _str_list(params, "outcomes") or None)
    if not found:
        return ok(f"没有 {'/'.join(channels)} 处理过的记录", f"no earlier {'/'.join(channels)} handling")
    shown = "；".join(_describe_contact(c) for c in found)
    return missing(f"同一争议已由 {'/'.join(channels)} 受理或处理：{shown}",
                   f"the same dispute was already taken by {'/'.join(channels)}: {shown}")


@check("disputed_transaction", fields=list, any_of=list)
def disputed_transaction(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """At least one ``[[transactions]]`` with ``disputed = true``; each has all of ``fields``
    and at least one of ``any_of`` (e.g. id or merchant_order)."""
    disputed = ctx.case.disputed_transactions()
    if not disputed:
        return missing("case.toml 中没有标记 disputed = true 的交易",
                       "case.toml has no [[transactions]] with disputed = true")
    fields = _str_list(params, "fields")
    any_of = _str_list(params, "any_of")
    gaps_zh, gaps_en = [], []
    for index, tx in enumerate(disputed, start=1):
        lacking = [f for f in fields if not tx.get(f)]
        if any_of and not any(tx.get(f) for f in any_of):
            lacking.append("/".join(any_of))
        if lacking:
            gaps_zh.append(f"第 {index} 笔争议交易缺少 {'、'.join(lacking)}")
            gaps_en.append(f"disputed transaction {index} lacks {', '.join(lacking)}")
    if gaps_zh:
        return missing("；".join(gaps_zh), "; ".join(gaps_en))
    return ok(f"{len(disputed)} 笔争议交易信息完整", f"{len(disputed)} disputed transaction(s), complete")


@check("contacts_have_ticket", channels=list)
def contacts_have_ticket(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Every contact with ``channels`` (all contacts if omitted) records its ticket number."""
    found = _contacts(ctx, _str_list(params, "channels") or None)
    if not found:
        return not_applicable()
    lacking = [c for c in found if not c.get("ticket")]
    if lacking:
        shown = "；".join(_describe_contact(c) for c in lacking)
        return missing(f"这些沟通记录没有投诉编号/工单号：{shown}", f"these contacts have no ticket number: {shown}")
    return ok(f"{len(found)} 条沟通记录都有编号", f"all {len(found)} contact(s) have a ticket number")


@check("review_window", required=("channels", "days"), channels=list, days=int, respondent_types=list,
       branch_words=list)
def review_window(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """After a ``rejected`` decision from ``channels``, a review may be asked for within
    ``days``. Not applicable without a rejection, nor when the respondent is not of
    ``respondent_types`` or its name has none of ``branch_words`` (the 核查 is a bank's or
    insurer's higher level reviewing its branch)."""

    types = _str_list(params, "respondent_types")
    if types and respondent_type(ctx.case)[0] not in types:
        return not_applicable()
    words = _str_list(params, "branch_words")
    if words and not any(w in str(ctx.case.respondent.get("name") or "") for w in words):
        return not_applicable()
    rejected = _contacts(ctx, _str_list(params, "channels"), ["rejected"])
    if not rejected:
        return not_applicable()
    decided = _parse_date(rejected[-1].get("date"))
    if decided is None:
        return unknown("被拒绝的沟通记录缺少日期", "the rejected contact has no date")
    end = deadline(decided, int(params["days"]))
    last = end.next_working
    flag_zh = f"（{end.note('zh')}）" if end.rest_day else ""
    flag_en = f" ({end.note('en')})" if end.rest_day else ""
    if ctx.today <= last:
        return ok(f"{decided} 被拒绝，可在 {end.day} 前申请复核{flag_zh}",
                  f"rejected {decided}; review possible until {end.day}{flag_en}")
    return missing(f"{decided} 被拒绝，复核期限 {end.day} 已过{flag_zh}",
                   f"rejected {decided}; the review deadline {end.day} has passed{flag_en}")


@check("no_pending_duplicate")
def no_pending_duplicate(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """No complaint to this same channel is still pending: one complaint per channel,
    followed up, rather than repeated."""
    pending = _contacts(ctx, [ctx.channel.id], ["pending", "unresolved"])
    if not pending:
        return ok("该渠道没有处理中的投诉", "no pending complaint in this channel")
    shown = "；".join(_describe_contact(c) for c in pending)
    return missing(f"已有处理中的投诉：{shown}；请跟进原投诉，不要重复提交",
                   f"a complaint is already pending here: {shown}; follow it up instead of filing again")


@check("statement_specific")
def statement_specific(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The facts name an amount, a time and an order number; the demand is concrete."""

    zh = lint_specific(ctx.case, lang="zh")
    en = lint_specific(ctx.case, lang="en")
    if not zh:
        return ok("事实和诉求具体", "facts and demand are specific")
    return missing("；".join(zh), "; ".join(en))


@check("statement_calm")
def statement_calm(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """No heated words, no relative dates ("昨天") in the facts and demand."""

    zh = lint_tone(ctx.case, lang="zh")
    en = lint_tone(ctx.case, lang="en")
    if not zh:
        return ok("语气平和，日期明确", "calm tone, dates given")
    return missing("；".join(zh), "; ".join(en))


@check("respondent_type_in", required=("types",), types=list, assume=str, any_type_for=list)
def respondent_type_in(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The respondent is a body this channel takes complaints against: its ``[respondent] type``
    (else the type its name suggests, else ``assume``) is one of ``types``, or the problem is one
    of ``any_type_for`` (a 征信异议 goes to the PBOC whoever reported the data). Says which body
    is competent when it is not."""

    if ctx.case.problem and ctx.case.problem in _str_list(params, "any_type_for"):
        zh, en = PROBLEM_LABELS.get(ctx.case.problem, (ctx.case.problem, ctx.case.problem))
        return ok(f"{zh}：本渠道受理，不论被投诉人类型", f"{en}: this channel takes it whatever the respondent")

    kind, origin = respondent_type(ctx.case)
    if kind is None and params.get("assume"):
        kind, origin = str(params["assume"]), "assumed"
    name = str(ctx.case.respondent.get("name") or "")
    if not name and kind is None:
        return unknown("未填写被投诉人，无法判断主管部门", "no respondent given: cannot tell which body is competent")
    how_zh = {"case.toml": "case.toml 中注明", "name": "由名称识别", "assumed": "名称不像金融机构，按经营者处理"}
    how_en = {"case.toml": "as case.toml says", "name": "recognised from its name",
              "assumed": "its name is not a financial institution's, so taken as a merchant"}
    if kind is None:
        return unknown(f"无法从名称“{name}”判断被投诉人的类型；请在 [respondent] 中填写 type",
                       f"cannot tell from the name “{name}” what kind of body the respondent is; "
                       f"set type in [respondent]")
    what_zh = f"{name or '被投诉人'}为{type_label(kind, 'zh')}（{how_zh.get(origin, origin)}）"
    what_en = f"{name or 'the respondent'} is {type_label(kind, 'en')} ({how_en.get(origin, origin)})"
    if kind in _str_list(params, "types"):
        return ok(what_zh, what_en)
    body = competent_body(kind, "zh")
    zh = f"{what_zh}，不属本渠道受理范围；应向{body}{' ' if body[-1].isascii() else ''}投诉"
    en = f"{what_en}: outside this channel's remit; complain to {competent_body(kind, 'en')}"
    sellers = [str(t["counterparty"]) for t in ctx.case.disputed_transactions() if t.get("counterparty")]
    if "merchant" in _str_list(params, "types") and sellers:
        zh += f"；争议若在商品或服务本身，应以经营者（如交易对方“{sellers[0]}”）为被投诉人"
        en += f"; if the dispute is about the goods or service, the respondent is the merchant (e.g. the payee “{sellers[0]}”)"
    return missing(zh, en)


@check("problem_route", refuse=list, unsure=list)
def problem_route(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The problem type is one this channel handles: a problem in ``refuse`` is not (a civil
    top-up dispute is no police matter), one in ``unsure`` may not be (a warning)."""

    problem = ctx.case.problem
    if not problem:
        return unknown("未填写问题类型，无法判断本渠道是否处理", "no problem type given: cannot tell whether this channel handles it")
    zh, en = PROBLEM_LABELS.get(problem, (problem, problem))
    if problem in _str_list(params, "refuse"):
        return missing(f"问题类型“{zh}”不属本渠道处理的事项", f"the problem type “{en}” is not a matter for this channel")
    if problem in _str_list(params, "unsure"):
        return unknown(f"问题类型“{zh}”通常不由本渠道处理", f"the problem type “{en}” is usually not for this channel")
    return ok(f"问题类型“{zh}”属本渠道处理的事项", f"the problem type “{en}” is a matter for this channel")


@check("demand_fits", avoid=list, expect=list)
def demand_fits(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The request this channel's statement will carry suits its addressee: none of ``avoid``
    (no "请求督促" to the platform itself or to a court), and one of ``expect`` when given
    ("判令" before a court, "立案" before the police)."""

    lines, origin = demand_for(ctx.case, ctx.channel.id)
    if not lines:
        return not_applicable()
    text = "".join(lines)
    where = {"drafted": "按金额拟定的诉讼请求", "case.demand": "[case] demand"}.get(origin, f"[{origin.replace('.', '] ')}")
    where_en = {"drafted": "claims drafted from the amount", "case.demand": "[case] demand"}.get(
        origin, f"[{origin.replace('.', '] ')}")
    wrong = [w for w in _str_list(params, "avoid") if w in text]
    if wrong:
        return missing(f"{where} 含“{wrong[0]}”，不适合向本渠道提出", f"{where_en} says “{wrong[0]}”, which does not suit this addressee")
    expected = _str_list(params, "expect")
    if expected and not any(w in text for w in expected):
        return missing(f"{where} 未写明“{expected[0]}”", f"{where_en} does not say “{expected[0]}”")
    if origin == "drafted":
        return unknown("诉讼请求按金额拟定，请核对后在 [demands] court 中写明",
                       "the claims were drafted from the amount; check them and write them in [demands] court")
    return ok(f"{where} 适合本渠道", f"{where_en} suits this addressee")


_INTERNET_COURTS = {"北京": "北京互联网法院", "广州": "广州互联网法院", "杭州": "杭州互联网法院"}


@check("court_venue")
def court_venue(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Which court: the defendant's domicile (民事诉讼法 Art. 22), or for a contract also where it
    was performed (Art. 24); the Beijing, Guangzhou and Hangzhou internet courts for online
    contracts of defendants in their city (互联网法院规定 Art. 2)."""
    address = str(ctx.case.respondent.get("address") or "")
    if not address:
        return unknown("未填写被告住所，无法提示管辖法院：由被告住所地人民法院管辖（合同纠纷也可由合同履行地法院管辖）",
                       "no defendant address: the court is the one where the defendant is domiciled (for a "
                       "contract, also where it was performed)")
    city = re.match(r"^(.{2,8}?(?:省|自治区))?(.{2,10}?(?:市|自治州|地区|盟))", address)
    where = city.group(0) if city else address[:6]
    zh = (f"被告住所地为{where}：可向被告住所地的基层人民法院起诉；合同纠纷也可向合同履行地法院起诉"
          "（填在“此致 ____人民法院”处）")
    en = (f"the defendant is domiciled in {where}: sue at the basic people's court there; for a contract, "
          "also where it was performed (fill in “此致 ____人民法院”)")
    court = next((name for key, name in _INTERNET_COURTS.items() if address.startswith(key)
                  or f"{key}市" in address[:8]), None)
    if court:
        zh += f"；签订、履行均在网上完成的网络服务合同、金融借款合同等纠纷，由{court}集中管辖"
        en += f"; online service or loan contracts made and performed online go to the {court}"
    else:
        zh += "；互联网法院只设在北京、广州、杭州，只管辖本市辖区内的案件"
        en += "; internet courts exist only in Beijing, Guangzhou and Hangzhou, for cases in their own city"
    return ok(zh, en)


@check("limitation_period", years=int, channels=list)
def limitation_period(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The limitation period (民法典 Art. 188: three years from knowing of the harm), restarted by
    each demand to the obligor (Art. 195(1)): the latest contact with ``channels``."""
    years = int(params.get("years", 3))
    event, origin = _event_date(ctx)
    if event is None:
        return unknown("不知道问题发生的时间，无法计算诉讼时效", "no occurred_at or disputed transaction time: "
                       "cannot compute the limitation period")
    demands = [d for d in (_parse_date(c.get("date")) for c in _contacts(ctx, _str_list(params, "channels") or None))
               if d and d >= event]
    start = max([event, *demands])
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    restarted_zh = f"；{start} 向对方提出请求，时效中断并重新计算" if demands else ""
    restarted_en = f"; the demand of {start} interrupted it and it runs again" if demands else ""
    if ctx.today <= end:
        return ok(f"自 {event} 起算 {years} 年{restarted_zh}，至 {end}",
                  f"{years} years from {event}{restarted_en}, until {end}")
    return missing(f"自 {event} 起算 {years} 年{restarted_zh}，已于 {end} 届满",
                   f"{years} years from {event}{restarted_en}: ended {end}")


@check("masked_for_public")
def masked_for_public(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Personal data will be masked: ``[case] public`` is not set to false."""
    if ctx.case.public is False:
        return missing("case.toml 设置了 public = false，个人信息不会打码",
                       "case.toml sets public = false: personal data would not be masked")
    return ok("姓名、证件号、电话、地址、账号将打码", "name, id number, phone, address and account will be masked")


@check("no_location_in_items")
def no_location_in_items(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """No evidence item carries GPS coordinates (photo EXIF): private data on a public post."""
    flagged = []
    for item in ctx.items:
        facts = item.get("facts") or {}
        blob = json.dumps(facts, ensure_ascii=False).lower() if isinstance(facts, dict) else ""
        warnings = " ".join(str(w) for w in item.get("warnings") or []).lower()
        if (isinstance(facts, dict) and facts.get("gps")) or "gps" in warnings or '"gps": true' in blob:
            flagged.append(str(item.get("id") or item.get("path")))
    if flagged:
        return missing(f"这些照片带有 GPS 位置信息：{', '.join(flagged)}",
                       f"these items carry GPS location data: {', '.join(flagged)}")
    return ok("证据中未发现位置信息", "no location data found in the evidence")


@check("trusted_timestamp")
def trusted_timestamp(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """The dossier carries a trusted (RFC 3161) timestamp, not only the signer's own clock."""
    if ctx.timestamped is True:
        return ok("证据包带有可信时间戳", "the dossier carries a trusted timestamp")
    if ctx.timestamped is False:
        return missing("证据包只有签名者自己的时间，没有可信时间戳",
                       "the dossier's time is only the signer's claim: no trusted timestamp")
    return unknown("尚未封存，无法确认是否有可信时间戳", "not sealed yet: cannot tell whether it will carry a trusted timestamp")


@check("evidence_described")
def evidence_described(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Every evidence item says where it came from (source) and what it proves."""
    if not ctx.items:
        return not_applicable()
    lacking = []
    for item in ctx.items:
        note = ctx.case.evidence_for(str(item.get("path", ""))) or {}
        has_source = bool(note.get("source") or item.get("provenance"))
        has_proves = bool(note.get("proves") or item.get("proves"))
        if not (has_source and has_proves):
            lacking.append(str(item.get("id") or item.get("path")))
    if lacking:
        shown = ", ".join(lacking[:8]) + (" …" if len(lacking) > 8 else "")
        return missing(f"{len(lacking)} 件证据缺少来源或证明对象：{shown}",
                       f"{len(lacking)} item(s) lack a source or what they prove: {shown}")
    return ok(f"全部 {len(ctx.items)} 件证据都有来源和证明对象", f"all {len(ctx.items)} items have a source and purpose")


@check("sources_agree")
def sources_agree(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Every exhibit showing a disputed transaction agrees on its amount, time, status and
    counterparty (the cross-checks): better the complainant learns of a conflict than the regulator."""
    report = ctx.cross_checks if ctx.cross_checks is not None else cross_check(ctx.case.data, ctx.items)
    disputed = [c for tx in report.transactions if tx.disputed for c in tx.checks]
    if not disputed:
        return not_applicable()
    conflicts = [c for c in disputed if c.status == "conflict"]
    if conflicts:
        return missing("；".join(c.message().text("zh") for c in conflicts),
                       "; ".join(c.message().text("en") for c in conflicts))
    compared = sum(1 for c in disputed if c.status == "agree")
    if not compared:
        return unknown(t("check.cross.single", "zh"), t("check.cross.single", "en"))
    return ok(t("check.cross.agree", "zh", count=compared), t("check.cross.agree", "en", count=compared))


def _readable_screen(item: Mapping[str, Any]) -> dict[str, Any] | None:
    """facts.screen of a screenshot or photo whose transaction id or amount was read with confidence."""
    facts = item.get("facts") or {}
    screen = facts.get("screen") if isinstance(facts, Mapping) else None
    if not isinstance(screen, Mapping):
        return None
    low = set(screen.get("low_confidence") or [])
    shown = {k: screen[k] for k in ("txn_id", "amount") if screen.get(k) and k not in low}
    return shown or None


@check("transaction_voucher", kinds=list)
def transaction_voucher(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """A 交易凭证: an item of ``kinds`` (default bill, receipt), or a screenshot or photo of a screen
    whose transaction id or amount could be read; a screenshot whose text was not read still counts,
    with a note to make sure it shows the transaction."""
    kinds = _str_list(params, "kinds") or ["bill", "receipt"]
    vouchers = [str(i.get("id") or i.get("path")) for i in ctx.items if _item_kind(ctx, i) in kinds]
    if vouchers:
        shown = ", ".join(vouchers[:5])
        return ok(t("check.voucher.bill", "zh", ids=shown), t("check.voucher.bill", "en", ids=shown))
    for item in ctx.items:
        screen = _readable_screen(item)
        if screen and _item_kind(ctx, item) in ("screenshot", "photo", "image"):
            what = " · ".join(f"¥{v}" if k == "amount" else str(v) for k, v in screen.items())
            ident = str(item.get("id") or item.get("path"))
            return ok(t("check.voucher.screen", "zh", id=ident, what=what),
                      t("check.voucher.screen", "en", id=ident, what=what))
    unread = [str(i.get("id") or i.get("path")) for i in ctx.items
              if _item_kind(ctx, i) == "screenshot" and "screen" not in (i.get("facts") or {})]
    if unread:
        shown = ", ".join(unread[:5])
        return ok(t("check.voucher.unread", "zh", ids=shown), t("check.voucher.unread", "en", ids=shown))
    return missing(t("check.voucher.missing", "zh"), t("check.voucher.missing", "en"))


def _combine(ctx: CheckContext, params: Mapping[str, Any]) -> list[Finding]:
    findings = [run_check(sub["check"], ctx, sub.get("params", {})) for sub in params.get("checks", [])]
    return [f for f in findings if f.applicable]


@check("any_of", required=("checks",), checks=list)
def any_of(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Passes when any of the nested ``checks`` passes."""
    findings = _combine(ctx, params)
    if not findings:
        return not_applicable()
    for finding in findings:
        if finding.passed:
            return finding
    return missing("；".join(f.zh for f in findings), "; ".join(f.en for f in findings))


@check("all_of", required=("checks",), checks=list)
def all_of(ctx: CheckContext, params: Mapping[str, Any]) -> Finding:
    """Passes when every nested check passes."""
    findings = _combine(ctx, params)
    if not findings:
        return not_applicable()
    failing = [f for f in findings if f.passed is not True]
    if not failing:
        return ok("；".join(f.zh for f in findings), "; ".join(f.en for f in findings))
    passed = None if all(f.passed is None for f in failing) else False
    return Finding(passed, "；".join(f.zh for f in failing), "; ".join(f.en for f in failing))
