"""Names of a certificate's subject and issuer, for display: the common name, else the whole name."""

from __future__ import annotations

from typing import Any


def subject_name(cert: Any) -> str | None:
    """The subject's common name (or its full name) of an asn1crypto certificate; None without one."""
    return _name(cert, "subject")


def issuer_name(cert: Any) -> str | None:
    return _name(cert, "issuer")


def _name(cert: Any, part: str) -> str | None:
    if cert is None:
        return None
    try:
        name = getattr(cert, part)
        return str(name.native.get("common_name") or name.human_friendly)
    except Exception:  # noqa: BLE001 - a name for display only: a damaged certificate shows none
        return None
