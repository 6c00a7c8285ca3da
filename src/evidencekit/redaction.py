"""What a public copy hides, and how: personal data found in text lines, boxes in whole pixels,
and the boxed rendition — deterministic, so anyone holding the original can redo it.

Pure: text lines in (OCR's, or a page's), spans and boxes out; pixels in, pixels out. The
values found are never kept beyond the span that hides them: a :class:`Mask` carries its
category and where it is, not what it hid.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from evidencekit.extract.images import heif_support

#: The categories a mask is counted under (the catalog says each in words).
CATEGORIES = ("phone", "id-number", "bank-card", "email", "name", "address", "party", "account", "user-text", "user-box")

Box = tuple[int, int, int, int]  # x0, y0, x1, y1: whole pixels, x1 and y1 exclusive

_PHONE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
                        r"(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])\d{4}(?:[\s-]?\d{2,4}){2,4}(?:[\s-]?\d{1,4})?(?![0-9A-Za-z])")
_CARD_LABEL = re.compile(r"(?:银行)?卡号|银行卡|收款账号|付款账号|card\s*no\.?", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+*-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PARTY_LABEL = re.compile(r"^\s*(?:收款人|付款人|(?:收款|付款)方(?:全称|名称|户名)?(?!式)|(?:对方)?户名|对方账户|对方(?![账单式])"
                          r"|姓名|真实姓名|账号|帐号|用户名|昵称|联系人|收货人|(?:联系|手机)?电话|手机号码?"
                          r"|身份证号?码?|证件号码?|(?:收货|联系|家庭|住)?地址|邮箱)\s*[:：]?\s*")
_ORGANISATION = re.compile(r"公司|有限|集团|银行|商户|商家|平台|店|中心|科技|支付宝|微信|财付通|客服|[（(]个体")
# a merchant in a bill: what a person's name is not
_MERCHANT = re.compile(r"餐|超市|移动|联通|电信|地铁|公交|药|酒店|便利|外卖|美团|饿了么|滴滴|京东|淘宝|天猫|拼多多|余额宝|"
                       r"花呗|基金|保险|证券|医院|学校|政府|税务|水务|电力|燃气|物业|加油|停车|铁路|航空")
_PERSON = re.compile(r"[\u4e00-\u9fff·]{2,5}")
_NEXT_LABEL = re.compile(r"[\u4e00-\u9fff]{2,}(?:[（(][^）)]*[）)])?[:：]")
_KEEP_LAST = 4  # a card number keeps its last digits, as the apps show it


class LineLike(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def box(self) -> tuple[float, float, float, float]: ...


@dataclass(frozen=True)
class Rules:
    """Whose data to hide: the complainant's own values from case.toml and the user's additions."""

    names: tuple[str, ...] = ()  # the complainant's (and agent's) names
    addresses: tuple[str, ...] = ()
    values: tuple[str, ...] = ()  # the complainant's phone, ID number, account as written in case.toml
    user: tuple[str, ...] = ()  # [public] redact
    parties: tuple[str, ...] = ()  # third parties named by the exhibit itself: a chat's senders, a bill's payees

    @classmethod
    def from_case(cls, case: dict[str, Any]) -> Rules:
        people = [case.get("complainant") or {}]
        if isinstance(people[0].get("agent"), dict):
            people.append(people[0]["agent"])
        names = tuple(p["name"] for p in people if isinstance(p.get("name"), str) and p["name"].strip())
        addresses = tuple(p["address"] for p in people if isinstance(p.get("address"), str) and p["address"].strip())
        values = tuple(str(p[k]) for p in people for k in ("id_number", "phone", "account")
                       if isinstance(p.get(k), str) and len(p[k].strip()) >= 5 and "*" not in p[k])
        user = tuple((case.get("public") or {}).get("redact") or ())
        return cls(names, addresses, values, user)


@dataclass(frozen=True)
class Span:
    """Characters ``start``..``end`` of a text hold personal data of ``category``."""

    start: int
    end: int
    category: str


@dataclass(frozen=True)
class Mask:
    """One box on an exhibit's upright image, and why (never what it hides)."""

    box: Box
    category: str

    def to_dict(self) -> dict[str, Any]:
        return {"box": list(self.box), "category": self.category}


