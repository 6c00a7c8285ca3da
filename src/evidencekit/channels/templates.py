"""The channel templates: their data model, and the loader that reads and checks them."""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from evidencekit.channels.rules import validate_params
from evidencekit.errors import BadInput, EvidencekitError
from evidencekit.model import CHANNEL_IDS, PROBLEM_TYPES, RESPONDENT_TYPES
from evidencekit.template_files import templates_dir
from evidencekit.terms import PROBLEM_LABELS

TEMPLATE_SCHEMA = 1
SEVERITIES = ("fail", "warn")
CONFIDENCES = ("primary", "mirror", "secondary", "unverified")
SECTION_KEYS = ("complainant", "respondent", "problem", "amount", "demand", "facts",
                "transactions", "contacts", "evidence", "closing")


class TemplateError(EvidencekitError):
    """A channel template is malformed (a bug in the shipped data, or in an added file)."""


@dataclass(frozen=True)
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Source:
    """A legal or documentary source: law or rule, article, and the quoted words."""

    id: str
    title: Text
    article: Text
    confidence: str  # primary | mirror | secondary | unverified
    article_verified: bool = True
    quote: str | None = None
    quote_en: str | None = None
    url: str | None = None
    note: str | None = None

    def cite(self, lang: str) -> str:
        """A short citation, flagged when the article number or the text is unverified."""
        if lang == "en":
            text = self.title.en + (f", {self.article.en}" if self.article.en else "")
            if not self.article_verified:
                text += " (article number unverified)"
            if self.confidence in ("secondary", "unverified"):
                text += f" ({self.confidence} source)"
            return text
        text = self.title.zh + self.article.zh
        if not self.article_verified:
            text += "（条文序号未核实）"
        if self.confidence == "secondary":
            text += "（二手资料）"
        elif self.confidence == "unverified":
            text += "（未核实）"
        return text

    def describe(self, lang: str) -> dict[str, Any]:
        return {"id": self.id, "citation": self.cite(lang), "title": self.title.get(lang),
                "article": self.article.get(lang), "confidence": self.confidence,
                "article_verified": self.article_verified, "quote": self.quote,
                "quote_en": self.quote_en, "url": self.url, "note": self.note}


@dataclass(frozen=True)
class Rule:
    """One requirement: a named check with parameters, severity, source and fix."""

    id: str
    check: str
    params: Mapping[str, Any]
    severity: str
    source: str
    text: Text
    fix: Text
    problems: tuple[str, ...] = ()  # applies only to these problem types (all if empty)
    when_field: str | None = None  # applies only when this case field is filled in

    def applies_to(self, problem: str | None) -> bool:
        return not self.problems or problem in self.problems


@dataclass(frozen=True)
class Note:
    """A time limit or a piece of advice, with its source when it has one."""

    text: Text
    source: str | None = None


@dataclass(frozen=True)
class EscalationStep:
    """A next step: taken when the respondent's type is one of ``respondent_types`` and the
    problem one of ``problems`` (either empty: any); ``immediate`` steps need no answer window
    (after a 挂失 the police report follows at once)."""

    channel: str
    respondent_types: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    immediate: bool = False

    def matches(self, respondent_type: str | None, problem: str | None) -> bool:
        return ((not self.respondent_types or respondent_type in self.respondent_types)
                and (not self.problems or problem in self.problems))


@dataclass(frozen=True)
class EscalationWindow:
    """How long the body has to answer: ``answer_days``, at most ``max_days`` (calendar or working days)."""

    answer_days: int | None
    working_days: bool
    max_days: int | None
    source: str | None
    text: Text
    respondent_types: tuple[str, ...] = ()  # a variant: applies to these respondent types only
    extension: bool = False  # past answer_days the body may have extended up to max_days (with notice)
    problems: tuple[str, ...] = ()  # a variant: applies to these problem types only


