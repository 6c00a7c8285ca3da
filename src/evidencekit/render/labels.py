"""The renderer's names for the dossier's labels (defined in :mod:`evidencekit.terms`, texts in
the catalog), and sizes in words."""

from __future__ import annotations

from evidencekit.terms import channel_label, kind_label, label, problem_label  # noqa: F401  (the renderer's names)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
