"""Human names for case fields, problem types, outcomes, channels, evidence kinds and the
dossier's labels, in Chinese and English.

The texts are in the catalog (``evidencekit.i18n``: ``field.*``, ``problem.*``, ``outcome.*``,
``channel.*``, ``kind.*``, ``label.*``); the domain (the timeline, the statement) and the
renderer name things with the same words.
"""

from __future__ import annotations

from evidencekit.i18n import CATALOG, t


def _pairs(prefix: str) -> dict[str, tuple[str, str]]:
    """The catalog's ``prefix.*`` entries as ``{key: (zh, en)}``."""
    return {code[len(prefix):]: pair for code, pair in CATALOG.items() if code.startswith(prefix)}


FIELD_LABELS: dict[str, tuple[str, str]] = _pairs("field.")
PROBLEM_LABELS: dict[str, tuple[str, str]] = _pairs("problem.")
OUTCOME_LABELS: dict[str, tuple[str, str]] = _pairs("outcome.")


def pick(pair: tuple[str, str], lang: str) -> str:
    """The zh or en half of a label pair."""
    return pair[1] if lang == "en" else pair[0]


KIND_KEYS = frozenset(_pairs("kind."))
CHANNEL_KEYS = frozenset(_pairs("channel."))


def label(key: str, lang: str, **fmt: object) -> str:
    """A dossier label (``label.<key>``) in ``lang``."""
    return t(f"label.{key}", lang, **fmt)


def kind_label(kind: str, lang: str) -> str:
    return t(f"kind.{kind}" if kind in KIND_KEYS else "kind.other", lang)


def problem_label(problem: str | None, lang: str) -> str | None:
    if not problem:
        return None
    pair = PROBLEM_LABELS.get(problem)
    return pick(pair, lang) if pair else problem


def channel_label(channel: str | None, lang: str) -> str | None:
    if not channel:
        return None
    return t(f"channel.{channel}", lang) if channel in CHANNEL_KEYS else channel