@dataclass(frozen=True)
class EscalationNote:
    """A text for certain respondent types or problems: where to go when the tool has no channel
    for it (a 小额贷款公司 → 地方金融管理部门), or what to do first (账户被盗: 挂失, then 110)."""

    text: Text
    source: str | None = None
    respondent_types: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class EscalationSpec:
    """How long the body behind this channel has to answer, and where to go next."""

    answer_days: int | None
    working_days: bool
    max_days: int | None
    next: tuple[EscalationStep, ...]
    source: str | None
    text: Text
    first_for: tuple[str, ...] = ()  # problem types for which this is the first step; "*" = any
    variants: tuple[EscalationWindow, ...] = ()
    elsewhere: tuple[EscalationNote, ...] = ()
    first_advice: tuple[EscalationNote, ...] = ()
    extension: bool = False

    def window(self, respondent_type: str | None, problem: str | None = None) -> EscalationWindow:
        """The answer window for this problem or respondent type (a variant, else the default)."""
        for variant in self.variants:
            if (problem in variant.problems or respondent_type in variant.respondent_types) and (
                    not variant.problems or problem in variant.problems):
                return variant
        return EscalationWindow(self.answer_days, self.working_days, self.max_days, self.source, self.text,
                                extension=self.extension)


@dataclass(frozen=True)
class StatementLayout:
    title: Text
    order: tuple[str, ...]
    headings: Mapping[str, Text]
    addressee: Text | None
    closing: Text | None
    mask_personal: bool


@dataclass(frozen=True)
class Channel:
    """A complaint channel and everything it requires, as loaded from its template."""

    id: str
    name: Text
    authority: Text
    how: Text
    sources: Mapping[str, Source]
    rules: tuple[Rule, ...]
    time_limits: tuple[Note, ...]
    advice: tuple[Note, ...]
    privacy: Note
    mask_personal: bool
    trust: Note
    timestamp: str  # "recommended" | "optional"
    statement: StatementLayout
    escalation: EscalationSpec | None
    template_path: str = field(default="", compare=False)

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]

    def rules_for(self, problem: str | None) -> list[Rule]:
        """The rules that apply to a case of this problem type."""
        return [r for r in self.rules if r.applies_to(problem)]

    def field_requirements(self) -> dict[str, list[str]]:
        """Case fields the channel requires (fail) or recommends (warn), for any problem."""
        out: dict[str, list[str]] = {"required": [], "recommended": []}
        for rule in self.rules:
            if rule.check != "field_present" or rule.problems or rule.when_field:
                continue
            target = out["required" if rule.severity == "fail" else "recommended"]
            params = rule.params
            names = [params["field"]] if "field" in params else list(params.get("all_of", []))
            if "any_of" in params:
                names.append(" | ".join(params["any_of"]))
            target.extend(n for n in names if n not in target)
        return out

    def kind_requirements(self) -> dict[str, list[str]]:
        """Evidence kinds the channel requires (fail) or recommends (warn)."""
        out: dict[str, list[str]] = {"required": [], "recommended": []}
        for rule in self.rules:
            if rule.check not in ("evidence_kind_present", "transaction_voucher") or rule.problems or rule.when_field:
                continue
            listed = list(rule.params.get("kinds", []))
            if rule.check == "transaction_voucher":  # a readable transaction screenshot is a voucher too
                listed = [*(listed or ["bill", "receipt"]), "screenshot"]
            kinds = " | ".join(listed) or "any"
            target = out["required" if rule.severity == "fail" else "recommended"]
            if kinds not in target:
                target.append(kinds)
        return out

    def describe(self, lang: str = "zh") -> dict[str, Any]:
        """Everything the channel requires, JSON-able, for ``evidencekit channels [ID] --json``."""

        def rule_dict(rule: Rule) -> dict[str, Any]:
            return {"id": rule.id, "requirement": rule.text.get(lang), "severity": rule.severity,
                    "check": rule.check, "params": dict(rule.params),
                    "source": self.sources[rule.source].cite(lang), "source_id": rule.source,
                    "fix": rule.fix.get(lang), "problems": list(rule.problems),
                    "when_field": rule.when_field}

        per_problem: dict[str, list[str]] = {}
        for rule in self.rules:
            for problem in rule.problems:
                per_problem.setdefault(problem, []).append(rule.id)
        escalation = None
        if self.escalation:
            escalation = {"answer_days": self.escalation.answer_days,
                          "working_days": self.escalation.working_days,
                          "max_days": self.escalation.max_days,
                          "next": [{"channel": s.channel, "respondent_types": list(s.respondent_types),
                                    "problems": list(s.problems), "immediate": s.immediate}
                                   for s in self.escalation.next],
                          "text": self.escalation.text.get(lang),
                          "source": self.sources[self.escalation.source].cite(lang)
                          if self.escalation.source else None}
        return {
            "id": self.id,
            "name": self.name.get(lang),
            "names": self.name.as_dict(),
            "authority": self.authority.get(lang),
            "how_to_file": self.how.get(lang),
            "sources": [s.describe(lang) for s in self.sources.values()
                        if s.id in self._used_sources()],
            "fields": self.field_requirements(),
            "evidence_kinds": self.kind_requirements(),
            "rules": [rule_dict(r) for r in self.rules],
            "problem_rules": {
                p: {"problem": PROBLEM_LABELS[p][1 if lang == "en" else 0], "rules": ids}
                for p, ids in per_problem.items() if p in PROBLEM_LABELS},
            "time_limits": [self._note_dict(n, lang) for n in self.time_limits],
            "privacy": {**self._note_dict(self.privacy, lang), "mask_personal": self.mask_personal},
            "trust": {**self._note_dict(self.trust, lang), "timestamp": self.timestamp},
            "advice": [self._note_dict(n, lang) for n in self.advice],
            "statement": {"title": self.statement.title.get(lang), "order": list(self.statement.order)},
            "escalation": escalation,
        }

    def _note_dict(self, note: Note, lang: str) -> dict[str, Any]:
        return {"text": note.text.get(lang),
                "source": self.sources[note.source].cite(lang) if note.source else None}

    def _used_sources(self) -> set[str]:
        used = {r.source for r in self.rules}
        notes: tuple[Any, ...] = (*self.time_limits, *self.advice, self.privacy, self.trust)
        used |= {n.source for n in notes if n.source}
        if self.escalation:
            spec = self.escalation
            parts: tuple[Any, ...] = (spec, *spec.variants, *spec.elsewhere, *spec.first_advice)
            used |= {x.source for x in parts if x.source}
        return used


