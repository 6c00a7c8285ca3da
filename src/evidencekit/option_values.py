"""The values of bundle's options, read the same way from bundle's command line and from a batch list's rows."""

from __future__ import annotations

import re

from evidencekit.i18n import Message, msg

PAGE_IMAGE_MODES = ("full", "print")

_SIZE = re.compile(r"(\d+(?:\.\d+)?)([KMG]?B?)")
# decimal units, as web forms state their limits
_UNITS = {"": 1, "B": 1, "K": 10**3, "KB": 10**3, "M": 10**6, "MB": 10**6, "G": 10**9, "GB": 10**9}


class BadValue(ValueError):
    """An option's value that cannot be used; ``message`` says why, in the catalog's words."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def parse_size(value: object) -> int | None:
    """``--size-warn``: ``20MB``, ``500KB``, ``1.5GB``, a number of bytes; ``0``, ``off`` or
    ``none``: never warn (None)."""
    if isinstance(value, bool):
        raise BadValue(msg("cli.size_invalid", value=str(value)))
    if isinstance(value, int):
        if value < 0:
            raise BadValue(msg("cli.size_invalid", value=str(value)))
        return value or None
    text = str(value).strip().upper().replace(" ", "")
    if text in ("0", "OFF", "NONE"):
        return None
    found = _SIZE.fullmatch(text)
    if not found:
        raise BadValue(msg("cli.size_invalid", value=str(value)))
    return int(float(found.group(1)) * _UNITS[found.group(2)]) or None


def parse_password(value: str) -> tuple[str, str]:
    """``--password NAME=SECRET`` as (NAME, SECRET): a secret may hold "=", a name not. The
    message never repeats the value (it may be a secret without its name)."""
    name, equals, secret = value.partition("=")
    if not equals or not name:
        raise BadValue(msg("err.password_option"))
    return name.replace("\\", "/").strip("/"), secret
