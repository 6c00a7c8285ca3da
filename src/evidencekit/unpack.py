"""extract_originals: write the sealed originals out, each re-hashed on the way."""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from evidencekit.assemble import CASE_NAME, MANIFEST_NAME
from evidencekit.case import sealed_case_matches
from evidencekit.errors import BadInput, CannotVerify
from evidencekit.hashing import Digester
from evidencekit.manifest import parse_manifest
from evidencekit.pdf.stream_reader import UnsupportedStream, feed_stream, locate_stream
from evidencekit.pdf.attachments import embedded_files, stream_ref, xref_offsets


@dataclass
class ExtractResult:
    written: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "written": self.written, "failed": self.failed}


def safe_relative_path(raw: str) -> PurePosixPath:
    """A manifest path as a safe relative path, or ValueError if it could escape."""
    text = unicodedata.normalize("NFC", raw)
    if not text or "\x00" in text or "\\" in text or text.startswith("/") or ":" in text.split("/")[0]:
        raise ValueError("absolute or unusual path")
    if any(part in ("", ".", "..") for part in text.split("/")):
        raise ValueError("path with empty, '.' or '..' parts")
    return PurePosixPath(text)


def extract_originals(dossier: Path, dest: Path, *, force: bool = False) -> ExtractResult:
    from pyhanko.pdf_utils.reader import PdfFileReader

    result = ExtractResult()
    try:
        f = open(dossier, "rb")
    except OSError as exc:
        raise BadInput(f"{dossier}: cannot open ({exc.strerror})", "Check the path to the dossier.") from exc
    with f:
        try:
            reader = PdfFileReader(f, strict=False)
            files = embedded_files(reader.root)
        except Exception as exc:
            raise CannotVerify(f"{dossier}: not a readable PDF ({exc})", "Give a dossier made by evidencekit.") from exc
        spec = files.get(MANIFEST_NAME)
        if spec is None:
            raise CannotVerify(f"{dossier}: holds no evidencekit manifest", "Give a dossier made by evidencekit.")
        try:
            manifest = parse_manifest(bytes(stream_ref(spec).get_object().data))
        except Exception as exc:
            raise CannotVerify(f"{dossier}: its manifest cannot be read ({exc})",
                               "Run `evidencekit verify` on it to see what is wrong.") from exc
        offsets = xref_offsets(dossier)
        dest.mkdir(parents=True, exist_ok=True)
        root = dest.resolve()
        for item in manifest["items"]:
            item_id, raw_path = str(item.get("id")), str(item.get("path"))
            try:
                rel = safe_relative_path(raw_path)
                target = (root / rel).resolve()
                target.relative_to(root)
            except ValueError:
                result.failed.append({"id": item_id, "path": raw_path,
                                      "reason": "path would escape the destination folder; refused"})
                continue
            if target.exists() and not force:
                raise BadInput(f"{target}: already exists", "Extract into an empty folder, or use --force.")
            spec = files.get(item_id)
            if spec is None:
                result.failed.append({"id": item_id, "path": raw_path, "reason": "missing from the dossier"})
                continue
            ok, reason = _write_checked(f, spec, offsets, target, item)
            entry = {"id": item_id, "path": raw_path, "sha256": item.get("sha256")}
            if ok:
                result.written.append(entry)
            else:
                result.failed.append({**entry, "reason": reason})
        _write_case(files, root, manifest, result, force)
    return result


def _write_case(files: dict[str, Any], root: Path, manifest: dict[str, Any], result: ExtractResult,
                force: bool) -> None:
    """case.toml goes back beside the originals, so the folder can be bundled again."""
    spec = files.get(CASE_NAME)
    if spec is None:
        return
    target = root / CASE_NAME
    if target.exists() and not force:
        raise BadInput(f"{target}: already exists", "Extract into an empty folder, or use --force.")
    raw = bytes(stream_ref(spec).get_object().data)
    matches = sealed_case_matches(raw, manifest.get("case"))
    entry = {"id": CASE_NAME, "path": CASE_NAME, "sha256": hashlib.sha256(raw).hexdigest()}
    if not matches:
        result.failed.append({**entry, "reason": "does not match the case data in the manifest; not written"})
        return
    tmp = target.with_name(f".{CASE_NAME}.part")
    tmp.write_bytes(raw)
    os.replace(tmp, target)
    result.written.append(entry)


def _write_checked(f: Any, spec: Any, offsets: dict[int, int], target: Path, item: dict[str, Any]) -> tuple[bool, str]:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    tmp = Path(tmp_name)
    digester = Digester()
    try:
        with os.fdopen(fd, "wb") as out:
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
            tmp.unlink()
            return False, "SHA-256 does not match the manifest: the attachment was changed; not written"
        if item.get("sm3") and found.sm3 != item.get("sm3"):
            tmp.unlink()
            return False, "SM3 does not match the manifest; not written"
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; an extracted original is an ordinary file
        os.replace(tmp, target)
        return True, ""
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
