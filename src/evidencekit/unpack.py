"""extract_originals: write the sealed originals out, each re-hashed on the way.

Files are created relative to the open destination folder, one component at a time
(``openat``), so a path longer than the system's limit still works, a symbolic link in
the destination is never followed, and a name longer than the file system allows is
shortened deterministically (and said so) rather than lost. A name that is not UTF-8
comes back byte for byte from the manifest's ``path_bytes``.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from evidencekit.case import sealed_case_matches
from evidencekit.collect import display_path
from evidencekit.errors import BadInput, CannotVerify, ManifestDamaged, OutputExists, OutputUnwritable
from evidencekit.fileio import atomic_output, name_max, output_error, shortened_name
from evidencekit.hashing import Digester
from evidencekit.i18n import Message, msg, os_reason
from evidencekit.layout import CASE_NAME, MANIFEST_NAME
from evidencekit.manifest import ManifestInvalid, decode_path_bytes, parse_manifest
from evidencekit.pdf.attachments import embedded_files, stream_ref, xref_offsets
from evidencekit.pdf.stream_reader import UnsupportedStream, feed_stream, locate_stream

log = logging.getLogger("evidencekit")

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)


@dataclass
class ExtractResult:
    written: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    inside: list[dict[str, Any]] = field(default_factory=list)  # sub-exhibits: in their written container
    not_embedded: list[dict[str, Any]] = field(default_factory=list)  # --hash-only items: nothing to write

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        """``reason`` and ``note`` stay English text; ``reason_message`` and ``note_message`` add
        their code, parameters and both texts."""
        return {"ok": self.ok, "written": [_entry_dict(e) for e in self.written],
                "failed": [_entry_dict(e) for e in self.failed], "inside": [_entry_dict(e) for e in self.inside],
                "not_embedded": [_entry_dict(e) for e in self.not_embedded]}


def _entry_dict(entry: dict[str, Any]) -> dict[str, Any]:
    data = {key: str(value) if isinstance(value, Message) else value for key, value in entry.items()}
    for key in ("reason", "note"):
        if isinstance(entry.get(key), Message):
            data[f"{key}_message"] = entry[key].to_dict()
    return data


def safe_relative_path(raw: str) -> PurePosixPath:
    """A manifest path as a safe relative path, or ValueError if it could escape."""
    text = unicodedata.normalize("NFC", raw)
    if not text or "\x00" in text or "\\" in text or text.startswith("/") or ":" in text.split("/")[0]:
        raise ValueError("absolute or unusual path")
    if any(part in ("", ".", "..") for part in text.split("/")):
        raise ValueError("path with empty, '.' or '..' parts")
    return PurePosixPath(text)


def safe_relative_parts(raw: bytes) -> list[bytes]:
    """A raw relative path (``path_bytes``) as its components, or ValueError if it could escape."""
    parts = raw.split(b"/")
    if not raw or b"\x00" in raw or b"\\" in raw or raw.startswith(b"/") or b":" in parts[0]:
        raise ValueError("absolute or unusual path")
    if any(part in (b"", b".", b"..") for part in parts):
        raise ValueError("path with empty, '.' or '..' parts")
    return parts


def item_parts(item: dict[str, Any]) -> list[bytes]:
    """The components to write an item under: its raw name where one was recorded.

    ValueError when the path could escape the destination, or when ``path_bytes`` does not
    show as ``path`` (a dossier must not display one name and write another).
    """
    if "path_bytes" in item:
        raw = decode_path_bytes(item["path_bytes"])
        parts = safe_relative_parts(raw)
        if display_path(raw) != unicodedata.normalize("NFC", item["path"]):
            raise ValueError("path_bytes does not match path")
        return parts
    return [part.encode("utf-8") for part in safe_relative_path(item["path"]).parts]


def extract_originals(dossier: Path, dest: Path, *, force: bool = False) -> ExtractResult:
    from pyhanko.pdf_utils.reader import PdfFileReader

    result = ExtractResult()
    try:
        f = open(dossier, "rb")
    except OSError as exc:
        raise BadInput(msg("err.cannot_open", path=str(dossier), reason=os_reason(exc)),
                       msg("err.cannot_open.hint_dossier")) from exc
    with f:
        try:
            reader = PdfFileReader(f, strict=False)
            files = embedded_files(reader.root)
        except Exception as exc:
            raise CannotVerify(msg("err.unreadable_pdf", path=str(dossier), detail=str(exc)),
                               msg("err.give_dossier.hint")) from exc
        spec = files.get(MANIFEST_NAME)
        if spec is None:
            raise CannotVerify(msg("err.no_manifest", path=str(dossier)), msg("err.give_dossier.hint"))
        try:
            manifest = parse_manifest(bytes(stream_ref(spec).get_object().data))
        except ManifestInvalid as exc:
            if exc.damaged:
                raise ManifestDamaged(msg("err.manifest_damaged", path=str(dossier), problem=exc.reason),
                                      msg("err.manifest_damaged.hint")) from exc
            raise CannotVerify(msg("err.manifest_problem", path=str(dossier), problem=exc.reason),
                               msg("err.run_verify.hint")) from exc
        except Exception as exc:
            raise CannotVerify(msg("err.manifest_unreadable", path=str(dossier), detail=str(exc)),
                               msg("err.run_verify.hint")) from exc
        offsets = xref_offsets(dossier)
        shown_root = Path(dest).absolute()
        root_fd = _open_destination(Path(dest))
        try:
            for item in manifest["items"]:
                if isinstance(item.get("parent"), str):
                    # A file found in a zip or an e-mail is written by writing its container: the
                    # folder written out bundles again into the same exhibits.
                    result.inside.append({"id": item["id"], "path": item["path"], "parent": item["parent"],
                                          "sha256": item.get("sha256"),
                                          "note": msg("unpack.inside", parent=item["parent"])})
                    continue
                _extract_item(f, files, offsets, item, root_fd, shown_root, force, result)
            _write_case(files, root_fd, shown_root, manifest, result, force)
        finally:
            os.close(root_fd)
    return result


class _Mismatch(Exception):
    """The bytes written do not hash to the manifest's digest (the partial file is removed)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


