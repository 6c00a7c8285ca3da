"""Complaint channels: their requirements as data, loaded from the TOML templates.

Each channel id of DESIGN.md has a file ``templates/<id>.toml`` (shipped in the wheel as
``evidencekit/templates``) with its names, authority, legal sources, rules, time limits,
privacy and trust needs, statement layout, escalation and advice. ``templates/_shared.toml``
holds sources and rules several channels use (a file whose name starts with ``_`` is not a
channel). Rules name checks implemented once in :mod:`evidencekit.channels.rules`; adding
a channel is adding a file.
"""

from __future__ import annotations

from evidencekit.channels.check import CheckReport, RuleResult, check_all, check_case
from evidencekit.channels.escalation import Escalation, compute_escalation
from evidencekit.channels.rules import CHECKS
from evidencekit.channels.templates import (
    Channel,
    EscalationNote,
    EscalationSpec,
    EscalationStep,
    EscalationWindow,
    Note,
    Rule,
    Source,
    TemplateError,
    Text,
    channel_ids,
    get_channel,
    load_channels,
)
from evidencekit.template_files import templates_dir

__all__ = [
    "CHECKS", "Channel", "CheckReport", "Escalation", "EscalationNote", "EscalationSpec", "EscalationStep",
    "EscalationWindow", "Note", "Rule",
    "RuleResult", "Source", "TemplateError", "Text", "channel_ids", "check_all", "check_case",
    "compute_escalation", "get_channel", "load_channels", "templates_dir",
]
