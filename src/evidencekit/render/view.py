"""What the page sections need to know, gathered in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from evidencekit.model import Item, Skipped
from evidencekit.render.document import Slot, Styles


@dataclass(frozen=True)
class Visual:
    """How an item shows on its exhibit pages."""

    mode: str  # "image" | "pdf" | "text" | "card"
    size: tuple[float, float] = (0.0, 0.0)  # display size of an image
    pages: tuple[tuple[float, float], ...] = ()  # display sizes of a PDF's pages
    text: str | None = None
    truncated: bool = False
    reason: str | None = None  # why a card instead of the content
    problem: bool = False  # the content should show but cannot (damaged, encrypted): warn the reader


@dataclass(frozen=True)
class Signer:
    name: str
    fingerprint: str  # SHA-256 of the certificate, hex
    self_signed: bool


@dataclass
class DossierView:
    lang: str
    styles: Styles
    dossier_id: str
    manifest: dict[str, Any]
    case: dict[str, Any]
    items: list[Item]
    visuals: dict[str, Visual]
    skipped: list[Skipped]
    signer: Signer
    public: bool = False
    channel: str | None = None
    slots: list[Slot] = field(default_factory=list)
    statement: Callable[["DossierView"], list[Any]] | None = None  # after the cover
    timeline: Callable[["DossierView"], list[Any]] | None = None  # after the evidence list
