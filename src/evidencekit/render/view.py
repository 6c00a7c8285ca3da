"""What the page sections need to know, gathered in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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
    today: date | None = None  # the sealing day (from the clock): escalation dates are counted from it
    shown_case: dict[str, Any] | None = None  # the case as the cover shows it (masked when public)
    mask: Callable[[str], str] | None = None  # masks personal data in free text when public

    def shown(self, text: str) -> str:
        """A free text as a page may show it: masked on a public dossier."""
        return self.mask(text) if self.mask and text else text

    @property
    def display_case(self) -> dict[str, Any]:
        """The case data to print: masked for public channels, else the sealed original."""
        return self.shown_case if self.shown_case is not None else self.case
