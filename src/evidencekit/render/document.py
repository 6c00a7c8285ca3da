"""The page machinery: document template, styles, footers, slots and bookmarks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable

from evidencekit.render import cjk
from evidencekit.render.labels import label
from evidencekit.render.text import esc
from evidencekit.visible import visible

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
FOOTER_H = 14 * mm
FRAME_W = PAGE_W - 2 * MARGIN
FRAME_H = PAGE_H - MARGIN - (MARGIN + FOOTER_H)

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6573")
RULE = colors.HexColor("#c9ced6")
ACCENT = colors.HexColor("#8a1c1c")  # seal red
SHADE = colors.HexColor("#f2f4f7")
WARN = colors.HexColor("#a15c00")


@dataclass
class Styles:
    font: str
    body: ParagraphStyle = field(init=False)
    small: ParagraphStyle = field(init=False)
    tiny: ParagraphStyle = field(init=False)
    mono: ParagraphStyle = field(init=False)
    h1: ParagraphStyle = field(init=False)
    h2: ParagraphStyle = field(init=False)
    h3: ParagraphStyle = field(init=False)
    title: ParagraphStyle = field(init=False)
    cell: ParagraphStyle = field(init=False)
    cell_small: ParagraphStyle = field(init=False)
    warn: ParagraphStyle = field(init=False)
    center: ParagraphStyle = field(init=False)

    def __post_init__(self) -> None:
        f = self.font
        base = dict(fontName=f, wordWrap="CJK", textColor=INK)
        self.body = ParagraphStyle("body", fontSize=10, leading=15, **base)
        self.small = ParagraphStyle("small", fontSize=8.5, leading=12, **base)
        self.tiny = ParagraphStyle("tiny", fontSize=7, leading=9, **base)
        self.mono = ParagraphStyle("mono", fontSize=8, leading=10.5, **base)
        self.h1 = ParagraphStyle("h1", fontSize=18, leading=24, spaceAfter=8, **base)
        self.h2 = ParagraphStyle("h2", fontSize=13.5, leading=18, spaceBefore=4, spaceAfter=6, **base)
        self.h3 = ParagraphStyle("h3", fontSize=11, leading=15, spaceBefore=4, spaceAfter=3, **base)
        self.title = ParagraphStyle("title", fontSize=26, leading=34, alignment=TA_CENTER, **base)
        self.cell = ParagraphStyle("cell", fontSize=8.5, leading=11.5, **base)
        self.cell_small = ParagraphStyle("cell_small", fontSize=7, leading=9, **base)
        self.warn = ParagraphStyle("warn", fontSize=8.5, leading=12, fontName=f, wordWrap="CJK", textColor=WARN)
        self.center = ParagraphStyle("center", fontSize=10, leading=14, alignment=TA_CENTER, **base)


def table_style(font: str, *commands: tuple) -> TableStyle:
    """A TableStyle whose cells use ``font`` (reportlab's default would be an unembedded Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands])


SHEET_KEY = "#sheet"  # a slot key's suffix: the picture made for an item's page (a video's contact sheet)


@dataclass(frozen=True)
class Slot:
    """A box on a page where the assembler will draw an image or an imported page."""

    key: str
    page: int  # 1-based
    x: float
    y: float
    w: float
    h: float
    crop: tuple[float, float] | None = None  # the band of the picture shown, as fractions of its height


@dataclass(frozen=True)
class TextLayer:
    """Lines of text read from a picture (OCR), to lay invisibly over it: search, copy and
    pdftotext find them, nobody sees them. Boxes are (x0, y0, x1, y1) in the picture's upright
    pixels, origin top-left; ``size`` is that picture's (width, height)."""

    font: str
    size: tuple[int, int]
    lines: tuple[tuple[str, tuple[float, float, float, float]], ...]

    def draw(self, canv: Canvas, x: float, y: float, w: float, h: float, *,
             band: tuple[float, float] | None = None, after: float = 0.0) -> None:
        """Over the box (x, y, w, h) of the page where the picture is drawn, in render mode 3
        (neither fill nor stroke), each line stretched to its box as OCRmyPDF does.

        ``band``: the box shows only rows ``top``–``bottom`` of the picture (fractions of its
        height: a long screenshot's band on one page). It carries the lines whose foot is in
        (``after``, ``bottom``], ``after`` being where the band before ended: a line in the
        strip two bands share is written once, a line cut at a page's foot on the next page."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        top, bottom = band or (0.0, 1.0)
        top_px, bottom_px, after_px = (v * self.size[1] for v in (top, bottom, after))
        sx, sy = w / max(self.size[0], 1), h / max(bottom_px - top_px, 1e-9)
        canv.saveState()
        for text, (x0, y0, x1, y1) in self.lines:
            height = (y1 - y0) * sy
            width = (x1 - x0) * sx
            if not text.strip() or height <= 0 or width <= 0:
                continue
            if band is not None and not (after_px < y1 <= bottom_px + 1e-6):
                continue
            size = max(height * 0.85, 1.0)
            natural = stringWidth(text, self.font, size)
            obj = canv.beginText()
            obj.setTextRenderMode(3)
            obj.setFont(self.font, size)
            if natural > 0:
                obj.setHorizScale(100.0 * width / natural)
            obj.setTextOrigin(x + x0 * sx, y + h - (y1 - top_px) * sy + height * 0.18)
            obj.textOut(text)
            canv.drawText(obj)
        canv.restoreState()


class SlotFlowable(Flowable):
    """Reserves a box of the fitted size and records where it landed."""

    def __init__(self, key: str, content_w: float, content_h: float, slots: list[Slot],
                 *, min_fraction: float = 0.45, text_layer: TextLayer | None = None) -> None:
        super().__init__()
        self.key = key
        self.content_w = max(content_w, 1.0)
        self.content_h = max(content_h, 1.0)
        self.slots = slots
        self.min_fraction = min_fraction
        self.text_layer = text_layer
        self._size = (0.0, 0.0)

    def _fit(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        scale = min(avail_w / self.content_w, avail_h / self.content_h, 1.5)
        return self.content_w * scale, self.content_h * scale

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        full = self._fit(FRAME_W, FRAME_H - 8)
        here = self._fit(avail_w, max(avail_h - 8, 1.0))
        if here[1] >= full[1] * self.min_fraction or avail_h >= FRAME_H - 1:
            self._size = here
            return here[0], here[1] + 8
        # Too small where we are: say it does not fit, so it moves to a fresh page.
        self._size = full
        return full[0], avail_h + 1

    def draw(self) -> None:
        w, h = self._size
        x = (FRAME_W - w) / 2
        ax, ay = self.canv.absolutePosition(x, 4)
        self.slots[:] = [s for s in self.slots if s.key != self.key]
        self.slots.append(Slot(self.key, self.canv.getPageNumber(), ax, ay, w, h))
        self.canv.saveState()
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        self.canv.rect(x - 1, 3, w + 2, h + 2)
        self.canv.restoreState()
        if self.text_layer is not None:
            self.text_layer.draw(self.canv, x, 4, w, h)


class Marker(Flowable):
    """Zero-size flowable that changes page state: the exhibit in the footer, bookmarks."""

    def __init__(self, *, exhibit: tuple[str, str] | None | bool = False,
                 bookmark: tuple[str, str, int] | None = None) -> None:
        super().__init__()
        self.exhibit = exhibit
        self.bookmark = bookmark

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.exhibit is not False:
            self.canv._ek_exhibit = self.exhibit  # type: ignore[attr-defined]
        if self.bookmark:
            title, key, level = self.bookmark
            self.canv.bookmarkPage(key)
            # a viewer's bookmark pane shows what the file says raw: a path's escapes made visible
            self.canv.addOutlineEntry(visible(title), key, level=level, closed=level > 0)


RUNNING_ATTR = "_ek_running"
"""A flowable carrying this attribute (a short text, e.g. a chat's day) has it printed at the
top of the page when it is the first thing on that page: "2025-03-13（接上页）"."""


class DossierDocTemplate(BaseDocTemplate):
    """Prints a running head when a page begins in the middle of something dated."""

    _ek_page = 0
    _ek_font = ""
    _ek_lang = "zh"

    def afterFlowable(self, flowable: Flowable) -> None:
        page = self.canv.getPageNumber()
        if page == self._ek_page or isinstance(flowable, ActionFlowable):
            return  # reportlab's own page-start actions come before the first real flowable
        self._ek_page = page
        running = getattr(flowable, RUNNING_ATTR, None)
        if not running:
            return
        canv = self.canv
        canv.saveState()
        canv.setFont(self._ek_font, 7.5)
        canv.setFillColor(MUTED)
        suffix = "（接上页）" if self._ek_lang == "zh" else " (continued)"
        canv.drawString(MARGIN, PAGE_H - MARGIN + 3 * mm, f"{running}{suffix}")
        canv.restoreState()


class DossierCanvas(Canvas):
    """Defines the "total pages" form, and each exhibit's page range, once every page is known."""

    total_form = "ekTotalPages"

    def save(self) -> None:
        total = self.getPageNumber() - 1
        lang = getattr(self, "_ek_lang", "zh")
        font = self._ek_font
        self.beginForm(self.total_form, lowerx=0, lowery=0, upperx=80, uppery=20)
        self.setFont(font, 7.5)
        self.setFillColor(MUTED)
        self.drawString(0, 0, f"{total} 页" if lang == "zh" else f"{total}")
        self.endForm()
        pages: dict[str, list[int]] = getattr(self, "_ek_pages", {})
        for key, size in sorted(getattr(self, "_ek_page_refs", {}).items()):
            if key == PageRef.TOTAL:
                text = f"共 {total} 页" if lang == "zh" else f"{total} pages in all"
            else:
                found = pages.get(key)
                span = "—" if not found else str(found[0]) if found[0] == found[-1] else f"{found[0]}–{found[-1]}"
                text = span if not found else (f"第 {span} 页" if lang == "zh" else f"p. {span}")
            self.beginForm(PageRef.form_name(key), lowerx=0, lowery=-2, upperx=120, uppery=12)
            self.setFont(font, size)
            self.setFillColor(INK)
            self.drawString(0, 0, text)
            self.endForm()
        super().save()


class PageRef(Flowable):
    """The pages an exhibit ends up on ("第 5–7 页"), or the total, printed before they are known:
    a form drawn now and defined when the canvas is saved, like the footer's page total."""

    TOTAL = "__total__"

    def __init__(self, key: str, size: float = 8.5) -> None:
        super().__init__()
        self.key = key
        self.size = size

    @staticmethod
    def form_name(key: str) -> str:
        return "ekPages_" + "".join(c if c.isalnum() else "_" for c in key)

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return min(avail_w, 28 * mm), self.size * 1.3

    def draw(self) -> None:
        refs = getattr(self.canv, "_ek_page_refs", None)
        if refs is None:
            refs = self.canv._ek_page_refs = {}  # type: ignore[attr-defined]
        refs[self.key] = self.size
        self.canv.saveState()
        self.canv.translate(0, self.size * 0.3)
        self.canv.doForm(self.form_name(self.key))
        self.canv.restoreState()


def build_pdf(story: list[Flowable], *, font: str, lang: str, dossier_id: str, title: str,
              out: Any) -> int:
    """Lay out ``story`` onto A4 pages with the dossier footer; returns the page count."""
    pages = {"count": 0}
    cjk.install()  # ids are never cut in two

    def on_page_end(canv: Canvas, doc: BaseDocTemplate) -> None:
        pages["count"] += 1
        _draw_footer(canv, font, lang, dossier_id)

    frame = Frame(MARGIN, MARGIN + FOOTER_H, FRAME_W, FRAME_H, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = DossierDocTemplate(
        out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + FOOTER_H, title=title, author="", subject="", creator="evidencekit",
        producer="evidencekit", invariant=1, pageCompression=1,
        lang="zh-CN" if lang == "zh" else "en",
    )
    doc._ek_font, doc._ek_lang = font, lang
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=on_page_end)])

    def make_canvas(*args: Any, **kwargs: Any) -> DossierCanvas:
        kwargs["initialFontName"] = font  # otherwise reportlab declares an unembedded Helvetica
        kwargs["initialFontSize"] = 10
        kwargs["initialLeading"] = 12
        canv = DossierCanvas(*args, **kwargs)
        canv._ek_lang = lang  # type: ignore[attr-defined]
        canv._ek_font = font  # type: ignore[attr-defined]
        canv._ek_exhibit = None  # type: ignore[attr-defined]
        canv.setTitle(title)
        return canv

    doc.build(story, canvasmaker=make_canvas)
    return pages["count"]


