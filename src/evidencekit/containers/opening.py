"""Which files are containers, and opening one."""

from __future__ import annotations

from pathlib import Path

from evidencekit.containers import Ask, Opened, Workspace
from evidencekit.containers.mail import looks_like_eml, open_eml
from evidencekit.containers.zips import is_zip_container, open_zip


def container_kind(path: Path, mime: str) -> str | None:
    """``"zip"``, ``"eml"``, or None for a file that is not a container we open."""
    if is_zip_container(path):
        return "zip"
    if looks_like_eml(path, mime):
        return "eml"
    return None


def open_container(kind: str, path: Path, display: str, workspace: Workspace, password: str | None,
                   ask: Ask | None) -> Opened:
    """Open a container of ``kind`` (see :func:`container_kind`); never raises for bad content."""
    if kind == "zip":
        return open_zip(path, display, workspace, password, ask)
    return open_eml(path, workspace)
