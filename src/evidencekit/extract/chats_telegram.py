"""Telegram Desktop ``result.json``: one chat (``{name, type, id, messages}``) or a whole
account (``{chats: {list: [...]}}``).

``text`` is a string or a list of strings and ``{type, text}`` entities; service messages
(calls, joins, pins) have an ``actor`` and an ``action``; media not exported read
``(File not included. …)``. ``date_unixtime`` (UTC seconds) gives the true instant;
``date`` alone is the exporting computer's wall clock and is read as +08:00.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from evidencekit.extract.common import Warnings, epoch_iso, local_iso
from evidencekit.extract.messages import MessageList, chat_captured_at, chat_facts, message
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.text import encoding_of
from evidencekit.i18n import Message, msg
from evidencekit.model import Extraction

MEDIA_FIELDS = ("photo", "file", "thumbnail")
NOT_INCLUDED = "(File not included"
#: Where messages sit: a one-chat export, and each chat of a whole-account export.
MESSAGE_LISTS = ("messages", "chats.list.item.messages")
CHAT_FIELDS = ("name", "type", "id", "chats.list.item.name", "chats.list.item.type", "chats.list.item.id")
SCALARS = ("string", "number", "boolean", "null")
READ_BYTES = 64 * 1024


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


def _message_of(raw: dict[str, Any], chat_name: str | None, warnings: Warnings) -> dict[str, Any]:
    extra: dict[str, Any] = {"id": raw.get("id")}
    if chat_name is not None:
        extra["chat"] = chat_name
    time = _time(raw)
    if time is None:
        warnings.add(msg("warn.chat.date", value=repr(raw.get("date"))), where=msg("warn.where.message_id", id=raw.get("id")))
    if raw.get("type") == "service":
        sender = raw.get("actor") or raw.get("actor_id")
        return message(time, sender, _service_text(raw), None, system=True, **extra)
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
    return message(time, sender, text, None, attachments=attachments, **extra)


class _Utf8Source:
    """The file as UTF-8 bytes for ijson whatever its encoding (bad bytes replaced, a BOM
    dropped), counting lines as it goes so a parse error can say where it is."""

    def __init__(self, raw: BinaryIO, encoding: str) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(encoding)("replace")
        self.chunk_start = 1  # line where the chunk ijson is parsing begins
        self.chunk_end = 1  # and where it ends
        self.at_end = False

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing to learn whether the file gives bytes or text
            return b""
        while not self.at_end:
            data = self._raw.read(size if size > 0 else READ_BYTES)
            self.at_end = not data
            text = self._decoder.decode(data, final=self.at_end)
            if text:  # a chunk that ends inside a character may decode to nothing yet
                self.chunk_start = self.chunk_end
                self.chunk_end += text.count("\n")
                return text.encode("utf-8")
        return b""

    def where(self) -> Message:
        """The line (or the lines) holding the parser's position when it stopped."""
        if self.at_end or self.chunk_start == self.chunk_end:
            return msg("warn.where.line", n=self.chunk_end)
        return msg("warn.where.line_span", first=self.chunk_start, last=self.chunk_end)


class _Reader:
    """Walks ijson's events for the chats' names; hands each message list to ijson's own
    (C) builder, which gives one message at a time."""

    def __init__(self, messages: MessageList, warnings: Warnings) -> None:
        self.messages = messages
        self.warnings = warnings
        self.top: dict[str, Any] = {}  # name, type, id of a one-chat export
        self.chats: list[dict[str, Any]] = []  # of a whole-account export
        self.single = False  # a top-level "messages": a one-chat export
        self.account = False  # a top-level "chats": {"list": [...]}
        self._chat: dict[str, Any] | None = None

    def read(self, events: Iterator[tuple[str, str, Any]]) -> None:
        for prefix, event, value in events:
            if prefix == "" and event not in ("start_map", "end_map", "map_key"):
                return  # a list or a value at the top: not an export
            if prefix in MESSAGE_LISTS and event not in ("map_key", "end_map", "end_array"):
                if prefix == "messages":
                    self.single, self._chat = True, None
                if event == "start_array":
                    self._read_messages(_until_end(events, prefix), f"{prefix}.item")
                else:
                    name = self._chat["name"] if self._chat else self.top.get("name")
                    self.warnings.add(msg("warn.telegram.no_list", name=repr(name)))
            elif prefix == "chats.list" and event == "start_array":
                self.account = True
            elif prefix == "chats.list.item" and event == "start_map":
                self._chat = {"name": None, "type": None, "id": None}
                self.chats.append(self._chat)
            elif prefix in CHAT_FIELDS and event in SCALARS:
                key = prefix.rsplit(".", 1)[-1]
                if not prefix.startswith("chats."):
                    self.top[key] = value
                elif self._chat is not None:
                    self._chat[key] = value

    def _read_messages(self, events: Iterator[tuple[str, str, Any]], item_prefix: str) -> None:
        name = str(self._chat.get("name") or self._chat.get("id")) if self._chat is not None else None
        for index, raw in enumerate(ijson.items(events, item_prefix), start=1):
            if not isinstance(raw, dict):
                self.warnings.add(msg("warn.telegram.not_object"), where=msg("warn.where.message_index", n=index))
                continue
            self.messages.add(_message_of(raw, name, self.warnings))


def _until_end(events: Iterator[tuple[str, str, Any]], prefix: str) -> Iterator[tuple[str, str, Any]]:
    """The events up to the end of the list at ``prefix``, whose start was just read."""
    for item in events:
        yield item
        if item[1] == "end_array" and item[0] == prefix:
            return


def extract_telegram(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Messages of a Telegram Desktop JSON export (one chat or the whole account), streamed:
    memory holds one message at a time, and a file cut off part-way gives every message
    before the cut, with a warning."""
    warnings = Warnings(path)
    messages = MessageList(options)
    reader = _Reader(messages, warnings)
    encoding = encoding_of(path)
    try:
        with path.open("rb") as raw:
            source = _Utf8Source(raw, encoding.name)
            reader.read(ijson.parse(source, buf_size=READ_BYTES, use_float=True))
    except ijson.JSONError as error:
        reason = str(error.args[0] if error.args else error)
        if isinstance(error.args[0] if error.args else None, bytes):
            reason = error.args[0].decode("utf-8", "replace")
        reason = reason.strip().splitlines()[0] if reason.strip() else "invalid JSON"
        warnings.add(msg("warn.telegram.invalid_json_read" if messages.seen else "warn.telegram.invalid_json",
                         detail=reason, read=messages.seen), where=source.where())
        if not messages.seen:
            return Extraction(warnings=warnings.as_list())
    except (OSError, RecursionError) as error:
        warnings.add(msg("warn.telegram.unreadable", detail=str(error)))
        return Extraction(warnings=warnings.as_list())
    if reader.account:
        variant = "telegram-account"
        chats = [{"name": str(c.get("name") or c.get("id")), "type": c.get("type"), "id": c.get("id")}
                 for c in reader.chats]
    elif reader.single:
        variant = "telegram"
        top = reader.top
        chats = [{"name": top.get("name"), "type": top.get("type"), "id": top.get("id")}]
    else:
        warnings.add(msg("warn.telegram.not_telegram"))
        return Extraction(warnings=warnings.as_list())
    facts = chat_facts("telegram", messages, warnings, export=variant, chats=chats, timezone="+08:00")
    return Extraction(kind="chat", facts=facts, warnings=warnings.as_list(), captured_at=chat_captured_at(facts))
