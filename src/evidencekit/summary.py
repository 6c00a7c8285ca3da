"""What goes into a dossier, said before sealing: counts by kind, duplicates, what is left out
and why, what cannot be read, what has no time, and about how large the file will be."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from evidencekit.i18n import Message, msg, t
from evidencekit.model import KINDS, Item, Skipped, Visual
from evidencekit.plan import DossierPlan
from evidencekit.terms import kind_label

#: Complaint web forms (12315, 12378, 黑猫投诉) and e-mail attachments commonly stop at 20 MB.
DEFAULT_SIZE_WARN = 20 * 1000 * 1000

_LITTER = ("skip.os_litter", "skip.office_temp", "skip.os_folder")
_UNREADABLE = ("skip.unreadable", "skip.no_permission", "skip.folder_unreadable")
_PAGE_BASE = 80_000  # the cover, statement, evidence list and timeline: text and vector art
_PAGE_PER_ITEM = 12_000  # an exhibit's heading, facts table and footer
_PRINT_IMAGE = 90_000  # a page image at 150 dpi, JPEG: what a phone screenshot comes to (measured)


@dataclass(frozen=True)
class Summary:
    """The pre-seal summary. ``expected_size`` is an estimate; ``size`` the sealed file's, once known."""

    items: int
    by_kind: dict[str, int]
    duplicates: list[tuple[str, str, str]]  # (id, path, id of the first copy)
    not_embedded: list[tuple[str, str, int]]  # (id, path, size)
    litter: list[Skipped]
    empty: list[Skipped]
    excluded: list[Skipped]
    other_skipped: list[Skipped]
    unreadable: list[tuple[str, str]]  # (id or "", path): cannot be read or shown
    without_time: list[tuple[str, str]]
    expected_size: int
    size_warn: int | None
    page_images: str
    size: int | None = None
    warnings: list[Message] = field(default_factory=list)

    @property
    def too_large(self) -> bool:
        measured = self.size if self.size is not None else self.expected_size
        return bool(self.size_warn) and measured > (self.size_warn or 0)

    def to_dict(self) -> dict[str, Any]:
        def skipped(entries: list[Skipped]) -> list[dict[str, Any]]:
            return [entry.to_dict() for entry in entries]

        return {
            "items": self.items,
            "by_kind": dict(self.by_kind),
            "duplicates": [{"id": i, "path": p, "duplicate_of": of} for i, p, of in self.duplicates],
            "not_embedded": [{"id": i, "path": p, "size": n} for i, p, n in self.not_embedded],
            "skipped": {"litter": skipped(self.litter), "empty": skipped(self.empty),
                        "excluded": skipped(self.excluded), "other": skipped(self.other_skipped)},
            "unreadable": [{"id": i or None, "path": p} for i, p in self.unreadable],
            "without_time": [{"id": i, "path": p} for i, p in self.without_time],
            "expected_size": self.expected_size,
            "size": self.size,
            "size_warn": self.size_warn,
            "too_large": self.too_large,
            "page_images": self.page_images,
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def lines(self, lang: str, *, concise: bool = False) -> list[str]:
        """The summary in words; ``concise`` keeps the counts and drops the lists of names."""
        kinds = "，".join if lang != "en" else ", ".join
        counted = kinds(t("summary.kind_count", lang, kind=kind_label(k, lang), n=n) for k, n in self.by_kind.items())
        out = [t("summary.items", lang, n=self.items, kinds=counted or "-")]
        groups: list[tuple[str, list[str]]] = [
            ("summary.duplicates", [t("summary.duplicate", lang, id=i, path=p, of=of) for i, p, of in self.duplicates]),
            ("summary.not_embedded", [f"{i} {p}" for i, p, _ in self.not_embedded]),
            ("summary.litter", [s.path for s in self.litter]),
            ("summary.empty", [s.path for s in self.empty]),
            ("summary.excluded", [s.path for s in self.excluded]),
            ("summary.other_skipped", [f"{s.path}: {s.text(lang)}" for s in self.other_skipped]),
            ("summary.unreadable", [f"{i} {p}".strip() for i, p in self.unreadable]),
            ("summary.without_time", [f"{i} {p}" for i, p in self.without_time]),
        ]
        for code, names in groups:
            if not names:
                continue
            out.append(t(code, lang, n=len(names)))
            if not concise:
                out += [f"    {name}" for name in names]
        size_code = "summary.size" if self.size is not None else "summary.expected_size"
        out.append(t(size_code, lang, size=megabytes(self.size if self.size is not None else self.expected_size),
                     mode=self.page_images))
        out += [w.text(lang) for w in self.warnings]
        return out


def megabytes(size: int) -> str:
    """Sizes as web forms state their limits: decimal megabytes (kilobytes below one)."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} KB"


def summarize(plan: DossierPlan, *, excluded: list[Skipped] | None = None, size_warn: int | None = DEFAULT_SIZE_WARN,
              page_images: str = "full", size: int | None = None) -> Summary:
    """The summary of what ``plan`` seals; ``size`` is the sealed file's size once it is written."""
    items = list(plan.items)
    by_kind = Counter(item.kind for item in items if not item.duplicate_of)
    ordered = {k: by_kind[k] for k in (*KINDS, *sorted(set(by_kind) - set(KINDS))) if by_kind.get(k)}
    skipped = list(plan.skipped)
    codes = [str(getattr(s.reason, "code", "")) for s in skipped]
    unreadable = [("", s.path) for s, code in zip(skipped, codes) if code in _UNREADABLE]
    unreadable += [(item.id, item.path) for item in items if plan.visuals[item.id].problem]
    expected = estimate_size(items, plan.visuals, page_images)
    summary = Summary(
        items=len(items), by_kind=ordered,
        duplicates=[(i.id, i.path, i.duplicate_of) for i in items if i.duplicate_of],
        not_embedded=[(i.id, i.path, i.size) for i in items if not i.embedded and not i.duplicate_of],
        litter=[s for s, code in zip(skipped, codes) if code in _LITTER],
        empty=[s for s, code in zip(skipped, codes) if code == "skip.empty"],
        excluded=list(excluded or []),
        other_skipped=[s for s, code in zip(skipped, codes)
                       if code not in (*_LITTER, *_UNREADABLE, "skip.empty")],
        unreadable=unreadable,
        without_time=[(i.id, i.path) for i in items if not i.duplicate_of and not _dated(i, items)],
        expected_size=expected, size_warn=size_warn or None, page_images=page_images, size=size,
    )
    return _with_warnings(summary, videos=any(i.kind == "video" and i.attached for i in items))


def _with_warnings(summary: Summary, *, videos: bool) -> Summary:
    warnings: list[Message] = []
    if summary.empty:
        warnings.append(msg("summary.empty_named", paths=[s.path for s in summary.empty]))
    if summary.too_large:
        code = "summary.too_large" if summary.size is not None else "summary.may_be_too_large"
        warnings.append(msg(code, size=megabytes(summary.size or summary.expected_size),
                            limit=megabytes(summary.size_warn or 0)))
        if summary.page_images != "print":
            warnings.append(msg("summary.hint_print"))
        if videos:
            warnings.append(msg("summary.hint_hash_only"))
    return Summary(**{**summary.__dict__, "warnings": warnings})


def estimate_size(items: list[Item], visuals: Any, page_images: str) -> int:
    """About how large the dossier will be: each attached original, each page image (the same
    bytes again in full mode; a print copy in print mode), imported PDF pages, and the pages."""
    total = _PAGE_BASE
    for item in items:
        total += _PAGE_PER_ITEM
        if not item.attached:
            continue
        total += item.size
        visual: Visual = visuals[item.id]
        if visual.mode == "image":
            total += min(item.size, _PRINT_IMAGE) if page_images == "print" else item.size
        elif visual.mode == "pdf":
            total += item.size
    return total


def _dated(item: Item, items: list[Item]) -> bool:
    """Whether the item brings a time to the timeline: its own capture time, dated bill rows or
    messages, or (a zip or an e-mail) a file inside that does."""
    if item.captured_at:
        return True
    facts = item.facts
    if any(row.get("time") for row in facts.get("transactions") or [] if isinstance(row, dict)):
        return True
    if any(m.get("time") for m in facts.get("messages") or [] if isinstance(m, dict)):
        return True
    prefix = item.id + "-"
    return any(other.id.startswith(prefix) and _dated(other, []) for other in items)
