"""The plan stage: everything the dossier will say, computed once.

``collect → describe → plan → render → assemble → seal``. :func:`plan_dossier` takes the
described items and the case and decides, once, what every page will show: how each item
is shown, the masked case and its replacement map (public dossiers), the statement for the
channel and its lint, the timeline, the escalation, the channel check, the manifest with its
canonical bytes and id, the signer, and the notices for the complainant. Rendering lays out
a :class:`DossierPlan` and computes nothing of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from evidencekit.case import CaseFile, without_passwords
from evidencekit.channels import CheckReport, Escalation, check_case, compute_escalation, get_channel
from evidencekit.clock import iso
from evidencekit.cross_checks import CrossCheckReport, cross_check
from evidencekit.i18n import Message, msg
from evidencekit.manifest import Manifest, build_manifest
from evidencekit.model import Item, Signer, Skipped, Statement, Visual
from evidencekit.money_flow import Glance, MoneyFlow, case_glance, money_flows
from evidencekit.privacy import mask_account, mask_name, mask_personal, mask_text, replacement_map
from evidencekit.statement import build_statement
from evidencekit.statement_lint import lint_messages
from evidencekit.timeline import Event, timeline_events
from evidencekit.visuals import visual_for

#: The name a default identity gets: its owner should give it theirs (bundle warns).
GENERIC_SIGNER = "evidencekit user "


@dataclass(frozen=True)
class DossierPlan:
    """What the dossier says. Built by :func:`plan_dossier`; laid out by ``render``."""

    lang: str
    created: str  # ISO 8601, Beijing time: the sealing time as the sealer's clock gives it
    time_source: str  # "tsa" | "local-clock"
    today: date
    case: CaseFile  # as the complainant wrote it
    sealed_case: CaseFile  # what is sealed: the masked copy on a public dossier
    public: bool
    replacements: Mapping[str, str]  # personal value -> masked form (public dossiers), longest first
    channel: str | None
    items: tuple[Item, ...]
    visuals: Mapping[str, Visual]
    skipped: tuple[Skipped, ...]
    signer: Signer
    manifest: Manifest
    statement: Statement | None
    events: tuple[Event, ...]
    flows: tuple[MoneyFlow, ...]  # 资金流向: each disputed transaction as every source shows it
    glance: Glance  # the case at a glance, from the case data pages print
    escalation: Escalation | None  # advice for the complainant: printed, never sealed
    checks: CheckReport | None  # the chosen channel's requirements against this case
    lint: tuple[Message, ...]  # the statement's lint: advice for the complainant, never sealed
    notices: tuple[Message, ...]  # other advice for the complainant (public dossier, generic signer…)
    passwords: Mapping[str, str] = field(default_factory=dict, repr=False)  # never sealed
    cross_checks: CrossCheckReport = field(default_factory=CrossCheckReport)  # 交叉核对: each id, each source
    page_images: str = "full"  # "print": pages show print-resolution copies of the images

    @property
    def dossier_id(self) -> str:
        return self.manifest.dossier_id

    def shown(self, text: str) -> str:
        """A free text as a page shows it: personal data masked on a public dossier."""
        return mask_text(text, self.replacements) if self.public and text else text

    def masked_holder(self, name: object, account: object) -> tuple[object, object]:
        """A bill's account holder and account as a public page shows them (others kept as they are)."""
        return (mask_name(name) if isinstance(name, str) else name,
                mask_account(account) if isinstance(account, str) else account)

    @property
    def shown_case(self) -> dict[str, Any]:
        """The case data pages print: the masked copy on a public dossier."""
        return self.sealed_case.data