def find_spans(text: str, rules: Rules, *, card_context: bool = False) -> list[Span]:
    """Every stretch of ``text`` holding personal data, merged where they overlap."""
    found: list[Span] = []
    compact, where = _without_spaces(text)

    def add(start: int, end: int, category: str) -> None:
        if end > start:
            found.append(Span(start, end, category))

    for match in _ID_NUMBER.finditer(text):
        add(match.start(), match.end(), "id-number")
    for match in _PHONE.finditer(text):
        add(match.start(), match.end(), "phone")
    for match in _EMAIL.finditer(text):
        add(match.start(), match.end(), "email")
    labelled = card_context or bool(_CARD_LABEL.search(text))
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if any(s.start <= match.start() < s.end for s in found):
            continue
        if (13 <= len(digits) <= 19 and _luhn(digits)) or (labelled and 12 <= len(digits) <= 19):
            # box the leading digits only: the last four stay, as the apps show them
            cut = _position_of_digit(match.group(), len(digits) - _KEEP_LAST)
            add(match.start(), match.start() + cut, "bank-card")
    for category, needles in (("name", rules.names), ("address", rules.addresses), ("user-text", rules.user),
                              ("account", rules.values), ("party", rules.parties)):
        for needle in needles:
            for start, end in _occurrences(compact, where, needle):
                add(start, end, category)
    for category, needles in (("address", rules.addresses),):
        for needle in needles:  # an address broken over lines: its longest part on this one
            start, end = _longest_common(text, needle)
            if end - start >= min(6, len(needle)):
                add(start, end, category)
    label = _PARTY_LABEL.search(text)
    if label:
        # OCR merges neighbouring fields ("账号：zhangsan_2025点券余额：120"): the value ends where the next label starts
        following = _NEXT_LABEL.search(text, label.end())
        end = following.start() if following else len(text.rstrip())
        start = label.end() + len(text[label.end():end]) - len(text[label.end():end].lstrip())
        value = text[start:end].strip()
        if value and not _ORGANISATION.search(value) and "*" not in value and len(value) <= 24:
            add(start, start + len(text[start:end].rstrip()), "party")
    return _merge(found)


def party_label_only(text: str) -> bool:
    """The line is a bare party label (收款方, 对方账户 …): its value is the text beside it."""
    match = _PARTY_LABEL.fullmatch(text.strip())
    return match is not None


def person_like(text: str) -> bool:
    """A bill's counterparty that reads as a person's name (2 to 5 Chinese characters, no merchant word)."""
    value = text.strip()
    return _PERSON.fullmatch(value) is not None and not _MERCHANT.search(value) and party_value_personal(value)


def party_value_personal(text: str) -> bool:
    value = text.strip()
    return bool(value) and not _ORGANISATION.search(value) and "*" not in value and len(value) <= 24


def line_masks(lines: Sequence[LineLike], rules: Rules, width: int, height: int) -> list[Mask]:
    """The boxes hiding every span found in ``lines``. Apps lay a row out as two text boxes, label
    left and value right: the value beside a bare party label (收款方) is a name, beside a bare card
    label (卡号) a card number; a name found so is hidden wherever else the screen shows it (the
    bill detail's heading repeats the payee)."""
    learned: list[str] = []
    card_lines: set[int] = set()
    for line in lines:
        beside = _beside(line, lines) if party_label_only(line.text) or card_label_only(line.text) else None
        if beside is None:
            continue
        if card_label_only(line.text):
            card_lines.add(id(beside))
        elif party_value_personal(beside.text) and not find_spans(beside.text, rules):
            learned.append(beside.text.strip())
    masks: list[Mask] = []
    for line in lines:
        spans = find_spans(line.text, rules, card_context=id(line) in card_lines)
        for value in learned:
            spans += [Span(start, end, "party") for start, end in _occurrences(*_without_spaces(line.text), value)]
        for span in _merge(spans):
            masks.append(Mask(sub_box(line, span.start, span.end, width, height), span.category))
    return _dedupe(masks)


def card_label_only(text: str) -> bool:
    return _CARD_LABEL.fullmatch(text.strip()) is not None


def sub_box(line: LineLike, start: int, end: int, width: int, height: int) -> Box:
    """The part of ``line``'s box holding characters ``start``..``end``, in whole pixels.

    Positions are proportional to the characters' widths (a CJK character is about twice a
    digit's), with a margin of half a narrow character each side and a little above and below,
    since a detector's box hugs the glyphs.
    """
    x0, y0, x1, y1 = line.box
    weights = [_weight(c) for c in line.text] or [1.0]
    total = sum(weights)
    unit = (x1 - x0) / total
    left = x0 + sum(weights[:start]) * unit
    right = x0 + sum(weights[:end]) * unit
    pad_x = 0.35 * unit
    pad_y = 0.12 * (y1 - y0) + 1
    keep_whole_end = end >= len(line.text)
    box = (int(left - pad_x), int(y0 - pad_y),
           int(right + (pad_x if keep_whole_end else 0.1 * unit)) + 1, int(y1 + pad_y) + 1)
    return clamp(box, width, height)


def clamp(box: Sequence[int], width: int, height: int) -> Box:
    x0, y0, x1, y1 = (int(v) for v in box)
    return (max(0, min(x0, width)), max(0, min(y0, height)), max(0, min(x1, width)), max(0, min(y1, height)))


def counts(masks: Iterable[Mask]) -> dict[str, int]:
    out: dict[str, int] = {}
    for mask in masks:
        out[mask.category] = out.get(mask.category, 0) + 1
    return dict(sorted(out.items()))


# ----------------------------------------------------------------------------- pixels

