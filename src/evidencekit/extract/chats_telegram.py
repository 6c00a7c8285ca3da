"""Telegram Desktop ``result.json``: one chat (``{name, type, id, messages}``) or a whole
account (``{chats: {list: [...]}}``).

``text`` is a string or a list of strings and ``{type, text}`` entities; service messages
(calls, joins, pins) have an ``actor`` and an ``action``; media not exported read
``(File not included. …)``. ``date_unixtime`` (UTC seconds) gives the true instant;
``date`` alone is the exporting computer's wall clock and is read as +08:00.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evidencekit.extract.chats import MessageList, chat_captured_at, chat_facts, message
from evidencekit.extract.common import Warnings, epoch_iso, local_iso
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.text import encoding_of
from evidencekit.model import Extraction

MEDIA_FIELDS = ("photo", "file", "thumbnail")
NOT_INCLUDED = "(File not included"


def entity_text(value: Any) -> str:
    """A message's ``text`` as one string; links keep their address when it is not shown."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts: list[str] = []
    for piece in value:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, dict):
            text = str(piece.get("text", ""))
            href = piece.get("href")
            parts.append(f"{text} ({href})" if isinstance(href, str) and href and href != text else text)
    return "".join(parts)


def _media(raw: dict[str, Any]) -> dict[str, Any] | None:
    for field in MEDIA_FIELDS:
        value = raw.get(field)
        if isinstance(value, str) and value:
            included = not value.startswith(NOT_INCLUDED)
            media: dict[str, Any] = {
                "type": raw.get("media_type") or field,
                "file": value if included else None,
                "included": included,
            }
            for key in ("mime_type", "duration_seconds", "file_name"):
                if key in raw:
                    media[key] = raw[key]
            return media
    return None


def _time(raw: dict[str, Any]) -> str | None:
    if raw.get("date_unixtime") is not None:
        moment = epoch_iso(raw["date_unixtime"])
        if moment:
            return moment
    return local_iso(str(raw.get("date", "")).replace("T", " "))


def _service_text(raw: dict[str, Any]) -> str:
    action = str(raw.get("action", "service"))
    details = [f"{key}={raw[key]}" for key in ("title", "duration_seconds", "discard_reason", "members") if key in raw]
    text = entity_text(raw.get("text"))
    summary = f"[{action}{' ' + ', '.join(details) if details else ''}]"
    return f"{summary} {text}".strip()


def _read_messages(raw_messages: Any, chat_name: str | None, messages: MessageList, warnings: Warnings) -> None:
    if not isinstance(raw_messages, list):
        warnings.add(f"chat {chat_name!r} has no message list")
        return
    for index, raw in enumerate(raw_messages):
        if not isinstance(raw, dict):
            warnings.add("is not a message object; skipped", where=f"message #{index + 1}")
            continue
        extra: dict[str, Any] = {"id": raw.get("id")}
        if chat_name is not None:
            extra["chat"] = chat_name
        time = _time(raw)
        if time is None:
            warnings.add(f"date {raw.get('date')!r} is not readable", where=f"message id {raw.get('id')}")
        if raw.get("type") == "service":
            sender = raw.get("actor") or raw.get("actor_id")
            messages.add(message(time, sender, _service_text(raw), None, system=True, **extra))
            continue
        sender = raw.get("from") or raw.get("from_id")
        text = entity_text(raw.get("text"))
        media = _media(raw)
        attachments: list[str] = []
        if media is not None:
            extra["media"] = media
            if media["file"]:
                attachments.append(media["file"])
            if not text:
                seconds = media.get("duration_seconds")
                label = f"{media['type']} {seconds}s" if seconds is not None else str(media["type"])
                text = f"[{label}{'' if media['included'] else ', not exported'}]"
        messages.add(message(time, sender, text, None, attachments=attachments, **extra))


def extract_telegram(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Messages of a Telegram Desktop JSON export (one chat or the whole account)."""
    warnings = Warnings(path)
    encoding = encoding_of(path)
    try:
        with path.open(encoding=encoding.name, errors="replace") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as error:
        warnings.add(f"invalid JSON ({error.msg}, column {error.colno}); no messages read", error.lineno)
        return Extraction(warnings=warnings.as_list())
    except (OSError, RecursionError) as error:
        warnings.add(f"could not be read as JSON ({error})")
        return Extraction(warnings=warnings.as_list())
    messages = MessageList(options)
    chats: list[dict[str, Any]] = []
    if isinstance(data, dict) and isinstance(data.get("chats"), dict):
        chat_list = data["chats"].get("list", [])
        for chat in chat_list if isinstance(chat_list, list) else []:
            if isinstance(chat, dict):
                name = str(chat.get("name") or chat.get("id"))
                chats.append({"name": name, "type": chat.get("type"), "id": chat.get("id")})
                _read_messages(chat.get("messages"), name, messages, warnings)
        variant = "telegram-account"
    elif isinstance(data, dict) and "messages" in data:
        chats.append({"name": data.get("name"), "type": data.get("type"), "id": data.get("id")})
        _read_messages(data.get("messages"), None, messages, warnings)
        variant = "telegram"
    else:
        warnings.add("JSON without 'messages' or 'chats': not a Telegram export")
        return Extraction(warnings=warnings.as_list())
    facts = chat_facts("telegram", messages, warnings, export=variant, chats=chats, timezone="+08:00")
    return Extraction(kind="chat", facts=facts, warnings=warnings.as_list(), captured_at=chat_captured_at(facts))
