"""Walk a case folder: which files become evidence, and what is left out and why.

Sorted walk, NFC names, POSIX relative paths; symlinks are never followed (they are
reported), OS litter is skipped and reported, unreadable files are reported.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evidencekit.errors import BadInput
from evidencekit.i18n import Message, msg, os_reason
from evidencekit.layout import CASE_NAME
from evidencekit.model import Candidate, Skipped

log = logging.getLogger("evidencekit")


#: Files operating systems leave behind; never evidence.
OS_LITTER_FILES = frozenset(
    {".DS_Store", "Thumbs.db", "desktop.ini", "Desktop.ini", "ehthumbs.db", ".localized", "Icon\r"}
)
OS_LITTER_DIRS = frozenset(
    {"__MACOSX", ".Spotlight-V100", ".Trashes", ".fseventsd", "$RECYCLE.BIN", "System Volume Information", ".git"}
)


@dataclass
class Collection:
    root: Path
    files: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    case_file: Path | None = None
    excluded: list[Skipped] = field(default_factory=list)  # --exclude: told to the user, not sealed


def matches_glob(rel_path: str, patterns: Sequence[str]) -> str | None:
    """The first pattern ``rel_path`` matches, or None. ``*`` crosses folders (``*.mp4`` is every
    MP4); a pattern without ``/`` also matches the bare file or folder name anywhere."""
    name = rel_path.rstrip("/").rsplit("/", 1)[-1]
    for pattern in patterns:
        clean = unicodedata.normalize("NFC", pattern).strip("/")
        if fnmatch.fnmatchcase(rel_path.rstrip("/"), clean) or ("/" not in clean and fnmatch.fnmatchcase(name, clean)):
            return pattern
    return None


def _display_name(raw: str) -> str:
    """NFC, with undecodable bytes (surrogate escapes) shown as \\xNN."""
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(raw).decode("utf-8", errors="backslashreplace")
    return unicodedata.normalize("NFC", raw)


def display_path(raw: bytes) -> str:
    """How a raw relative path (``/``-separated bytes) is shown and sealed as ``path``."""
    return "/".join(_display_name(os.fsdecode(part)) for part in raw.split(b"/"))


def raw_relative_path(source: Path, rel_path: str) -> bytes | None:
    """The file system's own bytes for ``rel_path`` when they are not UTF-8, else None.

    ``rel_path`` shows such bytes as ``\\xNN``; the raw bytes are what gives the same
    name back on extraction. ``source`` ends with the same components as ``rel_path``
    (the walk builds it from the raw names), so its tail is the raw relative path.
    """
    depth = rel_path.count("/") + 1
    raw = b"/".join(os.fsencode(source).split(b"/")[-depth:])
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    # a renamed duplicate (name~2) no longer matches its raw name: keep the display form only
    return raw if display_path(raw) == rel_path else None


#: Office and WPS lock and temporary files: ``~$投诉信.docx`` (Word, Excel), ``.~lock.x.odt#``
#: (LibreOffice), ``~WRL0001.tmp`` / ``~x.tmp`` (Word's temporary copies). Never evidence.
_OFFICE_TEMP = re.compile(r"^(~\$.+|\.~lock\..+#|~.*\.tmp)$", re.IGNORECASE)


def _is_litter(name: str) -> bool:
    return name in OS_LITTER_FILES or name.startswith("._")


def _is_office_temp(name: str) -> bool:
    return bool(_OFFICE_TEMP.match(name))


def collect(root: Path, exclude: Sequence[str] = ()) -> Collection:
    """Find every regular file under ``root`` in a stable order, leaving out what ``exclude``'s
    globs match (relative paths) and empty files (listed as skipped).

    Raises ``BadInput`` only when ``root`` itself cannot be used.
    """
    try:
        st = root.stat()
    except OSError as exc:
        raise BadInput(msg("err.folder_cannot_open", path=str(root), reason=os_reason(exc)),
                       msg("err.folder_cannot_open.hint")) from exc
    if not stat.S_ISDIR(st.st_mode):
        raise BadInput(msg("err.not_a_folder", path=str(root)), msg("err.not_a_folder.hint"))

    result = Collection(root=root)
    seen: dict[str, str] = {}

    def walk(directory: Path, rel_parts: tuple[str, ...]) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: _display_name(e.name))
        except OSError as exc:
            rel = "/".join(rel_parts) or "."
            result.skipped.append(Skipped(rel, msg("skip.folder_unreadable", reason=os_reason(exc))))
            return
        for entry in entries:
            name = _display_name(entry.name)
            rel = "/".join((*rel_parts, name))
            path = Path(entry.path)
            if entry.is_symlink():
                result.skipped.append(Skipped(rel, _symlink_reason(path, root)))
                continue
            try:
                entry_stat = entry.stat(follow_symlinks=False)
            except OSError as exc:
                result.skipped.append(Skipped(rel, msg("skip.unreadable", reason=os_reason(exc))))
                continue
            pattern = matches_glob(rel, exclude) if exclude else None
            if pattern is not None:
                shown = rel + "/" if stat.S_ISDIR(entry_stat.st_mode) else rel
                result.excluded.append(Skipped(shown, msg("skip.excluded", pattern=pattern)))
                continue
            if stat.S_ISDIR(entry_stat.st_mode):
                if name in OS_LITTER_DIRS:
                    result.skipped.append(Skipped(rel + "/", msg("skip.os_folder")))
                    continue
                walk(path, (*rel_parts, name))
                continue
            if not stat.S_ISREG(entry_stat.st_mode):
                result.skipped.append(Skipped(rel, msg("skip.not_regular")))
                continue
            if _is_litter(name):
                result.skipped.append(Skipped(rel, msg("skip.os_litter")))
                continue
            if _is_office_temp(name):
                result.skipped.append(Skipped(rel, msg("skip.office_temp")))
                continue
            if not rel_parts and name == CASE_NAME:
                result.case_file = path
                continue
            if not os.access(path, os.R_OK):
                result.skipped.append(Skipped(rel, msg("skip.no_permission")))
                continue
            if entry_stat.st_size == 0:  # nothing to seal: an empty file proves nothing, and says so
                result.skipped.append(Skipped(rel, msg("skip.empty")))
                continue
            unique = _unique(rel, seen, entry.name)
            notes = () if unique == rel else (msg("warn.same_name_nfc", path=rel, sealed_as=unique),)
            result.files.append(Candidate(unique, path, entry_stat.st_size, entry_stat.st_mtime, notes))

    walk(root, ())
    return result


def _unique(rel: str, seen: dict[str, str], raw_name: str) -> str:
    """Two names equal after NFC (e.g. NFC and NFD spellings) get distinct paths."""
    if rel not in seen:
        seen[rel] = raw_name
        return rel
    stem, dot, ext = rel.rpartition(".")
    if not dot or "/" in ext:
        stem, ext = rel, ""
    n = 2
    while True:
        candidate = f"{stem}~{n}.{ext}" if ext else f"{stem}~{n}"
        if candidate not in seen:
            seen[candidate] = raw_name
            return candidate
        n += 1


def _symlink_reason(path: Path, root: Path) -> Message:
    """Why a symbolic link is not bundled."""
    try:
        target = Path(os.readlink(path))
    except OSError:
        return msg("skip.symlink")
    resolved = (path.parent / target).resolve()
    try:
        resolved.relative_to(root.resolve())
        inside = True
    except ValueError:
        inside = False
    return msg("skip.symlink_inside" if inside else "skip.symlink_outside", target=str(target))