def upright_rgb(data: bytes) -> Any:
    """The image as shown upright (EXIF orientation applied), RGB (transparency on white),
    with nothing of the file but its pixels: no EXIF, ICC profile, thumbnail or text chunks.
    The one decoding both the public copy and its check use."""
    from PIL import Image, ImageOps

    heif_support()
    with Image.open(io.BytesIO(data)) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            page = Image.new("RGB", rgba.size, (255, 255, 255))
            page.paste(rgba, mask=rgba.getchannel("A"))
            image = page
        else:
            image = image.convert("RGB")
        return Image.frombytes("RGB", image.size, image.tobytes())


def apply_boxes(image: Any, boxes: Iterable[Sequence[int]]) -> Any:
    """A copy of ``image`` with every box filled pure black (x1, y1 exclusive)."""
    from PIL import ImageDraw

    out = image.copy()
    draw = ImageDraw.Draw(out)
    for x0, y0, x1, y1 in boxes:
        if x1 > x0 and y1 > y0:
            draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=(0, 0, 0))
    return out


def encode_png(image: Any) -> bytes:
    """PNG with no metadata chunks: the same pixels always give the same bytes (one zlib level)."""
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def box_mask(size: tuple[int, int], boxes: Iterable[Sequence[int]]) -> Any:
    """A 1-bit picture: white where a box is."""
    from PIL import Image, ImageDraw

    mask = Image.new("1", size, 0)
    draw = ImageDraw.Draw(mask)
    for x0, y0, x1, y1 in boxes:
        if x1 > x0 and y1 > y0:
            draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=1)
    return mask


def preview(image: Any, masks: Iterable[Mask]) -> Any:
    """For ``--dry-run``: the original with each box outlined in red and shaded, to check by eye."""
    from PIL import ImageDraw

    out = image.copy().convert("RGB")
    draw = ImageDraw.Draw(out, "RGBA")
    for mask in masks:
        x0, y0, x1, y1 = mask.box
        draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=(0, 0, 0, 150), outline=(230, 0, 0, 255), width=3)
    return out


# ----------------------------------------------------------------------------- text

def mask_text(text: str, rules: Rules) -> tuple[str, list[Span]]:
    """``text`` with every personal span replaced by as many ``*``, and the spans."""
    spans = find_spans(text, rules)
    chars = list(text)
    for span in spans:
        for n in range(span.start, span.end):
            if not chars[n].isspace():
                chars[n] = "*"
    return "".join(chars), spans


# ----------------------------------------------------------------------------- helpers

def _weight(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.55


def _luhn(digits: str) -> bool:
    total = 0
    for n, d in enumerate(reversed(digits)):
        v = int(d) * (2 if n % 2 else 1)
        total += v - 9 if v > 9 else v
    return total % 10 == 0


def _position_of_digit(text: str, n: int) -> int:
    """Index in ``text`` of its ``n``-th digit (0-based)."""
    seen = 0
    for i, c in enumerate(text):
        if c.isdigit():
            if seen == n:
                return i
            seen += 1
    return len(text)


def _without_spaces(text: str) -> tuple[str, list[int]]:
    where = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in where), where


def _occurrences(compact: str, where: list[int], needle: str) -> Iterable[tuple[int, int]]:
    wanted = re.sub(r"\s+", "", needle)
    if not wanted:
        return
    start = compact.find(wanted)
    while start >= 0:
        yield where[start], where[start + len(wanted) - 1] + 1
        start = compact.find(wanted, start + 1)


def _longest_common(text: str, needle: str) -> tuple[int, int]:
    best = (0, 0)
    for i in range(len(text)):
        for j in range(i + best[1] - best[0] + 1, len(text) + 1):
            if text[i:j] in needle:
                best = (i, j)
            else:
                break
    return best


def _merge(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            last = out[-1]
            out[-1] = Span(last.start, max(last.end, span.end), last.category)
        else:
            out.append(span)
    return out


def _beside(label: LineLike, lines: Sequence[LineLike]) -> LineLike | None:
    """The nearest line to the right of ``label`` on the same row (their heights overlap by half)."""
    _, ly0, lx1, ly1 = label.box
    best: LineLike | None = None
    for line in lines:
        x0, y0, _, y1 = line.box
        overlap = min(ly1, y1) - max(ly0, y0)
        if line is not label and x0 >= lx1 - 2 and overlap >= 0.5 * min(ly1 - ly0, y1 - y0):
            if best is None or x0 < best.box[0]:
                best = line
    return best


def _dedupe(masks: list[Mask]) -> list[Mask]:
    seen: set[Box] = set()
    out = []
    for mask in sorted(masks, key=lambda m: (m.box[1], m.box[0], m.box[2], m.box[3], m.category)):
        if mask.box not in seen and mask.box[2] > mask.box[0] and mask.box[3] > mask.box[1]:
            seen.add(mask.box)
            out.append(mask)
    return out
