"""What the page sections read: the plan, the styles, and the slots images go into."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from evidencekit.model import Signer, Visual
from evidencekit.render.document import Slot, Styles

if TYPE_CHECKING:
    from evidencekit.plan import DossierPlan

__all__ = ["DossierView", "Signer", "Visual"]


@dataclass
class DossierView:
    """A plan being laid out: sections read the plan through this and add image slots."""

    plan: DossierPlan
    styles: Styles
    slots: list[Slot] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:  # lang, items, visuals, signer, public, channel …
        return getattr(self.plan, name)

    @property
    def manifest(self) -> dict[str, Any]:
        return self.plan.manifest.data

    @property
    def case(self) -> dict[str, Any]:
        """The case as the complainant wrote it (use ``display_case`` for what pages print)."""
        return self.plan.case.data

    @property
    def display_case(self) -> dict[str, Any]:
        """The case data to print: masked for public channels, else the sealed original."""
        return self.plan.shown_case

    def shown(self, text: str) -> str:
        """A free text as a page may show it: masked on a public dossier."""
        return self.plan.shown(text)
