"""How a container shows on its exhibit page: a zip's contents, an e-mail's headers, body and
attachments, each sub-exhibit named by its number."""

from __future__ import annotations

from typing import Any

from evidencekit.containers.mail import body_text
from evidencekit.i18n import t
from evidencekit.model import Item


def _size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def _contents(facts: dict[str, Any]) -> list[str]:
    return [f"  {entry['id']}  {entry['name']}  ({_size(int(entry['size']))})" for entry in facts.get("contents", [])]


def zip_text(item: Item, lang: str) -> str:
    facts = item.facts
    encryption = facts.get("encryption")
    lines = [t("container.zip.summary", lang, n=facts.get("entry_count", 0),
               encryption=t(f"container.zip.{encryption or 'plain'}", lang))]
    if item.children:
        lines += [t("container.zip.opened", lang), *_contents(facts)]
    else:
        lines += [t("container.zip.not_opened", lang), *(f"  {name}" for name in facts.get("entries", []))]
    return "\n".join(lines)


def eml_text(item: Item, lang: str) -> str:
    facts = item.facts
    lines = [f"{t(f'container.eml.{key}', lang)}{facts[key]}" for key in ("from", "to", "cc", "date", "subject")
             if facts.get(key)]
    if facts.get("dkim_signature"):
        lines.append(t("container.eml.dkim", lang, domain=facts.get("dkim_domain") or "?"))
    else:
        lines.append(t("container.eml.no_dkim", lang))
    if item.children:
        lines += ["", t("container.eml.attachments", lang), *_contents(facts)]
    elif facts.get("attachments"):
        lines += ["", t("container.eml.attachments", lang), *(f"  {name}" for name in facts["attachments"])]
    try:
        body, cut = body_text(item.source)
    except Exception:  # noqa: BLE001 - the headers above are still worth showing
        body, cut = "", False
    lines += ["", t("container.eml.body", lang), body or t("container.eml.no_body", lang)]
    if cut:
        lines.append(t("container.eml.body_cut", lang))
    return "\n".join(lines)


def container_text(item: Item, lang: str) -> str | None:
    """The page text of a zip or an e-mail; None for anything else."""
    kind = item.facts.get("container")
    if kind == "zip":
        return zip_text(item, lang)
    if kind == "eml":
        return eml_text(item, lang)
    return None