def _extract_item(f: Any, files: dict[str, Any], offsets: dict[int, int], item: dict[str, Any], root_fd: int,
                  shown_root: Path, force: bool, result: ExtractResult) -> None:
    item_id, raw_path = item["id"], item["path"]
    try:
        parts = item_parts(item)
    except ValueError as exc:
        reason = msg("unpack.raw_name_mismatch" if "match" in str(exc) else "unpack.escapes")
        result.failed.append({"id": item_id, "path": raw_path, "reason": reason})
        return
    if item.get("embedded") is False:
        result.not_embedded.append({"id": item_id, "path": raw_path, "sha256": item.get("sha256"),
                                    "sm3": item.get("sm3"), "reason": msg("unpack.not_embedded")})
        return
    # a copy is written from its first copy's attachment, and re-hashed against its own digests
    of = item.get("duplicate_of")
    spec = files.get(of if isinstance(of, str) else item_id)
    if spec is None:
        result.failed.append({"id": item_id, "path": raw_path, "reason": msg("unpack.missing")})
        return
    prefix = item_id.encode("ascii") + b"_" if re.fullmatch(r"[A-Za-z0-9-]{1,16}", item_id) else b""
    folder_fd, written, notes = _open_folders(root_fd, shown_root, parts[:-1])
    try:
        name, note = _fit(folder_fd, parts[-1], prefix)
        written.append(name)
        notes.extend([note] if note else [])
        shown = shown_root.joinpath(*(os.fsdecode(p) for p in written))
        if _exists(folder_fd, name, shown) and not force:
            raise OutputExists(msg("err.exists", path=str(shown)), msg("err.exists.hint_extract"))
        entry: dict[str, Any] = {"id": item_id, "path": raw_path, "sha256": item.get("sha256")}
        if "path_bytes" in item:
            entry["path_bytes"] = item["path_bytes"]
        if notes:
            written_as = "/".join(display_path(p) for p in written)
            entry.update(written_as=written_as, note=notes[0] if len(notes) == 1 else msg("unpack.notes", notes=notes))
        try:
            _write_checked(f, spec, offsets, folder_fd, name, shown, item, force)
        except _Mismatch as exc:
            result.failed.append({**entry, "reason": exc.reason})
            return
        if notes:
            log.warning(msg("unpack.written_as", id=item_id, note=entry["note"], written_as=entry["written_as"]))
        result.written.append(entry)
    finally:
        if folder_fd != root_fd:
            os.close(folder_fd)


def _open_destination(dest: Path) -> int:
    """Open (creating) the destination folder one component at a time: any length works."""
    fd = os.open("/" if dest.is_absolute() else ".", _DIR_FLAGS)
    try:
        for part in dest.parts[1:] if dest.is_absolute() else dest.parts:
            try:
                os.mkdir(part, dir_fd=fd)
            except FileExistsError:
                pass
            new_fd = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = new_fd
    except OSError as exc:
        os.close(fd)
        raise output_error(exc, dest.absolute() / ".") from exc
    return fd


