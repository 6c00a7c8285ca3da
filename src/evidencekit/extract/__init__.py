"""Understand the evidence: per-kind extractors turn files into facts and warnings.

The bundler calls :func:`sniff_kind` for a file's kind, then :func:`extract` for what it
says. Both read content, never trust the extension alone, and never raise for bad content::

    kind = sniff_kind(path, mime)                     # mime from libmagic
    result = extract(path, mime, kind, ExtractOptions(disputed_ids=frozenset({"2025..."})))
    result.facts, result.warnings, result.captured_at
"""

from __future__ import annotations

from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.registry import EXTRACTORS, Extractor, extract
from evidencekit.extract.sniff import sniff_kind

__all__ = ["EXTRACTORS", "ExtractOptions", "Extractor", "extract", "sniff_kind"]
