"""inspect_folder: what bundle would take — items, kinds, facts, warnings — without writing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidencekit.case import CaseFile, empty_case, load_case, normalise_rel_path
from evidencekit.clock import Clock, system_clock
from evidencekit.collect import collect
from evidencekit.errors import BadInput
from evidencekit.extract import ExtractOptions, extract, sniff_kind
from evidencekit.hashing import digest_file
from evidencekit.i18n import msg
from evidencekit.layout import CASE_NAME
from evidencekit.model import Candidate, Extraction, Item, Signer, Skipped
from evidencekit.plan import DossierPlan, plan_dossier
from evidencekit.screens.stage import read_screens
from evidencekit.sniff import detect_mime

Progress = Callable[[str, int, int], None]


@dataclass
class Inspection:
    folder: Path
    case: CaseFile
    items: list[Item]
    skipped: list[Skipped]
    plan: DossierPlan | None = None  # what the dossier would say (with plan=True)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "folder": str(self.folder),
            "case_file": str(self.case.path) if self.case.path else None,
            "case": self.case.data,
            "items": [item.manifest_entry() for item in self.items],
            "skipped": [s.as_dict() for s in self.skipped],
        }
        if self.plan is not None and self.plan.checks is not None:
            data["checks"] = self.plan.checks.to_dict()
        return data


def inspect_folder(folder: Path, case_path: Path | None = None, *, progress: Progress | None = None,
                   require_files: bool = True, plan: bool = False, lang: str = "zh",
                   clock: Clock = system_clock, ocr: str = "auto") -> Inspection:
    """What ``bundle`` would take from ``folder`` — collect and describe, and with ``plan`` also
    plan (what the dossier would say, the channel check included). ``ocr`` (auto, all, none)
    chooses the images whose text is read (screens/stage.py). Writes nothing but the OCR cache."""
    folder = Path(folder)
    case = load_case_for(folder, case_path)
    collection = collect(folder)
    if require_files and not collection.files:
        raise BadInput(msg("err.no_evidence", path=str(folder)), msg("err.no_evidence.hint"))
    items = describe(collection.files, case, progress)
    read_screens(items, ocr, progress=progress)
    planned = None
    if plan:
        planned = plan_dossier(items, case, skipped=collection.skipped, lang=lang, channel=None, public=False,
                               now=clock(), time_source="local-clock", signer=Signer("", "", True))
    return Inspection(folder, case, items, collection.skipped, planned)


def load_case_for(folder: Path, case_path: Path | None) -> CaseFile:
    path = case_path or folder / CASE_NAME
    if case_path is None and not path.is_file():
        return empty_case()
    return load_case(path)


def describe(files: list[Candidate], case: CaseFile, progress: Progress | None = None) -> list[Item]:
    """Hash, type and read every file: one ``Item`` each, numbered E01, E02, … in the order of
    case.toml's ``[[evidence]]`` notes (how the complainant grouped them, as 证据规定 第十九条
    asks), then the other files in walk order."""

    noted = {normalise_rel_path(n.get("path", "")): i for i, n in enumerate(case.evidence)}
    files = sorted(files, key=lambda c: noted.get(c.rel_path, len(noted)))  # stable: walk order otherwise
    width = max(2, len(str(len(files))))
    disputed = case.disputed_ids()
    items: list[Item] = []
    for n, cand in enumerate(files, start=1):
        try:
            digests = digest_file(cand.source)
            mime = detect_mime(cand.source)
        except OSError as exc:
            raise BadInput(f"{cand.rel_path}: cannot be read ({exc.strerror})",
                           "Check the file's permissions, or move it out of the folder.") from exc
        note = case.evidence_for(cand.rel_path) or {}
        kind = note.get("kind") or sniff_kind(cand.source, mime)
        options = ExtractOptions(disputed_ids=disputed, date_order=note.get("date_order"),
                                 password=note.get("password"))
        # nothing to read in an empty file; its one warning is added below
        found = extract(cand.source, mime, kind, options) if digests.size else Extraction()
        if found.kind and not note.get("kind"):
            kind = found.kind
        item = Item(
            id=f"E{n:0{width}d}", path=cand.rel_path, source=cand.source, size=digests.size,
            mtime=cand.mtime, mime=mime, kind=kind, sha256=digests.sha256, sm3=digests.sm3,
            captured_at=found.captured_at, provenance=note.get("source"), proves=note.get("proves"),
            facts=found.facts, warnings=[*cand.notes, *found.warnings],
        )
        if digests.size == 0:
            item.warnings.append(msg("warn.empty_file"))
        items.append(item)
        if progress:
            progress("hash", n, len(files))
    return items