def plan_dossier(items: list[Item], case: CaseFile, *, skipped: list[Skipped], lang: str, channel: str | None,
                 public: bool, now: datetime, time_source: str, signer: Signer,
                 passwords: Mapping[str, str] | None = None, page_images: str = "full") -> DossierPlan:
    """Decide everything the dossier says. Pure: reads the items' files only to plan how
    each is shown (image sizes, PDF pages), writes nothing. ``passwords``: an item's path →
    the password given for it on the command line (case.toml's are read here); never sealed."""
    channel = channel or case.channel
    if channel:
        get_channel(channel)  # an unknown channel is bad input before anything is laid out
    # A public channel (黑猫投诉, 微博) is public whatever the case says: nothing personal on any page.
    public = public or case.public is True or (channel is not None and get_channel(channel).mask_personal)
    passwords = {**(passwords or {}),
                 **{e["path"]: e["password"] for e in case.data.get("evidence", []) if e.get("password")}}
    replacements = MappingProxyType(replacement_map(case)) if public else MappingProxyType({})
    visuals = {item.id: visual_for(item, lang, passwords.get(item.path)) for item in items}
    if public:
        visuals = {item_id: _public_visual(visual, replacements) for item_id, visual in visuals.items()}
    for item in items:
        visual = visuals[item.id]
        if visual.problem and visual.reason and not _already_warned(item.warnings):
            item.warnings.append(visual.reason)
    # A public dossier seals the masked case: the manifest and the attached case.toml would
    # otherwise carry the ID number, phone and address in clear.
    sealed_case = mask_personal(case) if public else without_passwords(case)
    manifest = build_manifest(case=sealed_case.data, items=items, created=iso(now), time_source=time_source,
                              skipped=[s.as_dict() for s in skipped], page_images=page_images)
    today = now.date()
    statement = None
    checks = None
    cross_checks = cross_check(case.data, list(manifest.data.get("items") or []))
    if channel:
        statement_case = case if case.public is True or not public else _marked_public(case)
        statement = build_statement(statement_case, list(manifest.data.get("items") or []), channel, today, lang)
        checks = check_case(case, list(manifest.data.get("items") or []), channel, today, lang,
                            timestamped=time_source == "tsa", cross_checks=cross_checks)
    return DossierPlan(
        lang=lang, created=iso(now), time_source=time_source, today=today, case=case, sealed_case=sealed_case,
        public=public, replacements=replacements, channel=channel, items=tuple(items),
        visuals=MappingProxyType(visuals), skipped=tuple(skipped), signer=signer, manifest=manifest,
        statement=statement, events=tuple(timeline_events(case.data, items, lang)),
        flows=money_flows(case.data, items), glance=case_glance(sealed_case.data, len(items)),
        escalation=compute_escalation(case, today) if channel else None, checks=checks,
        lint=tuple(lint_messages(case)) if channel else (),
        notices=tuple(_notices(public, signer) + ([] if channel else _conflicts(cross_checks))),
        passwords=MappingProxyType(passwords), page_images=page_images,
        cross_checks=cross_checks,
    )


def replan(plan: DossierPlan, *, now: datetime, time_source: str) -> DossierPlan:
    """The same dossier with another sealing time or time source (a TSA that failed at
    sealing time): only the manifest and what shows it change; nothing is read again."""
    manifest = build_manifest(case=plan.sealed_case.data, items=list(plan.items), created=iso(now),
                              time_source=time_source, skipped=[s.as_dict() for s in plan.skipped],
                              page_images=plan.page_images)
    return replace(plan, created=iso(now), time_source=time_source, manifest=manifest)


def _marked_public(case: CaseFile) -> CaseFile:
    data = dict(case.data)
    data["case"] = {**(case.data.get("case") or {}), "public": True}
    return CaseFile(data=data, text=case.text, path=case.path)


def _public_visual(visual: Visual, replacements: Mapping[str, str]) -> Visual:
    """On a public dossier our pages show no personal data: a PDF's own pages (a receipt names the
    payer) become a card, and a plain text has the complainant's data masked. The originals stay
    attached as they are; masking inside them is a separate matter."""
    if visual.mode == "pdf":
        return replace(visual, mode="card", pages=(), reason=msg("visual.public_pdf"))
    if visual.mode == "text" and visual.text:
        return replace(visual, text=mask_text(visual.text, replacements))
    return visual


_DAMAGE_WORDS = ("truncated", "corrupt", "damaged", "encrypted", "not a readable", "cannot be read")


def _already_warned(warnings: list[str]) -> bool:
    """The extractor usually reports a damaged or locked file already; say it once, not twice."""
    return any(word in warning for warning in warnings for word in _DAMAGE_WORDS)


def _conflicts(report: CrossCheckReport) -> list[Message]:
    """A disputed transaction whose exhibits disagree (with a channel, its check says so instead)."""
    return [c.message() for c in report.disputed_conflicts()]


def _notices(public: bool, signer: Signer) -> list[Message]:
    out: list[Message] = []
    if public:
        out += [msg("bundle.public"), msg("bundle.reputation")]
    if signer.name.startswith(GENERIC_SIGNER):
        out.append(msg("bundle.generic_name", name=signer.name))
    return out
