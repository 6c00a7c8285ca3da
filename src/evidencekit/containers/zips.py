"""Zip archives: plain, ZipCrypto and AES (pyzipper), names decoded the way they were written.

支付宝 and 微信支付 mail bills as password-protected zips made on Chinese Windows: the entry
names are GBK bytes without the UTF-8 flag (bit 11), which zipfile shows as cp437 mojibake.
"""

from __future__ import annotations

import functools
import stat
import struct
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pyzipper

from evidencekit.clock import CHINA_TZ
from evidencekit.containers import (
    MAX_ENTRIES,
    Ask,
    Child,
    Opened,
    Refused,
    Workspace,
    safe_name,
    unique_names,
)
from evidencekit.i18n import Message, msg

UTF8_FLAG = 0x800
ENCRYPTED_FLAG = 0x1
UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP Unicode Path: the UTF-8 name beside a legacy one
AES_EXTRA = 0x9901
MAX_LISTED = 200
#: How much of the first encrypted entry is read to tell a right password from a wrong one
#: (ZipCrypto's one check byte lets 1 wrong password in 256 through; the CRC at the end does not).
PASSWORD_PROBE = 16 << 20
OFFICE_MARKERS = ("[Content_Types].xml", "mimetype", "META-INF/manifest.xml")
_MAX_PROMPTS = 3