# --------------------------------------------------------------------------- loading


class _Reader:
    """Reads one template document, collecting every problem with its location."""

    def __init__(self, origin: str, doc: Mapping[str, Any]):
        self.origin = origin
        self.doc = doc
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{self.origin}: {where}: {message}")

    def text(self, node: Any, where: str, prefix: str = "") -> Text:
        zh = node.get(f"{prefix}zh") if isinstance(node, Mapping) else None
        en = node.get(f"{prefix}en") if isinstance(node, Mapping) else None
        for lang, value in (("zh", zh), ("en", en)):
            if not isinstance(value, str) or not value.strip():
                self.fail(where, f"missing {prefix}{lang} text")
        return Text(zh if isinstance(zh, str) else "", en if isinstance(en, str) else "")

    def table(self, key: str) -> Mapping[str, Any]:
        value = self.doc.get(key)
        if not isinstance(value, Mapping):
            self.fail(key, "missing table")
            return {}
        return value


def _read_sources(reader: _Reader, entries: Any) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for index, entry in enumerate(entries or []):
        where = f"sources[{index}]"
        source_id = entry.get("id")
        if not isinstance(source_id, str):
            reader.fail(where, "missing id")
            continue
        confidence = entry.get("confidence")
        if confidence not in CONFIDENCES:
            reader.fail(f"sources.{source_id}", f"confidence must be one of {', '.join(CONFIDENCES)}")
        sources[source_id] = Source(
            id=source_id,
            title=reader.text(entry, f"sources.{source_id}", "title_"),
            article=Text(entry.get("article_zh", ""), entry.get("article_en", "")),
            confidence=str(confidence),
            article_verified=bool(entry.get("article_verified", True)),
            quote=entry.get("quote"), quote_en=entry.get("quote_en"),
            url=entry.get("url"), note=entry.get("note"),
        )
    return sources


