"""When, and to whom, a complainant can escalate, from their contact history.

Each channel template's ``[escalation]`` says how long the body behind it has to answer
(``answer_days``, at most ``max_days``; calendar or working days; a ``variants`` entry per
respondent type, e.g. the bank rule's 15/30/60 days only for banks and insurers) and where to go
next (``next``: the first step whose ``respondent_types`` and ``problems`` match, e.g. banks →
NFRA, payment institutions → PBOC, a theft → the police at once after the 挂失). ``elsewhere``
says where to go when the tool has no channel for the respondent (小额贷款公司 → 地方金融管理部门),
``first_advice`` what to do first for a problem. ``first_for`` names the problem types for which
that channel is the first step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from evidencekit.channels.respondent import respondent_type
from evidencekit.channels.templates import (
    Channel,
    EscalationNote,
    EscalationStep,
    load_channels,
)
from evidencekit.channels.workdays import add_days, calendar_note, deadline
from evidencekit.terms import OUTCOME_LABELS

if TYPE_CHECKING:
    from evidencekit.case import CaseFile


@dataclass(frozen=True)
class Escalation:
    """The next step: ``to`` (a channel id) from ``earliest_date``; None when there is none."""

    earliest_date: date | None
    to: str | None
    reason_zh: str
    reason_en: str
    possible_now: bool = False
    based_on: str | None = None  # the contact it is computed from: "2025-03-13 platform #CS…"
    latest_date: date | None = None  # the end of the longest answer window (max_days), when known

    def reason(self, lang: str) -> str:
        return self.reason_en if lang == "en" else self.reason_zh

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "earliest_date": self.earliest_date.isoformat() if self.earliest_date else None,
            "to": self.to, "possible_now": self.possible_now, "based_on": self.based_on,
            "latest_date": self.latest_date.isoformat() if self.latest_date else None,
            "reason_zh": self.reason_zh, "reason_en": self.reason_en,
        }
        if lang:
            out["reason"] = self.reason(lang)
        return out


def _first_step(problem: str | None, channels: Mapping[str, Channel]) -> Channel | None:
    fallback = None
    for channel in channels.values():
        spec = channel.escalation
        if spec is None:
            continue
        if problem and problem in spec.first_for:
            return channel
        if "*" in spec.first_for and fallback is None:
            fallback = channel
    return fallback


def _steps(channel: Channel, kind: str | None, problem: str | None) -> list[EscalationStep]:
    assert channel.escalation is not None
    return [step for step in channel.escalation.next if step.matches(kind, problem)]


def _note_for(notes: tuple[EscalationNote, ...], kind: str | None, problem: str | None) -> EscalationNote | None:
    for note in notes:
        if (not note.respondent_types or kind in note.respondent_types) and (
                not note.problems or problem in note.problems):
            return note
    return None


def compute_escalation(case: CaseFile, today: date,
                       channels: Mapping[str, Channel] | None = None) -> Escalation:
    """The earliest date the complainant may escalate, and to which channel.

    Uses the latest contact that is not resolved and whose channel has somewhere to go
    next that was not contacted yet: a rejection (or an ``immediate`` step) allows escalating
    at once; otherwise the body's answer window (``answer_days`` of the template, or of its
    variant for the respondent's type) runs from the contact's date, at most ``max_days``.
    """

    if channels is None:
        channels = load_channels()
    kind, _origin = respondent_type(case)
    problem = case.problem
    contacts = sorted((c for c in case.contacts if c.get("date") and c["date"] <= today.isoformat()),
                      key=lambda c: c["date"])
    if not contacts:
        first = _first_step(problem, channels)
        if first is None:
            return Escalation(None, None, "尚无沟通记录。", "No contact history yet.")
        spec = first.escalation
        advice = _note_for(spec.first_advice, kind, problem) if spec else None
        if advice is not None:
            return Escalation(today, first.id, f"尚无沟通记录：{advice.text.zh}",
                              f"No contact history yet: {advice.text.en}", possible_now=True)
        window = spec.window(kind, problem) if spec else None
        return Escalation(
            today, first.id,
            f"尚无沟通记录：请先向{_spaced(first.name.zh)}投诉，保留投诉编号。{window.text.zh if window else ''}",
            f"No contact history yet: start with {first.name.en} and keep the ticket number. "
            f"{window.text.en if window else ''}",
            possible_now=True)
    open_contacts = [c for c in contacts if c.get("outcome") != "resolved"]
    if not open_contacts:
        return Escalation(None, None, "沟通记录显示问题已解决，无需升级。",
                          "The contact history says the problem was resolved: no escalation needed.")
    contacted_channels = {str(c.get("channel")) for c in contacts}
    for contact in reversed(open_contacts):
        channel = channels.get(str(contact.get("channel")))
        if channel is None or channel.escalation is None:
            continue
        spec = channel.escalation
        # a problem no further channel can solve (a judicial freeze: only the freezing authority)
        stop = next((n for n in spec.elsewhere if n.problems and problem in n.problems), None)
        if stop is not None:
            return Escalation(None, None, stop.text.zh, stop.text.en, based_on=_based_on(contact, channel.id))
        steps = [s for s in _steps(channel, kind, problem) if s.channel not in contacted_channels]
        if not steps:
            elsewhere = _note_for(tuple(n for n in spec.elsewhere if not n.problems), kind, problem) if kind else None
            if elsewhere is not None:
                return Escalation(None, None, elsewhere.text.zh, elsewhere.text.en,
                                  based_on=_based_on(contact, channel.id))
            if spec.next and kind is None and any(s.respondent_types for s in spec.next):
                return Escalation(
                    None, None,
                    "无法从名称判断被投诉人是银行、支付机构还是商家，因此无法确定下一步向谁投诉；"
                    "请在 case.toml 的 [respondent] 中填写 type（如 bank、payment、merchant）。",
                    "Cannot tell from its name whether the respondent is a bank, a payment institution or "
                    "a merchant, so the next step is unknown; set type in [respondent] of case.toml "
                    "(e.g. bank, payment, merchant).", based_on=_based_on(contact, channel.id))
            continue  # nowhere to go, or every step was already taken
        step = steps[0]
        target = channels[step.channel]
        window = spec.window(kind, problem)
        contacted = date.fromisoformat(contact["date"])
        outcome = contact.get("outcome") or "unresolved"
        ticket_zh = f"（编号 {contact['ticket']}）" if contact.get("ticket") else ""
        ticket_en = f" (ticket {contact['ticket']})" if contact.get("ticket") else ""
        outcome_zh, outcome_en = OUTCOME_LABELS.get(outcome, (outcome, outcome))
        latest = None
        if step.immediate or outcome == "rejected" or not window.answer_days:
            earliest = contacted
            why_zh = "对方已作出答复，" if outcome == "rejected" else ""
            why_en = "they have answered; " if outcome == "rejected" else ""
        else:
            end = deadline(contacted, window.answer_days, window.working_days)
            earliest = end.day
            unit_zh = "个工作日" if window.working_days else "日"
            unit_en = " working days" if window.working_days else " days"
            why_zh = f"答复期 {window.answer_days}{unit_zh}"
            why_en = f"the answer window is {window.answer_days}{unit_en}"
            if window.working_days:
                why_zh += f"（{calendar_note('zh')}）"
                why_en += f" ({calendar_note('en')})"
            why_zh += "，"
            why_en += "; "
            if end.note("zh"):
                why_zh += end.note("zh") + "，"
                why_en += end.note("en") + "; "
            if window.max_days and window.max_days > window.answer_days:
                latest = add_days(contacted, window.max_days, window.working_days)
                if window.extension and earliest <= today < latest and outcome in ("unresolved", "pending"):
                    why_zh += (f"期限已过，但机构可能已依规延长答复期（最长 {window.max_days}{unit_zh}，"
                               f"至 {latest}）；未收到延长通知的，可以升级，")
                    why_en += (f"it has passed, but the institution may have extended it (at most "
                               f"{window.max_days}{unit_en}, until {latest}); without an extension notice, ")
                else:
                    why_zh += f"最长 {window.max_days}{unit_zh}（至 {latest}），"
                    why_en += f"at most {window.max_days}{unit_en} (until {latest}); "
        text_zh = f"{window.text.zh}" if not step.immediate else ""
        text_en = f"{window.text.en} " if not step.immediate else ""
        return Escalation(
            earliest, target.id,
            f"{contacted} 已向{_spaced(channel.name.zh)}投诉{ticket_zh}，结果：{outcome_zh}。{text_zh}"
            f"{why_zh}最早可于 {earliest} 向{_spaced(target.name.zh)}投诉。",
            f"Complained to {channel.name.en} on {contacted}{ticket_en}, outcome: {outcome_en}. "
            f"{text_en}{why_en[:1].upper() + why_en[1:]}escalate to {target.name.en} from {earliest}.",
            possible_now=earliest <= today, based_on=_based_on(contact, channel.id), latest_date=latest)
    last = open_contacts[-1]
    channel = channels.get(str(last.get("channel")))
    name_zh = channel.name.zh if channel else str(last.get("channel"))
    name_en = channel.name.en if channel else str(last.get("channel"))
    return Escalation(None, None,
                      f"最近一次投诉在{name_zh}，没有更高一级的投诉渠道；请跟进该投诉。",
                      f"The latest complaint is with {name_en}, which has no further channel; follow it up.")


def _spaced(name: str) -> str:
    """"中国人民银行 12363" + "投诉": a space after a trailing number reads better."""
    return name + " " if name and name[-1].isascii() and name[-1].isalnum() else name


def _based_on(contact: Mapping[str, Any], channel_id: str) -> str:
    return f"{contact['date']} {channel_id}" + (f" #{contact['ticket']}" if contact.get("ticket") else "")
