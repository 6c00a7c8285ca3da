"""The tool's one source of "now", honouring ``SOURCE_DATE_EPOCH``."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

#: Displayed times use China Standard Time: every channel reads Beijing time.
CHINA_TZ = timezone(timedelta(hours=8), "CST")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds), in +08:00."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=CHINA_TZ)
        except ValueError:
            pass
    return datetime.now(tz=CHINA_TZ).replace(microsecond=0)


def fixed_clock(when: datetime) -> Clock:
    """A clock that always answers ``when`` (tests)."""
    return lambda: when


def iso(dt: datetime) -> str:
    """ISO 8601 with seconds and offset, e.g. ``2025-03-12T20:15:03+08:00``."""
    return dt.isoformat(timespec="seconds")
