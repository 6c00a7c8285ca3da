"""Human names for case fields, problem types and outcomes, in Chinese and English.

The texts are in the catalog (``evidencekit.i18n``, codes ``field.*``, ``problem.*``, ``outcome.*``).
"""

from __future__ import annotations

from evidencekit.i18n import CATALOG


def _pairs(prefix: str) -> dict[str, tuple[str, str]]:
    """The catalog's ``prefix.*`` entries as ``{key: (zh, en)}``."""
    return {code[len(prefix):]: pair for code, pair in CATALOG.items() if code.startswith(prefix)}


FIELD_LABELS: dict[str, tuple[str, str]] = _pairs("field.")
PROBLEM_LABELS: dict[str, tuple[str, str]] = _pairs("problem.")
OUTCOME_LABELS: dict[str, tuple[str, str]] = _pairs("outcome.")


def pick(pair: tuple[str, str], lang: str) -> str:
    """The zh or en half of a label pair."""
    return pair[1] if lang == "en" else pair[0]