def _read_rules(reader: _Reader, entries: Any) -> list[Rule]:
    rules = []
    for index, entry in enumerate(entries or []):
        rule_id = entry.get("id") if isinstance(entry.get("id"), str) else f"rules[{index}]"
        where = f"rules.{rule_id}"
        check = entry.get("check")
        params = entry.get("params", {})
        if not isinstance(check, str):
            reader.fail(where, "missing check")
            continue
        for problem in validate_params(check, params):
            reader.fail(where, problem)
        severity = entry.get("severity")
        if severity not in SEVERITIES:
            reader.fail(where, f"severity must be one of {', '.join(SEVERITIES)}")
        problems = tuple(entry.get("problems", ()))
        for problem in problems:
            if problem not in PROBLEM_TYPES:
                reader.fail(where, f"unknown problem type {problem!r}")
        if not isinstance(entry.get("source"), str):
            reader.fail(where, "missing source")
        rules.append(Rule(
            id=rule_id, check=check, params=params, severity=str(severity),
            source=str(entry.get("source", "")), text=reader.text(entry, where),
            fix=reader.text(entry, where, "fix_"), problems=problems,
            when_field=entry.get("when_field"),
        ))
    return rules


def _read_notes(reader: _Reader, entries: Any, where: str) -> list[Note]:
    return [Note(reader.text(e, f"{where}[{i}]"), e.get("source")) for i, e in enumerate(entries or [])]


TEMPLATE_KEYS = frozenset({"schema", "id", "shared_rules", "name", "authority", "how", "privacy",
                           "trust", "statement", "escalation", "time_limits", "advice", "sources",
                           "rules"})
RULE_KEYS = frozenset({"id", "check", "params", "severity", "source", "zh", "en", "fix_zh",
                       "fix_en", "problems", "when_field"})
SOURCE_KEYS = frozenset({"id", "title_zh", "title_en", "article_zh", "article_en", "confidence",
                         "article_verified", "quote", "quote_en", "url", "note"})


def _unknown_keys(reader: _Reader, doc: Mapping[str, Any]) -> None:
    for key in doc:
        if key not in TEMPLATE_KEYS:
            reader.fail(key, f"unknown key (known: {', '.join(sorted(TEMPLATE_KEYS))})")
    for index, rule in enumerate(doc.get("rules") or []):
        for key in set(rule) - RULE_KEYS:
            reader.fail(f"rules[{index}]", f"unknown key {key!r}")
    for index, source in enumerate(doc.get("sources") or []):
        for key in set(source) - SOURCE_KEYS:
            reader.fail(f"sources[{index}]", f"unknown key {key!r}")


