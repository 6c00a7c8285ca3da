"""Where the channel templates are, and which channel ids they define (without parsing them).

Below everything else: the case parser accepts a channel id that a template adds, and the
channel loader reads the files, without either importing the other.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def templates_dir() -> Traversable:
    """Where the templates are: inside the installed package, else the repo's ``templates/``."""
    packaged = resources.files("evidencekit") / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def template_ids() -> tuple[str, ...]:
    """The channel ids the template files define: ``<id>.toml``, not starting with ``_``."""
    folder = templates_dir()
    return tuple(sorted(entry.name[:-5] for entry in folder.iterdir()
                        if entry.name.endswith(".toml") and not entry.name.startswith("_")))
