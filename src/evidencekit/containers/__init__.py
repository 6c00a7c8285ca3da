"""Containers opened, originals kept: zip archives (plain, ZipCrypto, AES) and e-mails (.eml).

The container itself stays one sealed original; each file inside becomes a sub-exhibit
(``E05-1``, ``E05-2`` …) that is hashed, attached and read like any other file. What is inside
is streamed into a private temporary folder (mode 0700, removed at the end of the run) under
names we make (``<n>/<last part of the name, cleaned>``): a name in an archive is only a name,
so ``../`` or ``/etc/passwd`` can never write outside it.

Caps against zip bombs, checked on the bytes actually produced while streaming, never on the
sizes an archive's headers claim: :data:`MAX_TOTAL_BYTES` for everything unpacked in one run,
:data:`MAX_RATIO` for one entry once it is past :data:`RATIO_FLOOR`, :data:`MAX_ENTRIES` per
container, and :data:`MAX_DEPTH` containers inside containers.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from evidencekit.hashing import Digester, Digests
from evidencekit.i18n import Message

#: Everything unpacked from every container of one case, in bytes.
MAX_TOTAL_BYTES = 2 << 30
#: One entry may expand at most this many times its compressed size …
MAX_RATIO = 200
#: … once it is larger than this (small files of zeros compress far better, harmlessly).
RATIO_FLOOR = 8 << 20
#: Files in one container: more is refused (a folder of evidence is not ten thousand files).
MAX_ENTRIES = 2000
#: Containers inside containers opened: E05 (depth 1) → E05-1 (2) → E05-1-1 (3); deeper ones stay sealed.
MAX_DEPTH = 3
#: An e-mail is parsed in memory: larger ones are sealed as they are.
MAX_EML_BYTES = 256 << 20

CHUNK = 1 << 16

#: Asked for a container's password when none is known: (its path, whether a password failed
#: already) → the password, or None to leave it sealed unopened.
Ask = Callable[[str, bool], "str | None"]


class Refused(Exception):
    """A container is not opened (a cap was passed): the reason, as a catalog message."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


@dataclass(frozen=True)
class Child:
    """One file found inside a container, unpacked into the workspace and hashed."""

    name: str  # as the container names it (decoded; may be unsafe, e.g. ../x)
    safe_name: str  # a relative POSIX path with no empty, '.' or '..' part
    source: Path
    digests: Digests
    mtime: float


@dataclass
class Opened:
    """What opening a container found."""

    facts: dict[str, Any] = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    captured_at: str | None = None


@dataclass
class Passwords:
    """Where a container's password comes from: ``--password NAME=SECRET`` (NAME is the path or
    the file name) and a prompt. case.toml's ``[[evidence]] password`` is the caller's note.
    Never sealed, never logged."""

    given: Mapping[str, str] = field(default_factory=dict)
    ask: Ask | None = None
    used_names: set[str] = field(default_factory=set)

    def known(self, path: str) -> str | None:
        for name in (path, path.rsplit("/", 1)[-1]):
            if name in self.given:
                self.used_names.add(name)
                return self.given[name]
        return None

    def unused(self) -> list[str]:
        """Names given with --password that matched no file (a typo, most likely)."""
        return sorted(set(self.given) - self.used_names)


class Workspace:
    """The private temporary folder children are unpacked into, and the run's byte budget."""

    def __init__(self, max_total: int = MAX_TOTAL_BYTES) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="evidencekit-unpacked-"))
        self.left = max_total
        self.max_total = max_total
        self._count = 0

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def new_path(self, safe_name: str) -> Path:
        self._count += 1
        folder = self.root / str(self._count)
        folder.mkdir(mode=0o700)
        return folder / (safe_name.rsplit("/", 1)[-1] or "file")

    def write(self, safe_name: str, stream: BinaryIO, *, compressed: int | None = None,
              too_big: Callable[[int], Message], too_dense: Callable[[int], Message]) -> tuple[Path, Digests]:
        """Stream ``stream`` into a new file, hashing it; :class:`Refused` when a cap is passed."""
        target = self.new_path(safe_name)
        digester = Digester()
        written = 0
        try:
            with open(target, "xb") as out:
                while True:
                    chunk = stream.read(CHUNK)
                    if not chunk:
                        break
                    written += len(chunk)
                    if written > self.left:
                        raise Refused(too_big(self.max_total))
                    if compressed is not None and written > RATIO_FLOOR and written > MAX_RATIO * max(compressed, 1):
                        raise Refused(too_dense(MAX_RATIO))
                    out.write(chunk)
                    digester.update(chunk)
        except BaseException:
            shutil.rmtree(target.parent, ignore_errors=True)  # nothing half-unpacked stays behind
            raise
        self.left -= written
        return target, digester.finish()

    def discard(self, children: list[Child]) -> None:
        """Give back what ``children`` took of the budget and remove their files."""
        for child in children:
            self.left += child.digests.size
            shutil.rmtree(child.source.parent, ignore_errors=True)


_DRIVE = re.compile(r"^[A-Za-z]:$")


def safe_name(name: str, fallback: str) -> str:
    """A name from inside a container as a harmless relative path: ``\\`` read as ``/``, and
    empty, ``.``, ``..`` and drive (``C:``) parts dropped, so ``../../etc/passwd`` is
    ``etc/passwd``, ``/abs/x`` is ``abs/x``. ``fallback`` when nothing is left."""
    parts = [p for p in unicodedata.normalize("NFC", name).replace("\\", "/").split("/")
             if p not in ("", ".", "..") and not _DRIVE.match(p)]
    cleaned = "/".join("".join(c if c.isprintable() else "_" for c in p) for p in parts)
    return cleaned or fallback


def unique_names(names: list[str]) -> list[str]:
    """Two entries cleaned to the same name get ``~2``, ``~3`` … before the extension."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 2
        stem, dot, ext = name.rpartition(".")
        if not dot or "/" in ext:
            stem, ext = name, ""
        while candidate in seen:
            candidate = f"{stem}~{n}.{ext}" if ext else f"{stem}~{n}"
            n += 1
        seen.add(candidate)
        out.append(candidate)
    return out