def _draw_footer(canv: Canvas, font: str, lang: str, dossier_id: str) -> None:
    canv.saveState()
    y = MARGIN
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN, y + 9 * mm, PAGE_W - MARGIN, y + 9 * mm)
    canv.setFont(font, 7.5)
    canv.setFillColor(MUTED)
    canv.drawString(MARGIN, y + 5 * mm, label("footer_id", lang, id=dossier_id[:16]))
    n = canv.getPageNumber()
    prefix = f"第 {n} / " if lang == "zh" else f"page {n} / "
    cx = PAGE_W / 2 - 14
    canv.drawString(cx, y + 5 * mm, prefix)
    canv.saveState()
    canv.translate(cx + canv.stringWidth(prefix, font, 7.5), y + 5 * mm)
    canv.doForm(DossierCanvas.total_form)
    canv.restoreState()
    exhibit = getattr(canv, "_ek_exhibit", None)
    if exhibit:
        no, sha = exhibit
        pages = getattr(canv, "_ek_pages", None)
        if pages is None:
            pages = canv._ek_pages = {}  # type: ignore[attr-defined]
        pages.setdefault(no, []).append(n)
        canv.drawRightString(PAGE_W - MARGIN, y + 5 * mm, label("footer_exhibit", lang, no=no, sha=sha[:16]))
    canv.restoreState()




def facts_box(styles: Styles, rows: list[tuple[str, str | None]], *, label_width: float = 28 * mm) -> Table:
    """A shaded two-column box of label / value rows (empty values left out)."""
    from reportlab.platypus import Paragraph


    cells = [[Paragraph(esc(k), styles.cell_small), Paragraph(esc(v), styles.cell)] for k, v in rows if v]
    table = Table(cells, colWidths=[label_width, FRAME_W - label_width])
    table.setStyle(table_style(styles.font,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ))
    return table
