"""A parsed chat as a transcript: who, when, then every message under its day.

One Paragraph per message (a long message splits across pages like any paragraph); no
KeepTogether, so thousands of messages lay out in about a second.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from evidencekit.extract import options as extract_options
from evidencekit.model import Item
from evidencekit.render.document import MUTED, RUNNING_ATTR, SHADE, facts_box
from evidencekit.render.labels import label
from evidencekit.render.text import esc
from evidencekit.render.view import DossierView
from evidencekit.timefmt import beijing, show_time

ME = "#1f5f8b"
THEM = "#1d2733"
SYSTEM = "#7b8490"
LINK = "#8a1c1c"
TIME = "#5b6573"

PAGE_EXTRA = 200  # later messages naming a disputed id
#: The lines under a transcript cut short (labels.py is shared; these strings are the chat's own).
REMAINING = {"zh": "… 其余 {n} 条消息见附件原件", "en": "… the remaining {n} messages are in the attached original"}
LATER = {"zh": "其后提到争议交易单号的消息：", "en": "Later messages that name a disputed transaction:"}

FORMAT_NAMES = {
    "wechat-txt": ("微信聊天记录（留痕/MemoTrace TXT）", "WeChat chat (MemoTrace TXT)"),
    "wechat-csv": ("微信聊天记录（留痕/MemoTrace CSV）", "WeChat chat (MemoTrace CSV)"),
    "whatsapp-android": ("WhatsApp 导出（Android）", "WhatsApp export (Android)"),
    "whatsapp-ios": ("WhatsApp 导出（iOS）", "WhatsApp export (iOS)"),
    "telegram": ("Telegram Desktop 导出（result.json）", "Telegram Desktop export (result.json)"),
    "plain": ("纯文本聊天记录", "plain-text chat"),
    "qq-txt": ("QQ 消息记录导出（文本）", "QQ chat export (text)"),
    "qq-mht": ("QQ 消息记录导出（网页存档 .mht）", "QQ chat export (web archive .mht)"),
}


def has_messages(item: Item) -> bool:
    return bool(item.facts.get("messages"))


def file_key(name: str) -> str:
    """How attachment names are matched to case files: base name, NFC, case-insensitive."""
    base = PurePosixPath(name.replace("\\", "/")).name
    return unicodedata.normalize("NFC", base).casefold()


def exhibit_index(items: list[Item]) -> dict[str, str]:
    """Base name of every item → its exhibit number (the first, if names repeat)."""
    index: dict[str, str] = {}
    for item in items:
        index.setdefault(file_key(item.path), item.id)
    return index


def listed_messages(facts: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """(the first messages, listed in full; those after the cut that the facts kept because they
    name a disputed id; how many messages the chat has in all)."""
    messages: list[dict[str, Any]] = facts.get("messages") or []
    cut = facts.get("truncated")
    first = cut.get("first") if isinstance(cut, dict) else None
    first = first if isinstance(first, int) else len(messages)
    count = facts.get("message_count")
    total = max(count if isinstance(count, int) else 0, len(messages))
    shown = min(first, extract_options.KEPT_ROWS)  # whatever the facts hold: the rest are in the original
    return messages[:shown], messages[first:][:PAGE_EXTRA], total


def chat_flowables(view: DossierView, item: Item) -> list[Flowable]:
    """The chat's header facts and its transcript (the first ``KEPT_ROWS`` messages of a
    bigger one, a line saying where the rest are, and after it the later messages that name a
    disputed transaction)."""
    s, lang = view.styles, view.lang
    facts = item.facts
    messages: list[dict[str, Any]] = facts.get("messages") or []
    listed, later, total = listed_messages(facts)
    index = exhibit_index([i for i in view.items if i.id != item.id])
    flow: list[Flowable] = [Paragraph(esc(label("chat_title", lang)), s.h3), _header(view, facts, messages),
                            Paragraph(esc(label("chat_note", lang)), s.tiny), Spacer(1, 2 * mm)]
    transcript = _Transcript(view, index, {m.get("sender") for m in messages if m.get("from_me")})
    flow += transcript.lines(listed)
    if total > len(listed):
        key = "en" if lang == "en" else "zh"
        flow.append(Paragraph(esc(REMAINING[key].format(n=total - len(listed))), s.small))
        if later:
            flow.append(Paragraph(esc(LATER[key]), s.small))
            flow += transcript.lines(later)
    return flow


class _Transcript:
    """Messages as paragraphs under a line for each day."""

    def __init__(self, view: DossierView, index: dict[str, str], from_me: set[Any]) -> None:
        s = view.styles
        self.lang = view.lang
        self.index = index
        self.from_me = from_me
        self.day_style = ParagraphStyle("chat_day", fontName=s.font, fontSize=8.5, leading=12, spaceBefore=5,
                                        spaceAfter=2, textColor=MUTED, wordWrap="CJK", backColor=SHADE,
                                        borderPadding=(1.5, 3, 1.5, 3))
        self.msg_style = ParagraphStyle("chat_msg", fontName=s.font, fontSize=8.5, leading=11.5,
                                        leftIndent=15 * mm, firstLineIndent=-15 * mm, spaceAfter=2.2,
                                        wordWrap="CJK", textColor=colors.HexColor(THEM))
        self.sys_style = ParagraphStyle("chat_sys", parent=self.msg_style, textColor=colors.HexColor(SYSTEM),
                                        fontSize=7.5, leading=10)

    def lines(self, messages: list[dict[str, Any]]) -> list[Flowable]:
        lang = self.lang
        flow: list[Flowable] = []
        current_day: str | None = None
        unknown = esc(label("chat_unknown_time", lang))
        colon = ": " if lang == "en" else "："
        for message in messages:
            moment = beijing(message.get("time"))
            day = moment.strftime("%Y-%m-%d") if moment else None
            if day != current_day:
                current_day = day
                flow.append(Paragraph(esc(day) if day else unknown, self.day_style))
            clock = moment.strftime("%H:%M:%S") if moment else "--:--:--"
            text = esc(message.get("text") or "")
            refs = _attachment_refs(message.get("attachments") or [], str(message.get("text") or ""),
                                    self.index, lang)
            if message.get("system"):
                who = esc(message.get("sender") or label("chat_system", lang))
                body = f"{clock}&nbsp;&nbsp;[{who}] {text}{refs}"
                flow.append(_dated(Paragraph(body, self.sys_style), day))
                continue
            sender = message.get("sender") or ""
            colour = ME if message.get("from_me") or (sender in self.from_me and sender) else THEM
            body = (f"<font color='{TIME}'>{clock}</font>&nbsp;&nbsp;"
                    f"<font color='{colour}'>{esc(sender)}</font>{colon}"
                    f"{text}{refs}")
            flow.append(_dated(Paragraph(body, self.msg_style), day))
        return flow


def _dated(paragraph: Paragraph, day: str | None) -> Paragraph:
    """Let a page that starts with this message say which day it is."""
    if day:
        setattr(paragraph, RUNNING_ATTR, day)
    return paragraph


def _attachment_refs(names: list[str], text: str, index: dict[str, str], lang: str) -> str:
    """"→ 证据 E04" (a link) for attachments that are in the case; else say they are not."""
    out = []
    for name in names:
        number = index.get(file_key(str(name)))
        if number:
            out.append(f" <a href='#exhibit-{number}' color='{LINK}'>{esc(label('chat_points_to', lang, no=number))}</a>")
            continue
        named = "" if str(name) in text else f"{label('chat_attachment', lang)} {name} "
        out.append(f" <font color='{SYSTEM}' size='7'>{esc(named + label('chat_not_in_case', lang))}</font>")
    return "".join(out)


def _header(view: DossierView, facts: dict[str, Any], messages: list[dict[str, Any]]) -> Table:
    s, lang = view.styles, view.lang
    participants = list(facts.get("participants") or [])
    me = {m.get("sender") for m in messages if m.get("from_me")}
    shown = "，".join(p + (label("chat_me", lang) if p in me else "") for p in participants)
    fmt = facts.get("format") or ""
    names = FORMAT_NAMES.get(fmt)
    fmt_text = (names[0] if lang == "zh" else names[1]) if names else fmt
    if facts.get("encoding"):
        fmt_text += f" · {facts['encoding']}"
    span = ""
    if facts.get("start") or facts.get("end"):
        span = f"{show_time(facts.get('start'))} — {show_time(facts.get('end'))}"
    count = facts.get("message_count")
    count_text = str(count if count is not None else len(messages))
    pairs = [("chat_participants", shown), ("chat_range", span), ("chat_count", count_text),
             ("chat_format", fmt_text), ("chat_timezone", facts.get("timezone"))]
    return facts_box(s, [(label(k, lang), v) for k, v in pairs])
