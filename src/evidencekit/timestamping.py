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
from typing import Any, Protocol

from asn1crypto import tsp
from pyhanko.sign.timestamps import HTTPTimeStamper

from evidencekit.errors import BadInput, SigningFailed
from evidencekit.i18n import Message, msg
from evidencekit.identity import home_dir

log = logging.getLogger("evidencekit")

TSA_ENV = "EVIDENCEKIT_TSA"
SETTINGS_FILE = "settings.toml"
DEFAULT_TIMEOUT = 10.0
ATTEMPTS = 3  # one request and up to two retries
BACKOFF = 0.5  # seconds before the first retry; doubled for each next one
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class _Limit(Protocol):
    def acquire(self, block: bool = ..., timeout: float | None = ...) -> bool: ...
    def release(self) -> None: ...


_request_limit: _Limit | None = None


def set_request_limit(limit: _Limit | None) -> None:
    """Cap the TSA requests in flight at once across processes: ``limit`` is a semaphore shared
    by every worker of a batch (a ``multiprocessing.BoundedSemaphore`` inherited at fork)."""
    global _request_limit
    _request_limit = limit


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


class RetryingTimeStamper(HTTPTimeStamper):
    """pyHanko's HTTP client, retried with exponential backoff when the TSA is busy or briefly
    away (HTTP 408/425/429/5xx, a refused connection, a timeout), and held to the shared limit.
    A TSA that says no for good (another 4xx, a reply that is not a token) is not asked again."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, attempts: int = ATTEMPTS,
                 backoff: float = BACKOFF) -> None:
        super().__init__(url, timeout=timeout)
        self.attempts = max(1, attempts)
        self.backoff = backoff

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        for attempt in range(self.attempts):
            try:
                return await self._limited(req)
            except Exception as exc:
                if attempt + 1 >= self.attempts or not retryable(exc):
                    raise
                delay = self.backoff * (2 ** attempt)
                log.info("TSA %s: %s; retrying in %.1f s", self.url, type(exc).__name__, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _limited(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        limit = _request_limit
        if limit is None:
            return await super().async_request_tsa_response(req)
        # one request per event loop here, so waiting on the process-shared semaphore in a
        # thread keeps the loop free without any further locking
        await asyncio.to_thread(limit.acquire)
        try:
            return await super().async_request_tsa_response(req)
        finally:
            limit.release()


def retryable(exc: BaseException) -> bool:
    """True for a failure that a later attempt may not have: busy, down or slow, not a refusal."""
    seen: BaseException | None = exc
    while seen is not None:
        status = getattr(seen, "status", None)
        if isinstance(status, int):
            return status in _RETRY_STATUS
        name = type(seen).__name__
        if name in ("ClientConnectorError", "ServerDisconnectedError", "ServerTimeoutError",
                    "ClientOSError", "ConnectionRefusedError", "ConnectionResetError") or isinstance(
                seen, (asyncio.TimeoutError, TimeoutError)):
            return True
        if name == "ContentTypeError":
            return False
        seen = seen.__cause__ or seen.__context__
    return False


def make_timestamper(url: str, timeout: float = DEFAULT_TIMEOUT) -> Any:
    return RetryingTimeStamper(url, timeout=timeout)


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
