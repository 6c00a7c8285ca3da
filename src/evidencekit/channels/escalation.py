"""When, and to whom, a complainant can escalate, from their contact history.

Each channel template's ``[escalation]`` says how long the body behind it has to answer
(``answer_days``, calendar or working days) and where to go next (``next``, the first entry
whose ``respondent_keywords`` match the respondent's name, e.g. banks → NFRA, otherwise →
PBOC). ``first_for`` names the problem types for which that channel is the first step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Mapping

from evidencekit.channels.labels import OUTCOME_LABELS
from evidencekit.channels.rules import add_days

if TYPE_CHECKING:
    from evidencekit.case import CaseFile
    from evidencekit.channels import Channel


@dataclass(frozen=True)
class Escalation:
    """The next step: ``to`` (a channel id) from ``earliest_date``; None when there is none."""

    earliest_date: date | None
    to: str | None
    reason_zh: str
    reason_en: str
    possible_now: bool = False
    based_on: str | None = None  # the contact it is computed from: "2025-03-13 platform #CS…"

    def reason(self, lang: str) -> str:
        return self.reason_en if lang == "en" else self.reason_zh

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "earliest_date": self.earliest_date.isoformat() if self.earliest_date else None,
            "to": self.to, "possible_now": self.possible_now, "based_on": self.based_on,
            "reason_zh": self.reason_zh, "reason_en": self.reason_en,
        }
        if lang:
            out["reason"] = self.reason(lang)
        return out


def _first_step(problem: str | None, channels: Mapping[str, "Channel"]) -> "Channel | None":
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


def _pick_next(channel: "Channel", respondent_name: str) -> str | None:
    assert channel.escalation is not None
    for step in channel.escalation.next:
        if not step.respondent_keywords or any(k in respondent_name for k in step.respondent_keywords):
            return step.channel
    return None


def compute_escalation(case: "CaseFile", today: date,
                       channels: Mapping[str, "Channel"] | None = None) -> Escalation:
    """The earliest date the complainant may escalate, and to which channel.

    Uses the latest contact that is not resolved and whose channel has somewhere to go
    next that was not contacted yet: a rejection allows escalating at once; otherwise the body's answer window
    (``answer_days`` from the template) runs from the contact's date.
    """
    if channels is None:
        from evidencekit.channels import load_channels

        channels = load_channels()
    contacts = sorted((c for c in case.contacts if c.get("date") and c["date"] <= today.isoformat()),
                      key=lambda c: c["date"])
    if not contacts:
        first = _first_step(case.problem, channels)
        if first is None:
            return Escalation(None, None, "尚无沟通记录。", "No contact history yet.")
        return Escalation(
            today, first.id,
            f"尚无沟通记录：请先向{first.name.zh}投诉，保留投诉编号；{first.escalation.text.zh if first.escalation else ''}",
            f"No contact history yet: start with {first.name.en} and keep the ticket number; "
            f"{first.escalation.text.en if first.escalation else ''}",
            possible_now=True)
    open_contacts = [c for c in contacts if c.get("outcome") != "resolved"]
    if not open_contacts:
        return Escalation(None, None, "沟通记录显示问题已解决，无需升级。",
                          "The contact history says the problem was resolved: no escalation needed.")
    respondent = str(case.respondent.get("name", ""))
    contacted_channels = {str(c.get("channel")) for c in contacts}
    for contact in reversed(open_contacts):
        channel = channels.get(str(contact.get("channel")))
        if channel is None or channel.escalation is None or not channel.escalation.next:
            continue
        spec = channel.escalation
        target_id = _pick_next(channel, respondent)
        if target_id is None or target_id in contacted_channels:
            continue  # nowhere to go, or that step was already taken
        target = channels[target_id]
        contacted = date.fromisoformat(contact["date"])
        outcome = contact.get("outcome") or "unresolved"
        ticket_zh = f"（编号 {contact['ticket']}）" if contact.get("ticket") else ""
        ticket_en = f" (ticket {contact['ticket']})" if contact.get("ticket") else ""
        outcome_zh, outcome_en = OUTCOME_LABELS.get(outcome, (outcome, outcome))
        based_on = f"{contact['date']} {channel.id}" + (f" #{contact['ticket']}" if contact.get("ticket") else "")
        if outcome == "rejected" or not spec.answer_days:
            earliest = contacted
            why_zh = "对方已作出答复，" if outcome == "rejected" else ""
            why_en = "they have answered; " if outcome == "rejected" else ""
        else:
            earliest = add_days(contacted, spec.answer_days, spec.working_days)
            unit_zh = "个工作日" if spec.working_days else "日"
            unit_en = " working days" if spec.working_days else " days"
            why_zh = f"答复期 {spec.answer_days}{unit_zh}，"
            why_en = f"the answer window is {spec.answer_days}{unit_en}; "
        return Escalation(
            earliest, target.id,
            f"{contacted} 已向{channel.name.zh}投诉{ticket_zh}，结果：{outcome_zh}。{spec.text.zh}"
            f"{why_zh}最早可于 {earliest} 向{target.name.zh}投诉。",
            f"Complained to {channel.name.en} on {contacted}{ticket_en}, outcome: {outcome_en}. "
            f"{spec.text.en} {why_en.capitalize()}escalate to {target.name.en} from {earliest}.",
            possible_now=earliest <= today, based_on=based_on)
    last = open_contacts[-1]
    channel = channels.get(str(last.get("channel")))
    name_zh = channel.name.zh if channel else str(last.get("channel"))
    name_en = channel.name.en if channel else str(last.get("channel"))
    return Escalation(None, None,
                      f"最近一次投诉在{name_zh}，没有更高一级的投诉渠道；请跟进该投诉。",
                      f"The latest complaint is with {name_en}, which has no further channel; follow it up.")