def _parse_template(origin: str, doc: Mapping[str, Any], shared: Mapping[str, Any],
                    known_ids: set[str]) -> Channel:
    reader = _Reader(origin, doc)
    shared_reader = _Reader("_shared.toml", shared)
    _unknown_keys(reader, doc)
    _unknown_keys(shared_reader, {k: v for k, v in shared.items() if k in ("rules", "sources")})
    if doc.get("schema") != TEMPLATE_SCHEMA:
        reader.fail("schema", f"must be {TEMPLATE_SCHEMA}")
    channel_id = doc.get("id")
    if not isinstance(channel_id, str) or not channel_id:
        reader.fail("id", "missing channel id")
        channel_id = "?"
    sources = _read_sources(shared_reader, shared.get("sources"))
    sources.update(_read_sources(reader, doc.get("sources")))
    shared_rules = {r.id: r for r in _read_rules(shared_reader, shared.get("rules"))}
    rules = _read_rules(reader, doc.get("rules"))
    for entry in doc.get("shared_rules", []):
        # a shared rule by id, or {id = "…", severity = "fail"} where one channel is stricter
        rule_id = entry.get("id") if isinstance(entry, dict) else entry
        if rule_id not in shared_rules:
            reader.fail("shared_rules", f"no shared rule {rule_id!r} in _shared.toml")
            continue
        rule = shared_rules[rule_id]
        if isinstance(entry, dict):
            for key in set(entry) - {"id", "severity"}:
                reader.fail("shared_rules", f"{rule_id}: only severity can be overridden, not {key!r}")
            if "severity" in entry:
                if entry["severity"] not in SEVERITIES:
                    reader.fail("shared_rules", f"{rule_id}: severity must be one of {', '.join(SEVERITIES)}")
                rule = dataclasses.replace(rule, severity=str(entry["severity"]))
        rules.append(rule)
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            reader.fail(f"rules.{rule.id}", "duplicate rule id")
        seen.add(rule.id)
        if rule.source not in sources:
            reader.fail(f"rules.{rule.id}", f"unknown source {rule.source!r}")

    privacy_node = reader.table("privacy")
    trust_node = reader.table("trust")
    statement_node = reader.table("statement")
    order = tuple(statement_node.get("order", ()))
    for key in order:
        if key not in SECTION_KEYS:
            reader.fail("statement.order", f"unknown section {key!r} (known: {', '.join(SECTION_KEYS)})")
    headings = {k: reader.text(v, f"statement.headings.{k}")
                for k, v in (statement_node.get("headings") or {}).items()}
    statement = StatementLayout(
        title=reader.text(statement_node.get("title"), "statement.title"),
        order=order, headings=headings,
        addressee=reader.text(statement_node["addressee"], "statement.addressee")
        if "addressee" in statement_node else None,
        closing=reader.text(statement_node["closing"], "statement.closing")
        if "closing" in statement_node else None,
        mask_personal=bool(privacy_node.get("mask_personal", False)),
    )
    escalation = _read_escalation(reader, doc["escalation"], known_ids) if "escalation" in doc else None
    notes: tuple[Any, ...] = (*_read_notes(reader, doc.get("time_limits"), "time_limits"),
                              *_read_notes(reader, doc.get("advice"), "advice"))
    notes_sources = [n.source for n in notes]
    escalation_sources = []
    if escalation:
        parts: tuple[Any, ...] = (escalation, *escalation.variants, *escalation.elsewhere, *escalation.first_advice)
        escalation_sources = [x.source for x in parts]
    for source_id in [*notes_sources, privacy_node.get("source"), trust_node.get("source"),
                      *escalation_sources]:
        if source_id and source_id not in sources:
            reader.fail("sources", f"unknown source {source_id!r}")
    timestamp = trust_node.get("timestamp", "optional")
    if timestamp not in ("recommended", "optional"):
        reader.fail("trust.timestamp", "must be 'recommended' or 'optional'")
    channel = Channel(
        id=channel_id,
        name=reader.text(reader.table("name"), "name"),
        authority=reader.text(reader.table("authority"), "authority"),
        how=reader.text(reader.table("how"), "how"),
        sources=sources,
        rules=tuple(rules),
        time_limits=tuple(_read_notes(reader, doc.get("time_limits"), "time_limits")),
        advice=tuple(_read_notes(reader, doc.get("advice"), "advice")),
        privacy=Note(reader.text(privacy_node, "privacy"), privacy_node.get("source")),
        mask_personal=bool(privacy_node.get("mask_personal", False)),
        trust=Note(reader.text(trust_node, "trust"), trust_node.get("source")),
        timestamp=str(timestamp),
        statement=statement,
        escalation=escalation,
        template_path=origin,
    )
    if not channel.advice:
        reader.fail("advice", "at least one piece of advice is expected")
    problems = reader.problems + shared_reader.problems
    if problems:
        raise TemplateError("invalid channel template:\n" + "\n".join(sorted(set(problems))),
                            "fix the template file named above")
    return channel


ESCALATION_KEYS = frozenset({"answer_days", "working_days", "max_days", "extension", "next", "source", "zh",
                             "en", "first_for", "variants", "elsewhere", "first_advice"})


