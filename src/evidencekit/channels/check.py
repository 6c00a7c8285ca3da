"""Check a case against a channel's requirements: a report, never an exception."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from evidencekit.case import CaseFile
from evidencekit.channels.escalation import Escalation, compute_escalation
from evidencekit.channels.rules import CheckContext, run_check
from evidencekit.channels.templates import get_channel, load_channels
from evidencekit.cross_checks import CrossCheckReport, cross_check

STATUSES = ("pass", "fail", "warn")


@dataclass(frozen=True)
class RuleResult:
    """One requirement's verdict, with why, on what legal basis, and how to fix it."""

    rule_id: str
    status: str  # pass | fail | warn
    message: str
    source: str
    fix: str
    requirement: str = ""
    severity: str = "fail"

    def to_dict(self) -> dict[str, str]:
        return {"rule": self.rule_id, "status": self.status, "requirement": self.requirement,
                "message": self.message, "source": self.source, "fix": self.fix,
                "severity": self.severity}


@dataclass
class CheckReport:
    """Every applicable requirement of one channel, checked; ``ok`` when none fails."""

    channel_id: str
    channel_name: str
    lang: str
    results: list[RuleResult]
    escalation: Escalation | None = None
    problem: str | None = None
    advice: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(r.status == "fail" for r in self.results)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for r in self.results if r.status == s) for s in STATUSES}

    def by_rule(self) -> dict[str, RuleResult]:
        return {r.rule_id: r for r in self.results}

    def failures(self) -> list[RuleResult]:
        return [r for r in self.results if r.status == "fail"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel_id,
            "name": self.channel_name,
            "ok": self.ok,
            "problem": self.problem,
            "counts": self.counts(),
            "results": [r.to_dict() for r in self.results],
            "escalation": self.escalation.to_dict(self.lang) if self.escalation else None,
            "advice": self.advice,
        }


def check_case(case: CaseFile, items: list[dict[str, Any]], channel_id: str, today: date,
               lang: str = "zh", *, timestamped: bool | None = None,
               channels: Mapping[str, Any] | None = None, cross_checks: CrossCheckReport | None = None) -> CheckReport:
    """Check ``case`` and its evidence ``items`` (manifest item dicts) against a channel.

    Rules for other problem types, rules whose ``when_field`` is empty, and rules that do
    not apply (e.g. an answer window without any contact) are left out. ``timestamped``
    says whether the dossier carries a trusted timestamp (None: not sealed yet).
    Raises ``BadInput`` only for an unknown channel id.
    """

    known = channels if channels is not None else load_channels()
    channel = get_channel(channel_id, known)
    ctx = CheckContext(case=case, items=list(items), today=today, channel=channel,
                       timestamped=timestamped, cross_checks=cross_checks)
    results: list[RuleResult] = []
    for rule in channel.rules_for(case.problem):
        if rule.when_field and case.get_path(rule.when_field) in (None, "", {}, []):
            continue
        finding = run_check(rule.check, ctx, rule.params)
        if not finding.applicable:
            continue
        if finding.passed is True:
            status = "pass"
        elif finding.passed is False:
            status = rule.severity
        else:
            status = "warn"
        detail = finding.en if lang == "en" else finding.zh
        separator = ": " if lang == "en" else "："
        results.append(RuleResult(
            rule_id=rule.id, status=status,
            message=f"{rule.text.get(lang)}{separator}{detail}",
            source=channel.sources[rule.source].cite(lang),
            fix="" if status == "pass" else rule.fix.get(lang),
            requirement=rule.text.get(lang), severity=rule.severity,
        ))
    return CheckReport(
        channel_id=channel.id, channel_name=channel.name.get(lang), lang=lang, results=results,
        escalation=compute_escalation(case, today, known), problem=case.problem,
        advice=[note.text.get(lang) for note in channel.advice],
    )


def check_all(case: CaseFile, items: list[dict[str, Any]], today: date, lang: str = "zh", *,
              timestamped: bool | None = None) -> dict[str, CheckReport]:
    """``check_case`` for every channel, for the ``--channel all`` matrix."""

    channels = load_channels()
    report = cross_check(case.data, items)  # once, not once per channel
    return {cid: check_case(case, items, cid, today, lang, timestamped=timestamped, channels=channels,
                            cross_checks=report)
            for cid in channels}
