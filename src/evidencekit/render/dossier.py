"""Render every section, in DESIGN.md's order, into reportlab pages."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from evidencekit.render import markup
from evidencekit.render.cover import cover
from evidencekit.render.cross_checks import cross_check_page
from evidencekit.render.document import SHEET_KEY, Slot, Styles, build_pdf
from evidencekit.render.evidence_list import evidence_list
from evidencekit.render.exhibits import exhibits
from evidencekit.render.pictures import glance_picture, money_flow_pictures
from evidencekit.render.statement import statement_flowables
from evidencekit.render.timeline import timeline
from evidencekit.render.verify_page import verify_page
from evidencekit.render.view import DossierView

if TYPE_CHECKING:
    from evidencekit.plan import DossierPlan


@dataclass(frozen=True)
class RenderedPages:
    pdf: bytes  # reportlab's PDF: text, tables and vector art; slots left empty
    slots: list[Slot]
    page_count: int
    pictures: dict[str, bytes] = field(default_factory=dict)  # slot key → a JPEG made for the page


def render_dossier(plan: DossierPlan, styles: Styles) -> RenderedPages:
    """Lay out ``plan``: reportlab's pages, with empty slots where images and imported pages go."""
    markup.install()  # before the first Paragraph is made
    view = DossierView(plan, styles)
    story: list[Flowable] = []
    story += cover(view)
    story += [*glance_picture(view), *money_flow_pictures(view)]
    if plan.statement is not None:
        story += statement_flowables(view, plan.statement)
    story += evidence_list(view)
    story += timeline(view)
    story += cross_check_page(view)
    story += exhibits(view)
    story += verify_page(view)
    out = io.BytesIO()
    title = view.display_case.get("case", {}).get("title") or "evidencekit dossier"
    pages = build_pdf(story, font=view.styles.font, lang=view.lang, dossier_id=view.dossier_id,
                      title=title, out=out)
    pictures = {f"{key}{SHEET_KEY}": visual.picture for key, visual in plan.visuals.items() if visual.picture}
    return RenderedPages(out.getvalue(), list(view.slots), pages, pictures)