def is_zip_container(path: Path) -> bool:
    """A zip archive that is not an Office/ODF/EPUB document (those are zips too)."""
    try:
        with open(path, "rb") as f:
            if f.read(4) not in (b"PK\x03\x04", b"PK\x05\x06"):
                return False
        with pyzipper.AESZipFile(path) as archive:
            names = set(archive.namelist())
    except (pyzipper.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return False
    return not any(marker in names for marker in OFFICE_MARKERS)


def decode_name(info: pyzipper.ZipInfo) -> str:
    """An entry's name: UTF-8 when flagged, the Info-ZIP Unicode Path when present, else the raw
    bytes as UTF-8 (macOS, many Linux tools) or GB18030 (Chinese Windows), else cp437."""
    if info.flag_bits & UTF8_FLAG:
        return str(info.filename)
    try:
        raw = info.filename.encode("cp437")  # zipfile decoded the raw bytes as cp437: get them back
    except UnicodeEncodeError:
        return str(info.filename)
    unicode_path = _unicode_path(info.extra, raw)
    if unicode_path is not None:
        return unicode_path
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return str(info.filename)


def _extra_fields(extra: bytes) -> list[tuple[int, bytes]]:
    fields, at = [], 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        fields.append((kind, extra[at + 4:at + 4 + size]))
        at += 4 + size
    return fields


def _unicode_path(extra: bytes, raw: bytes) -> str | None:
    for kind, data in _extra_fields(extra):
        if kind == UNICODE_PATH_EXTRA and len(data) > 5 and data[0] == 1:
            (crc,) = struct.unpack_from("<I", data, 1)
            if crc == zlib.crc32(raw):  # it describes this very name, not an older one
                try:
                    return data[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
    return None


def _is_aes(info: pyzipper.ZipInfo) -> bool:
    return any(kind == AES_EXTRA for kind, _ in _extra_fields(info.extra))


def _too_dense(name: str, ratio: float) -> Message:
    return msg("warn.container.too_dense", name=name, ratio=ratio)


def _is_link(info: pyzipper.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _mtime(info: pyzipper.ZipInfo) -> float:
    try:
        year, month, day, hour, minute, second = info.date_time[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=CHINA_TZ).timestamp()
    except (ValueError, TypeError):
        return 0.0


def open_zip(path: Path, display: str, workspace: Workspace, password: str | None, ask: Ask | None) -> Opened:
    """Open a zip: every file inside unpacked into ``workspace``, hashed. Never raises for bad
    content: a wrong or missing password, a passed cap or a damaged archive is a warning and
    the archive stays one sealed original."""
    try:
        archive = pyzipper.AESZipFile(path)
    except (pyzipper.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        return Opened({"container": "zip"}, [msg("warn.container.zip_damaged", detail=str(exc))])
    with archive:
        files = [i for i in archive.infolist() if not i.is_dir() and not _is_link(i)]
        names = [decode_name(i) for i in files]
        encrypted = [i for i in files if i.flag_bits & ENCRYPTED_FLAG]
        facts: dict[str, Any] = {
            "container": "zip", "entry_count": len(files), "entries": names[:MAX_LISTED],
            "encryption": ("aes" if any(_is_aes(i) for i in encrypted) else "zipcrypto") if encrypted else None,
        }
        if len(files) > MAX_ENTRIES:
            return Opened(facts, [msg("warn.container.too_many", n=len(files), limit=MAX_ENTRIES)])
        pwd: bytes | None = None
        if encrypted:
            pwd, problem = _find_password(archive, encrypted[0], password, ask, display)
            if pwd is None:
                facts["opened"] = False
                return Opened(facts, [problem] if problem else [])
        return _unpack(archive, files, names, pwd, workspace, facts)


def _unpack(archive: pyzipper.AESZipFile, files: list[pyzipper.ZipInfo], names: list[str], pwd: bytes | None,
            workspace: Workspace, facts: dict[str, Any]) -> Opened:
    cleaned = unique_names([safe_name(n, f"entry-{k}") for k, n in enumerate(names, start=1)])
    children: list[Child] = []
    warnings: list[Message] = []
    try:
        for info, name, clean in zip(files, names, cleaned, strict=True):
            try:
                with archive.open(info, pwd=pwd if info.flag_bits & ENCRYPTED_FLAG else None) as stream:
                    source, digests = workspace.write(
                        clean, stream, compressed=info.compress_size,
                        too_big=lambda limit: msg("warn.container.too_big", mb=limit >> 20),
                        too_dense=functools.partial(_too_dense, name))
            except Refused:
                raise
            except (pyzipper.BadZipFile, RuntimeError, NotImplementedError, OSError, zlib.error, EOFError) as exc:
                warnings.append(msg("warn.container.entry_unreadable", name=name, detail=str(exc)))
                continue
            children.append(Child(name, clean, source, digests, _mtime(info)))
            if clean != name:
                warnings.append(msg("warn.container.renamed", name=name, shown=clean))
    except Refused as refused:
        workspace.discard(children)
        facts["opened"] = False
        return Opened(facts, [refused.reason])
    facts["opened"] = True
    return Opened(facts, warnings, children)


def _find_password(archive: pyzipper.AESZipFile, probe: pyzipper.ZipInfo, password: str | None, ask: Ask | None,
                   display: str) -> tuple[bytes | None, Message | None]:
    """The password that opens ``probe``: the one given, else asked for (up to three times)."""
    failed = False
    if password is not None:
        found = _opens(archive, probe, password)
        if found is not None:
            return found, None
        failed = True
    if ask is not None:
        for _ in range(_MAX_PROMPTS):
            answer = ask(display, failed)
            if not answer:
                break
            found = _opens(archive, probe, answer)
            if found is not None:
                return found, None
            failed = True
    return None, msg("warn.container.wrong_password" if failed else "warn.container.no_password", name=display)


def _opens(archive: pyzipper.AESZipFile, probe: pyzipper.ZipInfo, password: str) -> bytes | None:
    """The password's bytes (UTF-8, else GB18030 as Chinese Windows zips them) if they open ``probe``."""
    tried: list[bytes] = []
    for encoding in ("utf-8", "gb18030"):
        pwd = password.encode(encoding, errors="ignore")
        if pwd in tried:
            continue
        tried.append(pwd)
        try:
            with archive.open(probe, pwd=pwd) as stream:
                left = PASSWORD_PROBE
                while left > 0 and (chunk := stream.read(min(left, 1 << 16))):
                    left -= len(chunk)
            return pwd
        except (RuntimeError, pyzipper.BadZipFile, zlib.error, ValueError):
            continue
    return None