def _open_folders(root_fd: int, shown_root: Path, parts: list[bytes]) -> tuple[int, list[bytes], list[Message]]:
    """Create and open the item's sub-folders under the destination, never through a link.

    Returns the innermost folder's descriptor, the names used (shortened where the file
    system needs it) and a note per shortened name.
    """
    fd: int = root_fd
    written: list[bytes] = []
    notes: list[Message] = []
    try:
        for part in parts:
            name, note = _fit(fd, part, b"")
            written.append(name)
            notes.extend([note] if note else [])
            shown = shown_root.joinpath(*(os.fsdecode(p) for p in written))
            try:
                os.mkdir(name, 0o755, dir_fd=fd)
            except FileExistsError:
                pass
            except OSError as exc:
                raise output_error(exc, shown) from exc
            try:
                new_fd = os.open(name, _DIR_FLAGS | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                raise _in_the_way(exc, shown) from exc
            if fd != root_fd:
                os.close(fd)
            fd = new_fd
    except BaseException:
        if fd != root_fd:
            os.close(fd)
        raise
    return fd, written, notes


def _in_the_way(exc: OSError, shown: Path) -> BadInput:
    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        return OutputUnwritable(msg("err.out.not_a_folder", path=str(shown)), msg("err.out.not_a_folder.hint"),
                                path=str(shown))
    return output_error(exc, shown)


def _fit(folder_fd: int, name: bytes, prefix: bytes) -> tuple[bytes, Message | None]:
    """``name``, or a shortened one when it is longer than the file system allows."""
    limit = name_max(folder_fd)
    if len(name) <= limit:
        return name, None
    short = shortened_name(name, limit, prefix=prefix)
    return short, msg("unpack.name_shortened", name=display_path(name), size=len(name), limit=limit)


def _exists(folder_fd: int, name: bytes, shown: Path) -> bool:
    try:
        os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
        return True
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise output_error(exc, shown) from exc


def _write_case(files: dict[str, Any], root_fd: int, shown_root: Path, manifest: dict[str, Any],
                result: ExtractResult, force: bool) -> None:
    """case.toml goes back beside the originals, so the folder can be bundled again."""
    spec = files.get(CASE_NAME)
    if spec is None:
        return
    shown = shown_root / CASE_NAME
    if _exists(root_fd, CASE_NAME.encode(), shown) and not force:
        raise OutputExists(msg("err.exists", path=str(shown)), msg("err.exists.hint_extract"))
    raw = bytes(stream_ref(spec).get_object().data)
    matches = sealed_case_matches(raw, manifest.get("case"))
    entry = {"id": CASE_NAME, "path": CASE_NAME, "sha256": hashlib.sha256(raw).hexdigest()}
    if not matches:
        result.failed.append({**entry, "reason": msg("unpack.case_mismatch")})
        return
    with atomic_output(CASE_NAME, force=force, dir_fd=root_fd, shown=shown) as out:
        out.file.write(raw)
    result.written.append(entry)


def _write_checked(f: Any, spec: Any, offsets: dict[int, int], folder_fd: int, name: bytes, shown: Path,
                   item: dict[str, Any], force: bool) -> None:
    """Write one original, re-hashed on the way; :class:`_Mismatch` (nothing written) if it differs."""
    with atomic_output(name, force=force, dir_fd=folder_fd, shown=shown) as output:
        out = output.file
        digester = Digester()

        def sink(chunk: bytes) -> None:
            out.write(chunk)
            digester.update(chunk)

        ref = stream_ref(spec)
        idnum = getattr(ref, "idnum", None)
        try:
            if idnum is None or idnum not in offsets:
                raise UnsupportedStream("no offset")
            feed_stream(f, locate_stream(f, offsets[idnum], idnum), sink)
        except UnsupportedStream:
            out.seek(0)
            out.truncate()
            digester.finish()
            digester = Digester()
            sink(bytes(ref.get_object().data))
        found = digester.finish()
        if found.sha256 != item.get("sha256") or found.size != item.get("size"):
            raise _Mismatch(msg("unpack.sha256_mismatch"))
        if item.get("sm3") and found.sm3 != item.get("sm3"):
            raise _Mismatch(msg("unpack.sm3_mismatch"))
