"""A long screenshot (a scrolling capture, 1080×8000) across pages at a width a person can read.

Fitted to one page such a picture is a strip a few centimetres wide. Instead it is shown at
``STRIP_W`` and cut into bands, one per page, each band a crop of the same image XObject
(the image is stored once). Each band after the first repeats the last few millimetres of the
one before, so a line of text cut at a page edge is whole on one of the two, and says which
pixels it shows: "（续）… 第 2 段，像素 2380–4790 / 8000".
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from evidencekit.render.document import FRAME_H, FRAME_W, MUTED, RULE, Slot, TextLayer
from evidencekit.render.labels import label

STRIP_W = 110 * mm  # about one and a half times a phone's own width
READABLE_W = 80 * mm  # a picture fitted to one page narrower than this is cut into bands instead
OVERLAP = 4 * mm  # what each band repeats of the one before
MIN_BAND = 40 * mm  # a band shorter than this is not started at the foot of a page
LABEL_H = 11.0


def needs_strips(width: float, height: float) -> bool:
    """True when fitting the whole picture on one page would make it narrower than ``READABLE_W``."""
    return width > 0 and height > 0 and (FRAME_H - 40) * width / height < READABLE_W


class ImageStrips(Flowable):
    """The picture from ``top`` (a fraction of its height) down, cut where a page ends."""

    def __init__(self, key: str, content_w: float, content_h: float, slots: list[Slot], *, font: str, lang: str,
                 item_id: str, top: float = 0.0, piece: int = 1, bottom: float | None = None,
                 text_layer: TextLayer | None = None, after: float = 0.0) -> None:
        super().__init__()
        self.key, self.content_w, self.content_h, self.slots = key, content_w, content_h, slots
        self.font, self.lang, self.item_id = font, lang, item_id
        self.top, self.piece, self.bottom = top, piece, bottom
        # the OCR lines of this band (the invisible text layer); ``after``: where the band before ended
        self.text_layer, self.after = text_layer, after
        self.width = min(STRIP_W, content_w * 1.5, FRAME_W)  # never blown up past 1.5 pt a pixel
        self.scale = self.width / content_w

    def _labels_h(self, last: bool) -> float:
        return (LABEL_H if self.piece > 1 else 0.0) + (0.0 if last else LABEL_H)

    def _image_h(self, bottom: float) -> float:
        return (bottom - self.top) * self.content_h * self.scale

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        bottom = 1.0 if self.bottom is None else self.bottom
        self.height = self._image_h(bottom) + self._labels_h(self.bottom is None) + 8
        return FRAME_W, self.height

    def split(self, avail_w: float, avail_h: float) -> list[Flowable]:
        if self.bottom is not None:
            return []
        room = avail_h - self._labels_h(False) - 8
        if room < MIN_BAND:
            return []  # the band starts on the next page
        cut = self.top + room / (self.content_h * self.scale)
        if cut >= 1.0:
            return [self]
        args = (self.key, self.content_w, self.content_h, self.slots)
        kw = {"font": self.font, "lang": self.lang, "item_id": self.item_id, "text_layer": self.text_layer}
        here = ImageStrips(*args, **kw, top=self.top, piece=self.piece, bottom=cut,  # type: ignore[arg-type]
                           after=self.after)
        overlap = OVERLAP / (self.content_h * self.scale)
        rest = ImageStrips(*args, **kw, top=max(self.top, cut - overlap), piece=self.piece + 1,  # type: ignore[arg-type]
                           after=cut)
        return [here, rest]

    def draw(self) -> None:
        canv = self.canv
        last = self.bottom is None
        bottom = 1.0 if self.bottom is None else self.bottom
        w, h = self.width, self._image_h(bottom)
        x = (FRAME_W - w) / 2
        y = 4 + (0.0 if last else LABEL_H)
        canv.saveState()
        canv.setFont(self.font, 7.5)
        canv.setFillColor(MUTED)
        first_px, last_px = round(self.top * self.content_h), round(bottom * self.content_h)
        if self.piece > 1:
            canv.drawString(x, y + h + 4, label("strip_continued", self.lang, id=self.item_id, n=self.piece,
                                                start=first_px, end=last_px, total=round(self.content_h)))
        if not last:
            canv.drawString(x, 4, label("strip_next", self.lang, id=self.item_id, end=last_px,
                                        total=round(self.content_h)))
        key = f"{self.key}#s{self.piece}"
        ax, ay = canv.absolutePosition(x, y)
        self.slots[:] = [s for s in self.slots if s.key != key]
        self.slots.append(Slot(key, canv.getPageNumber(), ax, ay, w, h, crop=(self.top, bottom)))
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.rect(x - 1, y - 1, w + 2, h + 2)
        canv.restoreState()
        if self.text_layer is not None:
            self.text_layer.draw(canv, x, y, w, h, band=(self.top, bottom), after=self.after)
