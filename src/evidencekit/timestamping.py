"""RFC 3161 timestamps: which TSA to ask, and making sure it answers before we rely on it.

The TSA comes from, in order: ``bundle --tsa URL``, the ``EVIDENCEKIT_TSA`` environment
variable, or ``tsa = "URL"`` in ``settings.toml`` in ``EVIDENCEKIT_HOME``.

The manifest records ``time_source`` before the dossier is sealed, so bundle asks the
TSA for a (throw-away) token *before* it renders anything: a TSA that does not answer
is found out while the manifest can still say "local-clock" honestly (with
``--tsa-optional``) or the run can stop cleanly (exit 7). The probe's token is kept by
pyHanko as its size estimate, so the probe costs no extra request.
"""

from __future__ import annotations

import asyncio
import logging
import os
import tomllib
from dataclasses import dataclass
from typing import Any

from evidencekit.errors import BadInput, SigningFailed
from evidencekit.i18n import Message, msg
from evidencekit.identity import home_dir

log = logging.getLogger("evidencekit")

TSA_ENV = "EVIDENCEKIT_TSA"
SETTINGS_FILE = "settings.toml"
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class TsaChoice:
    url: str | None
    source: str  # "option" | "env" | "settings" | "none"


def configured_tsa(explicit: str | None = None, *, disabled: bool = False) -> TsaChoice:
    """The TSA URL to use: ``explicit``, else the environment, else settings.toml."""
    if disabled:
        return TsaChoice(None, "none")
    if explicit:
        return TsaChoice(_check_url(explicit, "--tsa"), "option")
    env = os.environ.get(TSA_ENV, "").strip()
    if env:
        return TsaChoice(_check_url(env, TSA_ENV), "env")
    settings = home_dir() / SETTINGS_FILE
    if settings.is_file():
        try:
            data = tomllib.loads(settings.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise BadInput(msg("err.settings_unreadable", path=str(settings), detail=str(exc)),
                           msg("err.settings_unreadable.hint")) from exc
        value = data.get("tsa")
        if value is not None:
            if not isinstance(value, str) or not value.strip():
                raise BadInput(msg("err.settings_tsa", path=str(settings)), msg("err.settings_tsa.hint"))
            return TsaChoice(_check_url(value.strip(), str(settings)), "settings")
    return TsaChoice(None, "none")


def _check_url(url: str, where: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise BadInput(msg("err.tsa_url", where=where, url=repr(url)), msg("err.tsa_url.hint"))
    return url


class TimestampFailed(SigningFailed):
    """The TSA could not be reached, refused, or answered something that is not a token."""

    def __init__(self, url: str, detail: str | Message):
        super().__init__(msg("err.tsa_failed", url=url, cause=detail), msg("err.tsa_failed.hint"))
        self.url = url
        self.detail = detail


def make_timestamper(url: str, timeout: float = DEFAULT_TIMEOUT) -> Any:
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=timeout)


def describe_failure(exc: BaseException) -> Message:
    """A short, human cause from pyHanko's and aiohttp's exception chain: the usual causes
    in the catalog's words, anything else as the library says it."""
    parts: list[str] = []
    seen: BaseException | None = exc
    while seen is not None and len(parts) < 4:
        text: str = str(seen).strip()
        status = getattr(seen, "status", None)
        if status:
            text = msg("tsa.http", status=status, reason=str(getattr(seen, "message", "") or "").strip())
        elif type(seen).__name__ in ("ClientConnectorError", "ConnectionRefusedError"):
            text = msg("tsa.refused")
        elif isinstance(seen, asyncio.TimeoutError) or type(seen).__name__ in ("TimeoutError", "ServerTimeoutError"):
            text = msg("tsa.timeout")
        elif type(seen).__name__ == "ContentTypeError":
            text = getattr(seen, "message", text)
        if text and text not in parts and text != "Error while contacting timestamp service":
            parts.append(text)
        seen = seen.__cause__ or seen.__context__
    return msg("tsa.causes", causes=parts or [type(exc).__name__])


def probe(timestamper: Any) -> dict[str, Any]:
    """Ask the TSA for one token now; raise :class:`TimestampFailed` if it does not give one.

    Returns what the TSA said about itself (name and time), for messages.
    """
    url = getattr(timestamper, "url", "?")
    try:
        token = asyncio.run(timestamper.async_dummy_response("sha256"))
        tst_info = token["content"]["encap_content_info"]["content"].parsed
        gen_time = tst_info["gen_time"].native
        certs = [c.chosen for c in token["content"]["certificates"] or []]
    except Exception as exc:
        raise TimestampFailed(url, describe_failure(exc)) from exc
    name = None
    tsa_field = tst_info["tsa"]
    if tsa_field.native is not None:
        try:
            name = tsa_field.chosen.human_friendly
        except Exception:  # noqa: BLE001 - the TSA's name is for display; the certificate's name is the fallback
            name = None
    if name is None and certs:
        name = certs[0].subject.native.get("common_name")
    return {"url": url, "name": name, "time": gen_time}
