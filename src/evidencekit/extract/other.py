"""Files no other extractor reads: say what they are, so the dossier can list them honestly."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from evidencekit.extract.common import Warnings
from evidencekit.extract.options import ExtractOptions
from evidencekit.i18n import msg
from evidencekit.model import Extraction

MAX_LISTED_ENTRIES = 50


def extract_archive(path: Path, warnings: Warnings) -> dict[str, Any] | None:
    """Names in a zip (read from its directory, nothing unpacked); None when it is no zip.

    Alipay and WeChat mail their bills as password-protected zips: say what to do with them.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    encrypted = any(entry.flag_bits & 0x1 for entry in entries)
    if encrypted:
        warnings.add(msg("warn.zip.encrypted"))
    return {
        "archive": "zip",
        "encrypted": encrypted,
        "entries": [entry.filename for entry in entries[:MAX_LISTED_ENTRIES]],
        "entry_count": len(entries),
    }


def extract_other(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """An archive's listing, else only a note that the file is attached and listed as it is."""
    warnings = Warnings(path)
    facts = extract_archive(path, warnings)
    if facts is None:
        facts = {"mime": mime}
        warnings.add(msg("warn.no_extractor", mime=mime) if mime else msg("warn.no_extractor.unknown"))
    return Extraction(facts=facts, warnings=warnings.as_list())
