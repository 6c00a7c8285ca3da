"""Dossier labels in Chinese (default: every channel reads Chinese) and English.

The texts are in the catalog (``evidencekit.i18n``, codes ``label.*``, ``kind.*``, ``channel.*``);
these are the renderer's short names for them.
"""

from __future__ import annotations

from evidencekit.i18n import CATALOG, t
from evidencekit.terms import PROBLEM_LABELS, pick


def _table(prefix: str) -> dict[str, dict[str, str]]:
    """The catalog's ``prefix.*`` entries in this module's old ``{key: {"zh", "en"}}`` shape."""
    return {code[len(prefix):]: {"zh": zh, "en": en} for code, (zh, en) in CATALOG.items() if code.startswith(prefix)}


LABELS: dict[str, dict[str, str]] = _table("label.")
KIND_LABELS: dict[str, dict[str, str]] = _table("kind.")
CHANNEL_LABELS: dict[str, dict[str, str]] = _table("channel.")


def label(key: str, lang: str, **fmt: object) -> str:
    return t(f"label.{key}", lang, **fmt)


def kind_label(kind: str, lang: str) -> str:
    return t(f"kind.{kind}" if kind in KIND_LABELS else "kind.other", lang)


def problem_label(problem: str | None, lang: str) -> str | None:
    if not problem:
        return None
    pair = PROBLEM_LABELS.get(problem)
    return pick(pair, lang) if pair else problem


def channel_label(channel: str | None, lang: str) -> str | None:
    if not channel:
        return None
    return t(f"channel.{channel}", lang) if channel in CHANNEL_LABELS else channel


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