def _read_escalation(reader: _Reader, node: Mapping[str, Any], known_ids: set[str]) -> EscalationSpec:

    for key in set(node) - ESCALATION_KEYS:
        reader.fail("escalation", f"unknown key {key!r}")

    def types(entry: Mapping[str, Any], where: str) -> tuple[str, ...]:
        found = tuple(entry.get("respondent_types", ()))
        for kind in found:
            if kind not in RESPONDENT_TYPES:
                reader.fail(where, f"unknown respondent type {kind!r}")
        return found

    def problems(entry: Mapping[str, Any], where: str) -> tuple[str, ...]:
        found = tuple(entry.get("problems", ()))
        for problem in found:
            if problem != "*" and problem not in PROBLEM_TYPES:
                reader.fail(where, f"unknown problem type {problem!r}")
        return found

    steps = []
    for index, step in enumerate(node.get("next", [])):
        where = f"escalation.next[{index}]"
        if step.get("channel") not in known_ids:
            reader.fail(where, f"unknown channel {step.get('channel')!r}")
        steps.append(EscalationStep(str(step.get("channel")), types(step, where), problems(step, where),
                                    bool(step.get("immediate", False))))
    variants = tuple(
        EscalationWindow(v.get("answer_days"), bool(v.get("working_days", False)), v.get("max_days"),
                         v.get("source"), reader.text(v, f"escalation.variants[{i}]"),
                         types(v, f"escalation.variants[{i}]"), bool(v.get("extension", False)),
                         problems(v, f"escalation.variants[{i}]"))
        for i, v in enumerate(node.get("variants", [])))

    def notes(key: str) -> tuple[EscalationNote, ...]:
        return tuple(EscalationNote(reader.text(n, f"escalation.{key}[{i}]"), n.get("source"),
                                    types(n, f"escalation.{key}[{i}]"), problems(n, f"escalation.{key}[{i}]"))
                     for i, n in enumerate(node.get(key, [])))

    return EscalationSpec(
        answer_days=node.get("answer_days"), working_days=bool(node.get("working_days", False)),
        max_days=node.get("max_days"), next=tuple(steps), source=node.get("source"),
        text=reader.text(node, "escalation"), first_for=problems({"problems": node.get("first_for", ())},
                                                                 "escalation.first_for"),
        variants=variants, elsewhere=notes("elsewhere"), first_advice=notes("first_advice"),
        extension=bool(node.get("extension", False)))


def _read_toml(entry: Traversable) -> dict[str, Any]:
    try:
        return tomllib.loads(entry.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"invalid channel template {entry.name}: {exc}",
                            "fix the TOML syntax of that template") from None


def load_channels(directory: Traversable | Path | None = None) -> dict[str, Channel]:
    """Every channel template, keyed by id, in DESIGN.md order then alphabetical.

    ``directory`` defaults to the shipped templates. Raises ``TemplateError`` listing every
    problem of a malformed template.
    """
    if directory is None:
        return dict(_load_default())
    return _load_from(directory)


@functools.lru_cache(maxsize=1)
def _load_default() -> dict[str, Channel]:
    return _load_from(templates_dir())


def _load_from(directory: Traversable | Path) -> dict[str, Channel]:
    folder: Traversable = directory
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)
    shared: dict[str, Any] = {}
    documents: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.name == "_shared.toml":
            shared = _read_toml(entry)
        elif not entry.name.startswith("_"):
            documents[entry.name[: -len(".toml")]] = _read_toml(entry)
    if not documents:
        raise TemplateError(f"no channel templates found in {folder}",
                            "reinstall evidencekit; the wheel ships templates/*.toml")
    known = set(documents)
    channels: dict[str, Channel] = {}
    for stem, doc in documents.items():
        channel = _parse_template(f"{stem}.toml", doc, shared, known)
        if channel.id != stem:
            raise TemplateError(f"{stem}.toml declares id {channel.id!r}; the id must match the file name",
                                f"set id = {stem!r}")
        channels[channel.id] = channel
    order = {cid: i for i, cid in enumerate(CHANNEL_IDS)}
    return dict(sorted(channels.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def channel_ids() -> tuple[str, ...]:
    """The ids of the shipped channels (DESIGN.md's, plus any template added since)."""
    return tuple(_load_default())


def get_channel(channel_id: str, channels: Mapping[str, Channel] | None = None) -> Channel:
    """One channel by id; ``BadInput`` listing the valid ids when unknown."""
    known = channels if channels is not None else _load_default()
    if channel_id not in known:
        raise BadInput(f"unknown channel {channel_id!r}; valid channels: {', '.join(known)}",
                       "run `evidencekit channels` to see what each one is")
    return known[channel_id]
