"""Chats: whichever app exported them, they become a list of messages.

A message is ``{"time", "sender", "text", "attachments", "line", "system"}``; ``time`` is ISO
8601 with its offset (None when the export gives none), ``sender`` None for system lines,
``attachments`` the file names it refers to, ``line`` where it starts in the file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from evidencekit.extract import chats_plain, chats_qq, chats_telegram, chats_wechat, chats_whatsapp
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.text import decode_sample, detect_encoding, read_head
from evidencekit.model import Extraction

WECHAT_CSV_HEADER = re.compile(r"^\ufeff?localId,TalkerId,Type,SubType,IsSender,CreateTime", re.M)
WECHAT_TXT_FIRST_LINE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2} \S")
WECHAT_TXT_BLOCK = re.compile(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}:\d{2} \S[^\n]*\n(?!\d{4}-\d{2}-\d{2} )\S", re.M)


def chat_format_of(path: Path, mime: str) -> str | None:
    """'telegram', 'wechat-csv', 'qq-txt', 'qq-mht', 'wechat-txt', 'whatsapp', 'plain', or None if not a chat."""

    head = read_head(path, 64 * 1024)
    if chats_qq.looks_like_qq_mht(head):
        return "qq-mht"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        if re.search(rb'"messages"\s*:\s*\[', head) or re.search(rb'"chats"\s*:\s*\{', head):
            return "telegram"
        return None
    text = decode_sample(head, detect_encoding(head))
    if WECHAT_CSV_HEADER.search(text):
        return "wechat-csv"
    if chats_qq.looks_like_qq(text):
        return "qq-txt"
    if chats_whatsapp.looks_like_whatsapp(text):
        return "whatsapp"
    first_line = text.lstrip("\ufeff\r\n").split("\n", 1)[0]
    if len(WECHAT_TXT_BLOCK.findall(text)) >= 2 and WECHAT_TXT_FIRST_LINE.match(first_line):
        return "wechat-txt"
    if chats_plain.looks_like_plain_chat(text):
        return "plain"
    return None


def extract_chat(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """A chat export in any supported form; an unknown text file is read as a plain chat."""

    format_name = chat_format_of(path, mime)
    if format_name == "telegram" or (format_name is None and _looks_like_json(path)):
        return chats_telegram.extract_telegram(path, mime, options)
    if format_name == "wechat-csv":
        return chats_wechat.extract_wechat_csv(path, mime, options)
    if format_name == "qq-txt":
        return chats_qq.extract_qq_txt(path, mime, options)
    if format_name == "qq-mht":
        return chats_qq.extract_qq_mht(path, mime, options)
    if format_name == "wechat-txt":
        return chats_wechat.extract_wechat_txt(path, mime, options)
    if format_name == "whatsapp":
        return chats_whatsapp.extract_whatsapp(path, mime, options)
    return chats_plain.extract_plain_chat(path, mime, options)


def _looks_like_json(path: Path) -> bool:
    """A JSON object, or an array of objects: what a Telegram export, whole or damaged, starts
    with. A WhatsApp iOS export starts with "[" too, then a date: that is no JSON."""
    head = read_head(path, 4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not (head.startswith(b"{") or re.match(rb"\[\s*(?:\{|\]|$)", head)):
        return False
    try:
        json.loads(head)
    except json.JSONDecodeError as error:
        # Cut off by our read, or broken: either way it meant to be JSON.
        return error.pos > 0
    return True
